import type { IDataObject } from 'n8n-workflow';

/**
 * Where the trigger stands, kept in the node's static data, which n8n saves with the workflow
 * (after a poll that emits, and when the workflow is published), so it survives restarts:
 * - `watching`: what the position belongs to (`revUser:createdOrUpdated`); another resource or
 *   Trigger When starts afresh;
 * - `mark`: DevRev's own date (created_date or modified_date) of the newest change emitted, or
 *   where the trigger started; null: from the beginning (DevRev had none of these objects then);
 * - `idsAtMark`: the IDs whose change at exactly `mark` was already emitted (or existed at the
 *   start). The next poll asks for changes at or after the mark, since DevRev's `after` is
 *   inclusive and another object may share that date, and skips these.
 */
export interface Position {
	watching: string;
	mark: string | null;
	idsAtMark: string[];
}

export type DateField = 'created_date' | 'modified_date';

export function readPosition(data: IDataObject, watching: string): Position | undefined {
	const { mark, idsAtMark } = data;
	if (data.watching !== watching || (mark !== null && typeof mark !== 'string')) return undefined;
	return { watching, mark, idsAtMark: Array.isArray(idsAtMark) ? idsAtMark.map(String) : [] };
}

export function savePosition(data: IDataObject, position: Position): void {
	data.watching = position.watching;
	data.mark = position.mark;
	data.idsAtMark = position.idsAtMark;
}

/** Whether a listed object is a change not emitted yet. */
export function notEmittedYet(position: Position, field: DateField) {
	const atMark = new Set(position.idsAtMark);
	return (object: IDataObject): boolean =>
		typeof object[field] === 'string' &&
		!(object[field] === position.mark && atMark.has(String(object.id)));
}

/** The position once `emitted` (oldest change first, not empty) has been emitted. */
export function positionAfter(
	position: Position,
	emitted: IDataObject[],
	field: DateField,
): Position {
	const mark = String(emitted[emitted.length - 1][field]);
	const kept = mark === position.mark ? position.idsAtMark : [];
	const atMark = emitted.filter((object) => object[field] === mark).map((object) => object.id);
	return {
		watching: position.watching,
		mark,
		idsAtMark: [...new Set([...kept, ...atMark.map(String)])],
	};
}
