// @ts-check
'use strict';

const crypto = require('crypto');
const { paginate } = require('./cursors');
const { orgSummary } = require('./store');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */

/** The text search.core matches in each namespace the emulator serves. @type {Record<string, (o: Obj) => unknown[]>} */
const SEARCHED_TEXT = {
	rev_user: (u) => [u.display_name, u.full_name, u.email, u.display_id, u.external_ref],
	rev_org: (o) => [o.display_name, o.display_id, o.external_ref],
	account: (a) => [a.display_name, a.display_id, a.external_ref, ...(a.domains || [])],
};

/** @param {Emu} emu @param {string} namespace */
function pool(emu, namespace) {
	if (namespace === 'rev_user') return emu.store.revUsers;
	if (namespace === 'rev_org') return emu.store.revOrgs;
	if (namespace === 'account') return emu.store.accounts;
	return [];
}

/** A result as the spec's search-result union has it (user, org or account summary). @param {string} namespace @param {Obj} o */
function result(namespace, o) {
	const base = { modified_date: o.modified_date };
	if (namespace === 'rev_user') {
		const user = {
			type: 'rev_user',
			id: o.id,
			display_id: o.display_id,
			display_name: o.display_name,
			email: o.email,
			full_name: o.full_name,
			state: o.state,
			external_ref: o.external_ref,
			...(o.rev_org ? { rev_org: o.rev_org } : {}),
		};
		return { type: 'user', ...base, user };
	}
	if (namespace === 'rev_org') return { type: 'org', ...base, org: orgSummary(o) };
	const { type: _type, ...account } = orgSummary(o);
	return { type: 'account', ...base, account };
}

/**
 * DevRev's search.core for the rev_user, rev_org and account namespaces (others find nothing):
 * an object matches when every word of the query is part of one of its names, emails, display
 * IDs or external refs, case-insensitively. Sort by relevance (names starting with the query,
 * then names with a word starting with its first word, then the rest; ties by creation), or by
 * created_date / modified_date; cursor pages as the lists have them (default limit 10).
 * @param {Emu} emu @param {Obj} q
 */
function searchCore(emu, q) {
	const query = String(q.query).trim().toLowerCase();
	const terms = query.split(/\s+/).filter(Boolean);
	const namespaces = q.namespaces?.length ? q.namespaces : Object.keys(SEARCHED_TEXT);
	/** @type {Map<Obj, string>} */
	const namespaceOf = new Map();
	for (const namespace of namespaces) {
		const texts = SEARCHED_TEXT[namespace];
		if (!texts || terms.length === 0) continue;
		for (const o of pool(emu, namespace)) {
			const haystack = texts(o)
				.filter((t) => typeof t === 'string')
				.map((t) => /** @type {string} */ (t).toLowerCase());
			if (terms.every((term) => haystack.some((text) => text.includes(term))))
				namespaceOf.set(o, namespace);
		}
	}
	const relevance = (/** @type {Obj} */ o) => {
		const name = String(o.display_name ?? '').toLowerCase();
		if (name.startsWith(query)) return 0;
		return name.split(/\s+/).some((word) => word.startsWith(terms[0])) ? 1 : 2;
	};
	const seq = (/** @type {Obj} */ o) => emu.store.seqOf(o);
	const sign = q.sort_order === 'desc' ? -1 : 1;
	const field =
		q.sort_by === 'created_date' || q.sort_by === 'modified_date' ? q.sort_by : undefined;
	const cmp = (/** @type {Obj} */ a, /** @type {Obj} */ b) => {
		if (field) {
			const order = a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0;
			if (order !== 0) return sign * order;
		} else {
			const order = relevance(a) - relevance(b);
			if (order !== 0) return order;
		}
		return seq(a) - seq(b);
	};
	const items = [...namespaceOf.keys()].sort(cmp);
	const list = `sq${crypto
		.createHash('sha1')
		.update(JSON.stringify([query, namespaces, field, sign]))
		.digest('hex')
		.slice(0, 10)}`;
	const limit = q.limit ?? 10;
	const r = paginate(
		emu.cursors,
		list,
		{ items, cmp, seqOf: seq, bySeq: (s) => emu.store.bySeq(s) },
		{ cursor: q.cursor || undefined, limit, mode: q.mode },
	);
	return {
		list,
		json: {
			results: r.page.map((o) => result(/** @type {string} */ (namespaceOf.get(o)), o)),
			...(r.next_cursor ? { next_cursor: r.next_cursor } : {}),
			...(r.prev_cursor ? { prev_cursor: r.prev_cursor } : {}),
		},
	};
}

module.exports = { searchCore };
