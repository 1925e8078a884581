/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
/**
 * The emulator's DevRev webhooks: webhooks.* as the public spec defines them, the verify
 * handshake, signed deliveries of the events its API causes, DevRev's retry schedule, concurrent
 * delivery, duplicates, and the control to fire an event by hand.
 */
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { sleep, until } from '../wait';
import { DevRevEmulator } from './index';

interface Received {
	headers: http.IncomingHttpHeaders;
	raw: string;
	body: any;
	at: number;
}

/** A webhook endpoint: records every request; `answer` decides the reply (default: echo a verify, 200 otherwise). */
class Receiver {
	received: Received[] = [];
	inFlight = 0;
	maxInFlight = 0;
	answer: (
		r: Received,
	) => Promise<{ status: number; body?: unknown }> | { status: number; body?: unknown } = (r) =>
		r.body.type === 'verify'
			? { status: 200, body: { challenge: r.body.verify.challenge } }
			: { status: 200 };
	private server = http.createServer((req, res) => {
		let raw = '';
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		req.setEncoding('utf8').on('data', (c) => (raw += c));
		req.on('end', async () => {
			const r = { headers: req.headers, raw, body: JSON.parse(raw), at: Date.now() };
			this.received.push(r);
			const { status, body } = await this.answer(r);
			this.inFlight--;
			res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
			res.end(body === undefined ? '' : JSON.stringify(body));
		});
	});
	url = '';

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
		return this.url;
	}

	stop(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	ofType(type: string): Received[] {
		return this.received.filter((r) => r.body.type === type);
	}
}

