import type { OperationDefinition, OperationSpec } from '../../shared/descriptions';
import { operationOption } from '../../shared/descriptions';
import { locatorField, sendLocatorId } from '../../shared/locators';
import { singleObject } from '../../shared/paginate';
import { sendRevOrgId } from '../../shared/revOrgs';
import { sendText, unlessLeftEmpty } from '../../shared/send';
import { simplifyField } from '../../shared/simplify';

/** Link and Unlink share their fields; only the endpoint and wording differ. */
export function orgMembershipOperation(
	spec: OperationSpec & { orgDescription: string },
): OperationDefinition {
	return {
		option: operationOption(spec, singleObject('rev_user', { simplifiable: true })),
		fields: [
			{
				displayName:
					'DevRev marks this endpoint deprecated in favour of rev user associations; it still works',
				name: 'deprecationNotice',
				type: 'notice',
				default: '',
			},
			{
				...locatorField(
					'revUser',
					'Rev User ID',
					'revUserId',
					'The rev user (contact) to ' + spec.value,
				),
				routing: {
					send: { preSend: [sendLocatorId('revUser', 'revUserId', 'id', 'Rev User ID')] },
				},
			},
			{
				...locatorField('revOrg', 'Rev Org ID', 'revOrgId', spec.orgDescription),
				hint: "An account (ACC-…) stands for the account's default rev org",
				routing: { send: { preSend: [sendRevOrgId('revOrgId', 'rev_org', 'Rev Org ID')] } },
			},
			simplifyField,
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					{
						displayName: 'Rev Org DON (Deprecated)',
						name: 'revOrgDon',
						type: 'string',
						default: '',
						placeholder: 'e.g. don:identity:dvrv-us-1:devo/1abc:revo/AbCdEfGh',
						description: 'Deprecated by DevRev: use Rev Org ID. Sent as rev_org_don.',
						routing: {
							send: {
								preSend: [
									unlessLeftEmpty(
										'additionalFields.revOrgDon',
										sendText(
											'additionalFields.revOrgDon',
											'rev_org_don',
											'Rev Org DON (Deprecated)',
										),
									),
								],
							},
						},
					},
					{
						displayName: 'User DON (Deprecated)',
						name: 'userDon',
						type: 'string',
						default: '',
						placeholder: 'e.g. don:identity:dvrv-us-1:devo/1abc:revu/XyZ123',
						description: 'Deprecated by DevRev: use Rev User ID. Sent as user_don.',
						routing: {
							send: {
								preSend: [
									unlessLeftEmpty(
										'additionalFields.userDon',
										sendText('additionalFields.userDon', 'user_don', 'User DON (Deprecated)'),
									),
								],
							},
						},
					},
				],
			},
		],
	};
}
