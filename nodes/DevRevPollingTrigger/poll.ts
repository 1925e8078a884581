import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { MAX_PAGE_SIZE, toItem, walkList } from '../DevRev/shared/transports';
import type { Position } from './position';
import { notEmittedYet, positionAfter, readPosition, savePosition } from './position';
import { exactly, since } from './resources';
import type { Settings } from './settings';
import { readSettings } from './settings';

/**
 * One poll: every object changed since the saved position, once, in its latest state, oldest
 * change first; the position moves to DevRev's date of the last one emitted. The first poll
 * only records where DevRev stands (or starts at Start Date). Static data is written only after
 * every page was read, so a failed poll leaves the position as it was and the next one retries.
 */
export async function pollChanges(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	if (this.getMode() === 'manual') return await sample(this, settings);
	const data = this.getWorkflowStaticData('node');
	const saved = readPosition(data, settings.watching);
	if (!saved && !settings.startDate) {
		savePosition(data, await startingNow(this, settings));
		return null;
	}
	const position = saved ?? {
		watching: settings.watching,
		mark: settings.startDate ?? null,
		idsAtMark: [],
	};
	const changes = await changesSince(this, settings, position);
	if (changes.length === 0) {
		if (!saved) savePosition(data, position);
		return null;
	}
	savePosition(data, positionAfter(position, changes, settings.field));
	return [changes.map((object) => toItem(object, settings.simplify, settings.watched.answer))];
}

/** The objects of the watched kind that a query lists, page after page, up to `limit`. */
async function list(
	context: IPollFunctions,
	settings: Settings,
	body: IDataObject,
	limit: number,
): Promise<IDataObject[]> {
	const { url, base, answer } = settings.watched;
	const request = { method: 'POST' as const, url, body: { ...base, ...body } };
	return await walkList(context, request, answer, { acceptsLimit: true, limit });
}

/**
 * Where a new trigger starts: at DevRev's date of its newest object of the kind, that object and
 * any other of the same date counted as seen. Without the filters, so an object that existed
 * before and matches them only later is not taken for a new one.
 */
async function startingNow(context: IPollFunctions, settings: Settings): Promise<Position> {
	const { field, watched, watching } = settings;
	const newest = await list(context, settings, { sort_by: [`${field}:desc`] }, MAX_PAGE_SIZE);
	const mark = newest[0]?.[field];
	if (typeof mark !== 'string') return { watching, mark: null, idsAtMark: [] };
	let atMark = newest.filter((object) => object[field] === mark);
	if (atMark.length === MAX_PAGE_SIZE) {
		const body = { [field]: exactly(watched, mark), sort_by: [`${field}:asc`] };
		atMark = await list(context, settings, body, Infinity);
	}
	return { watching, mark, idsAtMark: atMark.map((object) => String(object.id)) };
}

/** The changes since `position`, oldest first, at most Max Changes Per Poll. */
async function changesSince(
	context: IPollFunctions,
	settings: Settings,
	position: Position,
): Promise<IDataObject[]> {
	const { field, watched, maxPerPoll } = settings;
	const body: IDataObject = { ...settings.filters, sort_by: [`${field}:asc`] };
	if (position.mark !== null) body[field] = since(watched, position.mark);
	// The objects already emitted at the mark come first again (`after` is inclusive).
	const listed = await list(context, settings, body, maxPerPoll + position.idsAtMark.length);
	return latestPerObject(listed.filter(notEmittedYet(position, field))).slice(0, maxPerPoll);
}

/**
 * One entry per object: an object changed again while the pages were read is listed again
 * further on (the list is sorted by the date); its latest state counts, at its place.
 */
function latestPerObject(listed: IDataObject[]): IDataObject[] {
	const byId = new Map<string, IDataObject>();
	for (const object of listed) {
		byId.delete(String(object.id));
		byId.set(String(object.id), object);
	}
	return [...byId.values()];
}

/** Fetch Test Event: the most recent change that matches, moving nothing. */
async function sample(
	context: IPollFunctions,
	settings: Settings,
): Promise<INodeExecutionData[][] | null> {
	const body = { ...settings.filters, sort_by: [`${settings.field}:desc`] };
	const [newest] = await list(context, settings, body, 1);
	if (!newest) return null;
	return [[toItem(newest, settings.simplify, settings.watched.answer)]];
}
