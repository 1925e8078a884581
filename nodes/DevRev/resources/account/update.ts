import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { singleObject } from '../../shared/paginate';
import { requireCollection } from '../../shared/send';
import { accountSimplifyField } from '../../shared/simplify';
import { accountEntries, accountIdField } from './accountFields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update an account',
		description: 'Change fields of an account',
		routing: postTo('/accounts.update', singleObject('account', { simplifiable: true })),
	},
	fields: [
		accountIdField('The account to update'),
		accountSimplifyField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: accountEntries('updateFields', 'update'),
			routing: { send: { preSend: [requireCollection('updateFields', 'Update Fields')] } },
		},
	],
};
