import type { OperationDefinition } from '../../shared/descriptions';
import { locatorField } from '../../shared/locators';
import { accountAsKey } from '../../shared/revOrgs';
import { revOrgSimplifyField } from '../../shared/simplify';
import { oneObject, route } from '../../shared/transports';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a rev org',
		description: "Get one rev org by its ID, or an account's default rev org",
		routing: route(
			{ method: 'POST', url: '/rev-orgs.get' },
			oneObject('rev_org', { simplifiable: true }),
		),
	},
	fields: [
		locatorField({
			kind: 'revOrg',
			displayName: 'Rev Org ID',
			name: 'revOrgId',
			property: 'id',
			description: 'The rev org to get, or an account to get its default rev org',
			hint: "An account (ACC-…) gets the account's default rev org",
			preSend: [accountAsKey],
		}),
		revOrgSimplifyField,
	],
};
