import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { devRevRequest } from './request';

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** DevRev requires only `id` on users and orgs: show the display name, else the email, display ID or ID. */
export function pickerName(entry: IDataObject): string {
	const name = text(entry.display_name) ?? text(entry.email) ?? text(entry.display_id) ?? String(entry.id);
	const email = text(entry.email);
	return email && email !== name ? `${name} <${email}>` : name;
}

function nextToken(answer: IDataObject): string | undefined {
	return typeof answer.next_cursor === 'string' && answer.next_cursor !== '' ? answer.next_cursor : undefined;
}

/**
 * Rev users for the From List picker, a DevRev page at a time. An email-looking filter asks DevRev
 * for that email; other text is matched against names and emails of each page.
 */
export async function searchRevUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const body: IDataObject = {};
	if (paginationToken) body.cursor = paginationToken;
	const byEmail = filter !== undefined && filter.includes('@');
	if (byEmail) body.email = [filter.trim()];
	const answer = await devRevRequest(this, { method: 'POST', url: '/rev-users.scan', body });
	const users = (answer.rev_users ?? []) as IDataObject[];
	return {
		results: users
			.filter((user) => byEmail || matches(filter, user.display_name, user.full_name, user.email))
			.map((user) => ({ name: pickerName(user), value: String(user.id) })),
		paginationToken: nextToken(answer),
	};
}

/** Rev orgs for the From List picker, sorted by name, filtered by name on each page. */
export async function searchRevOrgs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const body: IDataObject = { limit: 100, sort_by: ['display_name:asc'] };
	if (paginationToken) body.cursor = paginationToken;
	const answer = await devRevRequest(this, { method: 'POST', url: '/rev-orgs.list', body });
	const orgs = (answer.rev_orgs ?? []) as IDataObject[];
	return {
		results: orgs
			.filter((org) => matches(filter, org.display_name, org.display_id))
			.map((org) => ({ name: pickerName(org), value: String(org.id) })),
		paginationToken: nextToken(answer),
	};
}

/** Accounts for the From List picker, sorted by name, filtered by name on each page. */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const body: IDataObject = { limit: 100, sort_by: ['display_name:asc'] };
	if (paginationToken) body.cursor = paginationToken;
	const answer = await devRevRequest(this, { method: 'POST', url: '/accounts.list', body });
	const accounts = (answer.accounts ?? []) as IDataObject[];
	return {
		results: accounts
			.filter((account) => matches(filter, account.display_name, account.display_id))
			.map((account) => ({ name: pickerName(account), value: String(account.id) })),
		paginationToken: nextToken(answer),
	};
}
