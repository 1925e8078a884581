import type { INodeProperties, INodePropertyOptions, INodePropertyRouting } from 'n8n-workflow';

import type { Pagination } from './paginate';
import { rateLimitOption } from './rateLimit';
import { sendText, unlessLeftEmpty } from './send';

/** One operation: its entry in the Operation list and the fields shown for it. */
export interface OperationDefinition {
	option: INodePropertyOptions & { action: string };
	fields: INodeProperties[];
}

/** What a factory of similar operations (Link/Unlink, Add/Remove Associations) varies. */
export interface OperationSpec {
	name: string;
	value: string;
	url: string;
	action: string;
	description: string;
}

/** An operation's entry in the Operation list, posting to its endpoint through `send`. */
export function operationOption(
	spec: OperationSpec,
	send: Pagination,
): OperationDefinition['option'] {
	const { name, value, action, description, url } = spec;
	return { name, value, action, description, routing: postTo(url, send) };
}

/**
 * Routing of every operation: a POST to DevRev whose sending is done by `send`. n8n hands the built
 * request to `operations.pagination` only when `paginate` is set, and that hook is the one place
 * a declarative node owns sending: retries, DevRev error mapping and the `{}` body live there.
 */
export function postTo(url: string, send: Pagination): INodePropertyRouting {
	return {
		request: { method: 'POST', url },
		send: { paginate: true },
		operations: { pagination: send },
	};
}

/** n8n lists collection entries in alphabetical order. */
function sortByName(
	options: NonNullable<INodeProperties['options']>,
): NonNullable<INodeProperties['options']> {
	return [...options].sort((a, b) =>
		('displayName' in a ? a.displayName : a.name).localeCompare(
			'displayName' in b ? b.displayName : b.name,
		),
	) as NonNullable<INodeProperties['options']>;
}

/**
 * An operation's fields with Options › Rate Limit added: into its Options collection, or in a new
 * one. Every operation calls DevRev, so every one offers the pacing; a new one cannot forget it.
 */
function withRateLimitOption(fields: INodeProperties[]): INodeProperties[] {
	const options = fields.find((field) => field.name === 'options' && field.type === 'collection');
	if (!options) {
		return [
			...fields,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [rateLimitOption],
			},
		];
	}
	return fields.map((field) =>
		field === options
			? { ...field, options: sortByName([...(field.options ?? []), rateLimitOption]) }
			: field,
	);
}

/** The Operation selector of a resource plus every operation's fields, shown only for it. */
export function resourceProperties(
	resource: string,
	defaultOperation: string,
	operations: OperationDefinition[],
): INodeProperties[] {
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations.map((operation) => operation.option),
		default: defaultOperation,
	};
	const fields = operations.flatMap(({ option, fields }) =>
		withRateLimitOption(fields).map((field) => ({
			...field,
			displayOptions: {
				...field.displayOptions,
				show: { ...field.displayOptions?.show, resource: [resource], operation: [option.value] },
			},
		})),
	);
	return [selector, ...fields];
}

/** Return All and Limit, as every list operation offers them. */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export const listModeOption: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	options: [
		{
			name: 'After',
			value: 'after',
			description: 'Walk forward: entries after the cursor, or from the beginning',
		},
		{
			name: 'Before',
			value: 'before',
			description: 'Walk backward: entries before the cursor, or from the end',
		},
	],
	default: 'after',
	description: 'The direction to walk the list in',
	routing: { send: { type: 'body', property: 'mode' } },
};

/** Start Cursor inside a list operation's Options collection. */
export const startCursorOption: INodeProperties = {
	displayName: 'Start Cursor',
	name: 'cursor',
	type: 'string',
	default: '',
	placeholder: 'e.g. a next_cursor from an earlier call',
	description: 'Cursor to start from instead of the beginning (or the end in mode Before)',
	routing: {
		send: {
			preSend: [
				unlessLeftEmpty('options.cursor', sendText('options.cursor', 'cursor', 'Start Cursor')),
			],
		},
	},
};
