import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { devRevRequest } from './transport';

/** Results per search page: enough to fill the picker's list at once. */
const SEARCH_PAGE_SIZE = 50;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** DevRev requires only `id` on users and orgs: show the display name, else the email, display ID or ID. */
export function pickerName(entry: IDataObject): string {
	const name =
		text(entry.display_name) ?? text(entry.email) ?? text(entry.display_id) ?? String(entry.id);
	const email = text(entry.email);
	return email && email !== name ? `${name} <${email}>` : name;
}

function nextToken(answer: IDataObject): string | undefined {
	return text(answer.next_cursor);
}

function toResults(entries: IDataObject[]): INodeListSearchResult['results'] {
	return entries.map((entry) => ({ name: pickerName(entry), value: String(entry.id) }));
}

/** What a picker lists: its search.core namespace and where a browse (no typed text) reads from. */
interface PickerSource {
	namespace: 'rev_user' | 'rev_org' | 'account';
	/** The key of the summary inside a search.core result of that namespace. */
	resultKey: 'user' | 'org' | 'account';
	browse: { url: string; itemsKey: string; body: IDataObject };
}

/**
 * Typed text is searched by DevRev itself (search.core), so a match anywhere among all objects is
 * found on the first page; without text the list endpoint is browsed a page at a time.
 */
async function pick(
	context: ILoadOptionsFunctions,
	source: PickerSource,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const cursor = paginationToken ? { cursor: paginationToken } : {};
	const query = text(filter);
	if (query !== undefined) {
		const body = { query, namespaces: [source.namespace], limit: SEARCH_PAGE_SIZE, ...cursor };
		const answer = await devRevRequest(context, { method: 'POST', url: '/search.core', body });
		const found = ((answer.results ?? []) as IDataObject[])
			.map((result) => result[source.resultKey] as IDataObject | undefined)
			.filter((entry): entry is IDataObject => !!entry && typeof entry.id === 'string');
		return { results: toResults(found), paginationToken: nextToken(answer) };
	}
	const { url, itemsKey, body } = source.browse;
	const answer = await devRevRequest(context, {
		method: 'POST',
		url,
		body: { ...body, ...cursor },
	});
	return {
		results: toResults((answer[itemsKey] ?? []) as IDataObject[]),
		paginationToken: nextToken(answer),
	};
}

const BY_NAME = { limit: 100, sort_by: ['display_name:asc'] };

const REV_USERS: PickerSource = {
	namespace: 'rev_user',
	resultKey: 'user',
	browse: { url: '/rev-users.list', itemsKey: 'rev_users', body: BY_NAME },
};

const REV_ORGS: PickerSource = {
	namespace: 'rev_org',
	resultKey: 'org',
	browse: { url: '/rev-orgs.list', itemsKey: 'rev_orgs', body: BY_NAME },
};

const ACCOUNTS: PickerSource = {
	namespace: 'account',
	resultKey: 'account',
	browse: { url: '/accounts.list', itemsKey: 'accounts', body: BY_NAME },
};

/** Rev users for the From List picker, browsed in name order. */
export async function searchRevUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pick(this, REV_USERS, filter, paginationToken);
}

/** Rev orgs for the From List picker, browsed in name order. */
export async function searchRevOrgs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pick(this, REV_ORGS, filter, paginationToken);
}

/** Accounts for the From List picker, browsed in name order. */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pick(this, ACCOUNTS, filter, paginationToken);
}
