import type { OperationDefinition } from '../../shared/descriptions';
import { confirmation, route } from '../../shared/transports';
import { associationChangeFields } from './associationChange';
import { associationsAdded } from './lookups';

export const addAssociations: OperationDefinition = {
	option: {
		name: 'Add Associations',
		value: 'addAssociations',
		action: 'Add associations to a rev user',
		description: 'Associate a rev user with rev orgs or accounts (successor of Link)',
		routing: route(
			{ method: 'POST', url: '/rev-users.associations.add' },
			confirmation({ ifUnsure: associationsAdded }),
		),
	},
	fields: associationChangeFields(
		'objects',
		'IDs of the rev orgs or accounts to associate the rev user with; a rev org brings its account along',
	),
};
