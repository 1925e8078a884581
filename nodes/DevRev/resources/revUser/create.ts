import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { singleObject } from '../../shared/paginate';
import { simplifyField } from '../../shared/simplify';
import { additionalContactFields, contactField, optionalRevOrgField } from './contactFields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a rev user',
		description: 'Create a rev user (a contact), optionally in a rev org',
		routing: postTo('/rev-users.create', singleObject('rev_user', { simplifiable: true })),
	},
	fields: [
		contactField('displayName'),
		contactField('email'),
		optionalRevOrgField,
		contactField('phoneNumbers'),
		contactField('externalRef'),
		contactField('description'),
		simplifyField,
		additionalContactFields,
	],
};
