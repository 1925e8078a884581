import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { locatorField, sendLocatorId } from '../../shared/locators';
import { singleObject } from '../../shared/paginate';
import { simplifyField } from '../../shared/simplify';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a rev user',
		description: 'Get one rev user by ID',
		routing: postTo('/rev-users.get', singleObject('rev_user', { simplifiable: true })),
	},
	fields: [
		{
			...locatorField('revUser', 'Rev User ID', 'revUserId', 'The rev user (contact) to get'),
			routing: { send: { preSend: [sendLocatorId('revUser', 'revUserId', 'id', 'Rev User ID')] } },
		},
		simplifyField,
	],
};
