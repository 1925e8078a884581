// @ts-check
'use strict';

/**
 * What the list and read operations share: filters, sort_by, paging, limits, ID lookups that
 * answer DevRev's 404.
 */

const { err } = require('./errors');
const { paginate } = require('./cursors');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */

/** IDs plus the IDs their display IDs stand for, so filters take either form. @param {Emu} emu @param {string[]} keys */
function idSet(emu, keys) {
	const set = new Set(keys);
	for (const k of keys) {
		const o = emu.store.byKey.get(k);
		if (o) set.add(o.id);
	}
	return set;
}

/** @param {{after?: string, before?: string}} f */
function dateRange(f) {
	const lo = f.after ? Date.parse(f.after) : -Infinity;
	const hi = f.before ? Date.parse(f.before) : Infinity;
	return (/** @type {string} */ d) => {
		const t = Date.parse(d);
		return t >= lo && t <= hi;
	};
}

/**
 * Common filters of rev users and rev orgs. Array filters are any-of; empty arrays do not filter.
 * @param {Emu} emu @param {Obj} q @returns {((o: Obj) => boolean)[]}
 */
function commonChecks(emu, q) {
	/** @type {((o: Obj) => boolean)[]} */
	const c = [];
	const has = (/** @type {string} */ k) => Array.isArray(q[k]) && q[k].length > 0;
	if (has('created_by')) {
		const s = idSet(emu, q.created_by);
		c.push((o) => s.has(o.created_by?.id));
	}
	if (has('external_ref')) {
		const s = new Set(q.external_ref);
		c.push((o) => s.has(o.external_ref));
	}
	if (has('tags')) {
		const s = idSet(emu, q.tags);
		c.push((o) => (o.tags || []).some((/** @type {Obj} */ t) => s.has(t.tag?.id)));
	}
	if (q.custom_fields) {
		const want = Object.entries(q.custom_fields);
		c.push((o) =>
			want.every(([k, v]) => JSON.stringify(o.custom_fields?.[k]) === JSON.stringify(v)),
		);
	}
	for (const k of ['created_date', 'modified_date']) {
		if (q[k] && (q[k].after || q[k].before)) {
			const inRange = dateRange(q[k]);
			c.push((o) => inRange(o[k]));
		}
	}
	return c;
}

/** @param {Emu} emu @param {Obj} q */
function revUserChecks(emu, q) {
	const c = commonChecks(emu, q);
	const has = (/** @type {string} */ k) => Array.isArray(q[k]) && q[k].length > 0;
	if (has('associations')) {
		const s = idSet(emu, q.associations);
		c.push((u) => (emu.store.metaOf(u).assoc || []).some((id) => s.has(id)));
	}
	if (has('email')) {
		const s = new Set(q.email.map((/** @type {string} */ e) => e.toLowerCase()));
		c.push((u) => typeof u.email === 'string' && s.has(u.email.toLowerCase()));
	}
	if (has('external_refs')) {
		const s = new Set(q.external_refs);
		c.push((u) => (u.external_refs || []).some((/** @type {string} */ r) => s.has(r)));
	}
	if (has('phone_numbers')) {
		const s = new Set(q.phone_numbers);
		c.push((u) => (u.phone_numbers || []).some((/** @type {string} */ p) => s.has(p)));
	}
	if (has('rev_org')) {
		const s = idSet(emu, q.rev_org);
		c.push((u) => s.has(u.rev_org?.id));
	}
	if (typeof q.is_verified === 'boolean') c.push((u) => (u.is_verified === true) === q.is_verified);
	return c;
}

/**
 * The filtered scan list, cached per filter set and store version. A first page (no cursor)
 * always recomputes, so direct edits of emu.revUsers between walks are seen.
 * @param {Emu} emu @param {Obj} q
 */
