import type { IDataObject, IExecuteSingleFunctions, IPollFunctions } from 'n8n-workflow';

import { toIsoDateTime } from '../DevRev/shared/dates';
import { nodeError } from '../DevRev/shared/errors';
import { filterBody } from './filters';
import type { DateField } from './position';
import type { Change, Resource, Watched } from './resources';
import { dateFieldOf, WATCHED } from './resources';

/** What one poll reads of the node's parameters. */
export interface Settings {
	watched: Watched;
	field: DateField;
	/** The key the saved position belongs to. */
	watching: string;
	/** The body part of the chosen filters. */
	filters: IDataObject;
	startDate?: string;
	maxPerPoll: number;
	simplify: boolean;
}

export function readSettings(context: IPollFunctions): Settings {
	const resource = context.getNodeParameter('resource') as Resource;
	const change = context.getNodeParameter('triggerWhen') as Change;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const watched = WATCHED[resource];
	return {
		watched,
		field: dateFieldOf(change),
		watching: `${resource}:${change}`,
		filters: filterBody(resource, context.getNodeParameter('filters', {}) as IDataObject),
		startDate: options.startDate ? startDateOf(context, options.startDate) : undefined,
		maxPerPoll: maxPerPollOf(context, options.maxPerPoll),
		simplify: options.simplify === true,
	};
}

/** Start Date as DevRev's UTC date-time; a time without a zone is read in the workflow's zone. */
function startDateOf(context: IPollFunctions, value: unknown): string {
	// The shared date check reports its field per input item; a poll has one.
	const asItem = {
		getNode: () => context.getNode(),
		getTimezone: () => context.getTimezone(),
		getItemIndex: () => 0,
	} as unknown as IExecuteSingleFunctions;
	return toIsoDateTime(asItem, value, 'Start Date');
}

/** Max Changes Per Poll: a whole number of at least 1; unset, no cap. */
function maxPerPollOf(context: IPollFunctions, value: unknown): number {
	if (value === undefined) return Infinity;
	const max = Number(value);
	if (Number.isInteger(max) && max >= 1) return max;
	throw nodeError(
		context.getNode(),
		`Max Changes Per Poll: must be a whole number of at least 1, got ${String(value)}`,
	);
}
