import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { devRevRequest } from './transport';

/** Results per search page: enough to fill the picker's list at once. */
const SEARCH_PAGE_SIZE = 50;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * How a picker names an entry: its name (a display name, a work's title, a part's name), else its
 * email or ID; then the email, and the display ID, which tells apart entries of the same name.
 */
export function pickerName(entry: IDataObject): string {
	const displayId = text(entry.display_id);
	const email = text(entry.email);
	const name =
		text(entry.display_name) ??
		text(entry.title) ??
		text(entry.name) ??
		email ??
		displayId ??
		String(entry.id);
	const withEmail = email && email !== name ? `${name} <${email}>` : name;
	return displayId && displayId !== name ? `${withEmail} · ${displayId}` : withEmail;
}

function nextToken(answer: IDataObject): string | undefined {
	return text(answer.next_cursor);
}

function toResults(entries: IDataObject[]): INodeListSearchResult['results'] {
	return entries.map((entry) => ({ name: pickerName(entry), value: String(entry.id) }));
}

/** What a picker lists: its search.core namespaces and where a browse (no typed text) reads from. */
interface PickerSource {
	namespaces: string[];
	/** The key of the summary inside a search.core result of those namespaces. */
	resultKey: 'user' | 'org' | 'account' | 'part' | 'work';
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
		const { namespaces } = source;
		const body = { query, namespaces, limit: SEARCH_PAGE_SIZE, ...cursor };
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
	const results = toResults((answer[itemsKey] ?? []) as IDataObject[]);
	return { results, paginationToken: nextToken(answer) };
}

const BY_NAME = { limit: 100, sort_by: ['display_name:asc'] };
const NEWEST_FIRST = { limit: 100, sort_by: ['created_date:desc'] };

const SOURCES = {
	revUser: {
		namespaces: ['rev_user'],
		resultKey: 'user',
		browse: { url: '/rev-users.list', itemsKey: 'rev_users', body: BY_NAME },
	},
	revOrg: {
		namespaces: ['rev_org'],
		resultKey: 'org',
		browse: { url: '/rev-orgs.list', itemsKey: 'rev_orgs', body: BY_NAME },
	},
	account: {
		namespaces: ['account'],
		resultKey: 'account',
		browse: { url: '/accounts.list', itemsKey: 'accounts', body: BY_NAME },
	},
	devUser: {
		namespaces: ['dev_user'],
		resultKey: 'user',
		browse: { url: '/dev-users.list', itemsKey: 'dev_users', body: BY_NAME },
	},
	part: {
		namespaces: ['product', 'capability', 'feature', 'enhancement'],
		resultKey: 'part',
		browse: { url: '/parts.list', itemsKey: 'parts', body: { limit: 100, sort_by: ['name:asc'] } },
	},
	ticket: {
		namespaces: ['ticket'],
		resultKey: 'work',
		browse: { url: '/works.list', itemsKey: 'works', body: { ...NEWEST_FIRST, type: ['ticket'] } },
	},
	issue: {
		namespaces: ['issue'],
		resultKey: 'work',
		browse: { url: '/works.list', itemsKey: 'works', body: { ...NEWEST_FIRST, type: ['issue'] } },
	},
} satisfies Record<string, PickerSource>;

/** The From List search of a picker: typed text searched by DevRev, else browsed. */
function searchOf(source: PickerSource) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await pick(this, source, filter, paginationToken);
	};
}

export const listSearch = {
	searchRevUsers: searchOf(SOURCES.revUser),
	searchRevOrgs: searchOf(SOURCES.revOrg),
	searchAccounts: searchOf(SOURCES.account),
	searchDevUsers: searchOf(SOURCES.devUser),
	searchParts: searchOf(SOURCES.part),
	searchTickets: searchOf(SOURCES.ticket),
	searchIssues: searchOf(SOURCES.issue),
};
