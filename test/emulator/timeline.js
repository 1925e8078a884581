// @ts-check
'use strict';

/**
 * Comments: timeline entries of type `timeline_comment` (timeline-entries.*, GA) on a work, rev
 * user, rev org, account or part. IDs `<object ID>:comment/<code>` as DevRev's example has them;
 * no display ID. `object_type` is set where the spec's enum has the object's type (accounts are
 * not in it). Defaults: visibility `external` (the spec's), body_type `text`.
 * - The spec lists no 404 for create, update or delete: an unknown `object` on create, an
 *   unknown `id` on update or delete (a second delete included) answer 400 `invalid_id`;
 *   get and list (whose spec has 404) answer 404 `not_found`.
 * - list: the object's entries, newest first (created_date, then creation, both descending),
 *   `visibility[]` exact, limit 1..100 (default 50), cursors as every list.
 * - `expires_at` must lie at least a minute after now; an entry past it is gone for every call
 *   (no event). `private_to` must name users. Artifacts are not modelled (any ID: invalid_id).
 * - A comment does not change its object's modified_date.
 * Events: timeline_entry_created {entry}, timeline_entry_updated {entry, old_entry} (only when
 * something changed), timeline_entry_deleted {id, old_entry}.
 */

const { err } = require('./errors');
const { code, snapshot } = require('./store');
const { compact } = require('./catalog');
const { cursorsOf, page, pageLimit } = require('./lists');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {import('./store').Store} Store */
/** @typedef {import('./store').Kind} Kind */
/** @typedef {Record<string, any>} Obj */

const OBJECT_KINDS = /** @type {Kind[]} */ (['work', 'rev_user', 'rev_org', 'account', 'part']);
const USERS = /** @type {Kind[]} */ (['dev_user', 'rev_user', 'sys_user']);
const MINUTE = 60000;

/** @param {Store} store @param {Obj} object */
function objectType(store, object) {
	const kind = store.metaOf(object).kind;
	if (kind === 'work' || kind === 'part') return object.type;
	return kind === 'rev_user' || kind === 'rev_org' ? kind : undefined;
}

/**
 * A comment in the store (seeds and timeline-entries.create).
 * @param {Store} store @param {Obj} object @param {Obj} fields body, body_type, visibility, snap_kit_body
 * @param {Obj} [p] created_date, created_by, … @param {number} [expiresAt]
 */
function addComment(store, object, fields, p = {}, expiresAt) {
	const n = ++store.made.comment;
	const b = store.base(p, '');
	const entry = compact({
		type: 'timeline_comment',
		id: `${object.id}:comment/${code(n, 7)}`,
		object: object.id,
		object_display_id: object.display_id,
		object_type: objectType(store, object),
		visibility: fields.visibility ?? 'external',
		body: fields.body,
		body_type: fields.body_type ?? 'text',
		snap_kit_body: fields.snap_kit_body,
		created_by: b.created_by,
		created_date: b.created_date,
		modified_by: b.modified_by,
		modified_date: b.modified_date,
	});
	store.comments.push(entry);
	store.register(entry, 'comment').expiresAt = expiresAt;
	return entry;
}

/** A comment that exists and has not expired. @param {Emu} emu @param {string} id */
function findEntry(emu, id) {
	const entry = emu.store.find(id, ['comment']);
	const expires = entry && emu.store.metaOf(entry).expiresAt;
	return entry && !(expires !== undefined && expires <= emu.now().getTime()) ? entry : undefined;
}

/** @param {Emu} emu @param {string} id */
function mustEntry(emu, id) {
	const entry = findEntry(emu, id);
	if (!entry) throw err.invalidId('id', `timeline entry "${id}" not found`);
	return entry;
}

/** @param {string} field @param {string[] | undefined} ids */
function noArtifacts(field, ids) {
	if (ids?.length) throw err.invalidId(field, `field "${field}": artifact "${ids[0]}" not found`);
}

