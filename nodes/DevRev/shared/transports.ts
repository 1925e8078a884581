import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyRouting,
	PreSendAction,
} from 'n8n-workflow';

import { asNodeError, errorItem, nodeError } from './errors';
import { simplifyRecord } from './simplify';
import type { RequestContext } from './session';
import { itemIndexOf } from './session';
import type { CallOptions } from './transport';
import { devRevRequest } from './transport';
import { invalidInput } from './validate';

/** DevRev's largest page for endpoints that take a `limit`. */
export const MAX_PAGE_SIZE = 100;

/** What sends an operation's request(s) and turns DevRev's answer into output items. */
export type Transport = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * An operation's routing: `request` names the DevRev call; `transport` sends it (pacing,
 * retries, stops, DevRev's errors, the `{}` body) and makes the output items; `send` is what the
 * operation itself puts into the body (e.g. the work type) and its operation-wide checks. A
 * declarative node owns the sending only in n8n's pagination slot, hence `paginate`.
 */
export function route(
	request: INodePropertyRouting['request'],
	transport: Transport,
	send: INodePropertyRouting['send'] = {},
): INodePropertyRouting {
	return { request, send: { ...send, paginate: true }, operations: { pagination: transport } };
}

const INPUT_FAILURE = Symbol('devRevInputFailure');
type WithFailure = { [INPUT_FAILURE]?: unknown };

/**
 * A field's preSend whose failure (bad input) is held until the transport runs, instead of
 * escaping to n8n before it: so Continue On Fail gives the same error item for bad input as for
 * DevRev's refusals and network failures. Later preSends of the item are skipped.
 */
export function deferred(action: PreSendAction): PreSendAction {
	return async function (this, options) {
		if ((options as WithFailure)[INPUT_FAILURE] !== undefined) return options;
		try {
			return await action.call(this, options);
		} catch (error) {
			(options as WithFailure)[INPUT_FAILURE] = error;
			return options;
		}
	};
}

/**
 * Runs a transport for one input item: a held input failure first, then the calls; a failure
 * is thrown as n8n's error, or with Continue On Fail put out as the item's error item.
 */
function itemwise(send: Transport): Transport {
	return async function (this, requestData) {
		try {
			const failure = (requestData.options as WithFailure)[INPUT_FAILURE];
			if (failure !== undefined) throw failure;
			return await send.call(this, requestData);
		} catch (caught) {
			const error = asNodeError(this.getNode(), caught, this.getItemIndex());
			if (!this.continueOnFail()) throw error;
			return [errorItem(error, this.getItemIndex())];
		}
	};
}

/**
 * Whether the operation has Simplify and it is on: read once per walk, not per item (a
 * getNodeParameter per item cost 3% of a 100,000-user Return All).
 */
export function readSimplify(context: IExecutePaginationFunctions, simplifiable: boolean): boolean {
	return simplifiable && (context.getNodeParameter('simplify', false) as boolean);
}

/** One DevRev object, answered under `property`, as an output item (flat when Simplify is on). */
export function toItem(
	entry: IDataObject,
	simplify: boolean,
	property: string,
): INodeExecutionData {
	return { json: simplify ? simplifyRecord(property, entry) : entry };
}

/** One call whose answer holds one object under `property`: one item. */
export function oneObject(
	property: string,
	options: { simplifiable?: boolean } & CallOptions = {},
): Transport {
	return itemwise(async function (this, requestData) {
		const answer = await devRevRequest(this, requestData.options, options);
		const object = answer[property];
		const entry = (object && typeof object === 'object' ? object : answer) as IDataObject;
		return [toItem(entry, readSimplify(this, options.simplifiable ?? false), property)];
	});
}

/**
 * A call that answers with an empty body (201 {} or 204): the item confirms what was sent, so
 * the next node knows which rev user and which associations it was about.
 */
export function confirmation(options: CallOptions = {}): Transport {
	return itemwise(async function (this, requestData) {
		await devRevRequest(this, requestData.options, options);
		return [{ json: { success: true, ...((requestData.options.body ?? {}) as IDataObject) } }];
	});
}

