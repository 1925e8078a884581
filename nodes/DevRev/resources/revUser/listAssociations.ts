import type { OperationDefinition } from '../../shared/descriptions';
import { listModeOption, returnAllAndLimit, startCursorOption } from '../../shared/descriptions';
import { cursorPages } from '../../shared/paginate';
import { sendText } from '../../shared/send';

export const listAssociations: OperationDefinition = {
	option: {
		name: 'List Associations',
		value: 'listAssociations',
		action: 'List associations of a rev user',
		description: 'List the accounts and rev orgs a rev user is associated with',
		routing: {
			request: { method: 'POST', url: '/rev-users.associations.list' },
			send: { paginate: true },
			operations: { pagination: cursorPages('associations', { acceptsLimit: true }) },
		},
	},
	fields: [
		{
			displayName: 'Rev User ID',
			name: 'revUserId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. don:identity:dvrv-us-1:devo/1abc:revu/XyZ123',
			description: 'ID of the rev user whose associations to list',
			routing: { send: { preSend: [sendText('revUserId', 'rev_user_id', 'Rev User ID')] } },
		},
		...returnAllAndLimit('associations'),
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