const SECRET = 'abcdefghABCDEFGH12345678abcdefgh';
describe('emulator webhooks', () => {
	let emu: DevRevEmulator;
	let receiver: Receiver;

	async function call(
		path: string,
		body: unknown,
		beta = false,
	): Promise<{ status: number; json: any }> {
		const headers: Record<string, string> = {
			authorization: 'Bearer test-token',
			'content-type': 'application/json',
		};
		if (beta) headers['x-devrev-scope'] = 'beta';
		const res = await fetch(`${emu.url}${path}`, {
			method: 'POST',
			headers,
			body: JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, json: text ? JSON.parse(text) : undefined };
	}

	/** A webhook for these events, verified by the receiver. */
	async function activeWebhook(eventTypes: string[]): Promise<any> {
		const created = await call('/webhooks.create', {
			url: receiver.url,
			event_types: eventTypes,
			secret: SECRET,
		});
		expect(created.status).toBe(201);
		await until(
			'verification',
			() => emu.webhooks.find(created.json.webhook.id)?.status === 'active',
		);
		return created.json.webhook;
	}

	beforeEach(async () => {
		emu = new DevRevEmulator({ multiAssociation: true, webhookRetryScale: 0.001 });
		emu.seed({ accounts: 1, revOrgs: 2, sysUsers: 1, revUsers: 5 });
		await emu.start();
		receiver = new Receiver();
		await receiver.start();
	});
	afterEach(async () => {
		expect(emu.specViolations).toEqual([]);
		await emu.stop();
		await receiver.stop();
	});

	test('create answers 201 with the webhook, unverified; the verify request is signed; the echo activates it', async () => {
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		const echo = receiver.answer;
		receiver.answer = async (r) => {
			await held;
			return echo(r);
		};
		const created = await call('/webhooks.create', {
			url: receiver.url,
			event_types: ['rev_user_created'],
			secret: SECRET,
		});
		expect(created.status).toBe(201);
		expect(created.json.webhook).toEqual({
			id: 'don:integration:dvrv-us-1:devo/1emu:webhook/1',
			created_by: emu.store.selfSummary(),
			created_date: expect.any(String),
			modified_by: emu.store.selfSummary(),
			modified_date: expect.any(String),
			event_types: ['rev_user_created'],
			secret: SECRET,
			status: 'unverified',
			url: receiver.url,
		});
		await until('the verify request', () => receiver.received.length === 1);
		expect((await call('/webhooks.get', { id: created.json.webhook.id })).json.webhook.status).toBe(
			'unverified',
		);
		release();
		await until('activation', () => emu.webhooks.list[0].status === 'active');

		const [verify] = receiver.received;
		expect(Object.keys(verify.body)).toEqual(['id', 'webhook_id', 'timestamp', 'type', 'verify']);
		expect(verify.body).toMatchObject({
			webhook_id: created.json.webhook.id,
			type: 'verify',
			verify: { challenge: expect.any(String) },
		});
		expect(verify.body.id).toMatch(
			/^don:integration:dvrv-us-1:devo\/1emu:webhook\/1:webhook_event\/\w+$/,
		);
		expect(verify.headers['x-devrev-signature']).toBe(
			createHmac('sha256', SECRET).update(verify.raw).digest('hex'),
		);
		expect(verify.headers['content-type']).toBe('application/json');
		expect((await call('/webhooks.get', { id: created.json.webhook.id })).json.webhook.status).toBe(
			'active',
		);
	});

	test('a wrong echo leaves the webhook unverified: the verify is retried on the schedule, events are not sent', async () => {
		receiver.answer = () => ({ status: 200, body: { challenge: 'not it' } });
		const created = await call('/webhooks.create', {
			url: receiver.url,
			event_types: ['rev_user_created'],
			secret: SECRET,
		});
		await until(
			'three attempts',
			() =>
				emu.webhooks.deliveries.length === 3 &&
				emu.webhooks.deliveries.every((d) => d.status !== null),
		);
		// Nothing in flight and no retry scheduled: no fourth attempt can come.
		await emu.webhooks.idle();
		expect(emu.timers.size).toBe(0);
		expect(emu.webhooks.deliveries.map((d) => [d.type, d.attempt, d.status])).toEqual([
			['verify', 0, 200],
			['verify', 1, 200],
			['verify', 2, 200],
		]);
		expect(new Set(receiver.received.map((r) => r.body.verify.challenge)).size).toBe(1);
		expect((await call('/webhooks.get', { id: created.json.webhook.id })).json.webhook.status).toBe(
			'unverified',
		);
		expect(
			(
				await fetch(`${emu.url}/__emulator/events`, {
					method: 'POST',
					body: JSON.stringify({ type: 'rev_user_created' }),
				})
			).status,
		).toBe(201);
		// An event's attempts start as it is emitted; a sent one is in flight until answered.
		await emu.webhooks.idle();
		expect(emu.timers.size).toBe(0);
		expect(receiver.ofType('rev_user_created')).toEqual([]);
	});

	test.each([
		['short', 'must be base64 (format byte)'],
		['c2hvcnQ=', 'must be between 8 and 32 bytes (inclusive)'],
		[
			'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqaw==',
			'must be between 8 and 32 bytes (inclusive)',
		],
	])('secret %s is refused: %s', async (secret, words) => {
		const r = await call('/webhooks.create', { url: receiver.url, secret });
		expect(r).toEqual({
			status: 400,
			json: { type: 'invalid_field', field_name: 'secret', message: `field "secret" ${words}` },
		});
		expect(emu.webhooks.list).toEqual([]);
	});

	test('without a secret DevRev makes one; unknown fields, bad URLs and event types are refused', async () => {
		const r = await call('/webhooks.create', { url: receiver.url });
		expect(r.json.webhook.secret).toMatch(/^[A-Za-z0-9]{32}$/);
		expect(r.json.webhook.event_types).toEqual([]);
		expect(
			(await call('/webhooks.create', { url: receiver.url, colour: 'red' })).json,
		).toMatchObject({ type: 'invalid_field', field_name: 'colour' });
		expect((await call('/webhooks.create', { url: 'not a url' })).json).toMatchObject({
			type: 'invalid_field',
			field_name: 'url',
		});
		expect(
			(await call('/webhooks.create', { url: receiver.url, event_types: ['rev_user_born'] })).json,
		).toMatchObject({
			type: 'invalid_enum_value',
			field_name: 'event_types[0]',
		});
		expect((await call('/webhooks.create', {})).json).toMatchObject({
			type: 'missing_required_field',
			field_name: 'url',
		});
	});

	test('get, list, update (event types, url: verified again) and delete; unknown IDs answer 404', async () => {
		const hook = await activeWebhook(['rev_user_created']);
		const other = await call('/webhooks.create', {
			url: `${receiver.url}/other`,
			event_types: ['work_created'],
		});
		expect((await call('/webhooks.list', {})).json.webhooks.map((w: any) => w.id)).toEqual([
			hook.id,
			other.json.webhook.id,
		]);
		const getByQuery = await fetch(`${emu.url}/webhooks.get?id=${encodeURIComponent(hook.id)}`, {
			headers: { authorization: 'Bearer test-token' },
		});
		expect(((await getByQuery.json()) as any).webhook.id).toBe(hook.id);

		let u = await call('/webhooks.update', {
			id: hook.id,
			event_types: { add: ['rev_user_updated', 'rev_user_created'] },
		});
		expect(u.json.webhook).toMatchObject({
			event_types: ['rev_user_created', 'rev_user_updated'],
			status: 'active',
		});
		u = await call('/webhooks.update', {
			id: hook.id,
			event_types: { remove: ['rev_user_created'] },
		});
		expect(u.json.webhook.event_types).toEqual(['rev_user_updated']);
		u = await call('/webhooks.update', { id: hook.id, event_types: { set: ['account_created'] } });
		expect(u.json.webhook.event_types).toEqual(['account_created']);
		expect(
			(
				await call('/webhooks.update', {
					id: hook.id,
					event_types: { set: [], add: ['work_created'] },
				})
			).json,
		).toMatchObject({
			type: 'bad_request',
		});
		u = await call('/webhooks.update', { id: hook.id, action: 'deactivate' });
		expect(u.json.webhook.status).toBe('inactive');
		u = await call('/webhooks.update', { id: hook.id, action: 'activate' });
		expect(u.json.webhook.status).toBe('active');
		const verifies = receiver.ofType('verify').length;
		u = await call('/webhooks.update', { id: hook.id, url: `${receiver.url}?moved` });
		expect(u.json.webhook.status).toBe('unverified');
		await until(
			'verification after the url change',
			() => emu.webhooks.find(hook.id)?.status === 'active',
		);
		expect(receiver.ofType('verify')).toHaveLength(verifies + 1);

		expect(await call('/webhooks.delete', { id: hook.id })).toEqual({ status: 200, json: {} });
		expect((await call('/webhooks.get', { id: hook.id })).status).toBe(404);
		expect((await call('/webhooks.delete', { id: hook.id })).status).toBe(404);
		expect((await call('/webhooks.update', { id: hook.id, action: 'activate' })).status).toBe(404);
	});

	test('API changes are delivered to the subscribed, active webhooks: link, unlink, associations add / remove', async () => {
		const hook = await activeWebhook(['rev_user_updated']);
		await activeWebhook(['rev_user_created']);
		const user = emu.revUsers[4];
		const before = JSON.parse(JSON.stringify(user));
		const org = emu.revOrgs[1];
		expect((await call('/rev-users.link', { id: user.id, rev_org: org.id }, true)).status).toBe(
			200,
		);
		await until('the link event', () => receiver.ofType('rev_user_updated').length === 1);
		const [linked] = receiver.ofType('rev_user_updated');
		expect(Object.keys(linked.body)).toEqual([
			'id',
			'webhook_id',
			'timestamp',
			'type',
			'rev_user_updated',
		]);
		expect(linked.body).toMatchObject({ webhook_id: hook.id, type: 'rev_user_updated' });
		expect(linked.body.rev_user_updated).toEqual({
			rev_user: JSON.parse(JSON.stringify(user)),
			old_rev_user: before,
		});
		expect(linked.body.rev_user_updated.rev_user.rev_org.id).toBe(org.id);
		expect(Date.now() - Date.parse(linked.body.timestamp)).toBeLessThan(60_000);
		expect(linked.headers['x-devrev-signature']).toBe(
			createHmac('sha256', SECRET).update(linked.raw).digest('hex'),
		);

		expect((await call('/rev-users.unlink', { id: user.id, rev_org: org.id }, true)).status).toBe(
			200,
		);
		expect(
			(
				await call(
					'/rev-users.associations.add',
					{ rev_user_id: user.id, associations: [{ associated_to: org.id }] },
					true,
				)
			).status,
		).toBe(201);
		expect(
			(
				await call(
					'/rev-users.associations.remove',
					{ rev_user_id: user.id, associations: [org.id] },
					true,
				)
			).status,
		).toBe(204);
		await until('four events', () => receiver.ofType('rev_user_updated').length === 4);
		expect(emu.events.map((e) => e.type)).toEqual(Array(4).fill('rev_user_updated'));
		expect(new Set(receiver.ofType('rev_user_updated').map((r) => r.body.id)).size).toBe(4);
		expect(receiver.ofType('rev_user_created')).toEqual([]);
	});

	test("DevRev's retry schedule: at once, after 30 s, after 3 minutes (scaled); a timeout counts as a failure", async () => {
		emu.webhookRetryScale = 0.002; // 60 ms, 360 ms
		emu.webhookTimeoutMs = 200;
		await activeWebhook(['rev_user_created']);
		let calls = 0;
		receiver.answer = async () => {
			calls++;
			if (calls === 1) return { status: 503 };
			if (calls === 2) await sleep(400);
			return { status: 200 };
		};
		await fetch(`${emu.url}/__emulator/events`, {
			method: 'POST',
			body: JSON.stringify({ type: 'rev_user_created' }),
		});
		await until(
			'three attempts',
			() =>
				emu.webhooks.deliveries.filter((d) => d.type === 'rev_user_created' && d.status !== null)
					.length === 3,
		);
		const attempts = emu.webhooks.deliveries.filter((d) => d.type === 'rev_user_created');
		expect(attempts.map((d) => [d.attempt, d.status, d.error])).toEqual([
			[0, 503, undefined],
			[1, 0, 'no answer within 200 ms'],
			[2, 200, undefined],
		]);
		expect(new Set(attempts.map((d) => d.event_id)).size).toBe(1);
		expect(attempts[1].sentAt - attempts[0].answeredAt!).toBeGreaterThanOrEqual(55);
		expect(attempts[2].sentAt - attempts[1].answeredAt!).toBeGreaterThanOrEqual(355);
		const bodies = receiver.ofType('rev_user_created').map((r) => r.body);
		expect(bodies[0].timestamp).not.toBe(bodies[2].timestamp);
		expect(bodies.map((b) => b.id)).toEqual([bodies[0].id, bodies[0].id, bodies[0].id]);
	});

	test('deliveries run concurrently, webhookConcurrency at a time; copies and webhookDuplicates repeat an event', async () => {
		emu.webhookConcurrency = 4;
		await activeWebhook(['rev_user_updated']);
		receiver.answer = async () => {
			await sleep(20);
			return { status: 200 };
		};
		for (let i = 0; i < 40; i++)
			emu.emitEvent('rev_user_updated', { rev_user: emu.revUsers[i % 5] });
		await until('40 deliveries', () => receiver.ofType('rev_user_updated').length === 40);
		expect(receiver.maxInFlight).toBe(4);

		const fired = await fetch(`${emu.url}/__emulator/events`, {
			method: 'POST',
			body: JSON.stringify({ type: 'rev_user_updated', id: emu.revUsers[0].display_id, copies: 2 }),
		});
		expect(((await fired.json()) as any).webhooks).toBe(1);
		emu.webhookDuplicates = 1;
		emu.emitEvent('rev_user_updated', { rev_user: emu.revUsers[1] });
		await until('the copies', () => receiver.ofType('rev_user_updated').length === 44);
		const last = receiver
			.ofType('rev_user_updated')
			.slice(40)
			.map((r) => r.body.id);
		expect(new Set(last).size).toBe(2);
		expect(emu.webhooks.deliveries.filter((d) => d.duplicate)).toHaveLength(2);
	});

	test('webhookSignatureEncoding base64 signs with the base64 digest', async () => {
		emu.webhookSignatureEncoding = 'base64';
		await activeWebhook(['rev_user_updated']);
		emu.emitEvent('rev_user_updated', { rev_user: emu.revUsers[0] });
		await until('the event', () => receiver.ofType('rev_user_updated').length === 1);
		const [r] = receiver.ofType('rev_user_updated');
		expect(r.headers['x-devrev-signature']).toBe(
			createHmac('sha256', SECRET).update(r.raw).digest('base64'),
		);
	});

	test('POST /__emulator/events: makes the change and delivers it; refuses what it cannot make', async () => {
		await activeWebhook(['rev_user_created', 'rev_org_updated']);
		const control = (body: unknown) =>
			fetch(`${emu.url}/__emulator/events`, { method: 'POST', body: JSON.stringify(body) });
		const created = await control({ type: 'rev_user_created', display_name: 'Grace Hopper' });
		expect(created.status).toBe(201);
		const answer = (await created.json()) as any;
		expect(answer).toEqual({
			type: 'rev_user_created',
			payload: { rev_user: JSON.parse(JSON.stringify(emu.revUsers[5])) },
			webhooks: 1,
		});
		expect(emu.revUsers[5].display_name).toBe('Grace Hopper');
		const renamed = (await (
			await control({ type: 'rev_org_updated', id: emu.revOrgs[0].id, display_name: 'Acme' })
		).json()) as any;
		expect(renamed.payload.rev_org.display_name).toBe('Acme');
		expect(renamed.payload.old_rev_org.display_name).not.toBe('Acme');
		await until('the verify and two events', () => receiver.received.length === 3);
		expect(receiver.ofType('rev_user_created')[0].body.rev_user_created).toEqual(answer.payload);

		expect((await control({ type: 'rev_user_deleted' })).status).toBe(400);
		expect((await (await control({ type: 'nothing_happened' })).json()) as any).toMatchObject({
			field_name: 'type',
		});
		expect(
			(await control({ type: 'work_created', payload: { work: { id: 'w' } }, copies: 11 })).status,
		).toBe(400);
		const seen = (await (await fetch(`${emu.url}/__emulator/webhooks`)).json()) as any;
		expect(seen.webhooks).toHaveLength(1);
		expect(seen.deliveries.map((d: any) => d.type)).toEqual(
			expect.arrayContaining(['verify', 'rev_user_created', 'rev_org_updated']),
		);
		expect(
			((await (await fetch(`${emu.url}/__emulator/events`)).json()) as any).events,
		).toHaveLength(2);
	});

	test("an event that does not match DevRev's webhook-event-request is a spec violation", async () => {
		await activeWebhook(['rev_user_created']);
		emu.emitEvent('rev_user_created', { rev_user: { display_name: 'no id' } });
		await until('the event', () => receiver.ofType('rev_user_created').length === 1);
		expect(emu.specViolations).toEqual([
			expect.stringContaining(
				"emulator webhook event does not match DevRev's spec: /requestBody/rev_user_created/rev_user",
			),
		]);
		emu.specViolations.length = 0;
	});
});
