import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../../shared/descriptions';
import { returnAllAndLimit } from '../../shared/descriptions';
import { commonListFilters, filtersCollection, listField } from '../../shared/fields';
import { boolean } from '../../shared/shape';
import { simplifyField } from '../../shared/simplify';
import { listOf, route } from '../../shared/transports';

/** The filters of rev-users.scan, which rev-users.list (Get Many) takes too. */
export const revUserFilters: INodeProperties = filtersCollection([
	...commonListFilters('rev users'),
	listField({
		displayName: 'Associations',
		name: 'associations',
		property: 'associations',
		description: 'IDs of accounts or workspaces the rev users are associated with',
		placeholder: 'e.g. ACC-12345',
	}),
	listField({
		displayName: 'Email',
		name: 'email',
		property: 'email',
		description: 'Emails of the rev users',
		placeholder: 'e.g. jane@example.com',
	}),
	listField({
		displayName: 'External Ref',
		name: 'externalRef',
		property: 'external_ref',
		description: 'External references of the rev users (their IDs in your other systems)',
		placeholder: 'e.g. crm-4711',
	}),
	{
		displayName: 'Is Verified',
		name: 'isVerified',
		type: 'boolean',
		default: true,
		description: 'Whether to return only verified rev users (on) or only unverified ones (off)',
		routing: {
			send: {
				type: 'body',
				property: 'is_verified',
				preSend: [boolean('is_verified', 'Is Verified')],
			},
		},
	},
	listField({
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		property: 'phone_numbers',
		description: 'Phone numbers of the rev users, in E.164 format',
		placeholder: 'e.g. +14155550100',
		format: 'e164',
	}),
	listField({
		displayName: 'Rev Org',
		name: 'revOrg',
		property: 'rev_org',
		description: 'IDs of the rev orgs the rev users belong to',
		placeholder: 'e.g. REV-AbCdEfGh',
	}),
]);

export const scan: OperationDefinition = {
	option: {
		name: 'Scan',
		value: 'scan',
		action: 'Scan rev users',
		description: 'Scan through rev users, optionally filtered',
		routing: route(
			{ method: 'POST', url: '/rev-users.scan' },
			listOf('rev_users', { acceptsLimit: false, simplifiable: true }),
		),
	},
	fields: [...returnAllAndLimit(), simplifyField, revUserFilters],
};