/** A delete (DevRev answers `{}`): the item names what was deleted, as n8n's Delete operations do. */
export function deletion(): Transport {
	return itemwise(async function (this, requestData) {
		await devRevRequest(this, requestData.options);
		const { id } = (requestData.options.body ?? {}) as IDataObject;
		return [{ json: { deleted: true, id } }];
	});
}

/** Any other sequence of calls (Create or Update), with the same failure handling. */
export function custom(send: Transport): Transport {
	return itemwise(send);
}

function readLimit(context: IExecutePaginationFunctions): number {
	if (context.getNodeParameter('returnAll', false) as boolean) return Infinity;
	const limit = Number(context.getNodeParameter('limit', 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw invalidInput(context, 'Limit', `must be a whole number of at least 1, got ${limit}`);
	}
	return limit;
}

/**
 * A DevRev cursor list: Return All follows the cursor to the end, Limit stops after that many
 * items. Mode "before" walks backwards through prev_cursor. Every page repeats the body the
 * fields built; only `cursor` (and `limit` where the endpoint takes one) change.
 */
export function listOf(
	itemsProperty: string,
	options: {
		acceptsLimit: boolean;
		simplifiable?: boolean;
		keep?: (entry: IDataObject) => boolean;
	},
): Transport {
	return itemwise(async function (this, requestData) {
		const limit = readLimit(this);
		const simplify = readSimplify(this, options.simplifiable ?? false);
		const list = { ...options, limit };
		const entries = await walkList(this, requestData.options, itemsProperty, list);
		return entries.map((entry) => toItem(entry, simplify, itemsProperty));
	});
}

/** The entries of one page of a DevRev list answer. */
function pageEntries(
	context: RequestContext,
	page: IDataObject,
	itemsProperty: string,
): IDataObject[] {
	const entries = page[itemsProperty];
	if (Array.isArray(entries)) return entries as IDataObject[];
	throw nodeError(context.getNode(), `DevRev's answer has no "${itemsProperty}" list`, {
		itemIndex: itemIndexOf(context),
	});
}

/** Remembers cursors: DevRev returning one it had already returned would loop forever. */
function cursorGuard(context: RequestContext, first: string | undefined) {
	const seen = new Set<string>(first ? [first] : []);
	return (cursor: string | undefined): string | undefined => {
		if (cursor === undefined) return undefined;
		if (seen.has(cursor)) {
			throw nodeError(
				context.getNode(),
				'DevRev returned a cursor it had already returned: stopped to avoid an endless loop',
				{ itemIndex: itemIndexOf(context), description: `Repeated cursor: ${cursor}` },
			);
		}
		seen.add(cursor);
		return cursor;
	};
}

/** The entries of a DevRev cursor list, up to `limit`, page by page (see listOf). */
export async function walkList(
	context: RequestContext,
	request: DeclarativeRestApiSettings.HttpRequestOptions,
	itemsProperty: string,
	options: { acceptsLimit: boolean; limit: number; keep?: (entry: IDataObject) => boolean },
): Promise<IDataObject[]> {
	const { limit } = options;
	const body = (request.body ?? {}) as IDataObject;
	const cursorKey = body.mode === 'before' ? 'prev_cursor' : 'next_cursor';
	let cursor = typeof body.cursor === 'string' ? body.cursor : undefined;
	const guard = cursorGuard(context, cursor);
	const items: IDataObject[] = [];
	do {
		const pageBody: IDataObject = { ...body };
		if (cursor) pageBody.cursor = cursor;
		if (options.acceptsLimit) pageBody.limit = Math.min(limit - items.length, MAX_PAGE_SIZE);
		const page = await devRevRequest(context, { ...request, body: pageBody });
		const entries = pageEntries(context, page, itemsProperty).filter(options.keep ?? (() => true));
		items.push(...entries.slice(0, limit - items.length));
		const next = page[cursorKey];
		cursor = guard(typeof next === 'string' && next !== '' ? next : undefined);
	} while (cursor !== undefined && items.length < limit);
	return items;
}
