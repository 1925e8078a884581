// @ts-check
'use strict';

/**
 * DevRev REST API emulator for tests, demos, benchmarks and a real n8n instance.
 * Contract: DevRev's OpenAPI specs in spec/devrev/ (public = GA, beta), checked on every request
 * by spec/validator.js.
 *
 * CURSORS AND MODES (every list: scan, *.list, associations, timeline entries, search.core)
 * - Every list has a fixed order: scan = creation order; associations = order added; timeline
 *   entries = newest first; the others = `sort_by` keys, then creation order (default: creation).
 * - A cursor names a boundary between two neighbouring entries of that order. It is opaque
 *   (base64url + HMAC with a random per-emulator salt); a forged, foreign or malformed cursor, or
 *   one issued for another query (filters, sort_by), answers 400 {type:'invalid_field',
 *   field_name:'cursor'}. An empty string means "no cursor". Boundaries follow their entry's sort
 *   key as it was (keyset), so inserts, removals and modifications during a walk neither skip nor
 *   repeat the other entries.
 * - mode "after" (default): the `limit` entries right after the boundary (from the start
 *   without cursor). mode "before": the `limit` entries right before it (from the end without
 *   cursor), still in list order (not reversed).
 * - In BOTH modes the answer carries:
 *     next_cursor = the boundary after the page's last entry, only while entries follow it
 *                   (send it with mode "after" for the next page forward);
 *     prev_cursor = the boundary before the page's first entry, only while entries precede it
 *                   (send it with mode "before" for the previous page).
 *   So walking forward ends when next_cursor is absent, walking backward when prev_cursor is.
 *   Sending next_cursor with mode "before" returns the page that was just read (and vice versa).
 * - rev-users.scan has no limit/mode/prev_cursor (as in the spec): page size = emu.scanPageSize.
 */

const { Store } = require('./store');
const { CursorCodec } = require('./cursors');
const { FaultQueue, prng } = require('./faults');
const { seed } = require('./seed');
const { createServer } = require('./server');
const { err } = require('./errors');
const { ROUTES } = require('./routes');
const { SpecValidator } = require('./spec/validator');
const { WebhookService } = require('./webhooks');
const { Clock } = require('./clock');
const catalog = require('./catalog');
const { addWork, resolve: resolveWork } = require('./works');
const { addComment } = require('./timeline');

/** @type {SpecValidator | undefined} */
let sharedSpec;
/** One validator per process: the cut spec is read once and its compiled checks are reused. */
function specValidator() {
	sharedSpec = sharedSpec || new SpecValidator(Object.keys(ROUTES));
	return sharedSpec;
}

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path                  without query string
 * @property {Record<string, string>} query
 * @property {Record<string, string | string[] | undefined>} headers  lower-cased names
 * @property {string} rawBody
 * @property {any} body                     parsed JSON, or undefined (empty / invalid)
 * @property {number | null} status         null while in flight, 0 when the connection was dropped
 * @property {number} at                    arrival time (ms since epoch)
 * @property {number} [answeredAt]          when the answer was sent (ms since epoch)
 */

/**
 * @typedef {object} EmulatorOptions
 * @property {string[]} [tokens]            accepted bearer tokens, default ['test-token']
 * @property {number} [scanPageSize]        rev-users.scan page size, default 50
 * @property {boolean} [multiAssociation]   enables rev-users.associations.add/remove, default false
 * @property {() => Date} [now]             the clock's source (see clock.js), default the wall clock
 * @property {number} [rateLimit]           calls per token per window, default 100000
 * @property {number} [rateLimitWindowMs]   the window, default 5 minutes as DevRev's
 * @property {number} [rateLimitShare]      random share of calls answered 429, default 0
 * @property {number} [rateLimitRetryAfter] Retry-After seconds for those, default 1
 * @property {number} [randomSeed]          PRNG seed for rateLimitShare, default 1
 * @property {boolean} [validateResponses]  hold every answer to DevRev's response schema; a drift
 *                                          answers 500 and lands in specViolations (default true;
 *                                          the benchmark turns it off); the same for webhook events
 * @property {number} [webhookRetryScale]   scales DevRev's retry waits (30 s, 3 min), default 1
 * @property {number} [webhookTimeoutMs]    an attempt fails without an answer within this, default 3000 (DevRev's)
 * @property {number} [webhookConcurrency]  deliveries in flight at most, default 16
 * @property {number} [webhookDuplicates]   share of events delivered twice, default 0
 * @property {'hex' | 'base64'} [webhookSignatureEncoding] X-DevRev-Signature's digest, default 'hex'
 */

