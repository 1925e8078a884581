import { associationChangeOperation } from './associationChange';

export const addAssociations = associationChangeOperation({
	name: 'Add Associations',
	value: 'addAssociations',
	url: '/rev-users.associations.add',
	action: 'Add associations to a rev user',
	description: 'Associate a rev user with rev orgs or accounts (successor of Link)',
	shape: 'objects',
	associationsDescription:
		'IDs of the rev orgs or accounts to associate the rev user with; a rev org brings its account along',
});
