import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { locatorField, sendLocatorId } from '../../shared/locators';
import { singleObject } from '../../shared/paginate';
import { simplifyField } from '../../shared/simplify';
import { requireCollection } from '../../shared/send';
import { contactCollectionEntry, customFieldsEntry } from './contactFields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a rev user',
		description: 'Change fields of a rev user, custom fields included',
		routing: postTo('/rev-users.update', singleObject('rev_user', { simplifiable: true })),
	},
	fields: [
		{
			...locatorField('revUser', 'Rev User ID', 'revUserId', 'The rev user (contact) to update'),
			routing: { send: { preSend: [sendLocatorId('revUser', 'revUserId', 'id', 'Rev User ID')] } },
		},
		simplifyField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				customFieldsEntry('updateFields'),
				contactCollectionEntry('updateFields', 'description'),
				contactCollectionEntry('updateFields', 'displayName'),
				contactCollectionEntry('updateFields', 'displayPicture'),
				contactCollectionEntry('updateFields', 'email'),
				contactCollectionEntry('updateFields', 'externalRef'),
				contactCollectionEntry('updateFields', 'phoneNumbers'),
			],
			routing: { send: { preSend: [requireCollection('updateFields', 'Update Fields')] } },
		},
	],
};
