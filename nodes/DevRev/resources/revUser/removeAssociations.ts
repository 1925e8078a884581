import type { OperationDefinition } from '../../shared/descriptions';
import { confirmation, route } from '../../shared/transports';
import { associationChangeFields } from './associationChange';
import { associationsRemoved } from './lookups';

export const removeAssociations: OperationDefinition = {
	option: {
		name: 'Remove Associations',
		value: 'removeAssociations',
		action: 'Remove associations from a rev user',
		description: 'Remove rev org or account associations of a rev user (successor of Unlink)',
		routing: route(
			{ method: 'POST', url: '/rev-users.associations.remove' },
			confirmation({ ifUnsure: associationsRemoved }),
		),
	},
	fields: associationChangeFields(
		'ids',
		'IDs of the rev orgs or accounts to remove from the rev user',
	),
};
