import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { locatorField, sendLocatorId } from '../../shared/locators';
import { confirmation } from '../../shared/paginate';

export const deleteRevUser: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a rev user',
		description: 'Delete a rev user; the output names the deleted rev user',
		routing: postTo('/rev-users.delete', confirmation()),
	},
	fields: [
		{
			...locatorField('revUser', 'Rev User ID', 'revUserId', 'The rev user (contact) to delete'),
			routing: { send: { preSend: [sendLocatorId('revUser', 'revUserId', 'id', 'Rev User ID')] } },
		},
	],
};
