import type { OperationDefinition } from '../../shared/descriptions';
import { deletion, route } from '../../shared/transports';
import { accountIdField } from './accountFields';

export const deleteAccount: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete an account',
		description: 'Delete an account; the output names the deleted account',
		routing: route({ method: 'POST', url: '/accounts.delete' }, deletion()),
	},
	fields: [accountIdField('The account to delete')],
};
