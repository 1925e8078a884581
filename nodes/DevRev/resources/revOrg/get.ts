import type { OperationDefinition } from '../../shared/descriptions';
import { postTo } from '../../shared/descriptions';
import { locatorField } from '../../shared/locators';
import { singleObject } from '../../shared/paginate';
import { sendRevOrgOrAccount } from '../../shared/revOrgs';
import { revOrgSimplifyField } from '../../shared/simplify';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a rev org',
		description: "Get one rev org by its ID, or an account's default rev org",
		routing: postTo('/rev-orgs.get', singleObject('rev_org', { simplifiable: true })),
	},
	fields: [
		{
			...locatorField(
				'revOrg',
				'Rev Org ID',
				'revOrgId',
				'The rev org to get, or an account to get its default rev org',
			),
			hint: "An account (ACC-…) gets the account's default rev org",
			routing: { send: { preSend: [sendRevOrgOrAccount('revOrgId', 'Rev Org ID')] } },
		},
		revOrgSimplifyField,
	],
};
