import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	returnAllAndLimit,
	startCursorOption,
	optionsCollection,
} from '../../shared/descriptions';
import { simplifyField } from '../../shared/simplify';
import { sortByOption, sortFields } from '../../shared/sortBy';
import { listOf, route } from '../../shared/transports';
import { revUserFilters } from './scan';

export const getMany: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many rev users',
		description: 'List rev users, filtered and sorted (Scan walks all of them, for exports)',
		routing: route(
			{ method: 'POST', url: '/rev-users.list' },
			listOf('rev_users', { acceptsLimit: true, simplifiable: true }),
		),
	},
	fields: [
		...returnAllAndLimit(),
		simplifyField,
		revUserFilters,
		optionsCollection([
			listModeOption,
			sortByOption(
				'rev user',
				sortFields({
					email: 'Email',
					external_ref: 'External Ref',
					full_name: 'Full Name',
					state: 'State',
				}),
				'display_name',
			),
			startCursorOption,
		]),
	],
};
