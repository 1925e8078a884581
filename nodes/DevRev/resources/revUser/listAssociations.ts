import type { OperationDefinition } from '../../shared/descriptions';
import {
	listModeOption,
	postTo,
	returnAllAndLimit,
	startCursorOption,
} from '../../shared/descriptions';
import { locatorField, sendLocatorId } from '../../shared/locators';
import { cursorPages } from '../../shared/paginate';

export const listAssociations: OperationDefinition = {
	option: {
		name: 'List Associations',
		value: 'listAssociations',
		action: 'List associations of a rev user',
		description: 'List the accounts and rev orgs a rev user is associated with',
		routing: postTo(
			'/rev-users.associations.list',
			cursorPages('associations', { acceptsLimit: true }),
		),
	},
	fields: [
		{
			...locatorField(
				'revUser',
				'Rev User ID',
				'revUserId',
				'The rev user whose associations to list',
			),
			routing: {
				send: { preSend: [sendLocatorId('revUser', 'revUserId', 'rev_user_id', 'Rev User ID')] },
			},
		},
		...returnAllAndLimit(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [listModeOption, startCursorOption],
		},
	],
};
