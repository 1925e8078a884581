import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Resource } from './resources';

/** A filter of a list endpoint: where its values go in the body, and how the editor shows it. */
interface Filter {
	displayName: string;
	name: string;
	/** The body property, dotted where DevRev nests it (`ticket.severity`, `stage.name`). */
	property: string;
	description: string;
	placeholder?: string;
	/** A fixed set of values (multiOptions); otherwise comma-separated text. */
	options?: INodePropertyOptions[];
}

const USER_ID = 'e.g. don:identity:dvrv-us-1:devo/0:devu/1';

const createdBy = (plural: string): Filter => ({
	displayName: 'Created By',
	name: 'createdBy',
	property: 'created_by',
	description: `IDs of the users who created the ${plural}`,
	placeholder: USER_ID,
});

const ownedBy = (plural: string): Filter => ({
	displayName: 'Owned By',
	name: 'ownedBy',
	property: 'owned_by',
	description: `IDs of the dev users who own the ${plural}`,
	placeholder: USER_ID,
});

const part = (plural: string): Filter => ({
	displayName: 'Part',
	name: 'part',
	property: 'applies_to_part',
	description: `IDs of the parts (products, features, …) the ${plural} apply to`,
	placeholder: 'e.g. PROD-1',
});

const stage = (plural: string, example: string): Filter => ({
	displayName: 'Stage',
	name: 'stage',
	property: 'stage.name',
	description: `Names of the stages the ${plural} are in`,
	placeholder: `e.g. ${example}`,
});

const choices = (values: string[]): INodePropertyOptions[] =>
	values.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value }));

/** Each resource's filters: the ones its list endpoint takes that people pick changes by. */
const FILTERS: Record<Resource, Filter[]> = {
	account: [
		createdBy('accounts'),
		{
			displayName: 'Stage',
			name: 'stage',
			property: 'stage',
			description: 'IDs of the stages the accounts are in',
			placeholder: 'e.g. don:core:dvrv-us-1:devo/1abc:custom_stage/1',
		},
		{
			displayName: 'Tier',
			name: 'tier',
			property: 'tier',
			description: 'Tiers of the accounts',
			placeholder: 'e.g. Tier 1',
		},
	],
	issue: [
		ownedBy('issues'),
		part('issues'),
		{
			displayName: 'Priority',
			name: 'priority',
			property: 'issue.priority',
			description: 'Priorities of the issues',
			options: choices(['p0', 'p1', 'p2', 'p3']),
		},
		stage('issues', 'triage, in_development'),
	],
	revOrg: [
		createdBy('rev orgs'),
		{
			displayName: 'External Ref',
			name: 'externalRef',
			property: 'external_ref',
			description: 'External refs of the rev orgs',
			placeholder: 'e.g. sf-0011x00000AbCdE',
		},
	],
	revUser: [
		createdBy('rev users'),
		{
			displayName: 'Rev Org',
			name: 'revOrg',
			property: 'rev_org',
			description: 'IDs of the rev orgs the rev users belong to',
			placeholder: 'e.g. REV-AbCdEfGh',
		},
	],
	ticket: [
		ownedBy('tickets'),
		part('tickets'),
		{
			displayName: 'Rev Org',
			name: 'revOrg',
			property: 'ticket.rev_org',
			description: 'IDs of the rev orgs the tickets are for',
			placeholder: 'e.g. REV-AbCdEfGh',
		},
		{
			displayName: 'Severity',
			name: 'severity',
			property: 'ticket.severity',
			description: 'Severities of the tickets',
			options: choices(['blocker', 'high', 'low', 'medium']),
		},
		stage('tickets', 'queued, work_in_progress'),
	],
};

function filterProperty(filter: Filter): INodeProperties {
	const { displayName, name, description, placeholder, options } = filter;
	const shown = { displayName, name, description, ...(placeholder ? { placeholder } : {}) };
	if (options) return { ...shown, type: 'multiOptions', options, default: [] };
	return { ...shown, type: 'string', default: '', hint: 'Separate several values with commas' };
}

/** One Filters collection per resource, shown for it, entries in alphabetical order. */
export const FILTER_PROPERTIES: INodeProperties[] = Object.entries(FILTERS).map(
	([resource, filters]) => ({
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [resource] } },
		options: filters.map(filterProperty).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	}),
);

/** A filter's values: an array (from an expression or multiOptions), or comma-separated text. */
function valuesOf(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(/[,\n]/);
	return entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** The body part the chosen filters make, e.g. `{owned_by: [...], ticket: {severity: [...]}}`. */
export function filterBody(resource: Resource, chosen: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const filter of FILTERS[resource]) {
		const values = valuesOf(chosen[filter.name]);
		if (values.length === 0) continue;
		const [outer, inner] = filter.property.split('.');
		if (!inner) body[outer] = values;
		else body[outer] = { ...((body[outer] as IDataObject) ?? {}), [inner]: values };
	}
	return body;
}
