import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { revUserProperties } from './resources/revUser';
import { searchRevOrgs, searchRevUsers } from './shared/listSearch';
import { sysUserProperties } from './resources/sysUser';

export class DevRev implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DevRev',
		name: 'devRev',
		icon: { light: 'file:../../icons/devrev.svg', dark: 'file:../../icons/devrev.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Consume the DevRev API: scan rev users, manage their rev org associations and list sys users',
		defaults: { name: 'DevRev' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'devRevApi', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json' },
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Rev User', value: 'revUser' },
					{ name: 'Sys User', value: 'sysUser' },
				],
				default: 'revUser',
			},
			...revUserProperties,
			...sysUserProperties,
		],
	};

	methods = {
		listSearch: { searchRevOrgs, searchRevUsers },
	};
}
