import type { IDataObject, PreSendAction } from 'n8n-workflow';

import type { OperationDefinition, OperationSpec } from '../../shared/descriptions';
import { operationOption } from '../../shared/descriptions';
import { locatorField, sendLocatorId } from '../../shared/locators';
import { confirmation } from '../../shared/paginate';
import { setBody } from '../../shared/send';
import { toTextList } from '../../shared/validate';

/** Add takes [{associated_to: id}], Remove takes [id]: DevRev's two shapes for the same list. */
function sendAssociations(shape: 'objects' | 'ids'): PreSendAction {
	return async function (this, options) {
		const ids = toTextList(this, this.getNodeParameter('associations'), 'Associations');
		const associations: IDataObject[] | string[] =
			shape === 'objects' ? ids.map((id) => ({ associated_to: id })) : ids;
		return setBody(options, 'associations', associations);
	};
}

/** Add Associations and Remove Associations, DevRev's successors of Link and Unlink. */
export function associationChangeOperation(
	spec: OperationSpec & { shape: 'objects' | 'ids'; associationsDescription: string },
): OperationDefinition {
	return {
		option: operationOption(spec, confirmation()),
		fields: [
			{
				displayName:
					'Needs the multi-association contact feature of DevRev; without it DevRev refuses the call',
				name: 'multiAssociationNotice',
				type: 'notice',
				default: '',
			},
			{
				...locatorField(
					'revUser',
					'Rev User ID',
					'revUserId',
					'The rev user whose associations to change',
				),
				routing: {
					send: { preSend: [sendLocatorId('revUser', 'revUserId', 'rev_user_id', 'Rev User ID')] },
				},
			},
			{
				displayName: 'Associations',
				name: 'associations',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. REV-AbCdEfGh, ACC-12345',
				hint: 'Separate several IDs with commas',
				description: spec.associationsDescription,
				routing: { send: { preSend: [sendAssociations(spec.shape)] } },
			},
		],
	};
}
