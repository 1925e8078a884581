/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * The DevRev Trigger hosted the way n8n hosts a webhook trigger, on n8n-core's own contexts:
 * HookContext runs checkExists / create / delete (webhooks.* calls through n8n's request helpers
 * and the real credential), WebhookContext runs webhook() for each request arriving at the
 * node's URL on a local HTTP server. The HTTP layer answers as n8n 2.41 does for a trigger with
 * `responseMode: 'onReceived'` and `responseData: 'noData'` (checked against real n8n, see
 * test/e2e/trigger.test.ts): noWebhookResponse → what the node wrote; workflowData → an
 * execution starts and 200 with an empty body; webhookResponse → 200 with it as JSON; nothing →
 * 200 {"message":"Webhook call received"}. Real n8n itself is in test/e2e/trigger.test.ts.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	type TestCredentials,
	additionalDataFor,
	freshNodeClass,
	oneNodeTypes,
} from '../harness/contexts';

export const TRIGGER_TYPE = 'n8n-nodes-devrev.devRevTrigger';

type Constructor = new () => INodeType;

export interface Execution {
	items: IDataObject[];
	at: number;
	test: boolean;
}

export interface Answer {
	status: number;
	body: string;
}

interface HostOptions {
	credentials: TestCredentials;
	parameters: IDataObject;
	/** The node's webhook ID (its URL path); one per test keeps the node's process memory apart. */
	webhookId: string;
	workflowId?: string;
	nodeClass?: Constructor;
}

export class TriggerHost {
	readonly executions: Execution[] = [];
	readonly answers: Answer[] = [];
	/** Runs after a request is handled and before its answer is sent (a slow n8n). */
	beforeAnswer?: () => Promise<void>;
	/** The workflow's static data as n8n keeps it for production (its database copy). */
	staticData: IDataObject = {};
	private testStaticData: IDataObject = {};
	private nodeType: INodeType;
	private server = http.createServer((req, res) => void this.handle(req, res));
	base = '';

	constructor(private options: HostOptions) {
		this.nodeType = new (options.nodeClass ?? freshNodeClass('DevRevTrigger'))();
	}

	get node(): INode {
		return {
			id: 'devrev-trigger',
			name: 'DevRev Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: this.options.webhookId,
			parameters: this.options.parameters as INode['parameters'],
			credentials: { devRevApi: { id: '1', name: 'DevRev account' } },
		};
	}

	get productionUrl(): string {
		return `${this.base}/webhook/${this.options.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.base}/webhook-test/${this.options.webhookId}/webhook`;
	}

	/**
	 * The node as a restarted n8n has it: this host stops, a new one with a fresh module and the
	 * same saved static data listens at the same URL.
	 */
	async restarted(nodeClass: Constructor = freshNodeClass('DevRevTrigger')): Promise<TriggerHost> {
		const port = Number(new URL(this.base).port);
		await this.stop();
		const next = new TriggerHost({ ...this.options, nodeClass });
		next.staticData = JSON.parse(JSON.stringify(this.staticData));
		await next.start(port);
		return next;
	}

	setParameters(parameters: IDataObject): void {
		this.options.parameters = parameters;
	}

	async start(port = 0): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		if (!this.server.listening) return;
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private workflow(test: boolean): Workflow {
		return new Workflow({
			id: this.options.workflowId ?? 'trigger-workflow',
			nodes: [this.node],
			connections: {},
			nodeTypes: oneNodeTypes(this.nodeType),
			active: !test,
			staticData: test ? this.testStaticData : this.staticData,
		});
	}

	private additionalData(
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): IWorkflowExecuteAdditionalData {
		const hooks = new ExecutionLifecycleHooks('trigger', 'trigger-test', {} as never);
		return additionalDataFor(this.options.credentials, hooks, { base: this.base, ...extra });
	}

	private webhookData(
		workflow: Workflow,
		test: boolean,
		additionalData: IWorkflowExecuteAdditionalData,
	): IWebhookData {
		const webhookDescription = (this.nodeType.description.webhooks ?? [])[0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.options.webhookId}/webhook`,
			webhookDescription,
			workflowId: String(workflow.id),
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.options.webhookId,
			isTest: test,
		};
	}

	/** Runs one of the node's webhook hooks as n8n does on activation ("test": Listen for test event). */
	async hook(method: 'checkExists' | 'create' | 'delete', { test = false } = {}): Promise<boolean> {
		const workflow = this.workflow(test);
		const additionalData = this.additionalData();
		const node = workflow.getNode(this.node.name) as INode;
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			test ? 'manual' : 'trigger',
			test ? 'manual' : 'activate',
			this.webhookData(workflow, test, additionalData),
		);
		const methods = this.nodeType.webhookMethods?.default as Record<
			string,
			(this: HookContext) => Promise<boolean>
		>;
		return await methods[method].call(context);
	}

	/** What n8n does on publish: checkExists, then create when it said false. */
	async activate(options: { test?: boolean } = {}): Promise<void> {
		if (!(await this.hook('checkExists', options))) await this.hook('create', options);
	}

	/** The test session's static data (n8n starts each "Listen for test event" with an empty one). */
	resetTestStaticData(): void {
		this.testStaticData = {};
	}

	get testStatic(): IDataObject {
		return this.testStaticData;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const test = (req.url ?? '').startsWith('/webhook-test/');
		const path = test ? this.testUrl : this.productionUrl;
		if (`${this.base}${req.url}` !== path || req.method !== 'POST') {
			res.writeHead(404).end();
			return;
		}
		let body: IDataObject = {};
		try {
			body = JSON.parse(rawBody.toString('utf8')) as IDataObject;
		} catch {
			body = {};
		}
		const request = {
			headers: req.headers,
			body,
			rawBody,
			query: {},
			params: {},
			method: 'POST',
			header: (name: string) => req.headers[name.toLowerCase()],
		};
		const written: { status: number; body?: string } = { status: 200 };
		const response = {
			status(code: number) {
				written.status = code;
				return response;
			},
			json(value: unknown) {
				written.body = JSON.stringify(value);
				return response;
			},
			send(value: unknown) {
				written.body = typeof value === 'string' ? value : JSON.stringify(value);
				return response;
			},
			end() {
				return response;
			},
		};
		const workflow = this.workflow(test);
		const additionalData = this.additionalData({
			httpRequest: request,
			httpResponse: response,
		} as never);
		const node = workflow.getNode(this.node.name) as INode;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			test ? 'manual' : 'webhook',
			this.webhookData(workflow, test, additionalData),
			[],
			null,
		);
		let result: IWebhookResponseData;
		let answer: Answer;
		try {
			result = await (
				this.nodeType.webhook as (this: WebhookContext) => Promise<IWebhookResponseData>
			).call(context);
			if (result.noWebhookResponse) answer = { status: written.status, body: written.body ?? '' };
			else if (result.workflowData) {
				this.executions.push({
					items: result.workflowData[0].map((item) => item.json),
					at: Date.now(),
					test,
				});
				answer = { status: 200, body: '' };
			} else if (result.webhookResponse !== undefined)
				answer = { status: 200, body: JSON.stringify(result.webhookResponse) };
			else answer = { status: 200, body: JSON.stringify({ message: 'Webhook call received' }) };
		} catch (error) {
			answer = { status: 500, body: JSON.stringify({ message: (error as Error).message }) };
		}
		this.answers.push(answer);
		await this.beforeAnswer?.();
		res
			.writeHead(answer.status, answer.body ? { 'content-type': 'application/json' } : {})
			.end(answer.body);
	}
}
