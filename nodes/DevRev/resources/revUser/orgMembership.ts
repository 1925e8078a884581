import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../shared/locators';
import { accountMeansDefaultRevOrg } from '../../shared/revOrgs';
import { text } from '../../shared/shape';
import { simplifyField } from '../../shared/simplify';

/** DevRev's deprecated aliases of Link and Unlink's two IDs, sent only when added. */
function deprecatedAlias(displayName: string, name: string, property: string, example: string) {
	const use = property === 'user_don' ? 'Rev User ID' : 'Rev Org ID';
	return {
		displayName,
		name,
		type: 'string' as const,
		default: '',
		placeholder: `e.g. ${example}`,
		description: `Deprecated by DevRev: use ${use}. Sent as ${property}.`,
		routing: { send: { type: 'body' as const, property, preSend: [text(property, displayName)] } },
	};
}

/** The fields Link and Unlink share. */
export function orgMembershipFields(
	verb: 'link' | 'unlink',
	orgDescription: string,
): INodeProperties[] {
	return [
		{
			displayName:
				'DevRev marks this endpoint deprecated in favour of rev user associations; it still works',
			name: 'deprecationNotice',
			type: 'notice',
			default: '',
		},
		locatorField({
			kind: 'revUser',
			displayName: 'Rev User ID',
			name: 'revUserId',
			property: 'id',
			description: `The rev user (contact) to ${verb}`,
		}),
		locatorField({
			kind: 'revOrg',
			displayName: 'Rev Org ID',
			name: 'revOrgId',
			property: 'rev_org',
			description: orgDescription,
			hint: "An account (ACC-…) stands for the account's default rev org",
			preSend: [accountMeansDefaultRevOrg('rev_org', 'Rev Org ID')],
		}),
		simplifyField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				deprecatedAlias(
					'Rev Org DON (Deprecated)',
					'revOrgDon',
					'rev_org_don',
					'don:identity:dvrv-us-1:devo/1abc:revo/AbCdEfGh',
				),
				deprecatedAlias(
					'User DON (Deprecated)',
					'userDon',
					'user_don',
					'don:identity:dvrv-us-1:devo/1abc:revu/XyZ123',
				),
			],
		},
	];
}
