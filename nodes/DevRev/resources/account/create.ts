import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { singleObject } from '../../shared/paginate';
import { sendText } from '../../shared/send';
import { accountSimplifyField } from '../../shared/simplify';
import { accountEntries } from './accountFields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an account',
		description: 'Create an account (a customer company); DevRev adds its default rev org',
		routing: postTo('/accounts.create', singleObject('account', { simplifiable: true })),
	},
	fields: [
		{
			displayName: 'Display Name',
			name: 'displayName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Acme Inc.',
			description: 'Name of the account (the company)',
			routing: { send: { preSend: [sendText('displayName', 'display_name', 'Display Name')] } },
		},
		accountSimplifyField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: accountEntries('additionalFields', 'create'),
		},
	],
};
