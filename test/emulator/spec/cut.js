#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Cuts the operations the emulator serves out of DevRev's OpenAPI specs (devrev/, copied from
 * DevRev's docs repository, see devrev/SOURCE.txt): the beta spec is 1.6 MB and takes seconds to
 * parse, the cut a few hundred kB. The cut of each flavour holds the served paths that flavour
 * has and every component they reference. Request body schemas (and everything they reference)
 * are copied under `strict--<name>` with `additionalProperties: false` on each object schema, so
 * a field the spec does not name is refused; responses (and the webhook events DevRev sends)
 * keep DevRev's own schemas.
 *
 * Cached in .cut/<hash>.json (git-ignored), keyed on the sources, this file and the paths:
 * `loadCutSpecs(paths)` cuts on first use and reads the cache afterwards.
 *   node test/emulator/spec/cut.js     cuts for the emulator's routes and prints the cache file
 */

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const SOURCES = {
	public: path.join(__dirname, 'devrev', 'openapi-public.yaml'),
	beta: path.join(__dirname, 'devrev', 'openapi-beta.yaml'),
};
const CACHE_DIR = path.join(__dirname, '.cut');
const STRICT = 'strict--';
/**
 * Operations whose request DevRev sends rather than receives (the spec's description of a
 * webhook delivery): their bodies keep DevRev's own schemas, as responses do.
 */
const SENT_BY_DEVREV = new Set(['/webhooks.event']);

/** @typedef {Record<string, any>} Obj */
/** @typedef {{public: Obj, beta: Obj}} CutSpecs */

/** @param {unknown} node @param {(ref: string) => void} visit */
function eachRef(node, visit) {
	if (Array.isArray(node)) for (const entry of node) eachRef(entry, visit);
	else if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) {
			if (key === '$ref' && typeof value === 'string') visit(value);
			else if (key === 'mapping' && isMapping(value)) Object.values(value).forEach(visit);
			else eachRef(value, visit);
		}
	}
}

/** '#/components/schemas/rev-user' -> ['schemas', 'rev-user'] @param {string} ref */
function refParts(ref) {
	const m = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
	if (!m) throw new Error(`unsupported $ref ${ref}`);
	return /** @type {[string, string]} */ ([m[1], m[2]]);
}

/** A discriminator's mapping: names to schema refs. @param {unknown} value */
const isMapping = (value) =>
	Boolean(value) &&
	typeof value === 'object' &&
	Object.values(/** @type {Obj} */ (value)).every(
		(ref) => typeof ref === 'string' && ref.startsWith('#/components/schemas/'),
	);

/** A deep copy whose object schemas refuse unknown properties and whose refs point at strict copies. @param {unknown} schema @returns {any} */
function strictCopy(schema) {
	if (Array.isArray(schema)) return schema.map(strictCopy);
	if (!schema || typeof schema !== 'object') return schema;
	/** @type {Obj} */
	const copy = {};
	for (const [key, value] of Object.entries(schema)) {
		if (key === '$ref')
			copy.$ref = value.replace('#/components/schemas/', `#/components/schemas/${STRICT}`);
		else if (key === 'mapping' && isMapping(value))
			copy.mapping = Object.fromEntries(
				Object.entries(value).map(([k, ref]) => [
					k,
					`#/components/schemas/${STRICT}${refParts(ref)[1]}`,
				]),
			);
		else if (key === 'properties')
			copy.properties = Object.fromEntries(
				Object.entries(value).map(([k, v]) => [k, strictCopy(v)]),
			);
		else copy[key] = key === 'example' || key === 'description' ? value : strictCopy(value);
	}
	const isObjectSchema =
		copy.type === 'object' && copy.properties && !('additionalProperties' in copy);
	if (isObjectSchema) copy.additionalProperties = false;
	return copy;
}

/**
 * The property names a schema may carry: its own, its allOf parts' and, for a union, every
 * variant's (through $refs, in the uncut-by-resolution `schemas`).
 * @param {Obj} schemas @param {unknown} node @param {Set<string>} [out] @param {Set<string>} [seen]
 */
