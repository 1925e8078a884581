// @ts-check
'use strict';

/**
 * What the list and read operations share: filters, sort_by, paging, limits, ID lookups that
 * answer DevRev's 404.
 */

const crypto = require('crypto');
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

const DAY = 86400000;

/**
 * A date filter as a test on ISO dates: `date-time-filter` {after?, before?} (both inclusive) or
 * `date-filter` {type: 'range', after?, before?} | {type: 'preset', preset_type: 'last_n_days' |
 * 'next_n_days', days} (from / up to the server clock's now). An absent date never matches.
 * @param {Emu} emu @param {Obj} f
 */
function dateRange(emu, f) {
	let lo = f.after ? Date.parse(f.after) : -Infinity;
	let hi = f.before ? Date.parse(f.before) : Infinity;
	if (f.type === 'preset') {
		const now = emu.now().getTime();
		[lo, hi] =
			f.preset_type === 'next_n_days' ? [now, now + f.days * DAY] : [now - f.days * DAY, now];
	}
	return (/** @type {string | undefined} */ d) => {
		if (d === undefined) return false;
		const t = Date.parse(d);
		return t >= lo && t <= hi;
	};
}

/** Whether a date filter filters at all. @param {Obj | undefined} f */
const dateFilterSet = (f) => Boolean(f && (f.after || f.before || f.type === 'preset'));

/**
 * Date filters on the given fields (`created_date`, `modified_date`, …).
 * @param {Emu} emu @param {Obj} q @param {string[]} fields @returns {((o: Obj) => boolean)[]}
 */
function dateChecks(emu, q, fields) {
	return fields
		.filter((k) => dateFilterSet(q[k]))
		.map((k) => {
			const inRange = dateRange(emu, q[k]);
			return (/** @type {Obj} */ o) => inRange(valueAt(o, k));
		});
}

/** A field's value, through dots ("stage.name"). @param {Obj} o @param {string} path */
function valueAt(o, path) {
	let v = /** @type {any} */ (o);
	for (const part of path.split('.')) v = v == null ? undefined : v[part];
	return v;
}

/**
 * Adds a check for a non-empty array filter (any-of): `values(o)`, the object's values, meets the
 * filter's set (IDs also as display IDs when `ids`). An absent value never matches.
 * @param {Emu} emu @param {((o: Obj) => boolean)[]} checks @param {unknown[] | undefined} filter
 * @param {(o: Obj) => unknown[]} values @param {boolean} [ids]
 */
function anyOf(emu, checks, filter, values, ids = false) {
	if (!Array.isArray(filter) || filter.length === 0) return;
	const s = ids ? idSet(emu, /** @type {string[]} */ (filter)) : new Set(filter);
	checks.push((o) => values(o).some((v) => v !== undefined && s.has(v)));
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
	c.push(...dateChecks(emu, q, ['created_date', 'modified_date']));
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
 * A list's total order: a comparator, each item's sort key ([...sort_by values, sequence number])
 * and the comparator of keys, which keyset cursors use to find their boundary again.
 * @typedef {{cmp: (a: Obj, b: Obj) => number, keyOf: (o: Obj) => unknown[], cmpKeys: (a: unknown[], b: unknown[]) => number}} Order
 */

const compare = (/** @type {any} */ x, /** @type {any} */ y) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Parses sort_by entries "field", "field:asc" or "field:desc" (fields may name a nested one,
 * "stage.name") into a total order: the first key first, ties by the next, then by creation
 * (sequence number, ascending whatever the direction), so equal dates page deterministically.
 * No sort_by: creation order.
 * @param {Emu} emu @param {string[] | undefined} sortBy @param {string[]} allowed @returns {Order}
 */
function order(emu, sortBy, allowed) {
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
	const keyOf = (/** @type {Obj} */ o) => [
		...keys.map(({ field }) => valueAt(o, field) ?? ''),
		emu.store.seqOf(o),
	];
	const cmpKeys = (/** @type {unknown[]} */ a, /** @type {unknown[]} */ b) => {
		for (let i = 0; i < keys.length; i++) {
			const c = compare(a[i], b[i]);
			if (c !== 0) return c * keys[i].sign;
		}
		return compare(a[keys.length], b[keys.length]);
	};
	return { keyOf, cmpKeys, cmp: (a, b) => cmpKeys(keyOf(a), keyOf(b)) };
}

/**
 * Creation order, by sequence number, which a deleted object keeps: a cursor whose boundary
 * followed a deleted rev user still finds its place.
 * @param {Emu} emu
 */
const creationOrder = (emu) => order(emu, [], []);

/** @param {unknown} v @returns {unknown} */
const canonical = (v) =>
	Array.isArray(v)
		? v.map(canonical)
		: v && typeof v === 'object'
			? Object.fromEntries(
					Object.keys(v)
						.sort()
						.map((k) => [k, canonical(/** @type {Obj} */ (v)[k])]),
				)
			: v;

/**
 * The list a query walks: "<kind>:<hash of its filters and sort_by>" (cursor, limit and mode left
 * out), so a cursor only serves the query it came from.
 * @param {string} kind @param {Obj} q
 */
function boundList(kind, q) {
	const { cursor: _c, limit: _l, mode: _m, ...query } = q;
	const hash = crypto
		.createHash('sha1')
		.update(JSON.stringify(canonical(query)))
		.digest('base64url');
	return `${kind}:${hash.slice(0, 10)}`;
}

/**
 * One page of a sorted list, its cursors bound to the query.
 * @param {Emu} emu @param {Obj[]} items @param {string} kind @param {Obj} q @param {number} limit @param {Order} [ord]
 */
function page(emu, items, kind, q, limit, ord) {
	const store = emu.store;
	const list = boundList(kind, q);
	const r = paginate(
		emu.cursors,
		list,
		{
			items,
			...(ord || {}),
			seqOf: (o) => store.seqOf(o),
			bySeq: (s) => store.bySeq(s),
		},
		{ cursor: q.cursor || undefined, limit, mode: q.mode },
	);
	return { list, ...r };
}

/** A page's cursors as the answer carries them. @param {{next_cursor?: string, prev_cursor?: string}} r */
const cursorsOf = (r) => ({
	...(r.next_cursor ? { next_cursor: r.next_cursor } : {}),
	...(r.prev_cursor ? { prev_cursor: r.prev_cursor } : {}),
});

/**
 * A list endpoint's answer: the objects that pass every check (`all` is in creation order), sorted
 * by sort_by (fields in `sortable`), one page of `limit` (1..100, default 50).
 * @param {Emu} emu @param {Obj} q @param {Obj[]} all @param {string} kind
 * @param {((o: Obj) => boolean)[]} checks @param {string[]} sortable
 */
function listPage(emu, q, all, kind, checks, sortable) {
	const limit = pageLimit(q);
	const ord = order(emu, q.sort_by, sortable);
	const items = all.filter((o) => checks.every((f) => f(o)));
	if (q.sort_by?.length) items.sort(ord.cmp);
	const r = page(emu, items, kind, q, limit, ord);
	return { list: r.list, page: r.page, cursors: cursorsOf(r) };
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
	anyOf,
	creationOrder,
	order,
	boundList,
	listPage,
	cursorsOf,
	dateChecks,
	valueAt,
	idSet,
	commonChecks,
	revUserChecks,
	scanList,
	page,
	mustUser,
	mustOrg,
	pageLimit,
	SYS_SORT,
	ORG_SORT,
};
