import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	returnAllAndLimit,
	startCursorOption,
	optionsCollection,
} from '../../shared/descriptions';
import { listOf, route } from '../../shared/transports';
import { simplifyField } from '../../shared/simplify';
import { sortByOption, sortFields } from '../../shared/sortBy';

/** DevRev does not publish which fields its lists sort by: each resource's own scalar fields; others by expression. */
const SORT_FIELDS = sortFields({ email: 'Email', full_name: 'Full Name', state: 'State' });

export const list: OperationDefinition = {
	option: {
		name: 'List',
		value: 'list',
		action: 'List sys users',
		description: 'List the system users of your DevRev organization',
		routing: route(
			{ method: 'POST', url: '/sys-users.list' },
			listOf('sys_users', { acceptsLimit: true, simplifiable: true }),
		),
	},
	fields: [
		...returnAllAndLimit(),
		simplifyField,
		optionsCollection([
			listModeOption,
			sortByOption('sys user', SORT_FIELDS, 'created_date'),
			startCursorOption,
		]),
	],
};
