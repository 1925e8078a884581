import type { OperationDefinition } from '../../shared/descriptions';
import { oneObject, sentBy } from '../../shared/transports';
import { unlinkedRevUser } from './lookups';
import { orgMembershipFields } from './orgMembership';

export const unlink: OperationDefinition = {
	option: {
		name: 'Unlink',
		value: 'unlink',
		action: 'Unlink a rev user from a rev org',
		description: 'Unlink a rev user from a rev org',
		routing: {
			request: { method: 'POST', url: '/rev-users.unlink' },
			...sentBy(oneObject('rev_user', { simplifiable: true, ifUnsure: unlinkedRevUser })),
		},
	},
	fields: orgMembershipFields('unlink', 'ID of the rev org to unlink the rev user from'),
};
