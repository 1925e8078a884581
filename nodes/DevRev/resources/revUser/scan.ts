import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../../shared/descriptions';
import { postTo, returnAllAndLimit } from '../../shared/descriptions';
import { cursorPages } from '../../shared/paginate';
import { sendBoolean, sendDateBound, sendTextList } from '../../shared/send';
import { simplifyField } from '../../shared/simplify';

const LIST_HINT = 'Separate several values with commas';

function textListFilter(
	displayName: string,
	name: string,
	bodyKey: string,
	description: string,
	placeholder: string,
	format?: 'e164',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		description,
		hint: format === 'e164' ? `${LIST_HINT}. E.164: + country code and number, no spaces.` : LIST_HINT,
		routing: { send: { preSend: [sendTextList(`filters.${name}`, bodyKey, displayName, format)] } },
	};
}

function dateFilter(
	displayName: string,
	name: string,
	bodyKey: string,
	bound: 'after' | 'before',
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		placeholder: 'e.g. 2024-05-01T09:30:00Z',
		description,
		hint: 'Inclusive. A time without a zone is read in the workflow time zone.',
		routing: { send: { preSend: [sendDateBound(`filters.${name}`, bodyKey, bound, displayName)] } },
	};
}

export const scan: OperationDefinition = {
	option: {
		name: 'Scan',
		value: 'scan',
		action: 'Scan rev users',
		description: 'Scan through rev users, optionally filtered',
		routing: postTo('/rev-users.scan', cursorPages('rev_users', { acceptsLimit: false, simplifiable: true })),
	},
	fields: [
		...returnAllAndLimit(),
		simplifyField,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				textListFilter(
					'Associations',
					'associations',
					'associations',
					'IDs of accounts or workspaces the rev users are associated with',
					'e.g. ACC-12345',
				),
				dateFilter('Created After', 'createdAfter', 'created_date', 'after', 'Only rev users created at or after this time'),
				dateFilter('Created Before', 'createdBefore', 'created_date', 'before', 'Only rev users created at or before this time'),
				textListFilter(
					'Created By',
					'createdBy',
					'created_by',
					'IDs of the users who created the rev users',
					'e.g. don:identity:dvrv-us-1:devo/0:devu/1',
				),
				textListFilter('Email', 'email', 'email', 'Emails of the rev users', 'e.g. jane@example.com'),
				textListFilter(
					'External Ref',
					'externalRef',
					'external_ref',
					'External references of the rev users (their IDs in your other systems)',
					'e.g. crm-4711',
				),
				{
					displayName: 'Is Verified',
					name: 'isVerified',
					type: 'boolean',
					default: true,
					description: 'Whether to return only verified rev users (on) or only unverified ones (off)',
					routing: { send: { preSend: [sendBoolean('filters.isVerified', 'is_verified', 'Is Verified')] } },
				},
				dateFilter('Modified After', 'modifiedAfter', 'modified_date', 'after', 'Only rev users modified at or after this time'),
				dateFilter('Modified Before', 'modifiedBefore', 'modified_date', 'before', 'Only rev users modified at or before this time'),
				textListFilter(
					'Phone Numbers',
					'phoneNumbers',
					'phone_numbers',
					'Phone numbers of the rev users, in E.164 format',
					'e.g. +14155550100',
					'e164',
				),
				textListFilter('Rev Org', 'revOrg', 'rev_org', 'IDs of the rev orgs the rev users belong to', 'e.g. REV-AbCdEfGh'),
			],
		},
	],
};
