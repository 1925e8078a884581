// @ts-check
'use strict';

const { ApiError, err } = require('./errors');
const { fireEvent } = require('./events');

/** @typedef {import('./index').DevRevEmulator} Emu */

/**
 * Control API under /__emulator/ (no auth, not recorded):
 *   GET    /__emulator/requests   → {requests: [...]} (Authorization redacted)
 *   DELETE /__emulator/requests   → {cleared: n}
 *   GET    /__emulator/faults     → {faults: [...]} (pending)
 *   POST   /__emulator/faults     body: a fault or an array of faults → 201 {faults: [...pending]}
 *   DELETE /__emulator/faults     → {cleared: n}
 *   GET    /__emulator/events     → {events: [{type, payload, at}]} (changes made through the API)
 *   DELETE /__emulator/events     → {cleared: n}
 *   GET    /__emulator/state      ?offset=&limit= → {counts, config, rev_users: [{id, display_id,
 *                                  display_name, email, is_verified, rev_org, associations}]}
 *   POST   /__emulator/config     body: {scanPageSize?, rateLimitShare?, rateLimitRetryAfter?,
 *                                  multiAssociation?, rateLimit?, rateLimitWindowMs?, randomSeed?,
 *                                  webhookRetryScale?, webhookTimeoutMs?, webhookConcurrency?,
 *                                  webhookDuplicates?, webhookSignatureEncoding?} → {config}
 *   POST   /__emulator/seed       body: {revUsers?, sysUsers?, revOrgs?, accounts?, devUsers?, tags?,
 *                                  parts?, tickets?, issues?, comments?} → {counts}
 *   POST   /__emulator/events     body: {type, payload?, id?, display_name?, copies?} → 201 {type, payload,
 *                                  webhooks}: fires a webhook event by hand (see events.js)
 *   GET    /__emulator/webhooks   → {webhooks: [...with secrets], deliveries: [...attempts]}
 *   GET    /__emulator/clock      → {now, frozen}
 *   POST   /__emulator/clock      body: {freeze?: ISO | true, advance?: ms, release?: true, reset?: true}
 *                                  → {now, frozen} (see clock.js)
 * @param {Emu} emu @param {string} method @param {URL} url @param {string} rawBody
 * @param {import('http').ServerResponse} res
 */
function handleControl(emu, method, url, rawBody, res) {
	/** @param {number} status @param {unknown} body */
	const send = (status, body) => {
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'content-type': 'application/json',
			'content-length': String(Buffer.byteLength(text)),
		});
		res.end(text);
	};
	const body = () => {
		try {
			return rawBody.trim() === '' ? {} : JSON.parse(rawBody);
		} catch {
			throw err.parseError('request body is not valid JSON');
		}
	};
	try {
		const route = `${method} ${url.pathname}`;
		switch (route) {
			case 'GET /__emulator/requests':
				return send(200, { requests: emu.redactedRequests() });
			case 'DELETE /__emulator/requests': {
				const n = emu.requests.length;
				emu.clearRequests();
				return send(200, { cleared: n });
			}
			case 'GET /__emulator/events':
				return send(200, { events: emu.events });
			case 'DELETE /__emulator/events': {
				const n = emu.events.length;
				emu.clearEvents();
				return send(200, { cleared: n });
			}
			case 'GET /__emulator/faults':
				return send(200, { faults: emu.faults.queue });
			case 'POST /__emulator/faults': {
				const b = body();
				for (const f of Array.isArray(b) ? b : [b]) emu.injectFault(f);
				return send(201, { faults: emu.faults.queue });
			}
			case 'DELETE /__emulator/faults': {
				const n = emu.faults.queue.length;
				emu.clearFaults();
				return send(200, { cleared: n });
			}
			case 'GET /__emulator/state': {
				const offset = Number(url.searchParams.get('offset') || 0);
				const limit = url.searchParams.has('limit')
					? Number(url.searchParams.get('limit'))
					: undefined;
				return send(200, emu.state({ offset, limit }));
			}
			case 'POST /__emulator/config':
				emu.configure(body());
				return send(200, { config: emu.config() });
			case 'POST /__emulator/events':
				return send(201, fireEvent(emu, body()));
			case 'GET /__emulator/webhooks':
				return send(200, {
					webhooks: emu.webhooks.list.map((w) => emu.webhooks.view(w)),
					deliveries: emu.webhooks.deliveries,
				});
			case 'GET /__emulator/clock':
				return send(200, emu.clock.view());
			case 'POST /__emulator/clock':
				return send(200, emu.clock.control(body()));
			case 'POST /__emulator/seed':
				emu.seed(body());
				return send(200, { counts: emu.state({ limit: 0 }).counts });
			default:
				return send(404, { message: 'route not found' });
		}
	} catch (e) {
		if (e instanceof ApiError) return send(e.status, e.toBody());
		return send(400, { type: 'bad_request', message: /** @type {Error} */ (e).message });
	}
}

module.exports = { handleControl };
