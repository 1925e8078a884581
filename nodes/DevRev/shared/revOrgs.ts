import type { IDataObject, IExecuteSingleFunctions, PreSendAction } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError, nodeError } from './errors';
import { hasAt, putAt, valueAt } from './body';
import { devRevRequest } from './transport';

export const ACCOUNT_ID =
	/^(ACC-[A-Za-z0-9_-]+|don:[a-z]+:[^:\s]+:devo\/[^:\s]+:account\/[A-Za-z0-9_-]+)$/;

/** The rev org DevRev keeps as an account's default (rev-orgs.get with `account`). */
async function defaultRevOrgId(
	context: IExecuteSingleFunctions,
	account: string,
	field: string,
): Promise<string> {
	try {
		const request = { method: 'POST' as const, url: '/rev-orgs.get', body: { account } };
		const answer = await devRevRequest(context, request);
		return String((answer.rev_org as IDataObject).id);
	} catch (error) {
		if (!(error instanceof NodeApiError && error.httpCode === '404')) {
			throw asNodeError(context.getNode(), error);
		}
		throw nodeError(
			context.getNode(),
			`${field}: DevRev has no default rev org for account ${account}`,
			{
				itemIndex: context.getItemIndex(),
				description:
					'Pick a rev org instead, or use Add Associations to associate the rev user with the account itself.',
			},
		);
	}
}

/**
 * For Link, Unlink and Create, which take a rev org: an account given instead (ACC-…, its DON
 * or app URL) stands for the account's default rev org, looked up first.
 */
export function accountMeansDefaultRevOrg(property: string, field: string): PreSendAction {
	return async function (this, options) {
		const id = valueAt(options, property);
		if (hasAt(options, property) && typeof id === 'string' && ACCOUNT_ID.test(id)) {
			putAt(options, property, await defaultRevOrgId(this, id, field));
		}
		return options;
	};
}

/** rev-orgs.get takes a rev org's `id` or an `account`, whose default rev org it returns. */
export const accountAsKey: PreSendAction = async function (this, options) {
	const id = valueAt(options, 'id');
	if (typeof id === 'string' && ACCOUNT_ID.test(id)) {
		delete (options.body as IDataObject).id;
		putAt(options, 'account', id);
	}
	return options;
};
