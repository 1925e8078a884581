import type { IDataObject, IExecuteSingleFunctions, JsonObject, PreSendAction } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { nodeError } from './errors';
import { readLocatorId } from './locators';
import { devRevRequest } from './request';
import { setBody } from './send';

export const ACCOUNT_ID =
	/^(ACC-[A-Za-z0-9_-]+|don:[a-z]+:[^:\s]+:devo\/[^:\s]+:account\/[A-Za-z0-9_-]+)$/;

/** The rev org DevRev keeps as an account's default (rev-orgs.get with `account`). */
async function defaultRevOrgId(
	context: IExecuteSingleFunctions,
	account: string,
	field: string,
): Promise<string> {
	try {
		const answer = await devRevRequest(context, {
			method: 'POST',
			url: '/rev-orgs.get',
			body: { account },
		});
		return String((answer.rev_org as IDataObject).id);
	} catch (error) {
		const notFound = error instanceof NodeApiError && error.httpCode === '404';
		// Other failures are DevRev's or the network's, already NodeApiErrors (handed back as they are).
		if (!notFound) throw new NodeApiError(context.getNode(), error as JsonObject);
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
 * Sends a Rev Org ID for Link and Unlink, which take a rev org. The field also accepts an account
 * (ACC-…, its DON or app URL): it stands for the account's default rev org, looked up first.
 */
export function sendRevOrgId(parameter: string, bodyKey: string, field: string): PreSendAction {
	return async function (this, options) {
		const id = readLocatorId(this, 'revOrg', parameter, field);
		return setBody(
			options,
			bodyKey,
			ACCOUNT_ID.test(id) ? await defaultRevOrgId(this, id, field) : id,
		);
	};
}

/** Rev Org ID where it is optional (Create): left out when blank, else as sendRevOrgId. */
export function sendOptionalRevOrgId(
	parameter: string,
	bodyKey: string,
	field: string,
): PreSendAction {
	return async function (this, options) {
		const value = this.getNodeParameter(parameter, undefined, { extractValue: true });
		if (typeof value !== 'string' || value.trim() === '') return options;
		return await sendRevOrgId(parameter, bodyKey, field).call(this, options);
	};
}

/** rev-orgs.get takes a rev org's `id` or an `account`, whose default rev org it returns. */
export function sendRevOrgOrAccount(parameter: string, field: string): PreSendAction {
	return async function (this, options) {
		const id = readLocatorId(this, 'revOrg', parameter, field);
		return setBody(options, ACCOUNT_ID.test(id) ? 'account' : 'id', id);
	};
}
