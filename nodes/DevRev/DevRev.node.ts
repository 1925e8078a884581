import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountProperties } from './resources/account';
import { commentProperties } from './resources/comment';
import { issueProperties } from './resources/issue';
import { revOrgProperties } from './resources/revOrg';
import { revUserProperties } from './resources/revUser';
import { listSearch } from './shared/listSearch';
import { sysUserProperties } from './resources/sysUser';
import { ticketProperties } from './resources/ticket';

export class DevRev implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DevRev',
		name: 'devRev',
		icon: { light: 'file:../../icons/devrev.svg', dark: 'file:../../icons/devrev.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Consume the DevRev API: create, update, find and delete contacts (rev users) and accounts, manage their rev org associations, list rev orgs and sys users',
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
					{ name: 'Account', value: 'account' },
					{ name: 'Comment', value: 'comment' },
					{ name: 'Issue', value: 'issue' },
					{ name: 'Rev Org', value: 'revOrg' },
					{ name: 'Rev User', value: 'revUser' },
					{ name: 'Sys User', value: 'sysUser' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'revUser',
			},
			...accountProperties,
			...commentProperties,
			...issueProperties,
			...revOrgProperties,
			...revUserProperties,
			...sysUserProperties,
			...ticketProperties,
		],
	};

	methods = {
		listSearch,
	};
}
