import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	postTo,
	returnAllAndLimit,
	startCursorOption,
} from '../../shared/descriptions';
import { commonListFilters, filtersCollection, textListFilter } from '../../shared/filters';
import { cursorPages } from '../../shared/paginate';
import { revOrgSimplifyField } from '../../shared/simplify';
import { sortByOption, sortFields } from '../../shared/sortBy';

export const getMany: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many rev orgs',
		description: 'List rev orgs (workspaces), filtered and sorted',
		routing: postTo(
			'/rev-orgs.list',
			cursorPages('rev_orgs', { acceptsLimit: true, simplifiable: true }),
		),
	},
	fields: [
		...returnAllAndLimit(),
		revOrgSimplifyField,
		filtersCollection([
			...commonListFilters('rev orgs'),
			textListFilter(
				'Display Name',
				'displayName',
				'display_name',
				'Names of the rev orgs',
				'e.g. Acme Corp',
			),
			textListFilter(
				'External Ref',
				'externalRef',
				'external_ref',
				'External refs of the rev orgs',
				'e.g. org-42',
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
				sortByOption('rev org', sortFields({ external_ref: 'External Ref' }), 'display_name'),
				startCursorOption,
			],
		},
	],
};
