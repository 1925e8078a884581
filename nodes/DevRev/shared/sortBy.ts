import type {
	IDataObject,
	INodeProperties,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';

import { putAt } from './body';
import { invalidInput } from './validate';

/** DevRev's field names: letters, digits and underscores, dotted for nested fields. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The fields every DevRev list sorts by, as n8n shows them. */
const COMMON_SORT_FIELDS: Record<string, string> = {
	created_date: 'Created Date',
	display_id: 'Display ID',
	display_name: 'Display Name',
	modified_date: 'Modified Date',
};

/**
 * Sort By's field list: the common fields (but those in `omit`) plus a resource's own
 * ({ value: name }), by name.
 */
export function sortFields(
	own: Record<string, string>,
	omit: string[] = [],
): INodePropertyOptions[] {
	return Object.entries({ ...COMMON_SORT_FIELDS, ...own })
		.filter(([value]) => !omit.includes(value))
		.map(([value, name]) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Sort By as a list of rules (field and direction), sent as DevRev's sort_by strings such as
 * "created_date:desc". The field is one of `fields`, or any field through an expression.
 */
export function sortByOption(
	noun: string,
	fields: INodePropertyOptions[],
	defaultField: string,
): INodeProperties {
	return {
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Sort Rule',
		default: {},
		description: 'Fields to sort by, first rule first',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						options: fields,
						default: defaultField,
						allowArbitraryValues: true,
						description: `The ${noun} field to sort by. Use an expression for a field not listed.`,
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
						default: 'asc',
					},
				],
			},
		],
		routing: { send: { preSend: [sendSortBy] } },
	};
}

/** Sends the rules as sort_by; a field that is no field name is refused as the user typed it. */
const sendSortBy: PreSendAction = async function (this, options) {
	const rules = (this.getNodeParameter('options.sortBy.rule', []) as IDataObject[]) ?? [];
	const sortBy = rules.map((rule, index) => {
		const field = String(rule.field ?? '').trim();
		if (!FIELD_NAME.test(field)) {
			throw invalidInput(
				this,
				'Sort By',
				`rule ${index + 1}: "${field}" is not a field name DevRev can sort by`,
				'Pick a field from the list, or give a field name of letters, digits and underscores, such as created_date',
			);
		}
		return `${field}:${rule.direction === 'desc' ? 'desc' : 'asc'}`;
	});
	if (sortBy.length) putAt(options, 'sort_by', sortBy);
	return options;
};
