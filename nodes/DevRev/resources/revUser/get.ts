import type { OperationDefinition } from '../../shared/descriptions';
import { locatorField } from '../../shared/locators';
import { simplifyField } from '../../shared/simplify';
import { oneObject, route } from '../../shared/transports';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a rev user',
		description: 'Get one rev user by ID',
		routing: route(
			{ method: 'POST', url: '/rev-users.get' },
			oneObject('rev_user', { simplifiable: true }),
		),
	},
	fields: [
		locatorField({
			kind: 'revUser',
			displayName: 'Rev User ID',
			name: 'revUserId',
			property: 'id',
			description: 'The rev user (contact) to get',
		}),
		simplifyField,
	],
};
