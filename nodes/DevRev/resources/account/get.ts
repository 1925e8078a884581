import type { OperationDefinition } from '../../shared/descriptions';
import { accountSimplifyField } from '../../shared/simplify';
import { oneObject, route } from '../../shared/transports';
import { accountIdField } from './accountFields';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an account',
		description: 'Get one account by ID',
		routing: route(
			{ method: 'POST', url: '/accounts.get' },
			oneObject('account', { simplifiable: true }),
		),
	},
	fields: [accountIdField('The account to get'), accountSimplifyField],
};
