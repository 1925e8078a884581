/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's and the emulator's JSON is read as untyped data here */
/**
 * A stop stops, in real n8n 2.41: a bulk execution waiting for the token's rate-limit window is
 * stopped through n8n's REST API, as the editor's Stop button does; n8n shows it cancelled within
 * 2 s, and the DevRev node sends no further call, not even when the window resets.
 */
import { sleep, until } from '../../scripts/lib/wait';
import * as rt from '../../scripts/n8n/n8n';
import type { Instance } from './helpers';
import {
	CREDENTIAL,
	SETUP_TIMEOUT_MS,
	TEST_TIMEOUT_MS,
	describeE2E,
	log,
	prepareInstance,
} from './helpers';
import { executionsOf } from './trigger-kit';

const WORKFLOW_ID = 'DevRevStopTest01';
const WEBHOOK_ID = '5f0e6a3c-71b2-4c1d-9d3e-00000000e2e6';
/** Three calls per 20-second window: the Scan's fourth page waits for the next window. */
const LIMIT = 3;
const WINDOW_MS = 20_000;

function bulkWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'DevRev bulk scan (stop test)',
		nodes: [
			{
				id: `${WORKFLOW_ID}-hook`,
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				webhookId: WEBHOOK_ID,
				position: [0, 0],
				parameters: {
					httpMethod: 'POST',
					path: 'devrev-bulk-scan',
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: `${WORKFLOW_ID}-scan`,
				name: 'Scan every rev user',
				type: 'n8n-nodes-devrev.devRev',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'revUser', operation: 'scan', returnAll: true, options: {} },
				credentials: { devRevApi: CREDENTIAL },
			},
		],
		connections: { Start: { main: [[{ node: 'Scan every rev user', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

describeE2E('real n8n: stopping a running DevRev execution', () => {
	let inst: Instance;
	let n8n: Awaited<ReturnType<typeof rt.startN8n>>;
	let client: InstanceType<typeof rt.N8nClient>;

	beforeAll(async () => {
		inst = await prepareInstance('stop');
		await rt.importWorkflows(inst.userFolder, [bulkWorkflow()]);
		n8n = await rt.startN8n(inst.userFolder, {});
		client = new rt.N8nClient(n8n.url);
		await client.ensureOwner();
		await client.activateWorkflow(WORKFLOW_ID);
		// n8n 2.41 publishes through a queue: the webhook is live once the status says so.
		const published = async () =>
			(await client.requestOk('GET', `/rest/workflows/${WORKFLOW_ID}/publication-status`))
				?.status === 'published';
		await until('the workflow published', published, { timeoutMs: 60000, intervalMs: 500 });
		log(`stop: n8n ready at ${n8n.url}`);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (inst) await inst.cleanup();
	}, 60000);

	it(
		'a Scan waiting for the rate-limit window, stopped as the Stop button does: cancelled within 2 s, no call after',
		async () => {
			const { emu } = inst;
			emu.scanPageSize = 50;
			emu.rateLimit = LIMIT;
			emu.rateLimitWindowMs = WINDOW_MS;
			// Start early in a window, so that the node waits the most of it.
			const toReset = WINDOW_MS - (Date.now() % WINDOW_MS);
			if (toReset < 15_000) await sleep(toReset + 50);
			emu.clearRequests();
			const started = await fetch(`${n8n.url}/webhook/devrev-bulk-scan`, { method: 'POST' });
			expect(started.status).toBe(200);
			await until('the window spent', () => emu.requestsTo('/rev-users.scan').length === LIMIT);
			const running = async () =>
				(await executionsOf(client, WORKFLOW_ID)).find((e: any) => e.status === 'running');
			const execution: any = await until('the running execution', running);
			await sleep(500);

			const stoppedAt = Date.now();
			await client.requestOk('POST', `/rest/executions/${execution.id}/stop`, {});
			const ended = async () => {
				const now = await client.getExecution(execution.id);
				return now.status === 'canceled' && now.stoppedAt ? now : undefined;
			};
			await until('the execution cancelled', ended, { intervalMs: 50 });
			const msToCancelled = Date.now() - stoppedAt;
			log(`stop: cancelled ${msToCancelled} ms after the stop`);
			expect(msToCancelled).toBeLessThan(2000);

			// Were the node still waiting, it would call again when the window resets: wait past it.
			const reset = Math.ceil(Date.now() / WINDOW_MS) * WINDOW_MS;
			await sleep(reset - Date.now() + 1500);
			expect(emu.requestsTo('/rev-users.scan')).toHaveLength(LIMIT);
			expect(emu.requests.every((request: any) => request.at < stoppedAt)).toBe(true);
		},
		TEST_TIMEOUT_MS,
	);
});