/** @typedef {Record<string, any>} Obj */
/** @typedef {{type: string, payload: Obj, at: string}} EmulatorEvent */

class DevRevEmulator {
	/** @param {EmulatorOptions} [opts] */
	constructor(opts = {}) {
		this.tokens = opts.tokens ?? ['test-token'];
		this.scanPageSize = opts.scanPageSize ?? 50;
		this.multiAssociation = opts.multiAssociation ?? false;
		/** The server clock (clock.js): every created/modified date and event time. */
		this.clock = new Clock(opts.now);
		this.now = () => this.clock.now();
		this.rateLimit = opts.rateLimit ?? 100000;
		this.rateLimitWindowMs = opts.rateLimitWindowMs ?? 5 * 60 * 1000;
		this.rateLimitShare = opts.rateLimitShare ?? 0;
		this.rateLimitRetryAfter = opts.rateLimitRetryAfter ?? 1;
		this.random = prng(opts.randomSeed ?? 1);
		this.spec = specValidator();
		this.validateResponses = opts.validateResponses ?? true;
		this.webhookRetryScale = opts.webhookRetryScale ?? 1;
		this.webhookTimeoutMs = opts.webhookTimeoutMs ?? 3000;
		this.webhookConcurrency = opts.webhookConcurrency ?? 16;
		this.webhookDuplicates = opts.webhookDuplicates ?? 0;
		this.webhookSignatureEncoding = opts.webhookSignatureEncoding ?? 'hex';
		/** @type {string[]} answers that did not match DevRev's response schemas */
		this.specViolations = [];
		this.startedAt = this.now();
		this.store = new Store(() => this.now());
		this.cursors = new CursorCodec();
		this.faults = new FaultQueue();
		/** @type {RecordedRequest[]} */
		this.requests = [];
		/** @type {EmulatorEvent[]} every change made through the API, in order (see emitEvent) */
		this.events = [];
		this.webhooks = new WebhookService(this);
		/** @type {Map<string, {version: number, items: Obj[]}>} */
		this.scanCache = new Map();
		/** @type {Map<string, {start: number, used: number}>} */
		this.rateWindows = new Map();
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		this.refCounter = 0;
		/** @type {string | undefined} */
		this.url = undefined;
		/** @type {import('http').Server | undefined} */
		this.server = undefined;
	}

	/** @returns {Obj[]} */ get revUsers() {
		return this.store.revUsers;
	}
	/** @returns {Obj[]} */ get revOrgs() {
		return this.store.revOrgs;
	}
	/** @returns {Obj[]} */ get accounts() {
		return this.store.accounts;
	}
	/** @returns {Obj[]} */ get sysUsers() {
		return this.store.sysUsers;
	}
	/** The dev user every token belongs to (dev-users.self). @returns {Obj} */
	get devUser() {
		return this.store.selfUser;
	}
	/** Every dev user, the token's own first. @returns {Obj[]} */ get devUsers() {
		return this.store.devUsers;
	}
	/** @returns {Obj[]} */ get parts() {
		return this.store.parts;
	}
	/** @returns {Obj[]} */ get tags() {
		return this.store.tags;
	}
	/** Tickets and issues, in creation order. @returns {Obj[]} */ get works() {
		return this.store.works;
	}
	/** Timeline comments on every object, in creation order. @returns {Obj[]} */ get comments() {
		return this.store.comments;
	}
	/** A work or comment by ID or display ID (undefined when deleted). @param {string} key */
	find(key) {
		return this.store.find(key, ['work', 'comment', 'part', 'dev_user', 'tag']);
	}

