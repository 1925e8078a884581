import type { OperationDefinition } from '../../shared/descriptions';
import { simplifyField } from '../../shared/simplify';
import { oneObject, sentBy } from '../../shared/transports';
import { additionalContactFields, contactField, optionalRevOrgField } from './contactFields';
import { revUserByKey } from './lookups';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a rev user',
		description: 'Create a rev user (a contact), optionally in a rev org',
		routing: {
			request: { method: 'POST', url: '/rev-users.create' },
			...sentBy(oneObject('rev_user', { simplifiable: true, ifUnsure: revUserByKey })),
		},
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
