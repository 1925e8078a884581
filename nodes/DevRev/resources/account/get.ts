import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { singleObject } from '../../shared/paginate';
import { accountSimplifyField } from '../../shared/simplify';
import { accountIdField } from './accountFields';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an account',
		description: 'Get one account by ID',
		routing: postTo('/accounts.get', singleObject('account', { simplifiable: true })),
	},
	fields: [accountIdField('The account to get'), accountSimplifyField],
};
