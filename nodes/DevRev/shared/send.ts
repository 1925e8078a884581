import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';

import { toIsoDateTime } from './dates';
import { checkE164, invalidInput, requireText, toBoolean, toTextList } from './validate';

/**
 * preSend builders: each reads one node parameter, checks it and writes it into the JSON body
 * in DevRev's shape, so bad input fails before any request with the field's display name.
 */
export function setBody(options: IHttpRequestOptions, key: string, value: unknown): IHttpRequestOptions {
	options.body = { ...((options.body ?? {}) as IDataObject), [key]: value };
	return options;
}

function read(context: IExecuteSingleFunctions, parameter: string): unknown {
	return context.getNodeParameter(parameter);
}

export function sendText(parameter: string, bodyKey: string, field: string): PreSendAction {
	return async function (this, options) {
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
