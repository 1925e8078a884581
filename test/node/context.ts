/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs on Node, never inside n8n */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunOptions, RunResult } from '../harness/engine';
import { runWorkflowNode } from '../harness/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DevRevEmulator } = require('../emulator') as typeof import('../emulator');

export const TOKEN = 'test-token-4f1c9a';

export type Emulator = InstanceType<typeof DevRevEmulator>;

/** One emulator per test file, fresh requests per test, and a runner bound to it. */
export function useEmulator(setup?: (emulator: Emulator) => void) {
	const context = {
		emulator: undefined as unknown as Emulator,
		credentials: { apiToken: TOKEN, baseUrl: '' },
		async run(parameters: INodeParameters, options: Partial<RunOptions> = {}): Promise<RunResult> {
			return await runWorkflowNode({ parameters, credentials: context.credentials, ...options });
		},
		/** Bodies DevRev received on a path, in order. */
		bodies(path: string): IDataObject[] {
			return context.emulator
				.requestsTo(path)
				.map((request: { body: IDataObject }) => request.body);
		},
	};
	beforeAll(async () => {
		context.emulator = new DevRevEmulator({ tokens: [TOKEN] });
		setup?.(context.emulator);
		context.credentials.baseUrl = await context.emulator.start();
	});
	afterAll(async () => await context.emulator.stop());
	beforeEach(() => {
		context.emulator.clearRequests();
		context.emulator.clearFaults();
	});
	afterEach(() => {
		// Every answer the node got was one DevRev's spec allows.
		expect(context.emulator.specViolations).toEqual([]);
	});
	return context;
}
