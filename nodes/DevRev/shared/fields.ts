import type { INodeProperties } from 'n8n-workflow';

import { toIsoDateTime } from './dates';
import { dateRange, list, shaping } from './shape';

const LIST_HINT = 'Separate several values with commas';

interface ListField {
	displayName: string;
	name: string;
	/** Where DevRev takes the list in the body. */
	property: string;
	description: string;
	placeholder: string;
	format?: 'e164' | 'email';
	/** DevRev's update form `{"set": [...]}`. */
	set?: boolean;
	required?: boolean;
}

/** A field of several values (typed with commas, or an array from an expression), sent as a list. */
export function listField(field: ListField): INodeProperties {
	const { property, format, set, required, ...shown } = field;
	const hint =
		format === 'e164' ? `${LIST_HINT}. E.164: + country code and number, no spaces.` : LIST_HINT;
	return {
		...shown,
		type: 'string',
		default: '',
		...(required ? { required } : {}),
		hint,
		routing: {
			send: {
				type: 'body',
				property,
				preSend: [list(property, field.displayName, { format, set })],
			},
		},
	};
}

/** The After and Before ends of one of DevRev's date-time filters (`{after, before}`). */
export function dateRangeFields(
	label: 'Created' | 'Modified',
	property: string,
	plural: string,
	typed = false,
): INodeProperties[] {
	const fields = { after: `${label} After`, before: `${label} Before` };
	const verb = label.toLowerCase();
	return (['after', 'before'] as const).map((bound) => ({
		displayName: fields[bound],
		name: `${verb}${bound === 'after' ? 'After' : 'Before'}`,
		type: 'dateTime',
		default: '',
		placeholder: 'e.g. 2024-05-01T09:30:00Z',
		description: `Only ${plural} ${verb} at or ${bound} this time`,
		hint: 'Inclusive. A time without a zone is read in the workflow time zone.',
		routing: {
			send: {
				type: 'body',
				property: `${property}.${bound}`,
				preSend: [dateRange(property, fields, typed)],
			},
		},
	}));
}

/** A date-time field sent as `property`, as the UTC ISO date-time DevRev expects. */
export function dateTimeField(
	displayName: string,
	name: string,
	property: string,
	description: string,
): INodeProperties {
	const toUtc = shaping(property, (context, value) => toIsoDateTime(context, value, displayName));
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		placeholder: 'e.g. 2025-03-31T17:00:00Z',
		description,
		hint: 'A time without a zone is read in the workflow time zone.',
		routing: { send: { type: 'body', property, preSend: [toUtc] } },
	};
}

/**
 * Created and Modified After/Before and Created By, which every DevRev list filters on (`typed`:
 * its dates as the date-filter `{type: "range", …}` of works.list).
 */
export function commonListFilters(plural: string, typed = false): INodeProperties[] {
	return [
		...dateRangeFields('Created', 'created_date', plural, typed),
		listField({
			displayName: 'Created By',
			name: 'createdBy',
			property: 'created_by',
			description: `IDs of the users who created the ${plural}`,
			placeholder: 'e.g. don:identity:dvrv-us-1:devo/0:devu/1',
		}),
		...dateRangeFields('Modified', 'modified_date', plural, typed),
	];
}

/** The Filters collection of a list operation, its entries in alphabetical order. */
export function filtersCollection(filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...filters].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
