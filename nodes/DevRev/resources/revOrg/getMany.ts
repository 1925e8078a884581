import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	returnAllAndLimit,
	startCursorOption,
	optionsCollection,
} from '../../shared/descriptions';
import { commonListFilters, filtersCollection, listField } from '../../shared/fields';
import { listOf, route } from '../../shared/transports';
import { revOrgSimplifyField } from '../../shared/simplify';
import { sortByOption, sortFields } from '../../shared/sortBy';

export const getMany: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many rev orgs',
		description: 'List rev orgs (workspaces), filtered and sorted',
		routing: route(
			{ method: 'POST', url: '/rev-orgs.list' },
			listOf('rev_orgs', { acceptsLimit: true, simplifiable: true }),
		),
	},
	fields: [
		...returnAllAndLimit(),
		revOrgSimplifyField,
		filtersCollection([
			...commonListFilters('rev orgs'),
			listField({
				displayName: 'Display Name',
				name: 'displayName',
				property: 'display_name',
				description: 'Names of the rev orgs',
				placeholder: 'e.g. Acme Corp',
			}),
			listField({
				displayName: 'External Ref',
				name: 'externalRef',
				property: 'external_ref',
				description: 'External refs of the rev orgs',
				placeholder: 'e.g. org-42',
			}),
		]),
		optionsCollection([
			listModeOption,
			sortByOption('rev org', sortFields({ external_ref: 'External Ref' }), 'display_name'),
			startCursorOption,
		]),
	],
};
