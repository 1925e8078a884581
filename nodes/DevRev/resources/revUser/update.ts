import type { OperationDefinition } from '../../shared/descriptions';
import { locatorField } from '../../shared/locators';
import { customFieldsEntry } from '../../shared/customFields';
import { atLeastOne } from '../../shared/shape';
import { simplifyField } from '../../shared/simplify';
import { oneObject, route } from '../../shared/transports';
import { contactField } from './contactFields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a rev user',
		description: 'Change fields of a rev user, custom fields included',
		routing: route(
			{ method: 'POST', url: '/rev-users.update' },
			oneObject('rev_user', { simplifiable: true }),
		),
	},
	fields: [
		locatorField({
			kind: 'revUser',
			displayName: 'Rev User ID',
			name: 'revUserId',
			property: 'id',
			description: 'The rev user (contact) to update',
		}),
		simplifyField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				customFieldsEntry('updateFields', 'rev user'),
				contactField('description'),
				contactField('displayName'),
				contactField('displayPicture'),
				contactField('email'),
				contactField('externalRef'),
				contactField('phoneNumbers'),
			],
			routing: { send: { preSend: [atLeastOne('updateFields', 'Update Fields')] } },
		},
	],
};
