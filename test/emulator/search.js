// @ts-check
'use strict';

const crypto = require('crypto');
const { paginate } = require('./cursors');
const { orgSummary } = require('./store');
const { partSummary } = require('./catalog');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */

/** The text search.core matches in each namespace the emulator serves. @type {Record<string, (o: Obj) => unknown[]>} */
const SEARCHED_TEXT = {
	rev_user: (u) => [u.display_name, u.full_name, u.email, u.display_id, u.external_ref],
	rev_org: (o) => [o.display_name, o.display_id, o.external_ref],
	account: (a) => [a.display_name, a.display_id, a.external_ref, ...(a.domains || [])],
	dev_user: (u) => [u.display_name, u.full_name, u.email, u.display_id],
	ticket: (w) => [w.title, w.display_id],
	issue: (w) => [w.title, w.display_id],
	product: (p) => [p.name, p.display_id],
	capability: (p) => [p.name, p.display_id],
	feature: (p) => [p.name, p.display_id],
	enhancement: (p) => [p.name, p.display_id],
};

/** @param {Emu} emu @param {string} namespace */
function pool(emu, namespace) {
	if (namespace === 'rev_user') return emu.store.revUsers;
	if (namespace === 'rev_org') return emu.store.revOrgs;
	if (namespace === 'account') return emu.store.accounts;
	if (namespace === 'dev_user') return emu.store.devUsers;
	if (namespace === 'ticket' || namespace === 'issue')
		return emu.store.works.filter((w) => w.type === namespace);
	return emu.store.parts.filter((p) => p.type === namespace);
}

/** The spec's work-summary (ticket-summary / issue-summary). @param {Obj} w */
function workSummary(w) {
	const keep =
		w.type === 'ticket' ? ['rev_org', 'account', 'severity'] : ['priority', 'priority_v2'];
	/** @type {Obj} */
	const s = {
		type: w.type,
		id: w.id,
		display_id: w.display_id,
		title: w.title,
		owned_by: w.owned_by,
		stage: { name: w.stage.name },
	};
	for (const k of keep) if (w[k] !== undefined) s[k] = w[k];
	return s;
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
	if (namespace === 'dev_user') return { type: 'user', ...base, user: userSummaryOf(o) };
	if (namespace === 'ticket' || namespace === 'issue')
		return { type: 'work', ...base, work: workSummary(o) };
	if (namespace !== 'account') return { type: 'part', ...base, part: partSummary(o) };
	const { type: _type, ...account } = orgSummary(o);
	return { type: 'account', ...base, account };
}

/** @param {Obj} u */
const userSummaryOf = (u) => ({
	type: u.type,
	id: u.id,
	display_id: u.display_id,
	display_name: u.display_name,
	email: u.email,
	full_name: u.full_name,
	state: u.state,
});

/**
 * DevRev's search.core for the namespaces rev_user, rev_org, account, dev_user (results of type
 * user, org, account, user), ticket and issue (work, with a work-summary) and product,
 * capability, feature, enhancement (part, with a part-summary); others find nothing.
 * The beta spec has no `work` or `part` namespace: those are result types. Without namespaces,
 * all of these are searched. An object matches when every word of the query is part of one of
 * its names (a work's title), emails, display IDs or external refs, case-insensitively. Sort by relevance (names starting with the query,
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
		const name = String(o.display_name ?? o.name ?? o.title ?? '').toLowerCase();
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
