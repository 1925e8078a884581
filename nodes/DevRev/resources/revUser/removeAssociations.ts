import { associationChangeOperation } from './associationChange';

export const removeAssociations = associationChangeOperation({
	name: 'Remove Associations',
	value: 'removeAssociations',
	url: '/rev-users.associations.remove',
	action: 'Remove associations from a rev user',
	description: 'Remove rev org or account associations of a rev user (successor of Unlink)',
	shape: 'ids',
	associationsDescription: 'IDs of the rev orgs or accounts to remove from the rev user',
});
