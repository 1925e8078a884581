/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
import * as path from 'node:path';

import * as core from 'n8n-core';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { DevRevApi } from '../../credentials/DevRevApi.credentials';
import { DevRev } from '../../nodes/DevRev/DevRev.node';
import { type TestCredentials, additionalDataFor } from './contexts';

export const DEVREV_TYPE = 'n8n-nodes-devrev.devRev';
const CREDENTIAL_TEST_TYPE = 'n8n-nodes-devrev.credentialTest';

/**
 * n8n 2.x's NodeTypes (packages/cli) gives a declarative node an `execute` that runs n8n-core's
 * RoutingNode on the node's execution context, so the node sees the execution's cancel signal.
 * WorkflowExecute's own fallback for declarative nodes ("only called by nodes tests") passes no
 * signal; the harness runs nodes as the application does. n8n 1.x's RoutingNode takes other
 * arguments (six: the workflow's pieces) and its engine runs declarative nodes itself.
 */
function assignExecuteAsN8nDoes(nodeType: INodeType): void {
	type Routing = new (context: unknown, type: INodeType) => { runNode(): Promise<unknown> };
	const RoutingNode = (core as unknown as { RoutingNode: Routing }).RoutingNode;
	if (RoutingNode.length !== 3) return;
	nodeType.execute = async function (this: IExecuteFunctions) {
		return ((await new RoutingNode(this, nodeType).runNode()) ?? []) as INodeExecutionData[][];
	};
}

/** Node types as n8n's loader prepares them (declarative nodes get their Request Options). */
function loadNodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const devRev = new DevRev();
	// n8n 2.x moved this loader step from NodeHelpers to DirectoryLoader.
	type Loader = { applyDeclarativeNodeOptionParameters(nodeType: INodeType): void };
	const loader = (core as unknown as { DirectoryLoader?: Loader }).DirectoryLoader;
	(loader ?? (NodeHelpers as unknown as Loader)).applyDeclarativeNodeOptionParameters(devRev);
	assignExecuteAsN8nDoes(devRev);
	const types: Record<string, INodeType> = { [DEVREV_TYPE]: devRev, ...extra };
	return {
		getByName: (name: string) => types[name] as INodeType | IVersionedNodeType,
		getByNameAndVersion: (name: string) => types[name],
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

export interface RunOptions {
	parameters: INodeParameters;
	credentials: TestCredentials;
	/** Input items of the DevRev node; one empty item by default. */
	items?: IDataObject[];
	continueOnFail?: boolean;
	timezone?: string;
	nodeType?: string;
	extraTypes?: Record<string, INodeType>;
	/** Called once the execution runs, with the Stop button's action: n8n's own cancel. */
	onStarted?: (execution: { cancel: () => void }) => void;
}

export interface RunResult {
	/** The node's output items, json only. */
	items: IDataObject[];
	/** Output items with their error, when Continue On Fail turned failures into items. */
	raw: INodeExecutionData[];
	/** The error that stopped the execution, if any. */
	error?: Error & { description?: string; httpCode?: string | null; context?: IDataObject };
	/** Undefined when n8n refused to start the workflow. */
	run?: IRun;
}

function createNode(parameters: INodeParameters, type: string, continueOnFail = false): INode {
	return {
		id: 'devrev-node',
		name: 'DevRev',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { devRevApi: { id: '1', name: 'DevRev account' } },
		continueOnFail,
	};
}

function createWorkflow(
	node: INode,
	options: Pick<RunOptions, 'extraTypes' | 'timezone'>,
): Workflow {
	return new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes: loadNodeTypes(options.extraTypes),
		active: false,
		settings: options.timezone ? { timezone: options.timezone } : {},
	});
}

/** Calls one of the node's listSearch methods the way the editor's From List picker does. */
export async function searchList(
	method: keyof DevRev['methods']['listSearch'],
	options: { credentials: RunOptions['credentials']; filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const node = createNode({ resource: 'revUser', operation: 'link' }, DEVREV_TYPE);
	const workflow = createWorkflow(node, {});
	const hooks = new ExecutionLifecycleHooks('manual', 'list-search', {} as never);
	const additionalData = additionalDataFor(options.credentials, hooks);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.revUserId');
	const search = new DevRev().methods.listSearch[method];
	return await search.call(context, options.filter, options.paginationToken);
}

/**
 * n8n-core 1.x starts the cleanup interval of its SSH tunnel manager (a DI singleton created
 * with the first node execution context) without unref(); n8n clears it on shutdown, and so do
 * we, or the test process never exits. 2.x unrefs it; the call is harmless there.
 */
function releaseSshCleanupTimer(): void {
	try {
		const coreDir = path.dirname(require.resolve('n8n-core'));
		// Through the module registry n8n-core itself uses, so these are its singletons.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { SSHClientsManager } = require(
			path.join(coreDir, 'execution-engine', 'ssh-clients-manager'),
		);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] }));
		Container.get(SSHClientsManager).onShutdown?.();
	} catch {
		// A layout without this manager: nothing to release.
	}
}

