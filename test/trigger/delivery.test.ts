/* eslint-disable @typescript-eslint/no-explicit-any -- webhook bodies are read as untyped JSON */
/**
 * What the DevRev Trigger does with each request at its URL (webhook() on n8n-core's
 * WebhookContext), with deliveries from the emulator and by hand: one execution per event with
 * the right item, nothing for an unsigned, forged, stale or duplicated one.
 */
import { TriggerHost } from './host';
import { calls, sleep, until, useTrigger } from './setup';

const ctx = useTrigger();

/** The host's webhook, registered and verified. */
async function activated(host: TriggerHost) {
	await host.activate();
	const [webhook] = ctx.webhookAt(host.productionUrl);
	await until('verification', () => webhook.status === 'active');
	host.answers.length = 0;
	return webhook;
}

const snapshot = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** A fresh event body of this webhook. */
function event(webhook: any, extra: Record<string, unknown> = {}) {
	const user = snapshot(ctx.emu.revUsers[0]);
	return {
		id: `${webhook.id}:webhook_event/hand-${Math.random().toString(36).slice(2)}`,
		webhook_id: webhook.id,
		timestamp: new Date().toISOString(),
		type: 'rev_user_created',
		rev_user_created: { rev_user: user },
		...extra,
	};
}

const UNSIGNED = JSON.stringify({ message: 'Invalid or missing X-DevRev-Signature' });

