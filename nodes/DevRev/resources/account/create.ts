import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../../shared/descriptions';
import type { RequestContext } from '../../shared/session';
import { accountSimplifyField } from '../../shared/simplify';
import { devRevRequest } from '../../shared/transport';
import { oneObject, route } from '../../shared/transports';
import { accountDisplayName, accountEntries } from './accountFields';

/**
 * After an unclear accounts.create: the account with the external refs sent. DevRev holds them
 * unique (409 conflict), so when none has them, sending again is safe; without external refs
 * there is no telling.
 */
async function accountByExternalRefs(context: RequestContext, body: IDataObject) {
	const refs = body.external_refs as string[] | undefined;
	if (!refs?.length) return undefined;
	const request = { method: 'POST' as const, url: '/accounts.list', body: { external_refs: refs } };
	const { accounts = [] } = await devRevRequest(context, request);
	const [account, ...others] = accounts as IDataObject[];
	if (!account) return 'resend';
	return others.length ? undefined : { account };
}

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an account',
		description: 'Create an account (a customer company); DevRev adds its default rev org',
		routing: route(
			{ method: 'POST', url: '/accounts.create' },
			oneObject('account', {
				simplifiable: true,
				ifUnsure: accountByExternalRefs,
				unsureAdvice:
					'Look for the account in DevRev before running this item again, or give it External Refs: with them the node finds out by itself.',
			}),
		),
	},
	fields: [
		{ ...accountDisplayName, required: true },
		accountSimplifyField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: accountEntries('create'),
		},
	],
};
