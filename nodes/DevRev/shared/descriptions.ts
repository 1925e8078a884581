import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodePropertyRouting,
} from 'n8n-workflow';

import { blankRules, leaveOutBlanks } from './blanks';
import { rateLimitOption } from './rateLimit';
import { text } from './shape';
import { deferred } from './transports';

/** One operation: its entry in the Operation list (with its routing) and the fields shown for it. */
export interface OperationDefinition {
	option: INodePropertyOptions & { action: string; routing: INodePropertyRouting };
	fields: INodeProperties[];
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

/** An operation's Options collection (Options › Rate Limit is added to every one). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/**
 * An operation's fields with Options › Rate Limit added: into its Options collection, or in a new
 * one. Every operation calls DevRev, so every one offers the pacing; a new one cannot forget it.
 */
function withRateLimitOption(fields: INodeProperties[]): INodeProperties[] {
	const options = fields.find((field) => field.name === 'options' && field.type === 'collection');
	if (!options) return [...fields, optionsCollection([rateLimitOption])];
	return fields.map((field) =>
		field === options
			? { ...field, options: sortByName([...(field.options ?? []), rateLimitOption]) }
			: field,
	);
}

/** A routing whose preSend failures are held for the transport (see `deferred`). */
function withDeferredChecks<T extends { routing?: INodePropertyRouting }>(owner: T): T {
	const preSend = owner.routing?.send?.preSend;
	if (!preSend?.length) return owner;
	const send = { ...owner.routing?.send, preSend: preSend.map(deferred) };
	return { ...owner, routing: { ...owner.routing, send } };
}

/** A field, and the entries of its collections, with deferred checks. */
function deferChecks(field: INodeProperties): INodeProperties {
	const deferredField = withDeferredChecks(field);
	if (field.type === 'collection') {
		const options = (field.options ?? []) as INodeProperties[];
		return { ...deferredField, options: options.map(deferChecks) };
	}
	if (field.type === 'fixedCollection') {
		const groups = (field.options ?? []) as INodePropertyCollection[];
		const options = groups.map((group) => ({ ...group, values: group.values.map(deferChecks) }));
		return { ...deferredField, options };
	}
	return deferredField;
}

/** The operation's option with the blank rule of its fields as its first preSend. */
function assembledOption(operation: OperationDefinition): INodePropertyOptions {
	const { routing } = operation.option;
	const preSend = [leaveOutBlanks(blankRules(operation.fields)), ...(routing.send?.preSend ?? [])];
	return withDeferredChecks({
		...operation.option,
		routing: { ...routing, send: { ...routing.send, preSend } },
	});
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
		options: operations.map(assembledOption),
		default: defaultOperation,
	};
	const fields = operations.flatMap(({ option, fields }) =>
		withRateLimitOption(fields).map((field) => ({
			...deferChecks(field),
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
		send: { type: 'body', property: 'cursor', preSend: [text('cursor', 'Start Cursor')] },
	},
};
