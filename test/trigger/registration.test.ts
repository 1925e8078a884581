/**
 * The DevRev Trigger's webhook registration on n8n-core's HookContext against the emulator:
 * activation registers exactly one webhook and passes DevRev's verify handshake, a restart or a
 * lost static data never registers a second one, changed events update it, deactivation deletes
 * it, "Listen for test event" registers and removes its own.
 */
import { calls, TOKEN, until, useTrigger } from './setup';

const ctx = useTrigger();

describe('DevRev Trigger: registering the webhook', () => {
	test('activation registers one webhook (URL, events, a new secret), stores it, and answers the verify request', async () => {
		const { emu, host } = ctx;
		host.setParameters({ events: ['rev_user_updated', 'account_created', 'rev_user_created'] });
		await host.activate();

		expect(calls(emu).map(([path]) => path)).toEqual(['/webhooks.list', '/webhooks.create']);
		const [, body] = calls(emu)[1];
		expect(body).toEqual({
			url: host.productionUrl,
			event_types: ['account_created', 'rev_user_created', 'rev_user_updated'],
			secret: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
		});
		const [webhook] = ctx.webhookAt(host.productionUrl);
		expect(host.staticData).toEqual({
			'node:DevRev Trigger': {
				webhookId: webhook.id,
				webhookSecret: body.secret,
				webhookUrl: host.productionUrl,
				webhookEvents: ['account_created', 'rev_user_created', 'rev_user_updated'],
			},
		});
		await until('the verify handshake', () => webhook.status === 'active');
		const verify = emu.webhooks.deliveries.filter((d) => d.type === 'verify');
		expect(verify).toHaveLength(1);
		expect(verify[0].status).toBe(200);
		expect(JSON.parse(verify[0].answer as string)).toEqual({ challenge: expect.any(String) });
		expect(host.executions).toEqual([]);
		expect(
			emu.requests.every(
				(r) => r.headers.authorization === `Bearer ${TOKEN}` && !r.headers['x-devrev-scope'],
			),
		).toBe(true);
	});

	test('Events and More Events are registered together, sorted, each once', async () => {
		const { emu, host } = ctx;
		host.setParameters({
			events: ['work_created', 'rev_user_created'],
			moreEvents: ['tag_created', 'work_fetched'],
		});
		await host.activate();
		const [, body] = calls(emu)[1];
		expect(body.event_types).toEqual([
			'rev_user_created',
			'tag_created',
			'work_created',
			'work_fetched',
		]);
	});

	test('a verify request that arrives before DevRev answered create is checked against the new secret and answered', async () => {
		const { emu, host } = ctx;
		emu.injectFault({ kind: 'slow', delayMs: 0, holdAnswerMs: 400, path: '/webhooks.create' });
		const activation = host.activate();
		await until('the verify request', () => host.answers.length === 1);
		expect(host.staticData).toEqual({ 'node:DevRev Trigger': {} });
		expect(host.answers[0]).toEqual({
			status: 200,
			body: expect.stringMatching(/^\{"challenge":"[^"]+"\}$/),
		});
		// Checked, not merely echoed: a verify signed with another secret is refused meanwhile.
		const forged = ctx.signed(
			{
				id: 'x',
				webhook_id: 'y',
				timestamp: new Date().toISOString(),
				type: 'verify',
				verify: { challenge: 'c' },
			},
			'someoneElsesSecret1234',
		);
		expect(await ctx.post(host.productionUrl, forged.raw, forged.signature)).toEqual({
			status: 401,
			text: JSON.stringify({ message: 'Invalid or missing X-DevRev-Signature' }),
		});
		expect(host.staticData).toEqual({ 'node:DevRev Trigger': {} });
		await activation;
		expect(ctx.webhookAt(host.productionUrl).map((w) => w.status)).toEqual(['active']);
	});

	test('after a restart checkExists finds the stored webhook (webhooks.get): nothing is registered again', async () => {
		const { emu, host } = ctx;
		await host.activate();
		const [webhook] = ctx.webhookAt(host.productionUrl);
		await until('verification', () => webhook.status === 'active');
		const restarted = await ctx.restart(host);
		emu.clearRequests();
		expect(await restarted.hook('checkExists')).toBe(true);
		expect(calls(emu)).toEqual([['/webhooks.get', { id: webhook.id }]]);
		expect(restarted.staticData).toEqual(host.staticData);
		expect(emu.webhooks.list).toHaveLength(1);
	});

	test('static data lost: checkExists adopts the webhook at its URL (webhooks.list) and deletes duplicates', async () => {
		const { emu, host } = ctx;
		await host.activate();
		const [first] = ctx.webhookAt(host.productionUrl);
		await until('verification', () => first.status === 'active');
		const extra = emu.webhooks.create({
			url: host.productionUrl,
			event_types: ['rev_user_created'],
		});
		const lost = await ctx.restart(host);
		lost.staticData = {};
		emu.clearRequests();
		expect(await lost.hook('checkExists')).toBe(true);
		expect(calls(emu)).toEqual([
			['/webhooks.list', {}],
			['/webhooks.delete', { id: extra.id }],
		]);
		expect(ctx.webhookAt(host.productionUrl).map((w) => w.id)).toEqual([first.id]);
		expect(lost.staticData).toEqual({
			'node:DevRev Trigger': {
				webhookId: first.id,
				webhookSecret: first.secret,
				webhookUrl: host.productionUrl,
				webhookEvents: ['rev_user_created'],
			},
		});
	});

	test('changed events: checkExists sets them on the webhook (webhooks.update) instead of registering anew', async () => {
		const { emu, host } = ctx;
		await host.activate();
		const [webhook] = ctx.webhookAt(host.productionUrl);
		host.setParameters({ events: ['work_created', 'rev_user_created'] });
		emu.clearRequests();
		expect(await host.hook('checkExists')).toBe(true);
		expect(calls(emu)).toEqual([
			['/webhooks.get', { id: webhook.id }],
			[
				'/webhooks.update',
				{ id: webhook.id, event_types: { set: ['rev_user_created', 'work_created'] } },
			],
		]);
		expect(webhook.event_types).toEqual(['rev_user_created', 'work_created']);
		expect(
			(host.staticData['node:DevRev Trigger'] as { webhookEvents: string[] }).webhookEvents,
		).toEqual(['rev_user_created', 'work_created']);
	});

	test('a webhook deactivated in DevRev is activated again; one never verified is replaced', async () => {
		const { emu, host } = ctx;
		await host.activate();
		const [webhook] = ctx.webhookAt(host.productionUrl);
		await until('verification', () => webhook.status === 'active');
		emu.webhooks.update({ id: webhook.id, action: 'deactivate' });
		emu.clearRequests();
		expect(await host.hook('checkExists')).toBe(true);
		expect(calls(emu)).toEqual([
			['/webhooks.get', { id: webhook.id }],
			['/webhooks.update', { id: webhook.id, action: 'activate' }],
		]);
		expect(webhook.status).toBe('active');

		webhook.status = 'unverified';
		emu.clearRequests();
		expect(await host.hook('checkExists')).toBe(false);
		expect(calls(emu)).toEqual([
			['/webhooks.get', { id: webhook.id }],
			['/webhooks.delete', { id: webhook.id }],
		]);
		expect(emu.webhooks.list).toEqual([]);
	});

	test('a webhook deleted in DevRev, or one at another URL under the stored ID, is not reused', async () => {
		const { emu, host } = ctx;
		await host.activate();
		const [webhook] = ctx.webhookAt(host.productionUrl);
		emu.webhooks.remove(webhook.id);
		emu.clearRequests();
		expect(await host.hook('checkExists')).toBe(false);
		expect(calls(emu)).toEqual([
			['/webhooks.get', { id: webhook.id }],
			['/webhooks.list', {}],
		]);
		expect(host.staticData).toEqual({ 'node:DevRev Trigger': {} });

		await host.hook('create');
		const [second] = ctx.webhookAt(host.productionUrl);
		emu.webhooks.update({ id: second.id, url: 'https://elsewhere.example.com/hook' });
		expect(await host.hook('checkExists')).toBe(false);
		expect(emu.webhooks.find(second.id)?.url).toBe('https://elsewhere.example.com/hook');
	});

	test('deactivation deletes the webhook and clears the static data; a webhook already gone is fine', async () => {
		const { emu, host } = ctx;
		await host.activate();
		const [webhook] = ctx.webhookAt(host.productionUrl);
		emu.clearRequests();
		expect(await host.hook('delete')).toBe(true);
		expect(calls(emu)).toEqual([['/webhooks.delete', { id: webhook.id }]]);
		expect(emu.webhooks.list).toEqual([]);
		expect(host.staticData).toEqual({ 'node:DevRev Trigger': {} });

		await host.hook('create');
		const [again] = ctx.webhookAt(host.productionUrl);
		emu.webhooks.remove(again.id);
		emu.clearRequests();
		expect(await host.hook('delete')).toBe(true);
		expect(calls(emu)).toEqual([['/webhooks.delete', { id: again.id }]]);
		expect(emu.requests[0].status).toBe(404);
	});

	test('delete with nothing stored (create failed before DevRev answered) removes what is registered at the URL', async () => {
		const { emu, host } = ctx;
		const stray = emu.webhooks.create({
			url: host.productionUrl,
			event_types: ['rev_user_created'],
		});
		emu.clearRequests();
		expect(await host.hook('delete')).toBe(true);
		expect(calls(emu)).toEqual([
			['/webhooks.list', {}],
			['/webhooks.delete', { id: stray.id }],
		]);
		expect(emu.webhooks.list).toEqual([]);
	});

	test("a refused create fails the activation with DevRev's message; the token appears nowhere", async () => {
		const { emu, host } = ctx;
		emu.injectFault({
			kind: 'error',
			status: 403,
			path: '/webhooks.create',
			error: { type: 'forbidden', message: `Token ${TOKEN} may not create webhooks` },
		} as never);
		const error = (await host.activate().catch((e: unknown) => e)) as Error & {
			httpCode?: string;
			description?: string;
		};
		expect(error.message).toBe('Token [redacted] may not create webhooks');
		expect(error.httpCode).toBe('403');
		expect(
			JSON.stringify({ ...error, message: error.message, description: error.description }),
		).not.toContain(TOKEN);
		expect(emu.webhooks.list).toEqual([]);
	});

	test.each([
		['HTTP 502', {}],
		['a dropped connection', { drop: true }],
	])(
		'webhooks.create saved but answered with %s: the webhook is found by URL and secret, none registered twice',
		async (_label, fault) => {
			const { emu, host } = ctx;
			emu.injectFault({ kind: 'save_then_fail', path: '/webhooks.create', ...fault } as never);
			await host.activate();
			expect(calls(emu).map(([path]) => path)).toEqual([
				'/webhooks.list',
				'/webhooks.create',
				'/webhooks.list',
			]);
			const webhooks = ctx.webhookAt(host.productionUrl);
			expect(webhooks).toHaveLength(1);
			const [, body] = calls(emu)[1];
			expect(host.staticData['node:DevRev Trigger']).toEqual(
				expect.objectContaining({ webhookId: webhooks[0].id, webhookSecret: body.secret }),
			);
			await until('the verify handshake', () => webhooks[0].status === 'active');
		},
	);

	test('Listen for test event registers a webhook at the test URL and removes it; production is untouched', async () => {
		const { emu, host } = ctx;
		await host.activate();
		const [production] = ctx.webhookAt(host.productionUrl);
		host.resetTestStaticData();
		await host.activate({ test: true });
		const [testHook] = ctx.webhookAt(host.testUrl);
		expect(testHook).toBeDefined();
		expect(testHook.secret).not.toBe(production.secret);
		await until('the test webhook verified', () => testHook.status === 'active');
		expect((host.testStatic['node:DevRev Trigger'] as { webhookId: string }).webhookId).toBe(
			testHook.id,
		);

		expect(await host.hook('delete', { test: true })).toBe(true);
		expect(emu.webhooks.list.map((w) => w.id)).toEqual([production.id]);
		expect((host.staticData['node:DevRev Trigger'] as { webhookId: string }).webhookId).toBe(
			production.id,
		);
	});
});
