// @ts-check
'use strict';

/**
 * DevRev's webhooks: the webhooks.create/get/list/update/delete endpoints (GA, public spec) and
 * the deliveries DevRev makes to a webhook's URL (spec `webhook-event-request`, DevRev's
 * webhooks guide, devrev/examples webhooks/main.go):
 * - after create (and after an active webhook's url or secret changes) a verify request
 *   `{id, webhook_id, timestamp, type: "verify", verify: {challenge}}`; the webhook stays
 *   `unverified` until the endpoint answers 200 `{"challenge": <the same>}`, then it is `active`;
 * - every event the emulator's API causes (emu.emitEvent) goes to each active webhook
 *   subscribed to its type: `{id, webhook_id, timestamp, type, <type>: payload}`;
 * - every request carries X-DevRev-Signature: HMAC-SHA256 of the raw body keyed with the secret
 *   string, lowercase hex (base64 with webhookSignatureEncoding 'base64'); `timestamp` is the
 *   invocation's, so each attempt is stamped (and signed) anew;
 * - an attempt fails on a non-2xx answer, a network error or no answer within
 *   webhookTimeoutMs (DevRev: 3 s); DevRev's schedule: the first try at once, then after 30 s,
 *   then after 3 minutes (webhookRetryScale scales the waits, for tests);
 * - deliveries run concurrently, at most webhookConcurrency at a time, in no guaranteed order;
 *   webhookDuplicates is the share of events delivered twice (DevRev may deliver twice).
 * Every outgoing body is held to `webhook-event-request` (strict); a drift lands in
 * emu.specViolations. Attempts are recorded in emu.webhooks.deliveries.
 */

const crypto = require('crypto');
const http = require('http');
const https = require('https');
const { err } = require('./errors');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */
/**
 * @typedef {object} Delivery one attempt
 * @property {string} event_id
 * @property {string} webhook_id
 * @property {string} type
 * @property {number} attempt       0 for the first try
 * @property {boolean} duplicate    a second copy of an event (webhookDuplicates, copies)
 * @property {number} sentAt
 * @property {number} [answeredAt]
 * @property {number | null} status HTTP status; 0 for a network error or timeout; null in flight
 * @property {string} [error]
 * @property {string} [answer]      the answer's body (first 500 characters)
 */

const RETRY_DELAYS_MS = [0, 30_000, 180_000];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** @param {number} n */
function alnum(n) {
	let s = '';
	for (let i = 0; i < n; i++) s += ALNUM[crypto.randomInt(ALNUM.length)];
	return s;
}

/**
 * The signature DevRev puts in X-DevRev-Signature. @param {string} secret
 * @param {string | Buffer} rawBody @param {'hex' | 'base64'} [encoding]
 */
function sign(secret, rawBody, encoding = 'hex') {
	return crypto.createHmac('sha256', Buffer.from(secret, 'utf8')).update(rawBody).digest(encoding);
}

/**
 * DevRev: "must be between 8 and 32 bytes (inclusive)", in a field of format `byte` (base64).
 * Whether DevRev counts the text or the decoded bytes is not said, so both must hold.
 * @param {string} field @param {string} secret
 */
function checkSecret(field, secret) {
	const text = Buffer.byteLength(secret, 'utf8');
	const base64 = /^[A-Za-z0-9+/]*={0,2}$/.test(secret) && secret.length % 4 === 0;
	const decoded = base64 ? Buffer.from(secret, 'base64').length : 0;
	if (!base64) throw err.invalidField(field, `field "${field}" must be base64 (format byte)`);
	if (text < 8 || text > 32 || decoded < 8 || decoded > 32) {
		throw err.invalidField(field, `field "${field}" must be between 8 and 32 bytes (inclusive)`);
	}
}

/** @param {string} url */
function checkUrl(url) {
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		throw err.invalidField('url', `field "url" is not a valid URL: ${JSON.stringify(url)}`);
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw err.invalidField('url', 'field "url" must be an http(s) URL');
	}
}

class WebhookService {
	/** @param {Emu} emu */
	constructor(emu) {
		this.emu = emu;
		/** @type {Obj[]} the webhook objects, in creation order */
		this.list = [];
		/** @type {Delivery[]} */
		this.deliveries = [];
		this.seq = 0;
		this.eventSeq = 0;
		/** @type {(() => void)[]} attempts waiting for a free slot */
		this.queue = [];
		this.inFlight = 0;
		this.agents = {
			http: new http.Agent({ keepAlive: true }),
			https: new https.Agent({ keepAlive: true }),
		};
	}

	/** @param {string} id */
	find(id) {
		return this.list.find((w) => w.id === id);
	}

	/** @param {string} id */
	must(id) {
		const w = this.find(id);
		if (!w) throw err.notFound(`webhook "${id}" not found`);
		return w;
	}