	/** @param {Obj} [p] */ addRevOrg(p) {
		return this.store.addRevOrg(p);
	}
	/** @param {Obj} [p] */ addAccount(p) {
		return this.store.addAccount(p);
	}
	/** @param {Obj} [p] */ addSysUser(p) {
		return this.store.addSysUser(p);
	}
	/** `rev_org` (ID/summary) and `associations` (IDs) in p are linked. @param {Obj} [p] */
	addRevUser(p) {
		return this.store.addRevUser(p);
	}
	/** @param {Obj} [p] display_name, email, state, … */ addDevUser(p) {
		return catalog.addDevUser(this.store, p);
	}
	/** @param {Obj} [p] type, name, owned_by (IDs), parent (ID), … */ addPart(p) {
		return catalog.addPart(this.store, p);
	}
	/** @param {{name?: string, allowed_values?: string[]}} [p] */ addTag(p) {
		return catalog.addTag(this.store, p);
	}
	/**
	 * A ticket or issue, without events: `p` as works.create's body takes it (IDs, `stage: {name}`;
	 * defaults: the first part, the token's dev user as owner), plus created_date.
	 * @param {Obj} p
	 */
	addWork(p) {
		const { created_date, ...body } = p;
		const type = /** @type {'ticket' | 'issue'} */ (p.type === 'issue' ? 'issue' : 'ticket');
		delete body.type;
		const fields = resolveWork(this, type, {
			applies_to_part: this.store.parts[0]?.id,
			owned_by: [this.devUser.id],
			title: `${type === 'issue' ? 'Issue' : 'Ticket'} ${this.store.made[type] + 1}`,
			stage: {},
			...body,
		});
		return addWork(this.store, type, fields, { created_date });
	}
	/** A comment, without events. @param {string} object ID or display ID @param {Obj} [p] body, visibility, … */
	addComment(object, p = {}) {
		const o = this.store.find(object, ['work', 'rev_user', 'rev_org', 'account', 'part']);
		if (!o) throw new Error(`unknown object ${object}`);
		const { created_date, ...fields } = p;
		return addComment(this.store, o, fields, { created_date });
	}

	/**
	 * Deterministic records; see seed.js and seed-work.js for the formulas.
	 * @param {import('./seed').SeedCounts} counts accounts, revOrgs, sysUsers, revUsers, devUsers,
	 *   tags, parts, tickets, issues, comments
	 */
	seed(counts) {
		seed(this.store, counts);
		return this;
	}

	/** @param {string} key ID or display ID */
	findRevUser(key) {
		return this.store.findRevUser(key);
	}
	/** @param {string} key ID or display ID of a rev org or account */
	findOrg(key) {
		return this.store.findOrg(key);
	}

	/**
	 * The orgs/accounts a rev user is associated with, as `associated-to-summary` objects.
	 * @param {string | Obj} user ID, display ID or object
	 */
	associationsOf(user) {
		const u = typeof user === 'string' ? this.store.findRevUser(user) : user;
		if (!u) throw new Error(`unknown rev user ${String(user)}`);
		return this.store.associationsOf(u).map((o) => ({
			type: o.__kind,
			id: o.id,
			display_id: o.display_id,
			display_name: o.display_name,
		}));
	}

	/** @param {import('./faults').Fault} fault */
	injectFault(fault) {
		return this.faults.add(fault);
	}
	clearFaults() {
		this.faults.clear();
	}

	clearRequests() {
		this.requests.length = 0;
	}

	/**
	 * Records a change made through the API as the DevRev webhook event it stands for, and
	 * delivers it to every active webhook subscribed to it (webhooks.js): `type` is the event type
	 * (`rev_user_created`, `account_deleted`, …) and `payload` the body DevRev sends under that
	 * key (spec `webhook-event-request`): created `{<object>}`, updated `{<object>,
	 * old_<object>}`, deleted `{id, old_<object>}`. Every API mutation goes through here.
	 * @param {string} type @param {Obj} payload
	 */
	emitEvent(type, payload) {
		this.events.push({ type, payload, at: this.now().toISOString() });
		// Held to the spec's webhook-event-request; a delivery checks what it sends, so only when none goes out.
		if (this.webhooks.dispatch(type, payload) > 0) return;
		const hook = 'don:integration:dvrv-us-1:devo/1emu:webhook/0';
		const event = { id: `${hook}:webhook_event/check`, webhook_id: hook, type, [type]: payload };
		this.webhooks.checkEvent(JSON.stringify(event));
	}

	clearEvents() {
		this.events.length = 0;
	}
	/** @param {string} path @param {string} [method] */
	requestsTo(path, method) {
		return this.requests.filter(
			(r) => r.path === path && (!method || r.method === method.toUpperCase()),
		);
	}

	redactedRequests() {
		return this.requests.map((r) => ({
			...r,
			headers: {
				...r.headers,
				...(r.headers.authorization
					? {
							authorization: String(r.headers.authorization).replace(
								/^(\S+\s+)?.*$/,
								'$1[REDACTED]',
							),
						}
					: {}),
			},
		}));
	}

