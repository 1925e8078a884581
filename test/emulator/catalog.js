// @ts-check
'use strict';

/**
 * The objects works point at: dev users (owners), parts (products, capabilities, features,
 * enhancements: what a work applies to) and tags. Shaped as the spec's `dev-user`, `part` and
 * `tag-summary`; kept in the store (store.devUsers, store.parts, store.tags).
 * IDs: dev users `…:devu/<n>` / DEVU-<n> (n = 1 is the token's own); parts
 * `don:core:…:<type>/<n>` / PROD-<n>, CAPL-<n>, FEAT-<n>, ENH-<n>, one counter for all parts;
 * tags `don:core:…:tag/<n>` / TAG-<n>. A part's parent (capability → product, feature →
 * capability) is bookkeeping only (the spec's part has no parent field; parts.list's
 * parent_part filter reads it).
 */

const { IDS } = require('./store');

/** @typedef {import('./store').Store} Store */
/** @typedef {Record<string, any>} Obj */

const CORE = 'don:core:dvrv-us-1:devo/1emu';
const PART_PREFIX = { product: 'PROD', capability: 'CAPL', feature: 'FEAT', enhancement: 'ENH' };

/** Drops the keys whose value is undefined. @param {Obj} o */
function compact(o) {
	for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
	return o;
}

/** @param {Store} store @param {Obj} [p] display_name, full_name, email, state, created_date, … */
function addDevUser(store, p = {}) {
	const n = ++store.made.dev_user;
	const b = store.base(p, `dev-user-${n}`);
	const u = compact({
		type: 'dev_user',
		id: IDS.devUser(n),
		display_id: `DEVU-${n}`,
		display_name: b.display_name,
		full_name: p.full_name ?? b.display_name,
		email: p.email ?? `dev-user-${n}@emulator.example.com`,
		phone_numbers: p.phone_numbers ?? [],
		state: p.state ?? 'active',
		timezone: p.timezone ?? 'UTC',
		created_by: b.created_by,
		created_date: b.created_date,
		modified_by: b.modified_by,
		modified_date: b.modified_date,
	});
	store.devUsers.push(u);
	store.register(u, 'dev_user');
	return u;
}

/**
 * @param {Store} store
 * @param {Obj} [p] type (default product), name, description, owned_by (dev user IDs, default the
 *   token's), parent (ID of the parent part), tags (tag-with-value), created_date, …
 */
function addPart(store, p = {}) {
	const type = /** @type {keyof typeof PART_PREFIX} */ (p.type ?? 'product');
	if (!PART_PREFIX[type]) throw new Error(`unknown part type ${type}`);
	const n = ++store.made.part;
	const b = store.base(p, '');
	const owners = (p.owned_by ?? [store.selfUser.id]).map((/** @type {string} */ id) => {
		const u = store.find(id, ['dev_user']);
		if (!u) throw new Error(`unknown dev user ${id}`);
		return store.userSummary(u);
	});
	const part = compact({
		type,
		id: `${CORE}:${type}/${n}`,
		display_id: `${PART_PREFIX[type]}-${n}`,
		name: p.name ?? `Part ${n}`,
		description: p.description,
		owned_by: owners,
		tags: p.tags ?? [],
		created_by: b.created_by,
		created_date: b.created_date,
		modified_by: b.modified_by,
		modified_date: b.modified_date,
	});
	store.parts.push(part);
	const m = store.register(part, 'part');
	if (p.parent) {
		m.parent = store.find(p.parent, ['part']);
		if (!m.parent) throw new Error(`unknown parent part ${p.parent}`);
	}
	return part;
}

/** @param {Store} store @param {{name?: string, allowed_values?: string[]}} [p] */
function addTag(store, p = {}) {
	const n = ++store.made.tag;
	const tag = { id: `${CORE}:tag/${n}`, display_id: `TAG-${n}`, name: p.name ?? `tag-${n}` };
	store.tags.push(tag);
	store.register(tag, 'tag').allowedValues = p.allowed_values;
	return tag;
}

/** The spec's part-summary. @param {Obj} part */
const partSummary = (part) => ({
	type: part.type,
	id: part.id,
	display_id: part.display_id,
	name: part.name,
	owned_by: part.owned_by,
});

/** The spec's tag-summary. @param {Obj} tag */
const tagSummary = (tag) => ({ id: tag.id, display_id: tag.display_id, name: tag.name });

/** Whether `part` lies under one of `ancestors` within `level` levels. @param {Store} store @param {Obj} part @param {Set<Obj>} ancestors @param {number} level */
function isUnder(store, part, ancestors, level) {
	let p = store.metaOf(part).parent;
	for (let i = 0; p && i < level; i++, p = store.metaOf(p).parent)
		if (ancestors.has(p)) return true;
	return false;
}

module.exports = { addDevUser, addPart, addTag, partSummary, tagSummary, isUnder, compact, CORE };
