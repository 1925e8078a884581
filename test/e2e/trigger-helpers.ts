/**
 * Real-n8n helpers for the DevRev Trigger: a sink the test workflows report every execution to,
 * the sink workflow itself, n8n's execution list, and signed hand-made deliveries.
 */
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type * as rt from '../../scripts/n8n-runtime';

export interface SinkEntry {
	execution: string;
	mode: string;
	item: Record<string, unknown>;
	at: number;
}

/** An HTTP endpoint that records what the workflows' "Report" node posts. */
export class Sink {
	readonly entries: SinkEntry[] = [];
	private server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8').on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			this.entries.push({ ...(JSON.parse(raw) as Omit<SinkEntry, 'at'>), at: Date.now() });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	url = '';

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/report`;
		return this.url;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}
}

/** "Report" node: posts the execution's ID, mode and item to the sink. */
export function reportNode(name: string, sinkUrl: string, position: [number, number]) {
	return {
		id: `${name}-report`,
		name: 'Report',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'POST',
			url: sinkUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ execution: $execution.id, mode: $execution.mode, item: $json }) }}',
			options: {},
		},
	};
}

/** DevRev Trigger → Report. */
export function triggerWorkflow(options: {
	id: string;
	webhookId: string;
	sinkUrl: string;
	events: string[];
	credential: { id: string; name: string };
	triggerOptions?: Record<string, unknown>;
}) {
	return {
		id: options.id,
		name: `DevRev Trigger test ${options.id}`,
		nodes: [
			{
				id: `${options.id}-trigger`,
				name: 'DevRev Trigger',
				type: 'n8n-nodes-devrev.devRevTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: options.webhookId,
				parameters: { events: options.events, options: options.triggerOptions ?? {} },
				credentials: { devRevApi: options.credential },
			},
			reportNode(options.id, options.sinkUrl, [240, 0]),
		],
		connections: { 'DevRev Trigger': { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** n8n's Webhook node (POST /webhook/<path>, answered at once) → Report: the bare baseline. */
export function webhookWorkflow(options: { id: string; webhookId: string; path: string; sinkUrl: string }) {
	return {
		id: options.id,
		name: `Bare webhook ${options.id}`,
		nodes: [
			{
				id: `${options.id}-webhook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: options.webhookId,
				parameters: { httpMethod: 'POST', path: options.path, responseMode: 'onReceived', options: { noResponseBody: true } },
			},
			reportNode(options.id, options.sinkUrl, [240, 0]),
		],
		connections: { Webhook: { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** n8n's execution records of a workflow (newest first), page by page as the editor's list reads them. */
export async function executionsOf(client: InstanceType<typeof rt.N8nClient>, workflowId: string) {
	type Summary = { id: string; status: string; mode: string; startedAt: string };
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const out: Summary[] = [];
	let cursor: string | null = null;
	do {
		const page = (await client.requestOk(
			'GET',
			`/rest/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		)) as { results: Summary[]; nextCursor: string | null };
		out.push(...page.results);
		cursor = page.nextCursor;
	} while (cursor);
	return out;
}

/** A body signed as DevRev signs it. */
export function signed(body: Record<string, unknown>, secret: string): { raw: string; signature: string } {
	const raw = JSON.stringify(body);
	return { raw, signature: createHmac('sha256', secret).update(raw).digest('hex') };
}

export async function post(url: string, raw: string, signature?: string): Promise<{ status: number; text: string }> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (signature !== undefined) headers['X-DevRev-Signature'] = signature;
	const res = await fetch(url, { method: 'POST', headers, body: raw });
	return { status: res.status, text: await res.text() };
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