describe('DevRev Trigger: deliveries', () => {
	test('an API change starts exactly one execution with the event as its item, acknowledged with an empty 200', async () => {
		const { emu, host } = ctx;
		host.setParameters({ events: ['rev_user_updated'] });
		const webhook = await activated(host);
		const user = emu.revUsers[4];
		const before = snapshot(user);
		const link = await fetch(`${emu.url}/rev-users.link`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${emu.tokens[0]}`,
				'x-devrev-scope': 'beta',
				'content-type': 'application/json',
			},
			body: JSON.stringify({ id: user.id, rev_org: emu.revOrgs[1].id }),
		});
		expect(link.status).toBe(200);
		await until('the execution', () => host.executions.length === 1);
		await emu.webhooks.idle();
		const [delivery] = emu.webhooks.deliveries.filter((d) => d.type === 'rev_user_updated');
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].items).toEqual([
			{
				event: 'rev_user_updated',
				event_id: delivery.event_id,
				timestamp: expect.any(String),
				webhook_id: webhook.id,
				rev_user: snapshot(user),
				old_rev_user: before,
			},
		]);
		expect(host.answers).toEqual([{ status: 200, body: '' }]);
		expect([delivery.status, delivery.attempt]).toEqual([200, 0]);
	});

	test('Output Object Only: the object itself, flat; for a deletion the old object', async () => {
		const { emu, host } = ctx;
		host.setParameters({
			events: ['rev_user_created', 'rev_user_deleted'],
			options: { objectOnly: true },
		});
		await activated(host);
		const user = snapshot(emu.revUsers[1]);
		emu.emitEvent('rev_user_created', { rev_user: user });
		emu.emitEvent('rev_user_deleted', { id: user.id, old_rev_user: user });
		emu.emitEvent('rev_user_deleted', { id: 'don:identity:dvrv-us-1:devo/1emu:revu/gone' });
		await until('three executions', () => host.executions.length === 3);
		expect(
			host.executions
				.map((e) => e.items)
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
		).toEqual(
			[[user], [user], [{ id: 'don:identity:dvrv-us-1:devo/1emu:revu/gone' }]].sort((a, b) =>
				JSON.stringify(a).localeCompare(JSON.stringify(b)),
			),
		);
	});

	test('a deletion as a whole event: the deleted ID and the old object', async () => {
		const { emu, host } = ctx;
		host.setParameters({ events: ['account_deleted'] });
		const webhook = await activated(host);
		const account = snapshot(emu.accounts[0]);
		emu.emitEvent('account_deleted', { id: account.id, old_account: { ...account, owned_by: [] } });
		await until('the execution', () => host.executions.length === 1);
		expect(host.executions[0].items).toEqual([
			{
				event: 'account_deleted',
				event_id: expect.stringMatching(/:webhook_event\//),
				timestamp: expect.any(String),
				webhook_id: webhook.id,
				id: account.id,
				old_account: { ...account, owned_by: [] },
			},
		]);
	});

	test('a wrong, missing or malformed signature, or one made with another secret: 401 and no execution', async () => {
		const { host } = ctx;
		const webhook = await activated(host);
		const body = event(webhook);
		const good = ctx.signed(body, webhook.secret);
		const other = ctx.signed(body, 'anotherSecretAnotherSecret123456');
		const tampered = good.raw.replace('"rev_user_created"', '"rev_user_created" ');
		const outcomes = [
			await ctx.post(host.productionUrl, good.raw, 'f'.repeat(64)),
			await ctx.post(host.productionUrl, good.raw),
			await ctx.post(host.productionUrl, good.raw, ''),
			await ctx.post(host.productionUrl, good.raw, 'not a signature'),
			await ctx.post(host.productionUrl, good.raw, other.signature),
			await ctx.post(host.productionUrl, tampered, good.signature),
		];
		expect(outcomes).toEqual(Array(6).fill({ status: 401, text: UNSIGNED }));
		expect(host.executions).toEqual([]);
		// The same body, rightly signed, runs.
		expect(await ctx.post(host.productionUrl, good.raw, good.signature)).toEqual({
			status: 200,
			text: '',
		});
		expect(host.executions).toHaveLength(1);
	});

	test.each([
		['hex (DevRev)', (s: { raw: string; signature: string }) => s.signature],
		['upper-case hex', (s: { raw: string; signature: string }) => s.signature.toUpperCase()],
		['sha256=hex', (s: { raw: string; signature: string }) => `sha256=${s.signature}`],
		[
			'base64',
			(s: { raw: string; signature: string }) => Buffer.from(s.signature, 'hex').toString('base64'),
		],
		[
			'base64url',
			(s: { raw: string; signature: string }) =>
				Buffer.from(s.signature, 'hex').toString('base64url'),
		],
	])('a signature in %s is accepted', async (_name, encode) => {
		const { host } = ctx;
		const webhook = await activated(host);
		const signed = ctx.signed(event(webhook), webhook.secret);
		expect(await ctx.post(host.productionUrl, signed.raw, encode(signed))).toEqual({
			status: 200,
			text: '',
		});
		expect(host.executions).toHaveLength(1);
	});

	test('the emulator signing base64 (webhookSignatureEncoding) is accepted too', async () => {
		const { emu, host } = ctx;
		emu.webhookSignatureEncoding = 'base64';
		try {
			await activated(host);
			emu.emitEvent('rev_user_created', { rev_user: snapshot(emu.revUsers[2]) });
			await until('the execution', () => host.executions.length === 1);
		} finally {
			emu.webhookSignatureEncoding = 'hex';
		}
	});

	test('a stale or future timestamp beyond Max Event Age, or none, is refused as a replay', async () => {
		const { host } = ctx;
		host.setParameters({ events: ['rev_user_created'], options: { maxEventAge: 60 } });
		const webhook = await activated(host);
		const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
		const send = async (extra: Record<string, unknown>) => {
			const signed = ctx.signed(event(webhook, extra), webhook.secret);
			return await ctx.post(host.productionUrl, signed.raw, signed.signature);
		};
		const stale = at(-61_000);
		const old = await send({ timestamp: stale });
		expect(old).toEqual({
			status: 401,
			text: JSON.stringify({
				message: `Stale event: its timestamp ${stale} is more than 60 s from now`,
			}),
		});
		expect((await send({ timestamp: at(+61_000) })).status).toBe(401);
		expect(await send({ timestamp: undefined })).toEqual({
			status: 401,
			text: JSON.stringify({ message: 'The event has no valid timestamp' }),
		});
		expect((await send({ timestamp: 'yesterday' })).status).toBe(401);
		expect(host.executions).toEqual([]);
		expect((await send({ timestamp: at(-50_000) })).status).toBe(200);
		expect(host.executions).toHaveLength(1);
	});

	test('the default Max Event Age is 5 minutes', async () => {
		const { host } = ctx;
		const webhook = await activated(host);
		const send = async (offsetMs: number) => {
			const signed = ctx.signed(
				event(webhook, { timestamp: new Date(Date.now() + offsetMs).toISOString() }),
				webhook.secret,
			);
			return (await ctx.post(host.productionUrl, signed.raw, signed.signature)).status;
		};
		expect([await send(-301_000), await send(-290_000)]).toEqual([401, 200]);
	});

	test('a duplicated delivery (DevRev sends the event twice, at once or as a retry) starts one execution', async () => {
		const { emu, host } = ctx;
		const webhook = await activated(host);
		await fetch(`${emu.url}/__emulator/events`, {
			method: 'POST',
			body: JSON.stringify({ type: 'rev_user_created', copies: 3 }),
		});
		await until('three deliveries', () => host.answers.length === 3);
		await emu.webhooks.idle();
		expect(host.executions).toHaveLength(1);
		expect(host.answers.map((a) => a.status)).toEqual([200, 200, 200]);
		// A retry later, re-stamped and re-signed, is still the same event.
		const body = event(webhook, { id: host.executions[0].items[0].event_id });
		const again = ctx.signed(body, webhook.secret);
		expect(await ctx.post(host.productionUrl, again.raw, again.signature)).toEqual({
			status: 200,
			text: JSON.stringify({ message: 'Webhook call received' }),
		});
		expect(host.executions).toHaveLength(1);
	});

	test('a delivery that failed (no answer in time) is retried by DevRev and then runs once', async () => {
		const { emu, host } = ctx;
		await activated(host);
		const handled = host.answers.length;
		// The first attempt is handled but answered after DevRev has given up on it.
		emu.webhookTimeoutMs = 20;
		host.beforeAnswer = async () => {
			await sleep(100);
		};
		try {
			emu.emitEvent('rev_user_created', { rev_user: snapshot(emu.revUsers[3]) });
			await until('a timed-out attempt', () =>
				emu.webhooks.deliveries.some((d) => d.type === 'rev_user_created' && d.status === 0),
			);
		} finally {
			// Restored whatever happens, or every later verify request would time out too.
			emu.webhookTimeoutMs = 3000;
			host.beforeAnswer = undefined;
		}
		await until('a later attempt', () =>
			emu.webhooks.deliveries.some((d) => d.type === 'rev_user_created' && d.status === 200),
		);
		// The host has handled every attempt DevRev made (it records an execution before it answers),
		// the timed-out ones included: no execution can still come.
		await emu.webhooks.idle();
		const attempts = emu.webhooks.deliveries.filter((d) => d.type === 'rev_user_created').length;
		await until('every attempt handled', () => host.answers.length === handled + attempts);
		expect(host.executions).toHaveLength(1);
	});

	test('the event is read from the signed bytes, whatever the content type; a body that is no JSON object gets 400', async () => {
		const { host } = ctx;
		const webhook = await activated(host);
		const body = event(webhook);
		const { raw, signature } = ctx.signed(body, webhook.secret);
		const res = await fetch(host.productionUrl, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', 'X-DevRev-Signature': signature },
			body: raw,
		});
		expect(res.status).toBe(200);
		expect(host.executions.map((e) => e.items[0].event_id)).toEqual([body.id]);
		const notJson = ctx.signed({}, webhook.secret);
		expect(await ctx.post(host.productionUrl, '[1]', notJson.signature)).toEqual({
			status: 400,
			text: JSON.stringify({ message: 'The request body is not a JSON object' }),
		});
		expect(host.executions).toHaveLength(1);
	});

	test('an event type not selected is acknowledged and starts nothing', async () => {
		const { host } = ctx;
		const webhook = await activated(host);
		const signed = ctx.signed(
			event(webhook, {
				type: 'work_created',
				rev_user_created: undefined,
				work_created: { work: { id: 'w' } },
			}),
			webhook.secret,
		);
		expect(await ctx.post(host.productionUrl, signed.raw, signed.signature)).toEqual({
			status: 200,
			text: JSON.stringify({ message: 'Webhook call received' }),
		});
		expect(host.executions).toEqual([]);
	});

	test('a verify request signed with another secret is refused; a later right one is answered, starting nothing', async () => {
		const { host } = ctx;
		const webhook = await activated(host);
		const verify = {
			id: `${webhook.id}:webhook_event/v2`,
			webhook_id: webhook.id,
			timestamp: new Date().toISOString(),
			type: 'verify',
			verify: { challenge: 'Q2hhbGxlbmdl' },
		};
		const forged = ctx.signed(verify, 'anotherSecretAnotherSecret123456');
		expect(await ctx.post(host.productionUrl, forged.raw, forged.signature)).toEqual({
			status: 401,
			text: UNSIGNED,
		});
		expect(await ctx.post(host.productionUrl, forged.raw)).toEqual({ status: 401, text: UNSIGNED });
		const right = ctx.signed(verify, webhook.secret);
		expect(await ctx.post(host.productionUrl, right.raw, right.signature)).toEqual({
			status: 200,
			text: '{"challenge":"Q2hhbGxlbmdl"}',
		});
		expect(host.executions).toEqual([]);
	});

	test('after a restart (empty process memory) deliveries are checked with the stored secret', async () => {
		const { emu, host } = ctx;
		await activated(host);
		const restarted = await ctx.restart(host);
		emu.clearRequests();
		emu.emitEvent('rev_user_created', { rev_user: snapshot(emu.revUsers[5]) });
		await until('the execution', () => restarted.executions.length === 1);
		expect(calls(emu)).toEqual([]);
		const webhook = ctx.webhookAt(host.productionUrl)[0];
		const forged = ctx.signed(event(webhook), 'anotherSecretAnotherSecret123456');
		expect((await ctx.post(host.productionUrl, forged.raw, forged.signature)).status).toBe(401);
	});

	test('a node with no secret anywhere answers a verify unchecked (it only activates) and refuses every event', async () => {
		const { host } = ctx;
		const verify = {
			id: 'e',
			webhook_id: 'w',
			timestamp: new Date().toISOString(),
			type: 'verify',
			verify: { challenge: 'YWJj' },
		};
		expect(await ctx.post(host.productionUrl, JSON.stringify(verify))).toEqual({
			status: 200,
			text: '{"challenge":"YWJj"}',
		});
		const signed = ctx.signed(event({ id: 'w' }), 'whateverSecretWhatever1234567890');
		expect(await ctx.post(host.productionUrl, signed.raw, signed.signature)).toEqual({
			status: 401,
			text: JSON.stringify({
				message:
					'No webhook secret is stored for this trigger: publish the workflow again to register the webhook',
			}),
		});
		expect(host.executions).toEqual([]);
	});

	test('200 events delivered 16 at a time: 200 executions, each event once', async () => {
		const { emu, host } = ctx;
		await activated(host);
		for (let i = 0; i < 200; i++)
			emu.emitEvent('rev_user_created', { rev_user: snapshot(emu.revUsers[i % 10]) });
		await until('200 executions', () => host.executions.length === 200, 60_000);
		await emu.webhooks.idle();
		const ids = host.executions.map((e) => e.items[0].event_id);
		expect(new Set(ids).size).toBe(200);
		expect(
			emu.webhooks.deliveries
				.filter((d) => d.type === 'rev_user_created')
				.every((d) => d.status === 200),
		).toBe(true);
	});

	test("Listen for test event: the test webhook's deliveries run in test mode", async () => {
		const { emu, host } = ctx;
		host.resetTestStaticData();
		await host.activate({ test: true });
		const [testHook] = ctx.webhookAt(host.testUrl);
		await until('verification', () => testHook.status === 'active');
		emu.emitEvent('rev_user_created', { rev_user: snapshot(emu.revUsers[6]) });
		await until('the execution', () => host.executions.length === 1);
		expect(host.executions[0]).toMatchObject({
			test: true,
			items: [{ event: 'rev_user_created', webhook_id: testHook.id }],
		});
		await host.hook('delete', { test: true });
		expect(ctx.webhookAt(host.testUrl)).toEqual([]);
	});
});
