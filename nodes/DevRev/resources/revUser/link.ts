import type { OperationDefinition } from '../../shared/descriptions';
import { oneObject, route } from '../../shared/transports';
import { linkedRevUser } from './lookups';
import { orgMembershipFields } from './orgMembership';

export const link: OperationDefinition = {
	option: {
		name: 'Link',
		value: 'link',
		action: 'Link a rev user to a rev org',
		description: 'Link a rev user to a rev org',
		routing: route(
			{ method: 'POST', url: '/rev-users.link' },
			oneObject('rev_user', { simplifiable: true, ifUnsure: linkedRevUser }),
		),
	},
	fields: orgMembershipFields('link', 'ID of the rev org to link the rev user to'),
};
