// @ts-check
'use strict';

const http = require('http');
const { ApiError, err } = require('./errors');
const { ROUTES } = require('./routes');
const { faultAnswer, serverError } = require('./faults');
const { handleControl } = require('./control');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {import('./index').RecordedRequest} RecordedRequest */

const MAX_BODY = 20 * 1024 * 1024;

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY) req.destroy(new Error('body too large'));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** @param {string} raw */
function tryParse(raw) {
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/**
 * Per-token counter over fixed windows of emu.rateLimitWindowMs (DevRev: five minutes), aligned to
 * the epoch as a clock's are, so a window's reset is a whole second when the window is; wall-clock
 * time, not emu.now, so a frozen test clock does not freeze the window. Every call of a token to a
 * known route counts, whatever the endpoint. The X-RateLimit-* headers of every answer say so.
 * @param {Emu} emu @param {string} key @param {boolean} count
 */
function rateWindow(emu, key, count) {
	const now = Date.now();
	const start = Math.floor(now / emu.rateLimitWindowMs) * emu.rateLimitWindowMs;
	let w = emu.rateWindows.get(key);
	if (!w || w.start !== start) {
		w = { start, used: 0 };
		emu.rateWindows.set(key, w);
	}
	if (count) w.used++;
	const reset = w.start + emu.rateLimitWindowMs;
	return {
		exceeded: w.used > emu.rateLimit,
		retryAfter: Math.max(1, Math.ceil((reset - now) / 1000)),
		headers: {
			'x-ratelimit-limit': String(emu.rateLimit),
			'x-ratelimit-remaining': String(Math.max(0, emu.rateLimit - w.used)),
			'x-ratelimit-reset': String(Math.ceil(reset / 1000)),
		},
	};
}

/**
 * DevRev's JSON decoder reads a null field as an absent one; so does the emulator.
 * @param {unknown} body
 */
function withoutNulls(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
}

/** @param {Emu} emu @param {number} ms */
function sleep(emu, ms) {
	if (!ms) return Promise.resolve();
	return new Promise((resolve) => {
		const t = setTimeout(() => {
			emu.timers.delete(t);
			resolve(undefined);
		}, ms);
		emu.timers.add(t);
	});
}

/** @param {Emu} emu @param {http.IncomingMessage} req @param {http.ServerResponse} res */
async function handle(emu, req, res) {
	const url = new URL(req.url || '/', 'http://emulator');
	const method = (req.method || 'GET').toUpperCase();
	const rawBody = await readBody(req);
	if (url.pathname.startsWith('/__emulator/')) return handleControl(emu, method, url, rawBody, res);

	const path = url.pathname;
	/** @type {RecordedRequest} */
	const rec = {
		method,
		path,
		query: Object.fromEntries(url.searchParams),
		headers: { ...req.headers },
		rawBody,
		body: tryParse(rawBody),
		status: null,
		at: Date.now(),
	};
	emu.requests.push(rec);

	const auth = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization || ''));
	const token = auth && emu.tokens.includes(auth[1]) ? auth[1] : undefined;
	// DevRev serves beta-only operations only to calls scoped to beta; without it they do not exist.
	const betaScope =
		String(req.headers['x-devrev-scope'] || '')
			.trim()
			.toLowerCase() === 'beta';
	const flavour = ROUTES[path] ? emu.spec.flavour(method, path, betaScope) : undefined;
	const known = flavour !== undefined;
	const rl = rateWindow(emu, token || '(anonymous)', Boolean(token && known));
	/** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
	const send = (status, body, headers = {}) => {
		rec.status = status;
		rec.answeredAt = Date.now();
		if (res.destroyed) return;
		const text =
			status === 204 || body === undefined
				? ''
				: typeof body === 'string'
					? body
					: JSON.stringify(body);
		/** @type {Record<string, string>} */
		const h = { ...rl.headers, ...headers };
		if (text) {
			h['content-type'] = h['content-type'] || 'application/json';
			h['content-length'] = String(Buffer.byteLength(text));
		}
		res.writeHead(status, h);
		res.end(text);
	};
	/** An answer of the emulator's own making, held to DevRev's response schema when the emulator checks them. @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
	const answer = (status, body, headers) => {
		const problems =
			emu.validateResponses && flavour
				? emu.spec.responseProblems(
						flavour,
						method,
						path,
						status,
						status === 204 ? undefined : body,
					)
				: [];
		if (problems.length === 0) return send(status, body, headers);
		const message = `emulator answer ${status} to ${method} ${path} does not match DevRev's spec: ${problems.join('; ')}`;
		emu.specViolations.push(message);
		return send(500, {
			type: 'internal_error',
			message,
			reference_id: `emu-ref-${++emu.refCounter}`,
		});
	};

	if (!known) return send(404, { message: 'route not found' });
	if (!token) {
		return answer(
			401,
			err
				.unauthenticated(
					req.headers.authorization
						? 'invalid or expired token'
						: 'missing Authorization header; send "Authorization: Bearer <token>"',
				)
				.toBody(),
		);
	}
	const tooMany = (/** @type {number} */ secs, header = true) =>
		answer(
			429,
			{
				type: 'too_many_requests',
				// The spec's retry_after is whole seconds; the header may carry a fraction (a test affordance).
				message: `Rate limit exceeded; retry after ${secs} seconds.`,
				retry_after: Math.ceil(secs),
			},
			header ? { 'retry-after': String(secs) } : {},
		);
	if (rl.exceeded) return tooMany(rl.retryAfter);

	const fault = emu.faults.take(method, path);
	let repeatCursor = false;
	if (fault) {
		await sleep(emu, fault.delayMs ?? (fault.kind === 'slow' ? 1000 : 0));
		if (fault.kind === 'drop_connection') {
			rec.status = 0;
			req.socket.destroy();
			return undefined;
		}
		const ans = faultAnswer(
			fault,
			{ authorization: req.headers.authorization, rawBody },
			++emu.refCounter,
		);
		if (ans) {
			rec.status = ans.status;
			return send(ans.status, ans.body, ans.headers);
		}
		repeatCursor = fault.kind === 'repeat_cursor';
	} else if (emu.rateLimitShare > 0 && emu.random() < emu.rateLimitShare) {
		return tooMany(emu.rateLimitRetryAfter);
	}

	try {
		let body;
		if (method === 'POST' && rawBody.trim() !== '') {
			try {
				body = withoutNulls(JSON.parse(rawBody));
			} catch (e) {
				throw err.parseError(`request body is not valid JSON: ${/** @type {Error} */ (e).message}`);
			}
		}
		const query = Object.fromEntries(url.searchParams);
		const q = emu.spec.checkRequest(/** @type {'public' | 'beta'} */ (flavour), {
			method,
			path,
			query,
			headers: req.headers,
			body,
		});
		const r = ROUTES[path](emu, q);
		if (fault?.holdAnswerMs) await sleep(emu, fault.holdAnswerMs);
		if (fault?.kind === 'save_then_fail') {
			// Saved (and its events emitted); now the answer is lost, as behind a failing proxy.
			if (fault.drop) {
				rec.status = 0;
				req.socket.destroy();
				return undefined;
			}
			const ans = serverError(fault.status ?? 502, fault.retryAfter, ++emu.refCounter);
			return send(ans.status, ans.body, ans.headers);
		}
		if (repeatCursor && r.json && r.list)
			r.json.next_cursor = q.cursor || emu.cursors.encode(r.list, 0, -1);
		return answer(r.status ?? 200, r.json);
	} catch (e) {
		if (e instanceof ApiError) return answer(e.status, e.toBody());
		return send(500, {
			type: 'internal_error',
			message: `emulator bug: ${/** @type {Error} */ (e).message}`,
			reference_id: `emu-ref-${++emu.refCounter}`,
		});
	}
}

/** @param {Emu} emu */
function createServer(emu) {
	const server = http.createServer((req, res) => {
		handle(emu, req, res).catch((e) => {
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						type: 'internal_error',
						message: String(e && e.message),
						reference_id: 'emu-ref-0',
					}),
				);
			}
		});
	});
	server.keepAliveTimeout = 5000;
	return server;
}

module.exports = { createServer };
