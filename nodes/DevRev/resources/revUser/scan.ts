import type { OperationDefinition } from '../../shared/descriptions';
import { postTo, returnAllAndLimit } from '../../shared/descriptions';
import { cursorPages } from '../../shared/paginate';
import { commonListFilters, filtersCollection, textListFilter } from '../../shared/filters';
import { sendBoolean } from '../../shared/send';
import { simplifyField } from '../../shared/simplify';

export const scan: OperationDefinition = {
	option: {
		name: 'Scan',
		value: 'scan',
		action: 'Scan rev users',
		description: 'Scan through rev users, optionally filtered',
		routing: postTo(
			'/rev-users.scan',
			cursorPages('rev_users', { acceptsLimit: false, simplifiable: true }),
		),
	},
	fields: [
		...returnAllAndLimit(),
		simplifyField,
		filtersCollection([
			...commonListFilters('rev users'),
			textListFilter(
				'Associations',
				'associations',
				'associations',
				'IDs of accounts or workspaces the rev users are associated with',
				'e.g. ACC-12345',
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
				routing: {
					send: { preSend: [sendBoolean('filters.isVerified', 'is_verified', 'Is Verified')] },
				},
			},
			textListFilter(
				'Phone Numbers',
				'phoneNumbers',
				'phone_numbers',
				'Phone numbers of the rev users, in E.164 format',
				'e.g. +14155550100',
				'e164',
			),
			textListFilter(
				'Rev Org',
				'revOrg',
				'rev_org',
				'IDs of the rev orgs the rev users belong to',
				'e.g. REV-AbCdEfGh',
			),
		]),
	],
};
