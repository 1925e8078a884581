/**
 * The DevRev Polling Trigger hosted the way n8n 2.41 hosts a polling node, on n8n-core's own
 * PollContext: `activate()` is the poll n8n runs when the workflow is published (or when n8n
 * starts with it published), `poll()` each later Poll Times tick, `fetchTestEvent()` the editor's
 * manual run. Static data as n8n keeps it: the workflow object lives in n8n's memory between
 * polls, and n8n writes its static data to the database after the activation poll and after a
 * poll that emits; `restarted()` is a new n8n process that reads it back from there. Both copies
 * go through JSON here, as the database copy does. Real n8n itself: test/e2e/polling.test.ts.
 */
import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	type TestCredentials,
	additionalDataFor,
	freshNodeClass,
	oneNodeTypes,
} from '../harness/contexts';

export const POLLING_TYPE = 'n8n-nodes-devrev.devRevPollingTrigger';

type Constructor = new () => INodeType;

export interface PollOutcome {
	/** The items of the execution the poll starts; null when it starts none. */
	items: IDataObject[] | null;
	error?: Error & { description?: string; httpCode?: string | null };
}

interface HostOptions {
	credentials: TestCredentials;
	parameters: IDataObject;
	/** The node's class as a loader loaded it (default: a fresh copy of the sources). */
	nodeClass?: Constructor;
}

export class PollHost {
	/** Executions started by polls, their items. */
	readonly executions: IDataObject[][] = [];
	/** The workflow's static data in n8n's database (JSON). */
	database = '{}';
	/** The static data of the running n8n process's workflow object (JSON between polls). */
	memory = '{}';
	/** The static data as the last Fetch Test Event left it (n8n keeps none of it). */
	afterTestEvent = '';
	private nodeType: INodeType;

	constructor(private options: HostOptions) {
		this.nodeType = new (options.nodeClass ?? freshNodeClass('DevRevPollingTrigger'))();
	}

	get node(): INode {
		return {
			id: 'devrev-polling-trigger',
			name: 'DevRev Polling Trigger',
			type: POLLING_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				...this.options.parameters,
			} as INode['parameters'],
			credentials: { devRevApi: { id: '1', name: 'DevRev account' } },
		};
	}

	/** The node's own static data, as the database holds it. */
	get saved(): IDataObject {
		const data = JSON.parse(this.database) as IDataObject;
		return (data[`node:${this.node.name}`] as IDataObject) ?? {};
	}

	setParameters(parameters: IDataObject): void {
		this.options.parameters = parameters;
	}

	/** The poll n8n runs on publishing (and on starting with the workflow published). */
	async activate(): Promise<PollOutcome> {
		return await this.run('trigger', { activation: true });
	}

	/** A Poll Times tick. */
	async poll(): Promise<PollOutcome> {
		return await this.run('trigger', { activation: false });
	}

	/** The editor's Fetch Test Event (a manual execution of the trigger). */
	async fetchTestEvent(): Promise<PollOutcome> {
		return await this.run('manual', { activation: false });
	}

	/** n8n stopped and started again: a new process, the static data read from the database. */
	restarted(): PollHost {
		const next = new PollHost({ ...this.options, nodeClass: undefined });
		next.database = this.database;
		next.memory = this.database;
		return next;
	}

	private async run(
		mode: 'trigger' | 'manual',
		{ activation }: { activation: boolean },
	): Promise<PollOutcome> {
		const workflow = this.workflow(mode);
		const node = workflow.getNode(this.node.name) as INode;
		const context = new PollContext(
			workflow,
			node,
			additionalDataFor(
				this.options.credentials,
				new ExecutionLifecycleHooks('trigger', 'poll-test', {} as never),
			),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		let outcome: PollOutcome;
		try {
			const result = await this.nodeType.poll!.call(context);
			outcome = { items: result ? result[0].map((item) => item.json) : null };
		} catch (error) {
			outcome = { items: null, error: error as PollOutcome['error'] };
		}
		if (mode === 'manual') {
			this.afterTestEvent = JSON.stringify(workflow.staticData);
			return outcome;
		}
		this.memory = JSON.stringify(workflow.staticData);
		if (outcome.items) this.executions.push(outcome.items);
		const changed = (workflow.staticData as IDataObject).__dataChanged === true;
		if (changed && (activation || outcome.items)) this.database = this.memory;
		return outcome;
	}

	private workflow(mode: 'trigger' | 'manual'): Workflow {
		return new Workflow({
			id: 'polling-workflow',
			nodes: [this.node],
			connections: {},
			nodeTypes: oneNodeTypes(this.nodeType),
			active: mode !== 'manual',
			staticData: JSON.parse(this.memory),
		});
	}
}
