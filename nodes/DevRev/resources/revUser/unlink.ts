import type { OperationDefinition } from '../../shared/descriptions';
import { oneObject, route } from '../../shared/transports';
import { unlinkedRevUser } from './lookups';
import { orgMembershipFields } from './orgMembership';

export const unlink: OperationDefinition = {
	option: {
		name: 'Unlink',
		value: 'unlink',
		action: 'Unlink a rev user from a rev org',
		description: 'Unlink a rev user from a rev org',
		routing: route(
			{ method: 'POST', url: '/rev-users.unlink' },
			oneObject('rev_user', { simplifiable: true, ifUnsure: unlinkedRevUser }),
		),
	},
	fields: orgMembershipFields('unlink', 'ID of the rev org to unlink the rev user from'),
};
