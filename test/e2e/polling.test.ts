/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's and the emulator's JSON is read as untyped data here */
/**
 * The DevRev Polling Trigger in real n8n 2.41 (`n8n start`, the packed package installed as a
 * community package) against the DevRev emulator: published through n8n's REST API with Poll
 * Times "Every Minute" (n8n's shortest), it marks where DevRev stands without running, runs once
 * for a rev user created in DevRev, and after an n8n restart runs once for a rev user created
 * while n8n was down, repeating nothing. Every wait is for an event (a DevRev call, an execution
 * in n8n's list), bounded by the test's timeout; a scheduled poll comes within a minute. A poll
 * that runs nothing leaves no sign of having finished, so "nothing ran" is never read after a
 * pause: each claim ends on a rev user created as a marker, and the execution the next poll
 * starts for it holds exactly the marker, with nothing before it but what the claim allows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { until } from '../../scripts/lib/wait';
import * as rt from '../../scripts/n8n/n8n';
import type { Instance } from './helpers';
import {
	CREDENTIAL,
	DEMO_TOKEN,
	SETUP_TIMEOUT_MS,
	describeE2E,
	log,
	prepareInstance,
} from './helpers';
import { executionsOf, FINISHED, reportNode, Sink } from './trigger-kit';

type Started = Awaited<ReturnType<typeof rt.startN8n>>;

const WORKFLOW_ID = 'DevRevPollTest01';
/** A scheduled poll comes within a minute (n8n picks a random second of each minute). */
const NEXT_POLL_MS = 75_000;
const TEST_MS = 5 * 60_000;

function pollingWorkflow(sinkUrl: string) {
	return {
		id: WORKFLOW_ID,
		name: 'DevRev Polling Trigger test',
		nodes: [
			{
				id: `${WORKFLOW_ID}-trigger`,
				name: 'DevRev Polling Trigger',
				type: 'n8n-nodes-devrev.devRevPollingTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					resource: 'revUser',
					triggerWhen: 'created',
					options: {},
				},
				credentials: { devRevApi: CREDENTIAL },
			},
			reportNode(WORKFLOW_ID, sinkUrl),
		],
		connections: {
			'DevRev Polling Trigger': { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

describeE2E('real n8n: DevRev Polling Trigger', () => {
	let inst: Instance;
	let n8n: Started;
	let client: InstanceType<typeof rt.N8nClient>;
	let port = 0;
	const sink = new Sink();
	let n8nLog: fs.WriteStream;

	const polls = () => inst.emu.requestsTo('/rev-users.list');
	const runs = async () => await executionsOf(client, WORKFLOW_ID);

	async function startN8n() {
		const t0 = Date.now();
		n8n = await rt.startN8n(inst.userFolder, {
			port: port || undefined,
			onOutput: (text: string) => n8nLog.write(text),
		});
		port = n8n.port ?? 0;
		client = new rt.N8nClient(n8n.url);
		await client.ensureOwner();
		log(`polling: n8n ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${n8n.url}`);
	}

	/** A rev user created in DevRev by a user (not by n8n). */
	async function createRevUser(name: string): Promise<any> {
		const res = await fetch(`${inst.emu.url}/rev-users.create`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ display_name: name }),
		});
		expect(res.status).toBe(201);
		return ((await res.json()) as any).rev_user;
	}

	/**
	 * Creates a rev user and waits for the execution a poll starts for it: every poll before that
	 * one has been answered and has started whatever it was going to start.
	 */
	async function marker(name: string): Promise<any> {
		const made = (await runs()).length;
		const user = await createRevUser(name);
		await until(`the execution for ${name}`, async () => (await runs()).length > made, {
			timeoutMs: NEXT_POLL_MS,
		});
		await until(`the report of ${name}`, () => sink.entries.some((e) => e.item.id === user.id));
		await until('every execution finished', async () =>
			(await runs()).every((run) => FINISHED.has(run.status)),
		);
		return user;
	}

	const reported = () => sink.entries.map((entry) => entry.item.display_name);

	beforeAll(async () => {
		inst = await prepareInstance('polling');
		n8nLog = fs.createWriteStream(path.join(inst.userFolder, 'n8n.log'));
		await sink.start();
		await rt.importWorkflows(inst.userFolder, [pollingWorkflow(sink.url)]);
		await startN8n();
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (n8n) await n8n.stop();
		n8nLog?.end();
		await sink.stop();
		if (inst) await inst.cleanup();
	}, 60_000);

	afterEach(() => expect(inst.emu.specViolations).toEqual([]));

	it(
		'publishing polls once, marking where DevRev stands; a rev user created after runs the workflow once, at the next poll',
		async () => {
			await client.activateWorkflow(WORKFLOW_ID);
			await until('the first poll', () => polls().length > 0);
			expect(polls()[0].body).toEqual({ sort_by: ['created_date:desc'], limit: 100 });
			const t0 = Date.now();
			const user = await marker('Polly Created');
			log(
				`polling: the execution came ${((Date.now() - t0) / 1000).toFixed(1)} s after the change`,
			);
			// The 300 rev users that existed before publishing ran nothing.
			expect(sink.entries.map((entry) => [entry.mode, entry.item])).toEqual([['production', user]]);
			const [run] = await runs();
			expect((await runs()).map((r) => [r.id, r.status, r.mode])).toEqual([
				[run.id, 'success', 'trigger'],
			]);
		},
		TEST_MS,
	);

	it(
		'the next poll repeats nothing: it runs only for what changed since',
		async () => {
			await marker('Polly Next');
			expect(reported()).toEqual(['Polly Created', 'Polly Next']);
			expect((await runs()).map((r) => [r.status, r.mode])).toEqual([
				['success', 'trigger'],
				['success', 'trigger'],
			]);
		},
		TEST_MS,
	);

	it(
		'after an n8n restart, a rev user created while n8n was down runs once; nothing earlier again',
		async () => {
			await n8n.stop();
			const user = await createRevUser('Polly While Down');
			await startN8n();
			// n8n polls as it starts with the workflow published: the change comes at once.
			await until('the execution after the restart', async () => (await runs()).length > 2);
			await until('the report', () => sink.entries.length > 2);
			expect(sink.entries[2].item).toEqual(user);
			await marker('Polly After Restart');
			expect(reported()).toEqual([
				'Polly Created',
				'Polly Next',
				'Polly While Down',
				'Polly After Restart',
			]);
			expect((await runs()).map((r) => [r.status, r.mode])).toEqual(
				Array(4).fill(['success', 'trigger']),
			);
		},
		TEST_MS,
	);
});
