import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	postTo,
	returnAllAndLimit,
	startCursorOption,
} from '../../shared/descriptions';
import { cursorPages } from '../../shared/paginate';
import { simplifyField } from '../../shared/simplify';
import { sortByOption, sortFields } from '../../shared/sortBy';
import { scan } from './scan';

/** rev-users.list takes the same filters as rev-users.scan in DevRev's spec: Scan's, reused. */
const filters = scan.fields.find((field) => field.name === 'filters') as INodeProperties;

export const getMany: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many rev users',
		description: 'List rev users, filtered and sorted (Scan walks all of them, for exports)',
		routing: postTo(
			'/rev-users.list',
			cursorPages('rev_users', { acceptsLimit: true, simplifiable: true }),
		),
	},
	fields: [
		...returnAllAndLimit(),
		simplifyField,
		filters,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
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
			],
		},
	],
};
