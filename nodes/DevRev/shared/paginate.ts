import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItemJson } from './errors';

import { devRevRequest } from './request';
import { invalidInput } from './validate';

/** DevRev's largest page for endpoints that take a `limit`. */
export const MAX_PAGE_SIZE = 100;

type Pagination = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

function readLimit(context: IExecutePaginationFunctions): number {
	if (context.getNodeParameter('returnAll', false) as boolean) return Infinity;
	const limit = Number(context.getNodeParameter('limit', 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw invalidInput(context, 'Limit', `must be a whole number of at least 1, got ${limit}`);
	}
	return limit;
}

/**
 * Walks a DevRev cursor list: Return All follows the cursor to the end, Limit stops after that
 * many items. Mode "before" walks backwards through prev_cursor. Every page repeats the body the
 * fields built; only `cursor` (and `limit` where the endpoint takes one) change.
 */
/** With Continue On Fail, a failed DevRev call becomes an error item carrying DevRev's details. */
function continueOnFail(pagination: Pagination): Pagination {
	return async function (this, requestData) {
		try {
			return await pagination.call(this, requestData);
		} catch (error) {
			const known = error instanceof NodeApiError || error instanceof NodeOperationError;
			if (!known || !this.continueOnFail()) throw error;
			return [{ json: errorItemJson(error), pairedItem: { item: this.getItemIndex() } }];
		}
	};
}

export function cursorPages(itemsProperty: string, options: { acceptsLimit: boolean }): Pagination {
	return continueOnFail(async function (this, requestData) {
		const limit = readLimit(this);
		const body = (requestData.options.body ?? {}) as IDataObject;
		const cursorKey = body.mode === 'before' ? 'prev_cursor' : 'next_cursor';
		const seen = new Set<string>();
		let cursor = typeof body.cursor === 'string' ? body.cursor : undefined;
		if (cursor) seen.add(cursor);
		const items: INodeExecutionData[] = [];
		do {
			const pageBody: IDataObject = { ...body };
			if (cursor) pageBody.cursor = cursor;
			if (options.acceptsLimit) pageBody.limit = Math.min(limit - items.length, MAX_PAGE_SIZE);
			const page = await devRevRequest(this, { ...requestData.options, body: pageBody });
			const entries = page[itemsProperty];
			if (!Array.isArray(entries)) {
				throw new NodeOperationError(this.getNode(), `DevRev's answer has no "${itemsProperty}" list`, {
					itemIndex: this.getItemIndex(),
				});
			}
			for (const entry of entries) {
				if (items.length === limit) break;
				items.push({ json: entry as IDataObject });
			}
			const next = page[cursorKey];
			cursor = typeof next === 'string' && next !== '' ? next : undefined;
			if (cursor !== undefined && seen.has(cursor)) {
				throw new NodeOperationError(
					this.getNode(),
					'DevRev returned a cursor it had already returned: stopped to avoid an endless loop',
					{ itemIndex: this.getItemIndex(), description: `Repeated cursor: ${cursor}` },
				);
			}
			if (cursor !== undefined) seen.add(cursor);
		} while (cursor !== undefined && items.length < limit);
		return items;
	});
}

/** A single DevRev call whose answer holds one object under `property`, returned as one item. */
export function singleObject(property: string): Pagination {
	return continueOnFail(async function (this, requestData) {
		const answer = await devRevRequest(this, requestData.options);
		const object = answer[property];
		return [{ json: (object && typeof object === 'object' ? object : answer) as IDataObject }];
	});
}