function keysOf(schemas, node, out = new Set(), seen = new Set()) {
	if (!node || typeof node !== 'object') return out;
	const schema = /** @type {Obj} */ (node);
	if (typeof schema.$ref === 'string') {
		const name = refParts(schema.$ref)[1];
		if (!seen.has(name)) {
			seen.add(name);
			keysOf(schemas, schemas[name], out, seen);
		}
	}
	for (const key of Object.keys(schema.properties || {})) out.add(key);
	for (const part of schema.allOf || []) keysOf(schemas, part, out, seen);
	for (const ref of Object.values(schema.discriminator?.mapping || {}))
		keysOf(schemas, { $ref: ref }, out, seen);
	return out;
}

/**
 * DevRev's unions are `oneOf` plus a `discriminator` mapping on `type`, whose variants list only
 * their own fields (an empty variant says `additionalProperties: false`): code generators merge
 * them with the parent, a JSON Schema validator cannot (every variant with the same base matches,
 * an empty one refuses everything). Each union becomes "type is one of the mapping's keys, and
 * the variant of that type holds", the variants lose their lone `additionalProperties: false`.
 * A mapping key `none` stands for the property left out (works-update-request's `type`).
 * A strict union (a request's, `additionalProperties: false`) closes per variant instead: the
 * fields of the parent and of the variant its `type` names, nothing else (so ticket-only fields
 * need `type: "ticket"`); it refers to "open" copies of its variants (`<name>--open`, without
 * their own top-level `additionalProperties: false`, nested unions left open too).
 * @param {Obj} schemas components.schemas of a cut, changed in place
 */
function resolveDiscriminators(schemas) {
	const original = structuredClone(schemas);
	/** @type {Obj[]} */
	const pending = [];
	const openRef = (/** @type {string} */ ref) => {
		const name = `${refParts(ref)[1]}--open`;
		if (!schemas[name]) {
			const copy = structuredClone(original[refParts(ref)[1]]);
			delete copy.additionalProperties;
			if (copy.discriminator) copy['x-emulator-open-union'] = true;
			schemas[name] = copy;
			pending.push(copy);
		}
		return `#/components/schemas/${name}`;
	};
	/** @param {Obj} schema */
	const resolve = (schema) => {
		const property = schema.discriminator.propertyName;
		const mapping = /** @type {Record<string, string>} */ (schema.discriminator.mapping);
		const strict = schema.additionalProperties === false || schema['x-emulator-open-union'];
		const closed = schema.additionalProperties === false;
		const own = Object.keys(schema.properties || {});
		const optional = 'none' in mapping && !(schema.required || []).includes(property);
		delete schema.oneOf;
		delete schema.discriminator;
		delete schema['x-emulator-open-union'];
		if (strict) delete schema.additionalProperties;
		if (!optional) schema.required = [...new Set([...(schema.required || []), property])];
		const variants = Object.entries(mapping);
		const then = (/** @type {string} */ ref) => {
			if (!strict) return { $ref: ref };
			if (!closed) return { $ref: openRef(ref) };
			const keys = [...new Set([...own, ...keysOf(original, { $ref: ref })])];
			return {
				allOf: [{ $ref: openRef(ref) }],
				properties: Object.fromEntries(keys.map((k) => [k, {}])),
				additionalProperties: false,
			};
		};
		schema.allOf = [
			...(schema.allOf || []),
			{ properties: { [property]: { enum: variants.map(([key]) => key) } } },
			...variants.map(([key, ref]) => ({
				if:
					key === 'none' && optional
						? { not: { required: [property] } }
						: { properties: { [property]: { const: key } }, required: [property] },
				then: then(ref),
			})),
		];
		for (const [, ref] of variants) {
			const variant = schemas[refParts(ref)[1]];
			if (variant && variant.additionalProperties === false && !variant.properties)
				delete variant.additionalProperties;
		}
	};
	/** @param {unknown} node */
	const visit = (node) => {
		if (Array.isArray(node)) return node.forEach(visit);
		if (!node || typeof node !== 'object') return undefined;
		const schema = /** @type {Obj} */ (node);
		if (schema.discriminator?.mapping && schema.oneOf) resolve(schema);
		for (const value of Object.values(schema)) visit(value);
		return undefined;
	};
	visit(schemas);
	while (pending.length) visit(pending.pop());
}

/**
 * The served part of one spec flavour.
 * @param {Obj} source parsed OpenAPI document @param {string[]} paths e.g. ['/rev-users.scan']
 */
