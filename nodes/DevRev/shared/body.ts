import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * The request body by property path (dotted, e.g. `created_date.after`), as a field's
 * routing.send places its value.
 */

export function valueAt(options: IHttpRequestOptions, property: string): unknown {
	return property
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], options.body);
}

export function putAt(
	options: IHttpRequestOptions,
	property: string,
	value: IDataObject[string],
): void {
	const keys = property.split('.');
	let target = (options.body ??= {}) as IDataObject;
	for (const key of keys.slice(0, -1)) {
		target[key] = { ...((target[key] as IDataObject | undefined) ?? {}) };
		target = target[key] as IDataObject;
	}
	target[keys[keys.length - 1]] = value;
}

/** Takes a property out of the body; a filter object left empty goes too. */
export function dropAt(options: IHttpRequestOptions, property: string): void {
	const keys = property.split('.');
	const parent = keys.length > 1 ? valueAt(options, keys.slice(0, -1).join('.')) : options.body;
	if (!parent || typeof parent !== 'object') return;
	delete (parent as IDataObject)[keys[keys.length - 1]];
	if (keys.length > 1 && Object.keys(parent).length === 0)
		dropAt(options, keys.slice(0, -1).join('.'));
}

/** Whether the body holds the property (its field is shown and was not left out as blank). */
export function hasAt(options: IHttpRequestOptions, property: string): boolean {
	const keys = property.split('.');
	const parent = keys.length > 1 ? valueAt(options, keys.slice(0, -1).join('.')) : options.body;
	return !!parent && typeof parent === 'object' && keys[keys.length - 1] in parent;
}
