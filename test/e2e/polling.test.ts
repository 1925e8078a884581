/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's and the emulator's JSON is read as untyped data here */
/**
 * The DevRev Polling Trigger in real n8n 2.41 (`n8n start`, the packed package installed as a
 * community package) against the DevRev emulator: published through n8n's REST API with Poll
 * Times "Every Minute" (n8n's shortest), it marks where DevRev stands without running, runs once
 * for a rev user created in DevRev, and after an n8n restart runs once for a rev user created
 * while n8n was down, repeating nothing. Every wait is for an event (a DevRev call, an execution
 * in n8n's list), bounded by the test's timeout; a scheduled poll comes within a minute.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { sleep, until } from '../../scripts/lib/wait';
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
import { executionsOf, reportNode, Sink } from './trigger-kit';

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

	/** Waits for the next poll after the ones made so far, and a moment for what it starts. */
	async function nextPoll() {
		const made = polls().length;
		await until('the next scheduled poll', () => polls().length > made, {
			timeoutMs: NEXT_POLL_MS,
		});
		await sleep(3000);
	}

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
		'publishing polls once, marking where DevRev stands, and runs nothing',
		async () => {
			await client.activateWorkflow(WORKFLOW_ID);
			await until('the first poll', () => polls().length > 0);
			expect(polls()[0].body).toEqual({ sort_by: ['created_date:desc'], limit: 100 });
			await sleep(2000);
			expect(await runs()).toEqual([]);
		},
		TEST_MS,
	);

	it(
		'a rev user created in DevRev runs the workflow once, at the next poll',
		async () => {
			const t0 = Date.now();
			const user = await createRevUser('Polly Created');
			await until('the execution', async () => (await runs()).length > 0, {
				timeoutMs: NEXT_POLL_MS,
			});
			log(
				`polling: the execution came ${((Date.now() - t0) / 1000).toFixed(1)} s after the change`,
			);
			await until('the report', () => sink.entries.length > 0);
			expect(sink.entries.map((entry) => [entry.mode, entry.item])).toEqual([['production', user]]);
			await nextPoll();
			const [run] = await runs();
			expect((await runs()).map((r) => [r.id, r.status, r.mode])).toEqual([
				[run.id, 'success', 'trigger'],
			]);
			expect(sink.entries).toHaveLength(1);
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
			await until('the execution after the restart', async () => (await runs()).length > 1);
			await until('the report', () => sink.entries.length > 1);
			await nextPoll();
			expect(sink.entries.map((entry) => entry.item.display_name)).toEqual([
				'Polly Created',
				'Polly While Down',
			]);
			expect(sink.entries[1].item).toEqual(user);
			const all = await runs();
			expect(all.map((r) => [r.status, r.mode])).toEqual([
				['success', 'trigger'],
				['success', 'trigger'],
			]);
		},
		TEST_MS,
	);
});