	/** @param {Obj} q webhooks-create-request */
	create(q) {
		checkUrl(q.url);
		if (q.secret !== undefined) checkSecret('secret', q.secret);
		const now = this.emu.now().toISOString();
		const by = this.emu.store.selfSummary();
		const n = ++this.seq;
		const webhook = {
			id: `don:integration:dvrv-us-1:devo/1emu:webhook/${n}`,
			created_by: by,
			created_date: now,
			modified_by: by,
			modified_date: now,
			event_types: [...new Set(q.event_types ?? [])],
			secret: q.secret ?? alnum(32),
			status: 'unverified',
			url: q.url,
		};
		this.list.push(webhook);
		this.verifyLater(webhook);
		return webhook;
	}

	/** @param {Obj} q webhooks-update-request */
	update(q) {
		const w = this.must(q.id);
		const types = q.event_types;
		if (types && types.set && (types.add || types.remove)) {
			throw err.badRequest(
				'event_types.set cannot be combined with event_types.add or event_types.remove',
			);
		}
		if (q.url !== undefined) checkUrl(q.url);
		if (q.secret) checkSecret('secret', q.secret);
		let reverify = false;
		if (types?.set) w.event_types = [...new Set(types.set)];
		if (types?.add) w.event_types = [...new Set([...w.event_types, ...types.add])];
		if (types?.remove)
			w.event_types = w.event_types.filter((/** @type {string} */ t) => !types.remove.includes(t));
		if (q.url !== undefined && q.url !== w.url) {
			w.url = q.url;
			reverify = true;
		}
		if (q.secret !== undefined) {
			w.secret = q.secret || alnum(32);
			reverify = true;
		}
		if (q.action === 'deactivate') w.status = 'inactive';
		if (q.action === 'activate' && w.status === 'inactive') {
			w.status = w.verified ? 'active' : 'unverified';
			if (!w.verified) reverify = true;
		}
		if (reverify && w.status !== 'inactive') {
			w.status = 'unverified';
			this.verifyLater(w);
		}
		w.modified_date = this.emu.now().toISOString();
		return w;
	}

	/** @param {string} id */
	remove(id) {
		const w = this.must(id);
		this.list.splice(this.list.indexOf(w), 1);
		w.deleted = true;
	}

	/** The object DevRev answers with (the emulator's bookkeeping left out). @param {Obj} w */
	view(w) {
		const { verified: _verified, deleted: _deleted, challenge: _challenge, ...rest } = w;
		return rest;
	}

	/** Sends the verify request, on DevRev's retry schedule until answered. @param {Obj} webhook */
	verifyLater(webhook) {
		const challenge = crypto.randomBytes(24).toString('base64');
		webhook.challenge = challenge;
		const event = {
			id: this.eventId(webhook),
			webhook_id: webhook.id,
			type: 'verify',
			verify: { challenge },
		};
		this.schedule(webhook, event, 0, false, (status, answer) => {
			if (status !== 200) return false;
			let body;
			try {
				body = JSON.parse(answer);
			} catch {
				return false;
			}
			if (!body || body.challenge !== challenge || webhook.challenge !== challenge) return false;
			webhook.status = 'active';
			webhook.verified = true;
			return true;
		});
	}

	/** @param {Obj} webhook */
	eventId(webhook) {
		return `${webhook.id}:webhook_event/${(++this.eventSeq).toString(36).padStart(6, '0')}`;
	}

	/**
	 * Delivers an event to every active webhook subscribed to its type.
	 * @param {string} type @param {Obj} payload @param {{copies?: number}} [opts]
	 * @returns {number} how many webhooks it goes to
	 */
	dispatch(type, payload, opts = {}) {
		const targets = this.list.filter((w) => w.status === 'active' && w.event_types.includes(type));
		for (const webhook of targets) {
			const event = { id: this.eventId(webhook), webhook_id: webhook.id, type, [type]: payload };
			const copies =
				opts.copies ??
				(this.emu.webhookDuplicates > 0 && this.emu.random() < this.emu.webhookDuplicates ? 2 : 1);
			for (let copy = 0; copy < copies; copy++) this.schedule(webhook, event, 0, copy > 0);
		}
		return targets.length;
	}

	/**
	 * One attempt now or after the schedule's wait, and the next one if it fails.
	 * @param {Obj} webhook @param {Obj} event @param {number} attempt @param {boolean} duplicate
	 * @param {(status: number, answer: string) => boolean} [accept] success test (default: any 2xx)
	 */
	schedule(webhook, event, attempt, duplicate, accept = (status) => status >= 200 && status < 300) {
		const wait = RETRY_DELAYS_MS[attempt] * this.emu.webhookRetryScale;
		const run = () =>
			this.slot(async () => {
				if (webhook.deleted) return;
				// A verify is sent until answered, unless a newer one (url or secret changed) took over.
				if (
					event.type === 'verify' &&
					(webhook.status !== 'unverified' || webhook.challenge !== event.verify.challenge)
				)
					return;
				if (event.type !== 'verify' && webhook.status !== 'active') return;
				const { status, answer } = await this.attempt(webhook, event, attempt, duplicate);
				if (!accept(status, answer) && attempt + 1 < RETRY_DELAYS_MS.length && !webhook.deleted) {
					this.schedule(webhook, event, attempt + 1, duplicate, accept);
				}
			});
		if (wait <= 0) return run();
		const t = setTimeout(() => {
			this.emu.timers.delete(t);
			run();
		}, wait);
		this.emu.timers.add(t);
		return undefined;
	}

