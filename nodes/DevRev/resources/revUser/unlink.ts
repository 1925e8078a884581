import { orgMembershipOperation } from './orgMembership';

export const unlink = orgMembershipOperation({
	name: 'Unlink',
	value: 'unlink',
	url: '/rev-users.unlink',
	action: 'Unlink a rev user from a rev org',
	description: 'Unlink a rev user from a rev org',
	orgDescription: 'ID of the rev org to unlink the rev user from',
});
