/**
 * What n8n-core's contexts need from the n8n around them, as n8n gives it: the credentials
 * helper with the real credential class, the execution's additional data, the node types of a
 * one-node workflow, and a node module loaded afresh. Shared by the engine harness and the
 * trigger hosts (test/trigger/host.ts, test/polling/host.ts).
 */
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { DevRevApi } from '../../credentials/DevRevApi.credentials';
import { TestCredentialsHelper } from './credentials-helper';

export interface TestCredentials {
	apiToken: string;
	baseUrl: string;
}

function credentialsHelperFor(credentials: TestCredentials): TestCredentialsHelper {
	return new TestCredentialsHelper(
		{ devRevApi: new DevRevApi() },
		{ devRevApi: credentials as unknown as ICredentialDataDecryptedObject },
	);
}

/** The additional data of an execution on an n8n instance at `base` (its webhook and REST URLs). */
export function additionalDataFor(
	credentials: TestCredentials,
	hooks: ExecutionLifecycleHooks,
	{ base = 'http://127.0.0.1:5678', ...extra }: { base?: string } & Record<string, unknown> = {},
): IWorkflowExecuteAdditionalData {
	const data: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper: credentialsHelperFor(credentials),
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not part of these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		...extra,
	};
	return data as IWorkflowExecuteAdditionalData;
}

/** The node types of a workflow whose only node is of this type. */
export function oneNodeTypes(nodeType: INodeType): INodeTypes {
	return {
		getByName: () => nodeType as INodeType | IVersionedNodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
}

/**
 * A fresh copy of one of the package's node classes (`nodes/<name>/<name>.node.ts`), its module's
 * process memory empty, as a restarted n8n loads it.
 */
export function freshNodeClass(name: string): new () => INodeType {
	let loaded: (new () => INodeType) | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		loaded = require(`../../nodes/${name}/${name}.node`)[name];
	});
	return loaded as new () => INodeType;
}
