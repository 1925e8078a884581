import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';

import { dropAt, valueAt } from './body';

/**
 * One rule for blank fields, everywhere: an optional field left blank is not sent. An entry of a
 * collection (Additional Fields, Update Fields, Filters, Options) that was added but left blank
 * is not sent either, while one whose expression gives no value stays in the body, where its
 * check fails naming it (a filter that silently vanished would widen a list to everything).
 */
interface BlankRule {
	/** The parameter's path, e.g. `additionalFields.tier`. */
	parameter: string;
	/** Where the field's routing puts it in the body. */
	property: string;
	/** An entry of a collection, added by the user (else a top-level optional field). */
	added: boolean;
	/** The field's own display conditions (e.g. Match By), beside resource and operation. */
	shownWhen?: Record<string, unknown[] | undefined>;
}

function bodyProperty(field: INodeProperties): string | undefined {
	const send = field.routing?.send;
	return send?.type === 'body' && typeof send.property === 'string' ? send.property : undefined;
}

/** The blank rules of an operation's fields: its optional fields and its collections' entries. */
export function blankRules(fields: INodeProperties[]): BlankRule[] {
	return fields.flatMap((field): BlankRule[] => {
		const property = bodyProperty(field);
		if (property) {
			const shownWhen = field.displayOptions?.show;
			return field.required ? [] : [{ parameter: field.name, property, added: false, shownWhen }];
		}
		if (field.type !== 'collection') return [];
		return ((field.options ?? []) as INodeProperties[]).flatMap((entry) => {
			const entryProperty = bodyProperty(entry);
			if (!entryProperty) return [];
			return [{ parameter: `${field.name}.${entry.name}`, property: entryProperty, added: true }];
		});
	});
}

function isBlankText(value: unknown): boolean {
	return typeof value === 'string' && value.replace(/[\s,]/g, '') === '';
}

/**
 * A value typed (not an expression) and blank: text of spaces and commas, no list entries, a
 * picker with nothing picked, a fixed collection without entries.
 */
export function typedBlank(raw: unknown): boolean {
	if (raw === null || (Array.isArray(raw) && raw.length === 0)) return true;
	if (raw && typeof raw === 'object') {
		if ('__rl' in raw) return typedBlank((raw as IDataObject).value);
		return !Array.isArray(raw) && Object.values(raw).every(typedBlank);
	}
	return isBlankText(raw) && !String(raw).startsWith('=');
}

function givenNothing(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		isBlankText(value) ||
		(Array.isArray(value) && value.length === 0)
	);
}

function rawParameter(parameters: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters);
}

function shown(context: IExecuteSingleFunctions, shownWhen: BlankRule['shownWhen']): boolean {
	return Object.entries(shownWhen ?? {}).every(
		([name, values]) => !values || values.includes(context.getNodeParameter(name, undefined)),
	);
}

/** The operation's first preSend: takes the blank fields out of the body the routing built. */
export function leaveOutBlanks(rules: BlankRule[]): PreSendAction {
	return async function (this, options) {
		const parameters = this.getNode().parameters as IDataObject;
		for (const { parameter, property, added, shownWhen } of rules) {
			if (!shown(this, shownWhen)) continue;
			const raw = rawParameter(parameters, parameter);
			const blank = added
				? raw !== undefined && typedBlank(raw)
				: typedBlank(raw ?? '') || givenNothing(valueAt(options, property));
			if (blank) dropAt(options, property);
		}
		return options;
	};
}
