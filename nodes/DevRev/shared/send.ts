import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	PreSendAction,
} from 'n8n-workflow';

import { toIsoDateTime } from './dates';
import { checkE164, invalidInput, requireText, toBoolean, toTextList } from './validate';

/**
 * preSend builders: each reads one node parameter, checks it and writes it into the JSON body in
 * DevRev's shape, so bad input fails before any request with the field's display name.
 */
export function setBody(
	options: IHttpRequestOptions,
	key: string,
	value: unknown,
): IHttpRequestOptions {
	options.body = { ...((options.body ?? {}) as IDataObject), [key]: value };
	return options;
}

function read(context: IExecuteSingleFunctions, parameter: string): unknown {
	return context.getNodeParameter(parameter);
}

/** Whether the user typed nothing into this entry (blanks and list separators only), as opposed to an expression. */
function leftEmpty(context: IExecuteSingleFunctions, parameter: string): boolean {
	const raw = parameter
		.split('.')
		.reduce<unknown>(
			(value, key) => (value as IDataObject | undefined)?.[key],
			context.getNode().parameters,
		);
	return typeof raw === 'string' && !raw.startsWith('=') && raw.replace(/[\s,]/g, '') === '';
}

/**
 * For filters and options: an entry added in the editor but left empty is not sent, while an
 * expression that gives no value still fails, naming the field (a filter that silently vanished
 * would widen a scan to every rev user). Fields whose blank value means something (what to
 * update, what to create) do not use this: a blank there is an error.
 */
export function unlessLeftEmpty(parameter: string, action: PreSendAction): PreSendAction {
	return async function (this, options) {
		return leftEmpty(this, parameter) ? options : await action.call(this, options);
	};
}

export function sendText(parameter: string, bodyKey: string, field: string): PreSendAction {
	return async function (this, options) {
		return setBody(options, bodyKey, requireText(this, read(this, parameter), field));
	};
}

/** A top-level optional field: sent when filled in, left out when blank. */
export function sendOptionalText(parameter: string, bodyKey: string): PreSendAction {
	return async function (this, options) {
		const value = read(this, parameter);
		const text =
			typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
		return text === '' ? options : setBody(options, bodyKey, text);
	};
}

/** A top-level optional list (comma-separated or an array): sent when it holds a value. */
export function sendOptionalTextList(
	parameter: string,
	bodyKey: string,
	field: string,
	format?: 'e164',
): PreSendAction {
	return async function (this, options) {
		const value = read(this, parameter);
		const blank = Array.isArray(value) ? value.length === 0 : String(value ?? '').trim() === '';
		return blank
			? options
			: await sendTextList(parameter, bodyKey, field, format).call(this, options);
	};
}

export function sendTextList(
	parameter: string,
	bodyKey: string,
	field: string,
	format?: 'e164',
): PreSendAction {
	return async function (this, options) {
		const values = toTextList(this, read(this, parameter), field);
		return setBody(options, bodyKey, format === 'e164' ? checkE164(this, values, field) : values);
	};
}

export function sendBoolean(parameter: string, bodyKey: string, field: string): PreSendAction {
	return async function (this, options) {
		return setBody(options, bodyKey, toBoolean(this, read(this, parameter), field));
	};
}

/** Writes one end of a DevRev date-time-filter ({after, before}) and checks the range. */
export function sendDateBound(
	parameter: string,
	bodyKey: string,
	bound: 'after' | 'before',
	field: string,
): PreSendAction {
	return async function (this, options) {
		const body = (options.body ?? {}) as IDataObject;
		const filter = { ...((body[bodyKey] ?? {}) as IDataObject) };
		filter[bound] = toIsoDateTime(this, read(this, parameter), field);
		if (typeof filter.after === 'string' && typeof filter.before === 'string') {
			if (Date.parse(filter.after) > Date.parse(filter.before)) {
				throw invalidInput(
					this,
					field,
					`the "after" date (${filter.after}) is later than the "before" date (${filter.before})`,
				);
			}
		}
		return setBody(options, bodyKey, filter);
	};
}

const TENANT_FIELD = /^tnt__[A-Za-z0-9_]+$/;

/**
 * Sends name/value pairs as DevRev's custom_fields, with the schema DevRev requires for them
 * (custom_schema_spec.tenant_fragment: "omission results in a Bad Request error").
 */
export function sendCustomFields(parameter: string, field: string): PreSendAction {
	return async function (this, options) {
		const pairs = (this.getNodeParameter(parameter, []) as IDataObject[]) ?? [];
		const customFields: IDataObject = {};
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
			if (name in customFields) throw invalidInput(this, field, `"${name}" is set twice`);
			customFields[name] = pair.value ?? '';
		}
		if (pairs.length === 0) throw invalidInput(this, field, 'must contain at least one field');
		setBody(options, 'custom_fields', customFields);
		return setBody(options, 'custom_schema_spec', { tenant_fragment: true });
	};
}

/** A collection that must hold at least one entry, e.g. Update Fields: an update changing nothing is a mistake. */
export function requireCollection(parameter: string, field: string): PreSendAction {
	return async function (this, options) {
		const entries = (this.getNodeParameter(parameter, {}) as IDataObject) ?? {};
		if (Object.keys(entries).length === 0)
			throw invalidInput(this, field, 'add at least one field to change');
		return options;
	};
}
