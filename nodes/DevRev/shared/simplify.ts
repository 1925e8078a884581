import type { IDataObject, INodeProperties } from 'n8n-workflow';

const SIMPLE_FIELDS = [
	'id',
	'display_id',
	'display_name',
	'full_name',
	'email',
	'phone_numbers',
	'state',
	'is_verified',
] as const;

/** The flat record Simplify returns: the fields people and AI agents use, rev org flattened. */
export function simplifyUser(user: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLE_FIELDS) if (user[field] !== undefined) simple[field] = user[field];
	const org = user.rev_org as IDataObject | undefined;
	if (org) {
		simple.rev_org_id = org.id;
		simple.rev_org_name = org.display_name;
	}
	simple.created_date = user.created_date;
	simple.modified_date = user.modified_date;
	return simple;
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a simplified version of the response instead of the raw data (ID, names, email, phones, state, verification, rev org, dates)',
};