	/** @param {number} seedValue */
	setRandomSeed(seedValue) {
		this.random = prng(seedValue);
	}

	config() {
		return {
			scanPageSize: this.scanPageSize,
			rateLimitShare: this.rateLimitShare,
			rateLimitRetryAfter: this.rateLimitRetryAfter,
			multiAssociation: this.multiAssociation,
			rateLimit: this.rateLimit,
			rateLimitWindowMs: this.rateLimitWindowMs,
			webhookRetryScale: this.webhookRetryScale,
			webhookTimeoutMs: this.webhookTimeoutMs,
			webhookConcurrency: this.webhookConcurrency,
			webhookDuplicates: this.webhookDuplicates,
			webhookSignatureEncoding: this.webhookSignatureEncoding,
		};
	}

	/** Same keys as config(), plus randomSeed. Validated; throws an ApiError (400) on bad input. @param {Obj} cfg */
	configure(cfg) {
		if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg))
			throw err.badRequest('config must be an object');
		/** @type {Record<string, (v: any) => boolean>} */
		const ok = {
			scanPageSize: (v) => Number.isInteger(v) && v >= 1,
			rateLimit: (v) => Number.isInteger(v) && v >= 1,
			rateLimitWindowMs: (v) => Number.isInteger(v) && v >= 1000,
			rateLimitShare: (v) => typeof v === 'number' && v >= 0 && v <= 1,
			rateLimitRetryAfter: (v) => typeof v === 'number' && v >= 0,
			multiAssociation: (v) => typeof v === 'boolean',
			randomSeed: (v) => Number.isInteger(v),
			webhookRetryScale: (v) => typeof v === 'number' && v >= 0,
			webhookTimeoutMs: (v) => Number.isInteger(v) && v >= 1,
			webhookConcurrency: (v) => Number.isInteger(v) && v >= 1,
			webhookDuplicates: (v) => typeof v === 'number' && v >= 0 && v <= 1,
			webhookSignatureEncoding: (v) => v === 'hex' || v === 'base64',
		};
		for (const [k, v] of Object.entries(cfg)) {
			if (!ok[k]) throw err.invalidField(k, `unknown config key "${k}"`);
			if (!ok[k](v)) throw err.invalidField(k, `invalid value for "${k}": ${JSON.stringify(v)}`);
		}
		for (const [k, v] of Object.entries(cfg)) {
			if (k === 'randomSeed') this.setRandomSeed(v);
			else /** @type {any} */ (this)[k] = v;
		}
		return this.config();
	}

	/** @param {{offset?: number, limit?: number}} [opts] */
	state(opts = {}) {
		const offset = opts.offset || 0;
		const users = this.store.revUsers.slice(
			offset,
			opts.limit === undefined ? undefined : offset + opts.limit,
		);
		return {
			counts: {
				rev_users: this.store.revUsers.length,
				rev_orgs: this.store.revOrgs.length,
				accounts: this.store.accounts.length,
				sys_users: this.store.sysUsers.length,
				dev_users: this.store.devUsers.length,
				parts: this.store.parts.length,
				tags: this.store.tags.length,
				works: this.store.works.length,
				comments: this.store.comments.length,
				requests: this.requests.length,
				faults: this.faults.queue.length,
				events: this.events.length,
				webhooks: this.webhooks.list.length,
			},
			config: this.config(),
			rev_users: users.map((u) => ({
				id: u.id,
				display_id: u.display_id,
				display_name: u.display_name,
				email: u.email,
				is_verified: u.is_verified,
				...(u.rev_org ? { rev_org: u.rev_org } : {}),
				associations: this.associationsOf(u),
			})),
		};
	}

	/** Listens on host (default 127.0.0.1). @param {number} [port] @param {string} [host] @returns {Promise<string>} */
	async start(port = 0, host = '127.0.0.1') {
		if (this.server) throw new Error('emulator already started');
		await this.spec.ready;
		const server = createServer(this);
		this.server = server;
		return await new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => {
				const addr = /** @type {import('net').AddressInfo} */ (server.address());
				this.url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
				resolve(this.url);
			});
		});
	}

	/** Closes the server and every socket (keep-alive included); cancels delayed answers. */
	stop() {
		const server = this.server;
		if (!server) return Promise.resolve();
		this.server = undefined;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.webhooks.stop();
		return new Promise((resolve) => {
			server.close(() => resolve(undefined));
			server.closeAllConnections();
		});
	}
}

module.exports = { DevRevEmulator };
