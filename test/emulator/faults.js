// @ts-check
'use strict';

const { err } = require('./errors');

/**
 * A fault applies to the next `count` API calls it matches (authenticated calls to a known
 * route; `path`/`method` narrow it), first queued first served, one fault per call.
 * `count: -1` keeps it until clearFaults(). Any fault may carry `delayMs` (answer delayed).
 * `save_then_fail` carries the call out (the object is saved, events are emitted) and then answers
 * `status` (a 5xx as server_error has them, default 502) or, with `drop: true`, closes the
 * connection without an answer; a call the emulator refuses (4xx) is answered as usual.
 * @typedef {object} Fault
 * @property {'rate_limit'|'server_error'|'slow'|'non_json'|'repeat_cursor'|'drop_connection'|'echo'|'error'|'save_then_fail'} kind
 * @property {number} [count]       default 1
 * @property {number} [after]       let this many matching calls pass before the fault applies (default 0)
 * @property {string} [path]        e.g. '/rev-users.scan'; default any route
 * @property {string} [method]      e.g. 'POST'; default any
 * @property {number} [delayMs]     slow: default 1000; others: default 0
 * @property {number} [holdAnswerMs] slow: the call is carried out at once, its answer held this long
 * @property {number} [retryAfter]  rate_limit: seconds (fractions allowed), default 1; server_error 503: optional header
 * @property {boolean} [header]     rate_limit: send the Retry-After header (default true)
 * @property {number} [status]      server_error: 500|502|503|504 (default 500); save_then_fail: the same (default 502); non_json: default 502
 * @property {boolean} [drop]       save_then_fail: close the connection instead of answering
 * @property {string} [body]        non_json: the raw body (default an nginx-like HTML page)
 * @property {string} [contentType] non_json: default 'text/html'
 * @property {object} [error]       error: the DevRev error body to answer ({type, message, ...extras})
 */

const KINDS = [
	'rate_limit',
	'server_error',
	'slow',
	'non_json',
	'repeat_cursor',
	'drop_connection',
	'echo',
	'error',
	'save_then_fail',
];
const PAGINATED = [
	'/rev-users.scan',
	'/rev-users.list',
	'/rev-users.associations.list',
	'/sys-users.list',
	'/rev-orgs.list',
	'/accounts.list',
	'/works.list',
	'/timeline-entries.list',
	'/parts.list',
	'/dev-users.list',
	'/search.core',
];

/** @param {unknown} f @returns {Fault} */
function normalizeFault(f) {
	if (typeof f !== 'object' || f === null || Array.isArray(f))
		throw err.badRequest('a fault must be a JSON object');
	const fault = /** @type {Fault} */ ({ count: 1, ...f });
	if (!KINDS.includes(fault.kind)) throw err.invalidEnum('kind', fault.kind, KINDS);
	const count = /** @type {number} */ (fault.count);
	if (!Number.isInteger(count) || (count < 1 && count !== -1)) {
		throw err.invalidField('count', 'count must be a positive integer or -1 (forever)');
	}
	const fives = ['server_error', 'save_then_fail'];
	if (fives.includes(fault.kind) && ![undefined, 500, 502, 503, 504].includes(fault.status)) {
		throw err.invalidEnum('status', fault.status, ['500', '502', '503', '504']);
	}
	if (fault.drop !== undefined && typeof fault.drop !== 'boolean')
		throw err.invalidField('drop', 'drop must be a boolean');
	for (const k of ['delayMs', 'retryAfter', 'after', 'holdAnswerMs']) {
		const v = /** @type {any} */ (fault)[k];
		if (v !== undefined && (typeof v !== 'number' || v < 0))
			throw err.invalidField(k, `${k} must be a number >= 0`);
	}
	return fault;
}

/** mulberry32: small deterministic PRNG. @param {number} seed */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

class FaultQueue {
	constructor() {
		/** @type {Fault[]} */
		this.queue = [];
	}

	/** @param {unknown} f */
	add(f) {
		const fault = normalizeFault(f);
		this.queue.push(fault);
		return fault;
	}

	clear() {
		this.queue = [];
	}

	/**
	 * Takes the first fault matching this call (repeat_cursor only matches paginated routes).
	 * @param {string} method @param {string} path
	 */
	take(method, path) {
		const matching = this.queue.filter(
			(f) =>
				(!f.path || f.path === path) &&
				(!f.method || f.method.toUpperCase() === method) &&
				(f.kind !== 'repeat_cursor' || PAGINATED.includes(path)),
		);
		// `after: N` lets the first N matching calls since injection pass untouched.
		const f = matching.find((candidate) => !candidate.after);
		for (const waiting of matching) if (waiting.after) waiting.after -= 1;
		if (!f) return undefined;
		if (f.count !== -1) {
			f.count = /** @type {number} */ (f.count) - 1;
			if (f.count <= 0) this.queue.splice(this.queue.indexOf(f), 1);
		}
		return f;
	}
}

const BAD_GATEWAY_HTML =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
	'<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** @param {number} status @param {object} body @param {Record<string, string>} [headers] */
const json = (status, body, headers = {}) => ({
	status,
	headers: { 'content-type': 'application/json', ...headers },
	body: JSON.stringify(body),
});

/**
 * DevRev's 5xx answers: 500 internal_error with a reference ID, 502/503/504 service_unavailable.
 * @param {number} status @param {number | undefined} retryAfter @param {number} refNo
 */
function serverError(status, retryAfter, refNo) {
	/** @type {Record<string, string>} */
	const headers = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
	if (status === 500) {
		return json(
			500,
			{
				type: 'internal_error',
				message: 'Internal server error.',
				reference_id: `emu-ref-${String(refNo).padStart(6, '0')}`,
			},
			headers,
		);
	}
	const msg = { 502: 'Bad gateway.', 503: 'Service unavailable.', 504: 'Gateway timeout.' }[
		/** @type {502} */ (status)
	];
	return json(status, { type: 'service_unavailable', message: msg }, headers);
}

/**
 * The error answer of a fault, or undefined for faults that let the call proceed
 * (slow, repeat_cursor, save_then_fail) or that drop the connection.
 * @param {Fault} f @param {{authorization?: string, rawBody: string}} req @param {number} refNo
 * @returns {{status: number, headers: Record<string, string>, body: string} | undefined}
 */
function faultAnswer(f, req, refNo) {
	switch (f.kind) {
		case 'rate_limit': {
			const ra = f.retryAfter ?? 1;
			return json(
				429,
				{
					type: 'too_many_requests',
					message: `Rate limit exceeded; retry after ${ra} seconds.`,
					retry_after: ra,
				},
				f.header === false ? {} : { 'retry-after': String(ra) },
			);
		}
		case 'server_error':
			return serverError(f.status ?? 500, f.retryAfter, refNo);
		case 'non_json':
			return {
				status: f.status ?? 502,
				headers: { 'content-type': f.contentType ?? 'text/html' },
				body: f.body ?? BAD_GATEWAY_HTML,
			};
		case 'error':
			// Any typed DevRev error the spec lists (e.g. a 403 naming a permission), as given.
			return json(f.status ?? 400, f.error ?? { type: 'bad_request', message: 'Bad request.' });
		case 'echo':
			return json(400, {
				type: 'bad_request',
				message: `invalid request; authorization: ${req.authorization ?? '(none)'}; body: ${req.rawBody}`,
			});
		default:
			return undefined;
	}
}

module.exports = { FaultQueue, faultAnswer, serverError, normalizeFault, prng, KINDS, PAGINATED };
