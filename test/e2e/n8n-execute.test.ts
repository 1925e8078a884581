/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * End to end in real n8n (`n8n import:workflow` + `n8n execute --id`): the packed package
 * installed as a community package, the example workflows run against the DevRev emulator.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as rt from '../../scripts/n8n/n8n';
import type { Instance } from './helpers';
import {
	SETUP_TIMEOUT_MS,
	TEST_TIMEOUT_MS,
	describeE2E,
	WORKFLOW_IDS,
	executeWorkflow,
	parseCsvLine,
	prepareInstance,
} from './helpers';

interface Item {
	json: Record<string, unknown>;
}

type RunData = Record<string, Array<{ data: { main: Item[][] } }>>;

/** Items a node put out in the (only) run of a finished execution. */
function nodeOutput(
	output: { data?: { resultData?: { runData?: RunData } } } | undefined,
	nodeName: string,
): Item[] {
	const runData = output?.data?.resultData?.runData ?? {};
	const runs = runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData)}`);
	return runs[0].data.main[0];
}

describeE2E('real n8n: example workflows run by n8n execute', () => {
	let inst: Instance;

	beforeAll(async () => {
		inst = await prepareInstance('execute');
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (inst) await inst.cleanup();
	}, 60000);

	beforeEach(() => inst.emu.clearRequests());

	it(
		'scheduled export: one CSV row per rev user (all pages), with the expected columns',
		async () => {
			const { emu, filesDir } = inst;
			const run = await executeWorkflow(inst.userFolder, WORKFLOW_IDS.export);
			expect({ code: run.code, error: run.output?.data?.resultData?.error?.message }).toEqual({
				code: 0,
				error: undefined,
			});

			const files = fs.readdirSync(filesDir).filter((f) => f.endsWith('.csv'));
			expect(files).toEqual([`devrev-rev-users-${new Date().toISOString().slice(0, 10)}.csv`]);
			const text = fs.readFileSync(path.join(filesDir, files[0]), 'utf8').replace(/^\uFEFF/, '');
			const lines = text.split(/\r?\n/).filter((l) => l !== '');
			const header = parseCsvLine(lines[0]);
			expect(header).toEqual([
				'id',
				'display_id',
				'display_name',
				'email',
				'phone_numbers',
				'external_ref',
				'is_verified',
				'rev_org_id',
				'rev_org_name',
				'created_date',
				'modified_date',
			]);
			const rows = lines
				.slice(1)
				.map((l) => Object.fromEntries(parseCsvLine(l).map((v, i) => [header[i], v])));

			// Hundreds of rev users, in scan order, each exactly once.
			expect(emu.revUsers.length).toBe(300);
			expect(rows).toHaveLength(emu.revUsers.length);
			expect(rows.map((r) => r.id)).toEqual(emu.revUsers.map((u) => u.id));
			const first = emu.revUsers[0];
			expect(rows[0]).toMatchObject({
				display_id: first.display_id,
				display_name: first.display_name,
				email: first.email,
				external_ref: first.external_ref,
				rev_org_id: first.rev_org?.id ?? '',
				rev_org_name: first.rev_org?.display_name ?? '',
			});
			// Seed user #5 has no rev org: empty cells, not "undefined".
			expect(rows[4]).toMatchObject({ rev_org_id: '', rev_org_name: '' });

			// Return All walked every scan page (the emulator's page size is 50), cursor by cursor.
			const scans = emu.requestsTo('/rev-users.scan', 'POST');
			expect(scans).toHaveLength(Math.ceil(emu.revUsers.length / emu.scanPageSize));
			expect(scans[0].body).toEqual({});
			for (const s of scans.slice(1)) expect(typeof s.body.cursor).toBe('string');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'sys user directory: every sys user, sorted by state then display name',
		async () => {
			const { emu } = inst;
			const run = await executeWorkflow(inst.userFolder, WORKFLOW_IDS.sysUsers);
			expect(run.code).toBe(0);
			const items = nodeOutput(run.output, 'List sys users').map((i) => i.json);

			const expected = [...emu.sysUsers].sort(
				(a, b) =>
					String(a.state).localeCompare(String(b.state)) ||
					(a.display_name < b.display_name ? -1 : a.display_name > b.display_name ? 1 : 0),
			);
			expect(items).toHaveLength(25);
			expect(items.map((u) => u.id)).toEqual(expected.map((u) => u.id));
			expect(items[0].state).toBe('active');
			expect(items[items.length - 1].state).toBe('deactivated');

			const lists = emu.requestsTo('/sys-users.list', 'POST');
			expect(lists).toHaveLength(1);
			expect(lists[0].body).toEqual({ limit: 100, sort_by: ['state:asc', 'display_name:asc'] });
		},
		TEST_TIMEOUT_MS,
	);

	it(
		"a wrong token: the execution fails with DevRev's 401 message",
		async () => {
			const { emu } = inst;
			const wrong = { id: 'DevRevWrongTok01', name: 'DevRev API (wrong token)' };
			await rt.importCredentials(
				inst.userFolder,
				rt.devRevCredential({
					...wrong,
					apiToken: 'not-a-valid-token',
					baseUrl: emu.url as string,
				}),
			);
			const [workflow] = rt
				.loadExamples({ credential: wrong })
				.filter((w) => w.id === WORKFLOW_IDS.sysUsers);
			await rt.importWorkflows(inst.userFolder, [
				{ ...workflow, id: 'DevRevWrongTok01', name: 'Wrong token' },
			]);

			const run = await executeWorkflow(inst.userFolder, 'DevRevWrongTok01');

			expect(run.code).toBe(1);
			const error = run.output?.data?.resultData?.error;
			expect(error).toMatchObject({
				name: 'NodeApiError',
				message: expect.stringContaining('invalid or expired token'),
				node: { name: 'List sys users' },
			});
			expect(JSON.stringify(error)).toContain('unauthenticated');
			expect(run.stdout).toContain('invalid or expired token');
			expect(emu.requestsTo('/sys-users.list')).toHaveLength(1);
			expect(emu.requestsTo('/sys-users.list')[0].status).toBe(401);
		},
		TEST_TIMEOUT_MS,
	);
});
