import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	postTo,
	returnAllAndLimit,
	startCursorOption,
} from '../../shared/descriptions';
import { commonListFilters, filtersCollection, textListFilter } from '../../shared/filters';
import { cursorPages } from '../../shared/paginate';
import { accountSimplifyField } from '../../shared/simplify';
import { sortByOption, sortFields } from '../../shared/sortBy';

export const getMany: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many accounts',
		description: 'List accounts, filtered and sorted',
		routing: postTo(
			'/accounts.list',
			cursorPages('accounts', { acceptsLimit: true, simplifiable: true }),
		),
	},
	fields: [
		...returnAllAndLimit(),
		accountSimplifyField,
		filtersCollection([
			...commonListFilters('accounts'),
			textListFilter(
				'Display Name',
				'displayName',
				'display_name',
				'Names of the accounts',
				'e.g. Acme Inc.',
			),
			textListFilter(
				'External Refs',
				'externalRefs',
				'external_refs',
				'External refs of the accounts',
				'e.g. sf-0011x00000AbCdE',
			),
			textListFilter(
				'Stage',
				'stage',
				'stage',
				'IDs of the stages the accounts are in',
				'e.g. don:core:dvrv-us-1:devo/1abc:custom_stage/1',
			),
			textListFilter('Tier', 'tier', 'tier', 'Tiers of the accounts', 'e.g. Tier 1'),
			textListFilter(
				'Websites',
				'websites',
				'websites',
				'Websites of the accounts',
				'e.g. www.acme.com',
			),
		]),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				listModeOption,
				sortByOption('account', sortFields({ tier: 'Tier' }), 'display_name'),
				startCursorOption,
			],
		},
	],
};
