import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	returnAllAndLimit,
	startCursorOption,
	optionsCollection,
} from '../../shared/descriptions';
import { commonListFilters, filtersCollection, listField } from '../../shared/fields';
import { listOf, route } from '../../shared/transports';
import { accountSimplifyField } from '../../shared/simplify';
import { sortByOption, sortFields } from '../../shared/sortBy';

export const getMany: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many accounts',
		description: 'List accounts, filtered and sorted',
		routing: route(
			{ method: 'POST', url: '/accounts.list' },
			listOf('accounts', { acceptsLimit: true, simplifiable: true }),
		),
	},
	fields: [
		...returnAllAndLimit(),
		accountSimplifyField,
		filtersCollection([
			...commonListFilters('accounts'),
			listField({
				displayName: 'Display Name',
				name: 'displayName',
				property: 'display_name',
				description: 'Names of the accounts',
				placeholder: 'e.g. Acme Inc.',
			}),
			listField({
				displayName: 'External Refs',
				name: 'externalRefs',
				property: 'external_refs',
				description: 'External refs of the accounts',
				placeholder: 'e.g. sf-0011x00000AbCdE',
			}),
			listField({
				displayName: 'Stage',
				name: 'stage',
				property: 'stage',
				description: 'IDs of the stages the accounts are in',
				placeholder: 'e.g. don:core:dvrv-us-1:devo/1abc:custom_stage/1',
			}),
			listField({
				displayName: 'Tier',
				name: 'tier',
				property: 'tier',
				description: 'Tiers of the accounts',
				placeholder: 'e.g. Tier 1',
			}),
			listField({
				displayName: 'Websites',
				name: 'websites',
				property: 'websites',
				description: 'Websites of the accounts',
				placeholder: 'e.g. www.acme.com',
			}),
		]),
		optionsCollection([
			listModeOption,
			sortByOption('account', sortFields({ tier: 'Tier' }), 'display_name'),
			startCursorOption,
		]),
	],
};