	/** Runs fn when fewer than webhookConcurrency attempts are in flight. @param {() => Promise<void>} fn */
	slot(fn) {
		const start = () => {
			this.inFlight++;
			fn()
				.catch(() => undefined)
				.finally(() => {
					this.inFlight--;
					const next = this.queue.shift();
					if (next) next();
				});
		};
		if (this.inFlight < this.emu.webhookConcurrency) start();
		else this.queue.push(start);
	}

	/**
	 * One signed POST to the webhook's URL.
	 * @param {Obj} webhook @param {Obj} event @param {number} attempt @param {boolean} duplicate
	 * @returns {Promise<{status: number, answer: string}>}
	 */
	async attempt(webhook, event, attempt, duplicate) {
		const { id, webhook_id: webhookId, type, ...rest } = event;
		const body = JSON.stringify({
			id,
			webhook_id: webhookId,
			timestamp: new Date().toISOString(),
			type,
			...rest,
		});
		this.checkEvent(body);
		/** @type {Delivery} */
		const rec = {
			event_id: id,
			webhook_id: webhookId,
			type,
			attempt,
			duplicate,
			sentAt: Date.now(),
			status: null,
		};
		this.deliveries.push(rec);
		const signature = sign(webhook.secret, body, this.emu.webhookSignatureEncoding);
		const result = await this.post(webhook.url, body, { 'x-devrev-signature': signature });
		Object.assign(rec, {
			answeredAt: Date.now(),
			status: result.status,
			answer: result.answer.slice(0, 500),
			...(result.error ? { error: result.error } : {}),
		});
		return result;
	}

	/** Holds an outgoing body to the spec's webhook-event-request. @param {string} body */
	checkEvent(body) {
		if (!this.emu.validateResponses) return;
		for (const problem of this.emu.spec.eventProblems(JSON.parse(body))) {
			this.emu.specViolations.push(
				`emulator webhook event does not match DevRev's spec: ${problem}`,
			);
		}
	}

	/**
	 * POSTs a body as DevRev does; never rejects.
	 * @param {string} url @param {string} body @param {Record<string, string>} headers
	 * @returns {Promise<{status: number, answer: string, error?: string}>}
	 */
	post(url, body, headers) {
		return new Promise((resolve) => {
			const target = new URL(url);
			const lib = target.protocol === 'https:' ? https : http;
			/** @type {any} */
			const agent = target.protocol === 'https:' ? this.agents.https : this.agents.http;
			const req = lib.request(
				target,
				{
					method: 'POST',
					agent,
					headers: {
						'content-type': 'application/json',
						'content-length': String(Buffer.byteLength(body)),
						'user-agent': 'devrev-emulator-webhooks',
						...headers,
					},
				},
				(res) => {
					let answer = '';
					res
						.setEncoding('utf8')
						.on('data', (c) => (answer += c))
						.on('end', () => {
							clearTimeout(timer);
							resolve({ status: res.statusCode ?? 0, answer });
						});
				},
			);
			const timer = setTimeout(
				() => req.destroy(new Error(`no answer within ${this.emu.webhookTimeoutMs} ms`)),
				this.emu.webhookTimeoutMs,
			);
			req.on('error', (e) => {
				clearTimeout(timer);
				resolve({ status: 0, answer: '', error: e.message });
			});
			req.end(body);
		});
	}

	/** Resolves once no attempt is in flight or waiting for a slot (scheduled retries aside). */
	async idle() {
		while (this.inFlight > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 10));
	}

	/** Forgets every webhook (pending attempts for them stop) and every recorded attempt. */
	clear() {
		for (const w of this.list) w.deleted = true;
		this.list = [];
		this.deliveries = [];
	}

	stop() {
		this.agents.http.destroy();
		this.agents.https.destroy();
	}
}

/** @type {Record<string, (emu: Emu, q: Obj) => {status?: number, json?: Obj}>} */
const WEBHOOK_ROUTES = {
	'/webhooks.create': (emu, q) => ({
		status: 201,
		json: { webhook: emu.webhooks.view(emu.webhooks.create(q)) },
	}),
	'/webhooks.get': (emu, q) => ({ json: { webhook: emu.webhooks.view(emu.webhooks.must(q.id)) } }),
	'/webhooks.list': (emu) => ({
		json: { webhooks: emu.webhooks.list.map((w) => emu.webhooks.view(w)) },
	}),
	'/webhooks.update': (emu, q) => ({
		json: { webhook: emu.webhooks.view(emu.webhooks.update(q)) },
	}),
	'/webhooks.delete': (emu, q) => {
		emu.webhooks.remove(q.id);
		return { json: {} };
	},
};

module.exports = { WebhookService, WEBHOOK_ROUTES, sign, RETRY_DELAYS_MS };
