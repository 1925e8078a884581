import type { IDataObject, INodeProperties, PreSendAction } from 'n8n-workflow';

import { invalidInput } from './validate';

const SORT_ENTRY = /^[A-Za-z_][A-Za-z0-9_.]*:(asc|desc)$/;

/** Sends Sort By as DevRev's sort_by strings, e.g. ["created_date:desc"]. */
const sendSortBy: PreSendAction = async function (this, options) {
	const rules = (this.getNodeParameter('options.sortBy.rule', []) as IDataObject[]) ?? [];
	const sortBy = rules.map((rule) => `${String(rule.field ?? '').trim()}:${String(rule.direction ?? '')}`);
	const wrong = sortBy.find((entry) => !SORT_ENTRY.test(entry));
	if (wrong !== undefined) {
		throw invalidInput(this, 'Sort By', `"${wrong}" is not in field:asc or field:desc form`);
	}
	if (sortBy.length) options.body = { ...((options.body ?? {}) as IDataObject), sort_by: sortBy };
	return options;
};

/** Sort By inside a list operation's Options: rules of field and direction, first rule first. */
export function sortByOption(noun: string, example: string): INodeProperties {
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
						type: 'string',
						default: 'created_date',
						placeholder: `e.g. ${example}`,
						description: `Name of the ${noun} field to sort by`,
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