/** Newest first: created_date, then creation, both descending. @param {Emu} emu */
function newestFirst(emu) {
	const keyOf = (/** @type {Obj} */ o) => [o.created_date, emu.store.seqOf(o)];
	const cmpKeys = (/** @type {any[]} */ a, /** @type {any[]} */ b) =>
		a[0] !== b[0] ? (a[0] < b[0] ? 1 : -1) : b[1] - a[1];
	return {
		keyOf,
		cmpKeys,
		cmp: (/** @type {Obj} */ a, /** @type {Obj} */ b) => cmpKeys(keyOf(a), keyOf(b)),
	};
}

/** @param {Emu} emu @param {Obj} q */
function create(emu, q) {
	const object = emu.store.find(q.object, OBJECT_KINDS);
	if (!object) throw err.invalidId('object', `object "${q.object}" not found`);
	let expiresAt;
	if (q.expires_at !== undefined) {
		expiresAt = Date.parse(q.expires_at);
		if (expiresAt < emu.now().getTime() + MINUTE)
			throw err.invalidField('expires_at', 'field "expires_at" must be at least a minute from now');
	}
	for (const id of q.private_to || []) {
		if (!emu.store.find(id, USERS)) throw err.invalidId('private_to', `user "${id}" not found`);
	}
	noArtifacts('artifacts', q.artifacts);
	const entry = addComment(emu.store, object, q, {}, expiresAt);
	emu.emitEvent('timeline_entry_created', { entry: snapshot(entry) });
	return { status: 201, json: { timeline_entry: entry } };
}

/** @type {Record<string, (emu: Emu, q: Obj) => {status?: number, json?: Obj, list?: string}>} */
const TIMELINE_ROUTES = {
	'/timeline-entries.create': create,

	'/timeline-entries.get': (emu, q) => {
		const entry = findEntry(emu, q.id);
		if (!entry) throw err.notFound(`timeline entry "${q.id}" not found`);
		return { json: { timeline_entry: entry } };
	},

	'/timeline-entries.list': (emu, q) => {
		const limit = pageLimit(q);
		const object = emu.store.find(q.object, OBJECT_KINDS);
		if (!object) throw err.notFound(`object "${q.object}" not found`);
		const visible = new Set(q.visibility?.length ? q.visibility : undefined);
		const ord = newestFirst(emu);
		const items = emu.store.comments
			.filter((c) => c.object === object.id && findEntry(emu, c.id))
			.filter((c) => visible.size === 0 || visible.has(c.visibility))
			.sort(ord.cmp);
		// Bound to the object, however its ID is spelt.
		const { object: _o, ...rest } = q;
		const r = page(emu, items, `tl${emu.store.seqOf(object)}`, rest, limit, ord);
		return { list: r.list, json: { timeline_entries: r.page, ...cursorsOf(r) } };
	},

	'/timeline-entries.update': (emu, q) => {
		const entry = mustEntry(emu, q.id);
		const a = q.artifacts || {};
		noArtifacts('artifacts', [...(a.set || []), ...(a.add || [])]);
		const old = snapshot(entry);
		for (const k of ['body', 'body_type', 'snap_kit_body']) if (q[k] !== undefined) entry[k] = q[k];
		if (JSON.stringify(entry) !== JSON.stringify(old)) {
			emu.store.touch(entry);
			emu.emitEvent('timeline_entry_updated', { entry: snapshot(entry), old_entry: old });
		}
		return { json: { timeline_entry: entry } };
	},

	'/timeline-entries.delete': (emu, q) => {
		const entry = mustEntry(emu, q.id);
		const old = snapshot(entry);
		emu.store.remove(entry);
		emu.emitEvent('timeline_entry_deleted', { id: entry.id, old_entry: old });
		return { json: {} };
	},
};

module.exports = { TIMELINE_ROUTES, addComment, OBJECT_KINDS };
