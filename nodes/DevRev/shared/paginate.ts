import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItemJson, nodeError } from './errors';
import { devRevRequest } from './request';
import { simplifyRecord } from './simplify';
import { invalidInput } from './validate';

/** DevRev's largest page for endpoints that take a `limit`. */
export const MAX_PAGE_SIZE = 100;

export type Pagination = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * Whether the operation has Simplify and it is on: read once per walk, not per item (a
 * getNodeParameter per item cost 3% of a 100,000-user Return All).
 */
export function readSimplify(context: IExecutePaginationFunctions, simplifiable: boolean): boolean {
	return simplifiable && (context.getNodeParameter('simplify', false) as boolean);
}

/** Turns one DevRev object, answered under `property`, into an output item, flattened when Simplify is on. */
export function toItem(
	entry: IDataObject,
	simplify: boolean,
	property: string,
): INodeExecutionData {
	return { json: simplify ? simplifyRecord(property, entry) : entry };
}

function readLimit(context: IExecutePaginationFunctions): number {
	if (context.getNodeParameter('returnAll', false) as boolean) return Infinity;
	const limit = Number(context.getNodeParameter('limit', 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw invalidInput(context, 'Limit', `must be a whole number of at least 1, got ${limit}`);
	}
	return limit;
}

/** With Continue On Fail, a failed DevRev call becomes an error item carrying DevRev's details. */
export function continueOnFail(pagination: Pagination): Pagination {
	return async function (this, requestData) {
		try {
			return await pagination.call(this, requestData);
		} catch (caught) {
			// n8n's own errors pass as they are; anything else (a bug, not DevRev) is shown as the node's.
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: nodeError(this.getNode(), (caught as Error)?.message ?? String(caught), {
							itemIndex: this.getItemIndex(),
						});
			if (!this.continueOnFail()) throw error;
			return [{ json: errorItemJson(error), pairedItem: { item: this.getItemIndex() } }];
		}
	};
}

/**
 * Walks a DevRev cursor list: Return All follows the cursor to the end, Limit stops after that
 * many items. Mode "before" walks backwards through prev_cursor. Every page repeats the body the
 * fields built; only `cursor` (and `limit` where the endpoint takes one) change.
 */
export function cursorPages(
	itemsProperty: string,
	options: { acceptsLimit: boolean; simplifiable?: boolean },
): Pagination {
	return continueOnFail(async function (this, requestData) {
		const limit = readLimit(this);
		const simplify = readSimplify(this, options.simplifiable ?? false);
		const entries = await walkList(this, requestData.options, itemsProperty, { ...options, limit });
		return entries.map((entry) => toItem(entry, simplify, itemsProperty));
	});
}

/** The entries of a DevRev cursor list, up to `limit`, page by page (see cursorPages). */
export async function walkList(
	context: IExecutePaginationFunctions,
	request: DeclarativeRestApiSettings.HttpRequestOptions,
	itemsProperty: string,
	options: { acceptsLimit: boolean; limit: number },
): Promise<IDataObject[]> {
	const { limit } = options;
	const body = (request.body ?? {}) as IDataObject;
	const cursorKey = body.mode === 'before' ? 'prev_cursor' : 'next_cursor';
	const seen = new Set<string>();
	let cursor = typeof body.cursor === 'string' ? body.cursor : undefined;
	if (cursor) seen.add(cursor);
	const items: IDataObject[] = [];
	do {
		const pageBody: IDataObject = { ...body };
		if (cursor) pageBody.cursor = cursor;
		if (options.acceptsLimit) pageBody.limit = Math.min(limit - items.length, MAX_PAGE_SIZE);
		const page = await devRevRequest(context, { ...request, body: pageBody });
		const entries = page[itemsProperty];
		if (!Array.isArray(entries)) {
			throw nodeError(context.getNode(), `DevRev's answer has no "${itemsProperty}" list`, {
				itemIndex: context.getItemIndex(),
			});
		}
		for (const entry of entries) {
			if (items.length === limit) break;
			items.push(entry as IDataObject);
		}
		const next = page[cursorKey];
		cursor = typeof next === 'string' && next !== '' ? next : undefined;
		if (cursor !== undefined && seen.has(cursor)) {
			throw nodeError(
				context.getNode(),
				'DevRev returned a cursor it had already returned: stopped to avoid an endless loop',
				{ itemIndex: context.getItemIndex(), description: `Repeated cursor: ${cursor}` },
			);
		}
		if (cursor !== undefined) seen.add(cursor);
	} while (cursor !== undefined && items.length < limit);
	return items;
}

/** A single DevRev call whose answer holds one object under `property`, returned as one item. */
export function singleObject(
	property: string,
	options: { simplifiable?: boolean } = {},
): Pagination {
	return continueOnFail(async function (this, requestData) {
		const answer = await devRevRequest(this, requestData.options);
		const object = answer[property];
		const entry = (object && typeof object === 'object' ? object : answer) as IDataObject;
		return [toItem(entry, readSimplify(this, options.simplifiable ?? false), property)];
	});
}

/**
 * A DevRev call that answers with an empty body (201 {} or 204): the item confirms what was sent,
 * so the next node knows which rev user and which associations it was about.
 */
export function confirmation(): Pagination {
	return continueOnFail(async function (this, requestData) {
		await devRevRequest(this, requestData.options);
		return [{ json: { success: true, ...((requestData.options.body ?? {}) as IDataObject) } }];
	});
}
