import type { OperationDefinition } from '../../shared/descriptions';
import { atLeastOne } from '../../shared/shape';
import { accountSimplifyField } from '../../shared/simplify';
import { oneObject, route } from '../../shared/transports';
import { accountEntries, accountIdField } from './accountFields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update an account',
		description: 'Change fields of an account',
		routing: route(
			{ method: 'POST', url: '/accounts.update' },
			oneObject('account', { simplifiable: true }),
		),
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
			options: accountEntries('update'),
			routing: { send: { preSend: [atLeastOne('updateFields', 'Update Fields')] } },
		},
	],
};
