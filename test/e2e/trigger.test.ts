/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's and the emulator's JSON is read as untyped data here */
/**
 * The DevRev Trigger in real n8n 2.41 (`n8n start`, the packed package installed as a community
 * package) against the DevRev emulator, published and unpublished through n8n's REST API as the
 * editor does: one webhook registered and verified, one execution per API change with the right
 * item, 401 and nothing started for unsigned, forged or stale requests, one execution for a
 * duplicated delivery, a burst of 1,000 events 16 at a time each run exactly once, no second
 * webhook after restarts, the webhook deleted on unpublish, "Listen for test event".
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
	TEST_TIMEOUT_MS,
	describeE2E,
	log,
	prepareInstance,
} from './helpers';
import { executionsOf, FINISHED, post, signed, Sink, triggerWorkflow } from './trigger-kit';

type Started = Awaited<ReturnType<typeof rt.startN8n>>;

const WORKFLOW_ID = 'DevRevTrigTest01';
const WEBHOOK_ID = '5f0e6a3c-71b2-4c1d-9d3e-00000000e2e1';
const EXAMPLE_ID = 'DevRevNewUser001';
const BURST = Number(process.env.TRIGGER_E2E_BURST ?? 1000);

describeE2E('real n8n: DevRev Trigger', () => {
	let inst: Instance;
	let n8n: Started;
	let client: InstanceType<typeof rt.N8nClient>;
	let port = 0;
	const sink = new Sink();
	let n8nLog: fs.WriteStream;
	let n8nOutput = '';

	const hookUrl = () => `${n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
	const webhooks = () => inst.emu.webhooks.list.filter((w: any) => w.url === hookUrl());
	const creates = () => inst.emu.requestsTo('/webhooks.create').length;

	async function startN8n(env: Record<string, string> = {}) {
		const t0 = Date.now();
		n8nOutput = '';
		n8n = await rt.startN8n(inst.userFolder, {
			port: port || undefined,
			// info: n8n logs "Activated workflow" once a start has run the trigger's hooks.
			env: { N8N_LOG_LEVEL: 'info', ...env },
			onOutput: (text: string) => {
				n8nOutput += text;
				n8nLog.write(text);
			},
		});
		port = n8n.port ?? 0;
		client = new rt.N8nClient(n8n.url);
		await client.ensureOwner();
		log(`trigger: n8n ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${n8n.url}`);
	}

	/**
	 * n8n's log line once a start with the legacy activation has activated the workflow: its
	 * trigger hooks have all run. (With the publication service n8n runs no hook on a start.)
	 */
	async function activatedOnStart() {
		const line = `Activated workflow "DevRev Trigger test ${WORKFLOW_ID}" (ID: ${WORKFLOW_ID})`;
		await until('n8n activated the workflow', () => n8nOutput.includes(line));
	}

	/** Calls DevRev's API on the emulator as a DevRev user would (the change causes an event). */
	async function devRev(endpoint: string, body: unknown) {
		const res = await fetch(`${inst.emu.url}${endpoint}`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${DEMO_TOKEN}`,
				'x-devrev-scope': 'beta',
				'content-type': 'application/json',
			},
			body: JSON.stringify(body),
		});
		expect(res.status).toBe(200);
		return (await res.json()) as any;
	}

	/**
	 * Waits until DevRev has nothing in flight and every execution n8n started has finished. n8n
	 * answers a delivery only once it has created the delivery's execution (`onReceived`, checked
	 * in n8n's webhook helpers), so after the last answer no execution can still appear, and a
	 * finished execution has reported to the sink: what the sink holds then is all there will be.
	 */
	async function settled(expected: number) {
		await inst.emu.webhooks.idle();
		await until(
			'every execution finished',
			async () => (await executionsOf(client, WORKFLOW_ID)).every((e) => FINISHED.has(e.status)),
			{ intervalMs: 500 },
		);
		expect(sink.entries.length).toBeGreaterThanOrEqual(expected);
	}

	beforeAll(async () => {
		inst = await prepareInstance('trigger');
		inst.emu.webhookRetryScale = 0.01; // DevRev's retries after 0.3 s and 1.8 s instead of 30 s and 3 min
		n8nLog = fs.createWriteStream(path.join(inst.userFolder, 'n8n.log'));
		await sink.start();
		await rt.importWorkflows(inst.userFolder, [
			triggerWorkflow({
				id: WORKFLOW_ID,
				webhookId: WEBHOOK_ID,
				sinkUrl: sink.url,
				events: ['rev_user_created', 'rev_user_updated'],
				credential: CREDENTIAL,
			}),
		]);
		await startN8n();
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (n8n) await n8n.stop();
		n8nLog?.end();
		await sink.stop();
		if (inst) await inst.cleanup();
	}, 60000);

	afterEach(() => expect(inst.emu.specViolations).toEqual([]));

	it(
		'n8n lists the DevRev Trigger from the installed package',
		async () => {
			const nodes = (await client.requestOk('GET', '/types/nodes.json')) as Array<{
				name: string;
				group: string[];
				webhooks?: unknown[];
			}>;
			const trigger = nodes.find((n) => n.name === 'n8n-nodes-devrev.devRevTrigger');
			expect(trigger?.group).toEqual(['trigger']);
			expect(trigger?.webhooks).toHaveLength(1);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		"publishing registers exactly one webhook at n8n's URL, and it passes the verify handshake without an execution",
		async () => {
			const wf = await client.activateWorkflow(WORKFLOW_ID);
			expect(wf.active).toBe(true);
			await until('the webhook verified', () => webhooks()[0]?.status === 'active');
			expect(webhooks()).toHaveLength(1);
			expect(creates()).toBe(1);
			const [webhook] = webhooks();
			expect(webhook.event_types).toEqual(['rev_user_created', 'rev_user_updated']);
			expect(webhook.secret).toMatch(/^[A-Za-z0-9]{32}$/);
			const verifies = inst.emu.webhooks.deliveries.filter((d: any) => d.type === 'verify');
			expect(verifies.map((d: any) => [d.status, JSON.parse(d.answer)])).toEqual([
				[200, { challenge: expect.any(String) }],
			]);
			// Answered: an execution for the handshake would exist already.
			expect(await executionsOf(client, WORKFLOW_ID)).toEqual([]);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'an API change in DevRev starts exactly one execution, with the event as its item',
		async () => {
			const { emu } = inst;
			const user = emu.revUsers[4];
			const before = JSON.parse(JSON.stringify(user));
			const org = emu.revOrgs[2];
			const { rev_user: after } = await devRev('/rev-users.link', { id: user.id, rev_org: org.id });
			await settled(1);
			expect(sink.entries).toHaveLength(1);
			const [{ item, mode, execution }] = sink.entries;
			const [delivery] = emu.webhooks.deliveries.filter((d: any) => d.type === 'rev_user_updated');
			expect(item).toEqual({
				event: 'rev_user_updated',
				event_id: delivery.event_id,
				timestamp: expect.any(String),
				webhook_id: webhooks()[0].id,
				rev_user: after,
				old_rev_user: before,
			});
			expect(mode).toBe('production');
			expect([delivery.status, delivery.answer]).toEqual([200, '']);
			const runs = await executionsOf(client, WORKFLOW_ID);
			expect(runs.map((r) => [r.id, r.status, r.mode])).toEqual([
				[execution, 'success', 'webhook'],
			]);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'a wrong signature, a missing signature and a stale timestamp get 401 and start nothing',
		async () => {
			sink.entries.length = 0;
			const [webhook] = webhooks();
			const body = (extra: Record<string, unknown> = {}) => ({
				id: `${webhook.id}:webhook_event/forged-${Math.random().toString(36).slice(2)}`,
				webhook_id: webhook.id,
				timestamp: new Date().toISOString(),
				type: 'rev_user_created',
				rev_user_created: { rev_user: JSON.parse(JSON.stringify(inst.emu.revUsers[0])) },
				...extra,
			});
			const before = (await executionsOf(client, WORKFLOW_ID)).length;
			const forged = signed(body(), 'notTheSecretOfThisWebhook1234567');
			const good = signed(body(), webhook.secret);
			const stale = signed(
				body({ timestamp: new Date(Date.now() - 6 * 60_000).toISOString() }),
				webhook.secret,
			);
			const answers = [
				await post(hookUrl(), forged.raw, forged.signature),
				await post(hookUrl(), good.raw),
				await post(hookUrl(), stale.raw, stale.signature),
			];
			expect(answers.map((a) => [a.status, JSON.parse(a.text).message])).toEqual([
				[401, 'Invalid or missing X-DevRev-Signature'],
				[401, 'Invalid or missing X-DevRev-Signature'],
				[
					401,
					expect.stringMatching(/^Stale event: its timestamp \S+ is more than 300 s from now$/),
				],
			]);
			// All three answered: an execution for any of them would exist already.
			expect(await executionsOf(client, WORKFLOW_ID)).toHaveLength(before);
			expect(sink.entries).toEqual([]);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'a duplicated delivery starts one execution',
		async () => {
			sink.entries.length = 0;
			const res = await fetch(`${inst.emu.url}/__emulator/events`, {
				method: 'POST',
				body: JSON.stringify({ type: 'rev_user_created', display_name: 'Dup Licate', copies: 2 }),
			});
			const fired = (await res.json()) as any;
			await inst.emu.webhooks.idle();
			const deliveries = inst.emu.webhooks.deliveries.filter(
				(d: any) => d.type === 'rev_user_created',
			);
			expect(deliveries.map((d: any) => d.status)).toEqual([200, 200]);
			expect(new Set(deliveries.map((d: any) => d.event_id)).size).toBe(1);
			await settled(1);
			expect(sink.entries.map((e) => e.item.rev_user)).toEqual([fired.payload.rev_user]);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		`a burst of ${BURST} events delivered 16 at a time: every one arrives, each exactly once`,
		async () => {
			const { emu } = inst;
			sink.entries.length = 0;
			emu.webhooks.deliveries.length = 0;
			const before = (await executionsOf(client, WORKFLOW_ID)).length;
			expect(emu.webhookConcurrency).toBe(16);
			const t0 = Date.now();
			for (let i = 0; i < BURST; i++) {
				emu.emitEvent('rev_user_updated', {
					rev_user: JSON.parse(JSON.stringify(emu.revUsers[i % emu.revUsers.length])),
				});
			}
			await settled(BURST);
			log(`trigger: ${BURST} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			const sent = new Set(emu.webhooks.deliveries.map((d: any) => d.event_id));
			expect(sent.size).toBe(BURST);
			const ran = sink.entries.map((e) => e.item.event_id as string);
			expect(ran).toHaveLength(BURST);
			expect(new Set(ran)).toEqual(sent);
			expect(new Set(sink.entries.map((e) => e.execution)).size).toBe(BURST);
			const retried = emu.webhooks.deliveries.filter((d: any) => d.attempt > 0);
			log(
				`trigger: ${retried.length} attempts were retries (the one before had no answer within 3 s), ` +
					`${retried.filter((d: any) => d.attempt === 2).length} of them third attempts`,
			);
			const runs = await executionsOf(client, WORKFLOW_ID);
			expect(runs).toHaveLength(before + BURST);
			expect(runs.filter((r) => r.status !== 'success')).toEqual([]);
		},
		10 * 60 * 1000,
	);

	it(
		'a restart of n8n registers no second webhook, and deliveries still run',
		async () => {
			const [webhook] = webhooks();
			const createsBefore = creates();
			await n8n.stop();
			await startN8n();
			// Published webhooks are served again after the restart (no trigger hook runs).
			sink.entries.length = 0;
			await until('the webhook route back', async () => {
				const probe = await post(hookUrl(), '{}', 'x');
				return probe.status === 401;
			});
			await devRev('/rev-users.unlink', {
				id: inst.emu.revUsers[4].id,
				rev_org: inst.emu.revOrgs[2].id,
			});
			await settled(1);
			expect(sink.entries.map((e) => e.item.event)).toEqual(['rev_user_updated']);
			// Read once n8n has run a delivery of the published workflow: it is fully back.
			expect(creates()).toBe(createsBefore);
			expect(webhooks().map((w: any) => w.id)).toEqual([webhook.id]);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'a restart with the legacy activation (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false) finds the webhook instead of registering one',
		async () => {
			const [webhook] = webhooks();
			const createsBefore = creates();
			const getsBefore = inst.emu.requestsTo('/webhooks.get').length;
			await n8n.stop();
			await startN8n({ N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' });
			await activatedOnStart();
			expect(
				inst.emu
					.requestsTo('/webhooks.get')
					.slice(getsBefore)
					.map((r: any) => r.body),
			).toEqual([{ id: webhook.id }]);
			expect(creates()).toBe(createsBefore);
			expect(webhooks().map((w: any) => w.id)).toEqual([webhook.id]);
			await n8n.stop();
			await startN8n();
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'unpublishing deletes the webhook in DevRev; its URL is gone',
		async () => {
			const [webhook] = webhooks();
			await client.requestOk('POST', `/rest/workflows/${WORKFLOW_ID}/deactivate`, {});
			await until('the webhook deleted', () => webhooks().length === 0);
			expect(inst.emu.requestsTo('/webhooks.delete').map((r: any) => [r.body, r.status])).toEqual([
				[{ id: webhook.id }, 200],
			]);
			await until('the URL gone', async () => (await post(hookUrl(), '{}')).status === 404);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'Listen for test event registers a test webhook, runs the first event in manual mode, then removes the webhook',
		async () => {
			sink.entries.length = 0;
			const testUrl = `${n8n.url}/webhook-test/${WEBHOOK_ID}/webhook`;
			const listening = await client.requestOk('POST', `/rest/workflows/${WORKFLOW_ID}/run`, {
				triggerToStartFrom: { name: 'DevRev Trigger' },
			});
			expect(listening).toEqual({ waitingForWebhook: true });
			const testHooks = () => inst.emu.webhooks.list.filter((w: any) => w.url === testUrl);
			await until('the test webhook verified', () => testHooks()[0]?.status === 'active');
			expect(testHooks()).toHaveLength(1);
			await fetch(`${inst.emu.url}/__emulator/events`, {
				method: 'POST',
				body: JSON.stringify({ type: 'rev_user_created' }),
			});
			await settled(1);
			expect(sink.entries.map((e) => [e.mode, e.item.event])).toEqual([
				['test', 'rev_user_created'],
			]);
			await until('the test webhook removed', () => testHooks().length === 0);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'the example "when a rev user is created" workflow runs its summary for a new rev user',
		async () => {
			await client.activateWorkflow(EXAMPLE_ID);
			const exampleUrl = `${n8n.url}/webhook/7e1f0c2a-3b44-4d55-9e66-0000000000f1/webhook`;
			const hooks = () => inst.emu.webhooks.list.filter((w: any) => w.url === exampleUrl);
			await until("the example's webhook verified", () => hooks()[0]?.status === 'active');
			const res = await fetch(`${inst.emu.url}/__emulator/events`, {
				method: 'POST',
				body: JSON.stringify({ type: 'rev_user_created', display_name: 'Grace Hopper' }),
			});
			const { payload } = (await res.json()) as any;
			await until("the example's execution", async () =>
				(await executionsOf(client, EXAMPLE_ID)).some((r) => r.status === 'success'),
			);
			const [run] = await executionsOf(client, EXAMPLE_ID);
			const full = (await client.requestOk('GET', `/rest/executions/${run.id}`)) as {
				data: string;
			};
			const output = unflatten(full.data).resultData.runData['New contact summary'][0].data
				.main[0][0].json;
			expect(output).toEqual({
				summary: `New DevRev contact Grace Hopper <${payload.rev_user.email}> (${payload.rev_user.display_id})`,
				id: payload.rev_user.id,
				email: payload.rev_user.email,
				created_date: payload.rev_user.created_date,
			});
		},
		TEST_TIMEOUT_MS,
	);
});

/** n8n stores execution data "flatted" (every object and string an entry of one array, referenced by index). */
function unflatten(text: string): any {
	const input = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		const value = input[index];
		if (typeof value !== 'object' || value === null) return value;
		if (done.has(index)) return done.get(index);
		const out: any = Array.isArray(value) ? [] : {};
		done.set(index, out);
		for (const [key, entry] of Object.entries(value))
			out[key] = typeof entry === 'string' ? revive(Number(entry)) : entry;
		return out;
	};
	return revive(0);
}
