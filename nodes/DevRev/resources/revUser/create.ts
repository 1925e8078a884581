import type { OperationDefinition } from '../../shared/descriptions';
import { anyOf } from '../../shared/shape';
import { simplifyField } from '../../shared/simplify';
import { oneObject, route } from '../../shared/transports';
import { additionalContactFields, contactField, optionalRevOrgField } from './contactFields';
import { revUserByKey } from './lookups';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a rev user',
		description: 'Create a rev user (a contact), optionally in a rev org',
		routing: route(
			{ method: 'POST', url: '/rev-users.create' },
			oneObject('rev_user', { simplifiable: true, ifUnsure: revUserByKey }),
			{
				preSend: [
					anyOf(
						['display_name', 'email', 'external_ref'],
						'Display Name, Email or External Ref',
						'contact',
					),
				],
			},
		),
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
