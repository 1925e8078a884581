// @ts-check
'use strict';

const { OpenAPIBackend } = require('openapi-backend');
const { err } = require('../errors');
const { loadCutSpecs } = require('./cut');

/** @typedef {'public' | 'beta'} Flavour */
/** @typedef {{instancePath: string, keyword: string, params: Record<string, any>, message?: string, data?: unknown}} AjvError */

/** DevRev's spec describes the request it sends to a webhook as this (unserved) operation. */
const EVENT_PATH = '/webhooks.event';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The string formats with a checkable meaning; DevRev's own (id, text, sort-by, …) are names only. */
const CHECKED_FORMATS = {
	'date-time': (/** @type {string} */ v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)),
};

/** Every `format` a document uses. @param {unknown} node @param {Set<string>} [found] */
function formatNames(node, found = new Set()) {
	if (Array.isArray(node)) node.forEach((entry) => formatNames(entry, found));
	else if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) {
			if (key === 'format' && typeof value === 'string') found.add(value);
			else formatNames(value, found);
		}
	}
	return found;
}

/** @param {Record<string, any>} definition */
function backend(definition) {
	const names = formatNames(definition);
	return new OpenAPIBackend({
		definition: /** @type {import('openapi-backend').Document} */ (definition),
		quick: true,
		apiRoot: '/',
		coerceTypes: true,
		ajvOpts: { allErrors: false, strict: false, verbose: true },
		customizeAjv: (ajv) => {
			ajv.addFormat('int32', {
				type: 'number',
				validate: (n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
			});
			ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
			for (const name of names) {
				if (name !== 'int32' && name !== 'int64') {
					ajv.addFormat(
						name,
						/** @type {Record<string, (v: string) => boolean>} */ (CHECKED_FORMATS)[name] ??
							(() => true),
					);
				}
			}
			return ajv;
		},
	});
}

/** '/requestBody/rev_org/0' -> 'rev_org[0]'; '/query/limit' -> 'limit'. @param {string} instancePath */
function fieldOf(instancePath) {
	return instancePath
		.replace(/^\/(requestBody|query)\/?/, '')
		.split('/')
		.filter(Boolean)
		.reduce(
			(name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part),
			'',
		);
}

/** DevRev's 400 answer for the first thing the validator found. @param {AjvError} e */
function toApiError(e) {
	const at = fieldOf(e.instancePath);
	const join = (/** @type {string} */ name) => (at ? `${at}.${name}` : name);
	const params = /** @type {Record<string, any>} */ (e.params);
	switch (e.keyword) {
		case 'parse':
			return err.parseError(`request body is not valid JSON: ${e.message}`);
		case 'required':
			if (params.missingProperty === 'requestBody')
				return err.badRequest('request body is required');
			return err.missingField(join(params.missingProperty));
		case 'additionalProperties':
			return err.invalidField(
				join(params.additionalProperty),
				`unknown field "${join(params.additionalProperty)}"`,
			);
		case 'enum':
			return err.invalidEnum(at, e.data, params.allowedValues);
		case 'type':
			if (!at) return err.badRequest(`request body must be a JSON object`);
			return err.invalidField(
				at,
				`field "${at}" must be ${/^[aeiou]/.test(params.type) ? 'an' : 'a'} ${params.type}`,
			);
		case 'format':
			return err.invalidField(at, `field "${at}" must be in ${params.format} format`);
		default:
			return err.invalidField(at, `field "${at}" ${e.message}`);
	}
}

/**
 * DevRev's OpenAPI contract for the emulator: which routes exist for a request (beta-only
 * operations only with `X-Devrev-Scope: beta`), request validation answering DevRev's 400
 * shape, and response checks against the spec.
 */
class SpecValidator {
	/** @param {string[]} paths the routes the emulator serves */
	constructor(paths) {
		// Not served: the spec's description of what DevRev sends to a webhook, for eventProblems().
		const specs = loadCutSpecs([...paths, EVENT_PATH]);
		this.definitions = specs;
		this.apis = { public: backend(specs.public), beta: backend(specs.beta) };
		/** Routes DevRev serves only with the beta header: absent from the public spec. */
		this.betaOnly = new Set(paths.filter((p) => !specs.public.paths[p] && specs.beta.paths[p]));
		this.missing = paths.filter((p) => !specs.public.paths[p] && !specs.beta.paths[p]);
		this.ready = Promise.all([this.apis.public.init(), this.apis.beta.init()]);
	}

	/**
	 * The spec flavour a call is served with, or undefined where DevRev has no such route for it.
	 * @param {string} method @param {string} path @param {boolean} betaScope
	 * @returns {Flavour | undefined}
	 */
	flavour(method, path, betaScope) {
		const flavour = betaScope ? 'beta' : 'public';
		const item = this.definitions[flavour].paths[path];
		return item && item[method.toLowerCase()] ? flavour : undefined;
	}

	/**
	 * Throws DevRev's 400 for a request the spec refuses: an unknown field, a wrong type, a
	 * missing required field, an enum value it does not list, a date-time that is not RFC 3339.
	 * Returns the request's fields: the JSON body, or a GET's query in the body's shape
	 * (`created_date.after=…` as `{created_date: {after: …}}`).
	 * @param {Flavour} flavour
	 * @param {{method: string, path: string, query: Record<string, string | string[]>, headers: Record<string, any>, body: unknown}} req
	 */
	checkRequest(flavour, req) {
		const api = this.apis[flavour];
		const operation = api.router.matchOperation({
			method: req.method,
			path: req.path,
			headers: {},
		});
		if (!operation) throw new Error(`no operation for ${req.method} ${req.path}`);
		const declared = new Set((operation.parameters || []).map((/** @type {any} */ p) => p.name));
		for (const name of Object.keys(req.query)) {
			if (!declared.has(name)) throw err.invalidField(name, `unknown field "${name}"`);
		}
		const result = api.validateRequest(
			{
				method: req.method,
				path: req.path,
				query: req.query,
				headers: req.headers,
				body: req.body,
			},
			operation,
		);
		if (!result.valid && result.errors?.length)
			throw toApiError(/** @type {AjvError} */ (result.errors[0]));
		if (req.method !== 'GET') return /** @type {Record<string, any>} */ (req.body ?? {});
		/** @type {Record<string, any>} */
		const fields = {};
		for (const [name, value] of Object.entries(result.coerced?.query ?? {})) {
			const [base, sub] = name.split('.', 2);
			if (sub === undefined) fields[base] = value;
			else fields[base] = { ...fields[base], [sub]: value };
		}
		return fields;
	}

	/** DevRev's webhook event types (`webhook-event-type`). @returns {string[]} */
	eventTypes() {
		return this.definitions.public.components.schemas['webhook-event-type'].enum;
	}

	/**
	 * What is wrong with a webhook event the emulator sends, by DevRev's `webhook-event-request`
	 * (held as answers are: DevRev's own schema, see SENT_BY_DEVREV in cut.js).
	 * @param {unknown} body @returns {string[]}
	 */
	eventProblems(body) {
		const api = this.apis.public;
		const operation = api.router.matchOperation({ method: 'post', path: EVENT_PATH, headers: {} });
		if (!operation) return [`no operation for POST ${EVENT_PATH}`];
		const result = api.validateRequest(
			{ method: 'post', path: EVENT_PATH, headers: {}, query: {}, body },
			operation,
		);
		return result.valid
			? []
			: (result.errors ?? []).map(
					(e) => `${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`,
				);
	}

	/**
	 * What is wrong with an answer by DevRev's response schema for that status (empty when
	 * nothing is). @param {Flavour} flavour @param {string} method @param {string} path
	 * @param {number} status @param {unknown} body
	 */
	responseProblems(flavour, method, path, status, body) {
		const api = this.apis[flavour];
		const operation = api.router.matchOperation({ method, path, headers: {} });
		if (!operation) return [`no operation for ${method} ${path}`];
		if (!operation.responses?.[String(status)])
			return [`the spec lists no ${status} answer for ${method} ${path}`];
		if (status === 204) return body === undefined ? [] : ['a 204 answer carries a body'];
		const result = api.validateResponse(body, operation, status);
		return (result.errors ?? []).map(
			(e) => `${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`,
		);
	}
}

module.exports = { SpecValidator, fieldOf, EVENT_PATH };
