import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';

import { toIsoDateTime } from './dates';
import { checkE164, invalidInput, requireText, toBoolean, toTextList } from './validate';

/**
 * preSend builders for optional fields (collection entries: filters, options, additional fields):
 * each reads one node parameter, checks it and writes it into the JSON body in DevRev's shape, so
 * bad input fails before any request with the field's display name. An entry added in the editor
 * but left empty is not sent; an expression that gives no value still fails, naming the field (a
 * filter that silently vanished would widen a scan to every rev user).
 */
export function setBody(options: IHttpRequestOptions, key: string, value: unknown): IHttpRequestOptions {
	options.body = { ...((options.body ?? {}) as IDataObject), [key]: value };
	return options;
}

function read(context: IExecuteSingleFunctions, parameter: string): unknown {
	return context.getNodeParameter(parameter);
}

/** Whether the user typed nothing into this entry (blanks and list separators only), as opposed to an expression. */
export function leftEmpty(context: IExecuteSingleFunctions, parameter: string): boolean {
	const raw = parameter
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], context.getNode().parameters);
	return typeof raw === 'string' && !raw.startsWith('=') && raw.replace(/[\s,]/g, '') === '';
}

export function sendText(parameter: string, bodyKey: string, field: string): PreSendAction {
	return async function (this, options) {
		if (leftEmpty(this, parameter)) return options;
		return setBody(options, bodyKey, requireText(this, read(this, parameter), field));
	};
}

export function sendTextList(
	parameter: string,
	bodyKey: string,
	field: string,
	format?: 'e164',
): PreSendAction {
	return async function (this, options) {
		if (leftEmpty(this, parameter)) return options;
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
		if (leftEmpty(this, parameter)) return options;
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
