'use strict';
/**
 * Ports and JSON over HTTP on loopback (n8n, the emulator, probes). Built on `http`, not fetch,
 * so that the bench's measured processes load nothing extra. CommonJS, no dependencies.
 */
const http = require('http');
const net = require('net');

/** A port free now on `host` (the OS picks it). @returns {Promise<number>} */
function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, host, () => {
			const { port } = /** @type {import('net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

/** The port asked for, else `preferred` when it is free, else any free one. */
async function pickPort(wanted, preferred, host = '127.0.0.1') {
	if (wanted) return wanted;
	const free = await new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(preferred, host, () => srv.close(() => resolve(true)));
	});
	return free ? preferred : freePort(host);
}

/**
 * One HTTP request; resolves { status, text } whatever the status. An object `body` is sent as
 * JSON, a string as it is.
 * @param {string | URL} url
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string>, agent?: http.Agent,
 *   timeoutMs?: number }} [options]
 * @returns {Promise<{ status: number, text: string }>}
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
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
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
