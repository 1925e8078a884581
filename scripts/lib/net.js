'use strict';
/**
 * Ports and HTTP on loopback (n8n, the emulator, probes). Built on `http`, not fetch, so that the
 * bench's measured processes load nothing extra. CommonJS, no dependencies.
 */
const http = require('http');
const net = require('net');

/** Resolves whether `port` (0: any) can be listened on, and which one it was. */
function listenable(port) {
	return new Promise((resolve) => {
		const srv = net.createServer().unref();
		srv.once('error', () => resolve(0));
		srv.listen(port, '127.0.0.1', () => {
			const address = /** @type {import('net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(address.port));
		});
	});
}

/** A port free now on 127.0.0.1 (the OS picks it). @returns {Promise<number>} */
const freePort = () => listenable(0);

/** The port asked for, else `preferred` when it is free, else any free one. */
async function pickPort(wanted, preferred) {
	return wanted || (await listenable(preferred)) || freePort();
}

/**
 * One HTTP request; resolves { status, text, headers } whatever the status. An object `body` is
 * sent as JSON, a string as it is.
 * @param {string | URL} url
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string>, agent?: http.Agent,
 *   timeoutMs?: number }} [options]
 * @returns {Promise<{ status: number, text: string, headers: http.IncomingHttpHeaders }>}
 */
function request(url, { method = 'GET', body, headers = {}, agent, timeoutMs = 30000 } = {}) {
	const raw = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
	const head = { ...headers };
	if (raw !== undefined) {
		head['content-type'] ??= 'application/json';
		head['content-length'] = String(Buffer.byteLength(raw));
	}
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers: head, agent, timeout: timeoutMs }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
		});
		req.on('timeout', () =>
			req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs} ms`)),
		);
		req.on('error', reject);
		req.end(raw);
	});
}

/** JSON over HTTP: the parsed answer; rejects on a status outside 2xx. @returns {Promise<any>} */
async function fetchJson(url, options = {}) {
	const { status, text } = await request(url, options);
	if (status < 200 || status >= 300)
		throw new Error(`${options.method || 'GET'} ${url} answered ${status}: ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : undefined;
}

module.exports = { freePort, pickPort, request, fetchJson };