type NodeIssues = {
	execution?: boolean;
	parameters?: Record<string, string[]>;
	credentials?: Record<string, string[]>;
	input?: Record<string, string[]>;
	typeUnknown?: boolean;
};

/**
 * n8n 2.x names the issues in the error that refuses the run ("The 'DevRev' node has issues:
 * - Rev Org ID: …"). n8n 1.x refuses with a generic message and leaves the list to its editor,
 * which computes it with the engine's own check (WorkflowExecute.checkReadyForExecution). On
 * 1.x this asks n8n 1.x for that list and states it the way 2.x does (the message format of
 * 2.x's WorkflowHasIssuesError and nodeIssuesToString), so both lines are held to the same
 * assertion: n8n itself refuses the run and names the field. Other errors pass through.
 */
function withNodeIssues(
	error: Error,
	execute: WorkflowExecute,
	workflow: Workflow,
	node: INode,
): Error {
	if (!/^The workflow has issues and cannot be executed/.test(error?.message ?? '')) return error;
	const check = (
		execute as unknown as {
			checkReadyForExecution?: (
				w: Workflow,
				data: { startNode: string },
			) => Record<string, NodeIssues> | null;
		}
	).checkReadyForExecution;
	const issues = check?.call(execute, workflow, { startNode: node.name })?.[node.name];
	if (!issues) return error;
	const messages: string[] = issues.execution !== undefined ? ['Execution Error.'] : [];
	for (const group of [issues.parameters, issues.credentials, issues.input]) {
		for (const list of Object.values(group ?? {})) messages.push(...list);
	}
	if (issues.typeUnknown !== undefined) messages.push(`Node Type "${node.type}" is not known.`);
	error.message = `The '${node.name}' node has issues:\n${messages.map((m) => `- ${m}`).join('\n')}`;
	return error;
}

/** Runs a one-node workflow through n8n's WorkflowExecute, as n8n runs a node. */
export async function runWorkflowNode(options: RunOptions): Promise<RunResult> {
	try {
		return await runWorkflowNodeOnce(options);
	} finally {
		releaseSshCleanupTimer();
	}
}

async function runWorkflowNodeOnce(options: RunOptions): Promise<RunResult> {
	const node = createNode(
		options.parameters,
		options.nodeType ?? DEVREV_TYPE,
		options.continueOnFail,
	);
	const workflow = createWorkflow(node, options);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	const execute = new WorkflowExecute(
		additionalDataFor(options.credentials, hooks),
		'manual',
		runExecutionData,
	);
	try {
		const running = execute.processRunExecutionData(workflow);
		options.onStarted?.({ cancel: () => running.cancel() });
		await running;
	} catch (error) {
		// n8n refuses to start a workflow whose nodes have issues (e.g. an empty required field).
		const refusal = withNodeIssues(error as Error, execute, workflow, node);
		return { items: [], raw: [], error: refusal as RunResult['error'], run: undefined };
	}
	const run = await finished;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const raw = (taskData?.data?.main?.[0] ?? []) as INodeExecutionData[];
	return {
		items: raw.map((item) => item.json),
		raw,
		error: (run.data.resultData.error ?? taskData?.error) as RunResult['error'],
		run,
	};
}

/** Runs the credential's test request the way n8n's credential tester does: through routing. */
export async function testCredential(credentials: RunOptions['credentials']): Promise<RunResult> {
	const request = new DevRevApi().test.request;
	const tester: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'devRevApi', required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' },
			],
		},
	} as unknown as INodeType;
	return await runWorkflowNode({
		parameters: {},
		credentials,
		nodeType: CREDENTIAL_TEST_TYPE,
		extraTypes: { [CREDENTIAL_TEST_TYPE]: tester },
	});
}
