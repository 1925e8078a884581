import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * A resource's flat record: the fields people and AI agents use, every field a user can set in
 * the node included, nested summaries flattened to IDs and names.
 */
interface FlatRecord {
	fields: readonly string[];
	flatten?: (entry: IDataObject, simple: IDataObject) => void;
}

const summary = (value: unknown) =>
	value && typeof value === 'object' ? (value as IDataObject) : undefined;
const ids = (value: unknown) =>
	Array.isArray(value) ? value.map((entry) => summary(entry)?.id) : undefined;

/** `<key>_id` and `<key>_name` of a nested summary (rev org, account, part…). */
function flattenSummary(
	simple: IDataObject,
	key: string,
	value: unknown,
	nameKey = 'display_name',
): void {
	const nested = summary(value);
	if (!nested) return;
	simple[`${key}_id`] = nested.id;
	simple[`${key}_name`] = nested[nameKey];
}

const USER: FlatRecord = {
	fields: [
		'id',
		'display_id',
		'display_name',
		'full_name',
		'email',
		'phone_numbers',
		'external_ref',
		'description',
		'state',
		'is_verified',
	],
	flatten: (user, simple) => flattenSummary(simple, 'rev_org', user.rev_org),
};

const ACCOUNT: FlatRecord = {
	fields: [
		'id',
		'display_id',
		'display_name',
		'description',
		'domains',
		'websites',
		'external_refs',
		'tier',
	],
	flatten: (account, simple) => {
		const owners = ids(account.owned_by);
		if (owners) simple.owned_by_ids = owners;
	},
};

const REV_ORG: FlatRecord = {
	fields: ['id', 'display_id', 'display_name', 'description', 'external_ref'],
	flatten: (org, simple) => flattenSummary(simple, 'account', org.account),
};

const WORK: FlatRecord = {
	fields: [
		'id',
		'display_id',
		'type',
		'title',
		'body',
		'severity',
		'priority',
		'target_close_date',
	],
	flatten: (work, simple) => {
		simple.stage = summary(work.stage)?.name;
		simple.owned_by_ids = ids(work.owned_by) ?? [];
		simple.reported_by_ids = ids(work.reported_by) ?? [];
		simple.tag_ids = Array.isArray(work.tags)
			? work.tags.map((tag) => summary(summary(tag)?.tag)?.id)
			: [];
		flattenSummary(simple, 'part', work.applies_to_part, 'name');
		flattenSummary(simple, 'rev_org', work.rev_org);
		flattenSummary(simple, 'account', work.account);
	},
};

const COMMENT: FlatRecord = {
	fields: ['id', 'object', 'object_display_id', 'body', 'visibility'],
	flatten: (entry, simple) => {
		const author = summary(entry.created_by);
		simple.created_by_id = author?.id;
		simple.created_by_name = author?.display_name ?? author?.full_name;
	},
};

/** The flat record of each DevRev answer property that holds such objects. */
const RECORDS: Record<string, FlatRecord> = {
	rev_user: USER,
	rev_users: USER,
	sys_users: USER,
	account: ACCOUNT,
	accounts: ACCOUNT,
	rev_org: REV_ORG,
	rev_orgs: REV_ORG,
	work: WORK,
	works: WORK,
	timeline_entry: COMMENT,
	timeline_entries: COMMENT,
};

/** The flat record Simplify returns for an object DevRev answered under `property`. */
export function simplifyRecord(property: string, entry: IDataObject): IDataObject {
	const record = RECORDS[property] ?? USER;
	const simple: IDataObject = {};
	for (const field of record.fields) if (entry[field] !== undefined) simple[field] = entry[field];
	record.flatten?.(entry, simple);
	for (const [key, value] of Object.entries(simple)) if (value === undefined) delete simple[key];
	simple.created_date = entry.created_date;
	simple.modified_date = entry.modified_date;
	return simple;
}

function simplifyOption(summaryText: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (${summaryText})`,
	};
}

export const simplifyField = simplifyOption(
	'ID, names, email, phones, external ref, description, state, verification, rev org, dates',
);
export const accountSimplifyField = simplifyOption(
	'ID, name, description, domains, websites, external refs, tier, owners, dates',
);
export const revOrgSimplifyField = simplifyOption(
	'ID, name, description, external ref, account, dates',
);
export const workSimplifyField = simplifyOption(
	'ID, title, body, stage, severity or priority, owners, reporters, tags, part, rev org, account, dates',
);
export const commentSimplifyField = simplifyOption(
	'ID, the object it is on, body, visibility, author, dates',
);
