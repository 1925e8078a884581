// @ts-check
'use strict';

/**
 * What a node's pickers list: parts.list / parts.get and dev-users.list / dev-users.get (GA).
 * Array filters are any-of, empty arrays do not filter; sort_by, cursors and limits as every list
 * has them (lists.js). parts.list's `parent_part: {parts, level = 1}` finds the parts under those
 * parts, within `level` levels (not the parts themselves); dev users' `email` is compared
 * case-insensitively; `external_identity` matches nothing (the emulator's dev users have none).
 */

const { err } = require('./errors');
const { anyOf, dateChecks, listPage, SYS_SORT } = require('./lists');
const { isUnder } = require('./catalog');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */
/** @typedef {(o: Obj) => boolean} Check */

const PART_SORT = ['created_date', 'modified_date', 'name', 'display_id', 'id', 'type'];
/** Dev users sort by the fields sys users do (both are users of the Dev org). */
const DEV_USER_SORT = SYS_SORT;

/** @param {Obj[] | undefined} users */
const idsOf = (users) => (users || []).map((u) => u.id);

/** @param {Emu} emu @param {Obj} q */
function partChecks(emu, q) {
	/** @type {Check[]} */
	const c = [];
	anyOf(emu, c, q.type, (p) => [p.type]);
	anyOf(emu, c, q.name, (p) => [p.name]);
	anyOf(emu, c, q.owned_by, (p) => idsOf(p.owned_by), true);
	anyOf(emu, c, q.created_by, (p) => [p.created_by?.id], true);
	anyOf(emu, c, q.modified_by, (p) => [p.modified_by?.id], true);
	anyOf(emu, c, q.tags, (p) => (p.tags || []).map((/** @type {Obj} */ t) => t.tag.id), true);
	if (q.parent_part) {
		const parents = new Set(
			q.parent_part.parts.map((/** @type {string} */ id) => emu.store.find(id, ['part'])),
		);
		const level = q.parent_part.level ?? 1;
		c.push((p) => isUnder(emu.store, p, parents, level));
	}
	return c;
}

/** @param {Emu} emu @param {Obj} q */
function devUserChecks(emu, q) {
	/** @type {Check[]} */
	const c = dateChecks(emu, q, ['created_date', 'modified_date']);
	const emails = (q.email || []).map((/** @type {string} */ e) => e.toLowerCase());
	anyOf(emu, c, emails, (u) => [String(u.email).toLowerCase()]);
	anyOf(emu, c, q.state, (u) => [u.state]);
	if (q.external_identity?.length) c.push(() => false);
	return c;
}

/** @type {Record<string, (emu: Emu, q: Obj) => {status?: number, json?: Obj, list?: string}>} */
const PICKER_ROUTES = {
	'/parts.list': (emu, q) => {
		const r = listPage(emu, q, emu.store.parts, 'pa', partChecks(emu, q), PART_SORT);
		return { list: r.list, json: { parts: r.page, ...r.cursors } };
	},
	'/parts.get': (emu, q) => {
		const part = emu.store.find(q.id, ['part']);
		if (!part) throw err.notFound(`part "${q.id}" not found`);
		return { json: { part } };
	},
	'/dev-users.list': (emu, q) => {
		const r = listPage(emu, q, emu.store.devUsers, 'du', devUserChecks(emu, q), DEV_USER_SORT);
		return { list: r.list, json: { dev_users: r.page, ...r.cursors } };
	},
	'/dev-users.get': (emu, q) => {
		const user = emu.store.find(q.id, ['dev_user']);
		if (!user) throw err.notFound(`dev user "${q.id}" not found`);
		return { json: { dev_user: user } };
	},
};

module.exports = { PICKER_ROUTES, PART_SORT, DEV_USER_SORT };
