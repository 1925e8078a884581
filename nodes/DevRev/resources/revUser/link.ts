import { orgMembershipOperation } from './orgMembership';

export const link = orgMembershipOperation({
	name: 'Link',
	value: 'link',
	url: '/rev-users.link',
	action: 'Link a rev user to a rev org',
	description: 'Link a rev user to a rev org',
	orgDescription: 'ID of the rev org to link the rev user to',
});
