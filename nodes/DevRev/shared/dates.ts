import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { invalidInput } from './validate';

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Minutes east of UTC that `timeZone` observes at the given instant. */
function zoneOffsetMinutes(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

/**
 * Turns an ISO date or date-time into the UTC date-time DevRev expects. n8n's date picker gives
 * times without a zone; those are read in the workflow's time zone, as n8n shows them.
 */
export function toIsoDateTime(
	context: IExecuteSingleFunctions,
	value: unknown,
	field: string,
): string {
	const text = value instanceof Date ? value.toISOString() : String(value ?? '').trim();
	const match = ISO_DATE_TIME.exec(text);
	if (!match) {
		throw invalidInput(
			context,
			field,
			`"${text}" is not an ISO date-time`,
			'Use a date-time such as 2024-05-01T09:30:00Z or 2024-05-01',
		);
	}
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = match;
	const localMs = Date.UTC(
		+y,
		+mo - 1,
		+d,
		+h,
		+mi,
		+s,
		Math.round(Number(`0.${fraction}`) * 1000),
	);
	const check = new Date(localMs);
	if (
		check.getUTCMonth() !== +mo - 1 ||
		check.getUTCDate() !== +d ||
		+h > 23 ||
		+mi > 59 ||
		+s > 59
	) {
		throw invalidInput(context, field, `"${text}" is not a valid calendar date-time`);
	}
	let offset: number;
	if (zone === undefined) {
		const timeZone = context.getTimezone();
		offset = zoneOffsetMinutes(localMs - zoneOffsetMinutes(localMs, timeZone) * 60000, timeZone);
	} else if (zone.toUpperCase() === 'Z') {
		offset = 0;
	} else {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
	}
	return new Date(localMs - offset * 60000).toISOString();
}
