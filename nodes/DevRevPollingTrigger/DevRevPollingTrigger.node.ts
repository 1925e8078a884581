import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollChanges } from './poll';
import { PROPERTIES } from './properties';

export class DevRevPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DevRev Polling Trigger',
		name: 'devRevPollingTrigger',
		icon: { light: 'file:../../icons/devrev.svg', dark: 'file:../../icons/devrev.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["resource"] + ($parameter["triggerWhen"] === "created" ? " created" : " created or updated") }}',
		description:
			'Checks DevRev on a schedule for created or updated contacts, accounts, rev orgs, tickets and issues: no public URL needed, catches up after restarts',
		defaults: { name: 'DevRev Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'devRevApi', required: true }],
		properties: PROPERTIES,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this);
	}
}
