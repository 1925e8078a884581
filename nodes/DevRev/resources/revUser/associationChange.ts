import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../shared/locators';
import { shaping } from '../../shared/shape';
import { toTextList } from '../../shared/validate';

/** Add takes [{associated_to: id}], Remove takes [id]: DevRev's two shapes for the same list. */
function associationList(shape: 'objects' | 'ids') {
	return shaping('associations', (context, value) => {
		const ids = toTextList(context, value, 'Associations');
		return shape === 'objects' ? ids.map((id) => ({ associated_to: id })) : ids;
	});
}

/** The fields Add Associations and Remove Associations share. */
export function associationChangeFields(
	shape: 'objects' | 'ids',
	associationsDescription: string,
): INodeProperties[] {
	return [
		{
			displayName:
				'Needs the multi-association contact feature of DevRev; without it DevRev refuses the call',
			name: 'multiAssociationNotice',
			type: 'notice',
			default: '',
		},
		locatorField({
			kind: 'revUser',
			displayName: 'Rev User ID',
			name: 'revUserId',
			property: 'rev_user_id',
			description: 'The rev user whose associations to change',
		}),
		{
			displayName: 'Associations',
			name: 'associations',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. REV-AbCdEfGh, ACC-12345',
			hint: 'Separate several IDs with commas',
			description: associationsDescription,
			routing: {
				send: { type: 'body', property: 'associations', preSend: [associationList(shape)] },
			},
		},
	];
}
