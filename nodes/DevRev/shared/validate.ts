import type { IExecuteSingleFunctions, NodeApiError } from 'n8n-workflow';

import { nodeError } from './errors';

/** Rejects bad input before any request is sent, naming the field the user sees. */
export function invalidInput(
	context: IExecuteSingleFunctions,
	field: string,
	problem: string,
	description?: string,
): NodeApiError {
	return nodeError(context.getNode(), `${field}: ${problem}`, {
		itemIndex: context.getItemIndex(),
		description,
	});
}

export function requireText(
	context: IExecuteSingleFunctions,
	value: unknown,
	field: string,
): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalidInput(context, field, 'must not be empty');
	}
	return value.trim();
}

/** Accepts an array (from an expression) or a comma- or newline-separated text. */
export function toTextList(
	context: IExecuteSingleFunctions,
	value: unknown,
	field: string,
): string[] {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(/[,\n]/);
	const list = entries.map((entry) => {
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			throw invalidInput(context, field, `expected text values, got ${JSON.stringify(entry)}`);
		}
		return String(entry).trim();
	});
	const values = list.filter((entry) => entry !== '');
	if (values.length === 0) throw invalidInput(context, field, 'must contain at least one value');
	return values;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export function checkE164(
	context: IExecuteSingleFunctions,
	values: string[],
	field: string,
): string[] {
	const wrong = values.find((phone) => !E164.test(phone));
	if (wrong !== undefined) {
		throw invalidInput(
			context,
			field,
			`"${wrong}" is not in E.164 format`,
			'Write phone numbers as + followed by the country code and number, without spaces, e.g. +14155550100',
		);
	}
	return values;
}

/** The form of an address DevRev can store: one @, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmails(
	context: IExecuteSingleFunctions,
	values: string[],
	field: string,
): string[] {
	const wrong = values.find((address) => !EMAIL.test(address));
	if (wrong !== undefined) {
		throw invalidInput(
			context,
			field,
			`"${wrong}" is not an email address`,
			'Write an email address such as ada@example.com',
		);
	}
	return values;
}
