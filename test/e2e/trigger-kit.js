// @ts-check
'use strict';

/**
 * Real-n8n pieces for the DevRev Trigger, shared by its end-to-end test (trigger.test.ts) and
 * `npm run bench` (bench/trigger.js): a sink the test workflows report every execution to, the
 * workflows (DevRev Trigger → Report, n8n's Webhook node → Report), n8n's execution list, and
 * deliveries signed as DevRev signs them.
 */

const crypto = require('crypto');
const http = require('http');

const { request } = require('../../scripts/lib/net');

/** @typedef {{execution: string, mode: string, item: Record<string, any>, at: number}} SinkEntry */
/** @typedef {{id: string, status: string, mode: string, startedAt: string}} ExecutionSummary */

/** An HTTP endpoint recording what the workflows' "Report" node posts. */
class Sink {
	constructor() {
		/** @type {SinkEntry[]} */
		this.entries = [];
		this.url = '';
		this.server = http.createServer((req, res) => {
			let raw = '';
			req.setEncoding('utf8').on('data', (chunk) => (raw += chunk));
			req.on('end', () => {
				this.entries.push({ ...JSON.parse(raw), at: Date.now() });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
			});
		});
	}

	/** @returns {Promise<string>} */
	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(undefined)));
		const address = /** @type {import('net').AddressInfo} */ (this.server.address());
		this.url = `http://127.0.0.1:${address.port}/report`;
		return this.url;
	}

	async stop() {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}
}

/** "Report": posts the execution's ID, mode and item to the sink. @param {string} id @param {string} sinkUrl */
function reportNode(id, sinkUrl) {
	return {
		id: `${id}-report`,
		name: 'Report',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [240, 0],
		parameters: {
			method: 'POST',
			url: sinkUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ execution: $execution.id, mode: $execution.mode, item: $json }) }}',
			options: {},
		},
	};
}

/**
 * A workflow of `first` → Report. @param {string} id @param {string} name @param {string} sinkUrl
 * @param {{name: string} & Record<string, unknown>} first
 */
function reporting(id, name, sinkUrl, first) {
	const nodes = [{ ...first, position: [0, 0] }, reportNode(id, sinkUrl)];
	const connections = { [first.name]: { main: [[{ node: 'Report', type: 'main', index: 0 }]] } };
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/**
 * DevRev Trigger → Report.
 * @param {{id: string, webhookId: string, sinkUrl: string, events: string[], credential: {id: string, name: string},
 *   triggerOptions?: Record<string, unknown>}} o
 */
function triggerWorkflow(o) {
	return reporting(o.id, `DevRev Trigger test ${o.id}`, o.sinkUrl, {
		id: `${o.id}-trigger`,
		name: 'DevRev Trigger',
		type: 'n8n-nodes-devrev.devRevTrigger',
		typeVersion: 1.1,
		webhookId: o.webhookId,
		parameters: { events: o.events, options: o.triggerOptions ?? {} },
		credentials: { devRevApi: o.credential },
	});
}

/**
 * n8n's Webhook node (POST /webhook/<path>, answered at once, no body) → Report: the bare baseline.
 * @param {{id: string, webhookId: string, path: string, sinkUrl: string}} o
 */
function webhookWorkflow(o) {
	return reporting(o.id, `Bare webhook ${o.id}`, o.sinkUrl, {
		id: `${o.id}-webhook`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		webhookId: o.webhookId,
		parameters: {
			httpMethod: 'POST',
			path: o.path,
			responseMode: 'onReceived',
			options: { noResponseBody: true },
		},
	});
}

/** n8n's statuses of an execution that has ended. */
const FINISHED = new Set(['success', 'error', 'canceled', 'crashed']);

/**
 * n8n's execution records of a workflow (newest first), page by page as the editor's list reads them.
 * @param {{requestOk: (method: string, path: string, body?: unknown) => Promise<any>}} client @param {string} workflowId
 * @returns {Promise<ExecutionSummary[]>}
 */
async function executionsOf(client, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	/** @type {ExecutionSummary[]} */
	const out = [];
	/** @type {string | null} */
	let cursor = null;
	do {
		const page = await client.requestOk(
			'GET',
			`/rest/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		out.push(...page.results);
		cursor = page.nextCursor;
	} while (cursor);
	return out;
}

/** A body signed as DevRev signs it (HMAC-SHA256 of the raw body, hex). @param {object} body @param {string} secret */
function signed(body, secret) {
	const raw = JSON.stringify(body);
	return { raw, signature: crypto.createHmac('sha256', secret).update(raw).digest('hex') };
}

/**
 * POSTs a body as DevRev does. @param {string} url @param {string} raw @param {string} [signature]
 * @param {import('http').Agent} [agent] @returns {Promise<{status: number, text: string}>}
 */
function post(url, raw, signature, agent) {
	/** @type {Record<string, string>} */
	const headers = {};
	if (signature !== undefined) headers['x-devrev-signature'] = signature;
	return request(url, { method: 'POST', body: raw, headers, agent });
}

module.exports = {
	FINISHED,
	Sink,
	reportNode,
	triggerWorkflow,
	webhookWorkflow,
	executionsOf,
	signed,
	post,
};
