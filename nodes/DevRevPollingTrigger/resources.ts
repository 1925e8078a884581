import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

export type Resource = 'account' | 'issue' | 'revOrg' | 'revUser' | 'ticket';
export type Change = 'created' | 'createdOrUpdated';

/** One kind of DevRev object the trigger watches, and the list endpoint that shows its changes. */
export interface Watched {
	noun: string;
	plural: string;
	url: string;
	/** The answer's property that holds the page's objects. */
	answer: string;
	/** What every query of this kind carries (works.list: the work type). */
	base: IDataObject;
	/**
	 * works.list takes DevRev's `date-filter`, whose `type` is required ({type: "range", after});
	 * the other lists take a plain `date-time-filter` ({after}).
	 */
	typedDates: boolean;
}

export const WATCHED: Record<Resource, Watched> = {
	account: {
		noun: 'account',
		plural: 'accounts',
		url: '/accounts.list',
		answer: 'accounts',
		base: {},
		typedDates: false,
	},
	issue: {
		noun: 'issue',
		plural: 'issues',
		url: '/works.list',
		answer: 'works',
		base: { type: ['issue'] },
		typedDates: true,
	},
	revOrg: {
		noun: 'rev org',
		plural: 'rev orgs',
		url: '/rev-orgs.list',
		answer: 'rev_orgs',
		base: {},
		typedDates: false,
	},
	revUser: {
		noun: 'rev user',
		plural: 'rev users',
		url: '/rev-users.list',
		answer: 'rev_users',
		base: {},
		typedDates: false,
	},
	ticket: {
		noun: 'ticket',
		plural: 'tickets',
		url: '/works.list',
		answer: 'works',
		base: { type: ['ticket'] },
		typedDates: true,
	},
};

export const RESOURCE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Account', value: 'account', description: 'A customer company' },
	{ name: 'Issue', value: 'issue', description: 'A work item for the product team' },
	{ name: 'Rev Org', value: 'revOrg', description: "A customer's workspace" },
	{ name: 'Rev User', value: 'revUser', description: "A customer's contact" },
	{ name: 'Ticket', value: 'ticket', description: 'A customer request' },
];

/** The date DevRev stamps the change with: the object's creation, or its last change. */
export function dateFieldOf(change: Change): 'created_date' | 'modified_date' {
	return change === 'created' ? 'created_date' : 'modified_date';
}

/** "At or after `after`" in the form the endpoint takes (DevRev's `after` is inclusive). */
export function since(watched: Watched, after: string): IDataObject {
	return watched.typedDates ? { type: 'range', after } : { after };
}

/** Exactly at `at` (both ends inclusive). */
export function exactly(watched: Watched, at: string): IDataObject {
	return { ...since(watched, at), before: at };
}
