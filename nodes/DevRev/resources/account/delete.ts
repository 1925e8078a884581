import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { confirmation } from '../../shared/paginate';
import { accountIdField } from './accountFields';

export const deleteAccount: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete an account',
		description: 'Delete an account; the output names the deleted account',
		routing: postTo('/accounts.delete', confirmation()),
	},
	fields: [accountIdField('The account to delete')],
};