function cutDocument(source, paths) {
	/** @type {Obj} */
	const components = {};
	const add = (
		/** @type {string} */ kind,
		/** @type {string} */ name,
		/** @type {unknown} */ value,
	) => {
		components[kind] = components[kind] || {};
		components[kind][name] = value;
	};
	/** @type {string[]} */
	const todo = [];
	const seen = new Set();
	const want = (/** @type {string} */ ref) => {
		if (!seen.has(ref)) {
			seen.add(ref);
			todo.push(ref);
		}
	};
	/** @type {Obj} */
	const outPaths = {};
	for (const p of paths) {
		const item = source.paths[p];
		if (!item) continue;
		/** @type {Obj} */
		const outItem = {};
		for (const [method, operation] of Object.entries(item)) {
			if (!['get', 'post'].includes(method)) continue;
			const op = { ...operation };
			const body = op.requestBody?.content?.['application/json']?.schema;
			if (body && SENT_BY_DEVREV.has(p)) {
				eachRef(body, want);
			} else if (body) {
				op.requestBody = {
					...op.requestBody,
					content: { 'application/json': { schema: strictCopy(body) } },
				};
				eachRef(body, (ref) => want(`strict:${ref}`));
			}
			// `explode` only means something for arrays; openapi-backend splits any non-exploded value on commas.
			op.parameters = (op.parameters || []).map((/** @type {Obj} */ p) =>
				p.explode === false && p.schema?.type !== 'array'
					? (({ explode: _explode, ...rest }) => rest)(p)
					: p,
			);
			eachRef({ ...op, requestBody: undefined }, want);
			outItem[method] = op;
		}
		outPaths[p] = outItem;
	}
	while (todo.length) {
		const entry = /** @type {string} */ (todo.pop());
		const strict = entry.startsWith('strict:');
		const [kind, name] = refParts(strict ? entry.slice(7) : entry);
		const value = source.components?.[kind]?.[name];
		if (value === undefined) throw new Error(`spec has no ${kind}/${name}`);
		if (strict) {
			add(kind, `${STRICT}${name}`, strictCopy(value));
			eachRef(value, (ref) => want(`strict:${ref}`));
		} else {
			add(kind, name, value);
			eachRef(value, want);
		}
	}
	resolveDiscriminators(components.schemas || {});
	return { openapi: source.openapi, info: source.info, paths: outPaths, components };
}

/** @param {string[]} paths */
function cacheFile(paths) {
	const h = crypto.createHash('sha256');
	for (const file of [SOURCES.public, SOURCES.beta, __filename]) h.update(fs.readFileSync(file));
	h.update(JSON.stringify([...paths].sort()));
	return path.join(CACHE_DIR, `${h.digest('hex').slice(0, 16)}.json`);
}

/** @param {string[]} paths @returns {CutSpecs} */
function cutSpecs(paths) {
	const YAML = require('yaml');
	const parse = (/** @type {string} */ file) =>
		YAML.parse(fs.readFileSync(file, 'utf8'), { maxAliasCount: -1 });
	return {
		public: cutDocument(parse(SOURCES.public), paths),
		beta: cutDocument(parse(SOURCES.beta), paths),
	};
}

/** The cut specs for these paths, from the cache or cut now (and cached, written atomically). @param {string[]} paths */
function loadCutSpecs(paths) {
	const file = cacheFile(paths);
	if (fs.existsSync(file))
		return /** @type {CutSpecs} */ (JSON.parse(fs.readFileSync(file, 'utf8')));
	const specs = cutSpecs(paths);
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, JSON.stringify(specs));
	fs.renameSync(tmp, file);
	for (const old of fs.readdirSync(CACHE_DIR)) {
		if (old.endsWith('.json') && path.join(CACHE_DIR, old) !== file)
			fs.rmSync(path.join(CACHE_DIR, old), { force: true });
	}
	return specs;
}

module.exports = { loadCutSpecs, cutDocument, STRICT };

if (require.main === module) {
	const { ROUTES } = require('../routes');
	const { EVENT_PATH } = require('./validator');
	const paths = [...Object.keys(ROUTES), EVENT_PATH];
	loadCutSpecs(paths);
	process.stdout.write(`${path.relative(process.cwd(), cacheFile(paths))}\n`);
}
