import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** A resource's flat record: the fields people and AI agents use, nested summaries flattened. */
interface FlatRecord {
	fields: readonly string[];
	flatten?: (entry: IDataObject, simple: IDataObject) => void;
}

const USER: FlatRecord = {
	fields: [
		'id',
		'display_id',
		'display_name',
		'full_name',
		'email',
		'phone_numbers',
		'state',
		'is_verified',
	],
	flatten: (user, simple) => {
		const org = user.rev_org as IDataObject | undefined;
		if (org) {
			simple.rev_org_id = org.id;
			simple.rev_org_name = org.display_name;
		}
	},
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
		const owners = account.owned_by as IDataObject[] | undefined;
		if (Array.isArray(owners)) simple.owned_by_ids = owners.map((owner) => owner.id);
	},
};

const REV_ORG: FlatRecord = {
	fields: ['id', 'display_id', 'display_name', 'description', 'external_ref'],
	flatten: (org, simple) => {
		const account = org.account as IDataObject | undefined;
		if (account) {
			simple.account_id = account.id;
			simple.account_name = account.display_name;
		}
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
};

/** The flat record Simplify returns for an object DevRev answered under `property`. */
export function simplifyRecord(property: string, entry: IDataObject): IDataObject {
	const record = RECORDS[property] ?? USER;
	const simple: IDataObject = {};
	for (const field of record.fields) if (entry[field] !== undefined) simple[field] = entry[field];
	record.flatten?.(entry, simple);
	simple.created_date = entry.created_date;
	simple.modified_date = entry.modified_date;
	return simple;
}

function simplifyOption(summary: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (${summary})`,
	};
}

export const simplifyField = simplifyOption(
	'ID, names, email, phones, state, verification, rev org, dates',
);
export const accountSimplifyField = simplifyOption(
	'ID, name, description, domains, websites, external refs, tier, owners, dates',
);
export const revOrgSimplifyField = simplifyOption(
	'ID, name, description, external ref, account, dates',
);
