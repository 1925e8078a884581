import type { OperationDefinition } from '../../shared/descriptions';
import { confirmation, sentBy } from '../../shared/transports';
import { associationChangeFields } from './associationChange';
import { associationsRemoved } from './lookups';

export const removeAssociations: OperationDefinition = {
	option: {
		name: 'Remove Associations',
		value: 'removeAssociations',
		action: 'Remove associations from a rev user',
		description: 'Remove rev org or account associations of a rev user (successor of Unlink)',
		routing: {
			request: { method: 'POST', url: '/rev-users.associations.remove' },
			...sentBy(confirmation({ ifUnsure: associationsRemoved })),
		},
	},
	fields: associationChangeFields(
		'ids',
		'IDs of the rev orgs or accounts to remove from the rev user',
	),
};
