import type { OperationDefinition } from '../../shared/descriptions';
import { locatorField } from '../../shared/locators';
import { deletion, route } from '../../shared/transports';

export const deleteRevUser: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a rev user',
		description: 'Delete a rev user; the output names the deleted rev user',
		routing: route({ method: 'POST', url: '/rev-users.delete' }, deletion()),
	},
	fields: [
		locatorField({
			kind: 'revUser',
			displayName: 'Rev User ID',
			name: 'revUserId',
			property: 'id',
			description: 'The rev user (contact) to delete',
		}),
	],
};