function scanList(emu, q) {
	const { cursor, ...filters } = q;
	const key = JSON.stringify(filters);
	const hit = emu.scanCache.get(key);
	if (cursor && hit && hit.version === emu.store.version) return hit.items;
	const checks = revUserChecks(emu, q);
	const all = emu.store.revUsers;
	const items = checks.length === 0 ? all.slice() : all.filter((u) => checks.every((f) => f(u)));
	emu.scanCache.delete(key);
	emu.scanCache.set(key, { version: emu.store.version, items });
	if (emu.scanCache.size > 32)
		emu.scanCache.delete(/** @type {string} */ (emu.scanCache.keys().next().value));
	return items;
}

/**
 * Parses sort_by entries "field", "field:asc" or "field:desc" into a total order (ties by creation).
 * @param {Emu} emu @param {string[] | undefined} sortBy @param {string[]} allowed
 */
function sorter(emu, sortBy, allowed) {
	const keys = (sortBy || []).map((s) => {
		const [field, dir = 'asc', extra] = s.split(':');
		if (!allowed.includes(field)) {
			throw err.invalidField(
				'sort_by',
				`unknown sort field "${field}" in "${s}"; allowed: ${allowed.join(', ')}`,
			);
		}
		if (extra !== undefined || (dir !== 'asc' && dir !== 'desc')) {
			throw err.invalidField(
				'sort_by',
				`invalid sort_by entry "${s}"; use "<field>:asc" or "<field>:desc"`,
			);
		}
		return { field, sign: dir === 'desc' ? -1 : 1 };
	});
	return (/** @type {Obj} */ a, /** @type {Obj} */ b) => {
		for (const { field, sign } of keys) {
			const x = a[field] ?? '';
			const y = b[field] ?? '';
			if (x < y) return -sign;
			if (x > y) return sign;
		}
		return emu.store.seqOf(a) - emu.store.seqOf(b);
	};
}

/**
 * Creation order, by sequence number, which a deleted object keeps: a cursor whose boundary
 * followed a deleted rev user still finds its place.
 * @param {Emu} emu
 */
const creationOrder = (emu) => (/** @type {Obj} */ a, /** @type {Obj} */ b) =>
	emu.store.seqOf(a) - emu.store.seqOf(b);

/** @param {Emu} emu @param {Obj[]} items @param {string} list @param {Obj} q @param {number} limit @param {(a: Obj, b: Obj) => number} [cmp] */
function page(emu, items, list, q, limit, cmp) {
	const store = emu.store;
	return paginate(
		emu.cursors,
		list,
		{
			items,
			cmp,
			seqOf: (o) => store.seqOf(o),
			bySeq: (s) => store.bySeq(s),
		},
		{ cursor: q.cursor || undefined, limit, mode: q.mode },
	);
}

/** @param {Emu} emu @param {string} key */
function mustUser(emu, key) {
	const u = emu.store.findRevUser(key);
	if (!u) throw err.notFound(`rev user "${key}" not found`);
	return u;
}

/** @param {Emu} emu @param {string} key */
function mustOrg(emu, key) {
	const o = emu.store.findOrg(key);
	if (!o) throw err.notFound(`rev org "${key}" not found`);
	return o;
}

const SYS_SORT = [
	'created_date',
	'modified_date',
	'display_name',
	'full_name',
	'email',
	'display_id',
	'id',
	'state',
];
const ORG_SORT = [
	'created_date',
	'modified_date',
	'display_name',
	'display_id',
	'id',
	'external_ref',
];

/**
 * DevRev documents `limit` as 1 to 100 in prose only, so the spec cannot check it.
 * @param {Obj} q @param {number} [fallback]
 */
function pageLimit(q, fallback = 50) {
	const limit = q.limit ?? fallback;
	if (limit < 1 || limit > 100)
		throw err.invalidField('limit', `field "limit" must be between 1 and 100, got ${limit}`);
	return limit;
}

module.exports = {
	creationOrder,
	idSet,
	commonChecks,
	revUserChecks,
	scanList,
	sorter,
	page,
	mustUser,
	mustOrg,
	pageLimit,
	SYS_SORT,
	ORG_SORT,
};
