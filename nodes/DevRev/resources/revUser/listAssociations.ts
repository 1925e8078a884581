import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	returnAllAndLimit,
	startCursorOption,
	optionsCollection,
} from '../../shared/descriptions';
import { locatorField } from '../../shared/locators';
import { listOf, route } from '../../shared/transports';

export const listAssociations: OperationDefinition = {
	option: {
		name: 'List Associations',
		value: 'listAssociations',
		action: 'List associations of a rev user',
		description: 'List the accounts and rev orgs a rev user is associated with',
		routing: route(
			{ method: 'POST', url: '/rev-users.associations.list' },
			listOf('associations', { acceptsLimit: true }),
		),
	},
	fields: [
		locatorField({
			kind: 'revUser',
			displayName: 'Rev User ID',
			name: 'revUserId',
			property: 'rev_user_id',
			description: 'The rev user whose associations to list',
		}),
		...returnAllAndLimit(),
		optionsCollection([listModeOption, startCursorOption]),
	],
};
