/**
 * End to end in real n8n (`n8n start`, one instance for the file): the packed package installed
 * as a community package, the "link form submissions" example published and its form submitted
 * over HTTP the way a browser does, and what the editor does (credential Test button, Execute
 * workflow from the Schedule Trigger), all against the DevRev emulator.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as rt from '../../scripts/n8n-runtime';
import type { Instance } from './helpers';
import {
	CREDENTIAL,
	DEMO_TOKEN,
	SETUP_TIMEOUT_MS,
	TEST_TIMEOUT_MS,
	describeE2E,
	WORKFLOW_IDS,
	log,
	pageTexts,
	prepareInstance,
	submitForm,
} from './helpers';

type Started = Awaited<ReturnType<typeof rt.startN8n>>;

describeE2E('real n8n (n8n start): package, credential, form flow, editor runs', () => {
	let inst: Instance;
	let n8n: Started;
	let client: InstanceType<typeof rt.N8nClient>;
	let formUrl: string;
	let n8nLog: fs.WriteStream | undefined;

	beforeAll(async () => {
		inst = await prepareInstance('form');
		const t0 = Date.now();
		// n8n's output, kept with KEEP_E2E_FOLDERS=1 for a look after a failure.
		const logStream = fs.createWriteStream(path.join(inst.userFolder, 'n8n.log'));
		n8nLog = logStream;
		n8n = await rt.startN8n(inst.userFolder, { onOutput: (text: string) => logStream.write(text) });
		log(`form: n8n ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${n8n.url}`);
		client = new rt.N8nClient(n8n.url);
		await client.ensureOwner();
		const wf = await client.activateWorkflow(WORKFLOW_IDS.linkForm);
		expect(wf.active).toBe(true);
		formUrl = `${n8n.url}/form/devrev-link-contact`;
		// Activation registers the form's webhooks right after the call returns.
		await rt.waitForUrl(formUrl, { timeoutMs: 30000 });
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (n8n) await n8n.stop();
		n8nLog?.end();
		if (inst) await inst.cleanup();
	}, 60000);

	beforeEach(() => inst.emu.clearRequests());

	it(
		'n8n loads the tarball: node n8n-nodes-devrev.devRev, credential devRevApi, both icons',
		async () => {
			const nodes = await client.requestOk('GET', '/types/nodes.json');
			const node = (nodes as Array<{ name: string; iconUrl?: Record<string, string> }>).find(
				(n) => n.name === 'n8n-nodes-devrev.devRev',
			);
			expect(node).toBeDefined();
			const creds = await client.requestOk('GET', '/types/credentials.json');
			expect((creds as Array<{ name: string }>).map((c) => c.name)).toContain('devRevApi');
			const icons = Object.values(node?.iconUrl ?? {});
			expect(icons).toHaveLength(2);
			for (const icon of icons) {
				const res = await client.request('GET', `/${icon}`);
				expect(res.status).toBe(200);
				expect(res.text).toContain('<svg');
			}
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'a submitted email and rev org: scan by email (limit 1), link with the found IDs, user now linked',
		async () => {
			const { emu } = inst;
			// Seed user #5 belongs to no rev org (every 5th is unlinked); link it to the third org.
			const user = emu.revUsers[4];
			const org = emu.revOrgs[2];
			expect(emu.associationsOf(user.id).map((a) => a.id)).not.toContain(org.id);

			const run = await submitForm(formUrl, { Email: user.email, 'Rev org ID': org.display_id });

			const [title] = pageTexts(run.completionHtml, 'h1');
			expect(title).toBe('Contact linked');
			expect(run.completionHtml).toContain(`${user.display_name} (${user.email}) is now linked to rev org ${org.display_id}.`);
			expect(run.finalStatus).toBe('success');

			const scans = emu.requestsTo('/rev-users.scan', 'POST');
			expect(scans).toHaveLength(1);
			expect(scans[0].body).toEqual({ email: [user.email] });
			const links = emu.requestsTo('/rev-users.link', 'POST');
			expect(links).toHaveLength(1);
			expect(links[0].body).toEqual({ id: user.id, rev_org: org.display_id });
			expect(links[0].status).toBe(200);
			expect(emu.requests.map((r) => r.path)).toEqual(['/rev-users.scan', '/rev-users.link']);

			expect(emu.associationsOf(user.id).map((a) => a.id)).toContain(org.id);

			const execution = await client.getExecution(run.executionId);
			expect(execution.status).toBe('success');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'an email no rev user has: the "No user matches" ending, and nothing is linked',
		async () => {
			const { emu } = inst;
			const before = JSON.stringify(emu.state().rev_users);

			const run = await submitForm(formUrl, { Email: 'nobody@example.org', 'Rev org ID': emu.revOrgs[0].display_id });

			expect(pageTexts(run.completionHtml, 'h1')[0]).toBe('No rev user matches');
			expect(run.completionHtml).toContain('No DevRev rev user has the email nobody@example.org. Nothing was linked.');
			expect(run.finalStatus).toBe('success');
			expect(emu.requests.map((r) => r.path)).toEqual(['/rev-users.scan']);
			expect(emu.requests[0].body).toEqual({ email: ['nobody@example.org'] });
			expect(JSON.stringify(emu.state().rev_users)).toBe(before);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		"the credential's Test button: OK with the emulator's token, an error with a wrong one",
		async () => {
			const { emu } = inst;
			const test = (apiToken: string) =>
				client.requestOk('POST', '/rest/credentials/test', {
					credentials: { ...CREDENTIAL, type: 'devRevApi', data: { apiToken, baseUrl: emu.url } },
				});
			expect(await test(DEMO_TOKEN)).toMatchObject({ status: 'OK' });
			expect(await test('not-a-valid-token')).toEqual({
				status: 'Error',
				message:
					'The API token was refused (HTTP 401): check the API Token in this credential. It must be a current DevRev personal access token or service account token, pasted whole.',
			});
			const calls = emu.requestsTo('/auth-tokens.info', 'GET');
			// (n8n may send a failing test request more than once.)
			expect(calls[0].status).toBe(200);
			expect(calls.length).toBeGreaterThanOrEqual(2);
			expect(calls.slice(1).every((r) => r.status === 401)).toBe(true);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'the export example run from its Schedule Trigger, as "Execute workflow" in the editor does',
		async () => {
			const { emu, filesDir } = inst;
			for (const f of fs.readdirSync(filesDir)) fs.rmSync(path.join(filesDir, f));
			const { executionId } = await client.requestOk('POST', `/rest/workflows/${WORKFLOW_IDS.export}/run`, {
				triggerToStartFrom: { name: 'Every day at 06:00' },
			});
			let status = 'new';
			const deadline = Date.now() + 60000;
			while (['new', 'running'].includes(status) && Date.now() < deadline) {
				await rt.sleep(250);
				status = (await client.getExecution(executionId)).status;
			}
			expect(status).toBe('success');
			const [file] = fs.readdirSync(filesDir);
			const lines = fs.readFileSync(path.join(filesDir, file), 'utf8').split(/\r?\n/).filter(Boolean);
			expect(lines).toHaveLength(emu.revUsers.length + 1);
			expect(emu.requestsTo('/rev-users.scan')).toHaveLength(Math.ceil(emu.revUsers.length / emu.scanPageSize));
		},
		TEST_TIMEOUT_MS,
	);
});
