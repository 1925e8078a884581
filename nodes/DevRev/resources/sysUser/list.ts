import type { OperationDefinition } from '../../shared/descriptions';
import { listModeOption, postTo, returnAllAndLimit, startCursorOption } from '../../shared/descriptions';
import { cursorPages } from '../../shared/paginate';
import { simplifyField } from '../../shared/simplify';
import { sortByOption } from '../../shared/sortBy';

/** DevRev does not publish which fields sys-users.list sorts by: the sys user's own scalar fields; others by expression. */
const SORT_FIELDS = [
	{ name: 'Created Date', value: 'created_date' },
	{ name: 'Display ID', value: 'display_id' },
	{ name: 'Display Name', value: 'display_name' },
	{ name: 'Email', value: 'email' },
	{ name: 'Full Name', value: 'full_name' },
	{ name: 'Modified Date', value: 'modified_date' },
	{ name: 'State', value: 'state' },
];

export const list: OperationDefinition = {
	option: {
		name: 'List',
		value: 'list',
		action: 'List sys users',
		description: 'List the system users of your DevRev organization',
		routing: postTo('/sys-users.list', cursorPages('sys_users', { acceptsLimit: true, simplifiable: true })),
	},
	fields: [
		...returnAllAndLimit(),
		simplifyField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				listModeOption,
				sortByOption('sys user', SORT_FIELDS, 'created_date'),
				startCursorOption,
			],
		},
	],
};
