import type { INodeProperties } from 'n8n-workflow';

import { sendDateBound, sendTextList, unlessLeftEmpty } from './send';

const LIST_HINT = 'Separate several values with commas';

/** A filter of several values inside a `filters` collection, sent as a list under bodyKey. */
export function textListFilter(
	displayName: string,
	name: string,
	bodyKey: string,
	description: string,
	placeholder: string,
	format?: 'e164',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		description,
		hint:
			format === 'e164' ? `${LIST_HINT}. E.164: + country code and number, no spaces.` : LIST_HINT,
		routing: {
			send: {
				preSend: [
					unlessLeftEmpty(
						`filters.${name}`,
						sendTextList(`filters.${name}`, bodyKey, displayName, format),
					),
				],
			},
		},
	};
}

/** One end of a date range inside a `filters` collection, sent as DevRev's {after, before}. */
export function dateFilter(
	displayName: string,
	name: string,
	bodyKey: string,
	bound: 'after' | 'before',
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		placeholder: 'e.g. 2024-05-01T09:30:00Z',
		description,
		hint: 'Inclusive. A time without a zone is read in the workflow time zone.',
		routing: {
			send: {
				preSend: [
					unlessLeftEmpty(
						`filters.${name}`,
						sendDateBound(`filters.${name}`, bodyKey, bound, displayName),
					),
				],
			},
		},
	};
}

/** Created and Modified After/Before and Created By, which every DevRev list filters on. */
export function commonListFilters(plural: string): INodeProperties[] {
	return [
		dateFilter(
			'Created After',
			'createdAfter',
			'created_date',
			'after',
			`Only ${plural} created at or after this time`,
		),
		dateFilter(
			'Created Before',
			'createdBefore',
			'created_date',
			'before',
			`Only ${plural} created at or before this time`,
		),
		textListFilter(
			'Created By',
			'createdBy',
			'created_by',
			`IDs of the users who created the ${plural}`,
			'e.g. don:identity:dvrv-us-1:devo/0:devu/1',
		),
		dateFilter(
			'Modified After',
			'modifiedAfter',
			'modified_date',
			'after',
			`Only ${plural} modified at or after this time`,
		),
		dateFilter(
			'Modified Before',
			'modifiedBefore',
			'modified_date',
			'before',
			`Only ${plural} modified at or before this time`,
		),
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
