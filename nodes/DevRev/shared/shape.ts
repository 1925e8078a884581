import type { IDataObject, IExecuteSingleFunctions, PreSendAction } from 'n8n-workflow';

import { typedBlank } from './blanks';
import { hasAt, putAt, valueAt } from './body';
import { toIsoDateTime } from './dates';
import { checkEmails, checkE164, invalidInput, requireText, toTextList } from './validate';

/**
 * Checks and shapes of values that a field's `routing.send` has put into the body as data. Each
 * acts on one body property (a dotted path such as `created_date.after`), so bad input fails
 * before any request, naming the field the user sees. Blank optional fields never get here:
 * leaveOutBlanks (blanks.ts) has taken them out.
 */

/** A preSend that replaces the value at `property` with `shape(value)`, when the body holds it. */
export function shaping(
	property: string,
	shape: (context: IExecuteSingleFunctions, value: unknown) => IDataObject[string],
): PreSendAction {
	return async function (this, options) {
		if (hasAt(options, property)) putAt(options, property, shape(this, valueAt(options, property)));
		return options;
	};
}

/** A text that must not be blank, sent trimmed. */
export const text = (property: string, field: string) =>
	shaping(property, (context, value) => requireText(context, value, field));

type ListFormat = 'e164' | 'email';

function checkFormat(
	context: IExecuteSingleFunctions,
	values: string[],
	field: string,
	format?: ListFormat,
): string[] {
	if (format === 'e164') return checkE164(context, values, field);
	if (format === 'email') return checkEmails(context, values, field);
	return values;
}

/**
 * Several values, typed separated by commas or given as an array by an expression, sent as a
 * list (`{"set": [...]}` where DevRev's update asks for that form).
 */
export function list(
	property: string,
	field: string,
	options: { format?: ListFormat; set?: boolean } = {},
): PreSendAction {
	return shaping(property, (context, value) => {
		const values = checkFormat(context, toTextList(context, value, field), field, options.format);
		return options.set ? { set: values } : values;
	});
}

/** One email address, its form checked. */
export const email = (property: string, field: string) =>
	shaping(
		property,
		(context, value) => checkEmails(context, [requireText(context, value, field)], field)[0],
	);

/** One picked ID sent as DevRev's list, `[id]`, or its update form `{"set": [id]}`. */
export const oneAsList = (property: string, form: 'list' | 'set') =>
	shaping(property, (_context, value) => (form === 'list' ? [value] : { set: [value] }));

/**
 * What identifies a new object: at least one of these body properties (after blank ones are
 * left out), else the item is refused naming the fields.
 */
export function anyOf(properties: string[], fields: string, what: string): PreSendAction {
	return async function (this, options) {
		if (properties.some((property) => hasAt(options, property))) return options;
		throw invalidInput(this, fields, `give at least one of them to identify the ${what}`);
	};
}

/** A true/false value, also from an expression that gives "true" or "false". */
export const boolean = (property: string, field: string) =>
	shaping(property, (context, value) => {
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 'false') return value === 'true';
		throw invalidInput(context, field, `must be true or false, got ${JSON.stringify(value)}`);
	});

/**
 * DevRev's date filter at `filter` with UTC ISO date-times: `{after, before}`, or with `typed`
 * the date-filter of works and dev users, `{type: "range", after, before}`. With both ends given,
 * `after` must not be later than `before`. Both ends' fields carry it (it is idempotent).
 */
export function dateRange(
	filter: string,
	fields: { after: string; before: string },
	typed = false,
): PreSendAction {
	return shaping(filter, (context, value) => {
		const range = { ...((value as IDataObject | undefined) ?? {}) };
		for (const bound of ['after', 'before'] as const) {
			if (range[bound] !== undefined)
				range[bound] = toIsoDateTime(context, range[bound], fields[bound]);
		}
		const { after, before } = range;
		if (
			typeof after === 'string' &&
			typeof before === 'string' &&
			Date.parse(after) > Date.parse(before)
		) {
			throw invalidInput(
				context,
				fields.before,
				`the "after" date (${after}) is later than the "before" date (${before})`,
			);
		}
		return typed ? { type: 'range', ...range } : range;
	});
}

/**
 * A collection that must hold at least one entry that is not blank: an update that changes
 * nothing is a mistake.
 */
export function atLeastOne(collection: string, field: string): PreSendAction {
	return async function (this, options) {
		const entries = (this.getNode().parameters[collection] ?? {}) as IDataObject;
		if (Object.values(entries).every(typedBlank)) {
			throw invalidInput(this, field, 'add at least one field to change');
		}
		return options;
	};
}

const TENANT_FIELD = /^tnt__[A-Za-z0-9_]+$/;

/**
 * Name/value pairs (a fixed collection at `parameter`) sent as DevRev's custom_fields, with the
 * schema DevRev requires for them (custom_schema_spec.tenant_fragment: "omission results in a
 * Bad Request error").
 */
export function customFields(parameter: string, field: string): PreSendAction {
	return async function (this, options) {
		const pairs = (this.getNodeParameter(parameter, []) as IDataObject[]) ?? [];
		if (pairs.length === 0) return options;
		const fields: IDataObject = {};
		for (const pair of pairs) {
			const name = requireText(this, pair.name, `${field} › Name`);
			if (!TENANT_FIELD.test(name)) {
				throw invalidInput(
					this,
					field,
					`"${name}" is not a tenant custom field name`,
					'DevRev names tenant custom fields tnt__<name>, e.g. tnt__region',
				);
			}
			if (name in fields) throw invalidInput(this, field, `"${name}" is set twice`);
			fields[name] = pair.value ?? '';
		}
		putAt(options, 'custom_fields', fields);
		putAt(options, 'custom_schema_spec', { tenant_fragment: true });
		return options;
	};
}
