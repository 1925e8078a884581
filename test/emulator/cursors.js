// @ts-check
'use strict';

const crypto = require('crypto');
const { err } = require('./errors');

/**
 * A cursor names a *boundary* (a gap) in a sorted list: position p sits between items p-1 and p.
 * Encoded as base64url("<list>|<p>|<seqBefore>|<key>|<mac>"): seqBefore is the internal sequence
 * number of item p-1 (-1 at the very start), key (base64url JSON, may be empty) that item's sort
 * key as it was when the cursor was made, mac an HMAC over the rest keyed by a random
 * per-emulator salt, so cursors are opaque and cannot be forged or reused across emulators.
 * A list name is "<kind>" or "<kind>:<hash of the query>" (lists.js): a cursor sent with another
 * query (filters or sort_by) than the one it came from is refused.
 */
class CursorCodec {
	constructor() {
		this.salt = crypto.randomBytes(16);
	}

	/** @param {string} text */
	mac(text) {
		return crypto.createHmac('sha256', this.salt).update(text).digest('base64url').slice(0, 16);
	}

	/** @param {string} list @param {number} p @param {number} seqBefore @param {unknown[]} [key] */
	encode(list, p, seqBefore, key) {
		const k = key ? Buffer.from(JSON.stringify(key)).toString('base64url') : '';
		const text = `${list}|${p}|${seqBefore}|${k}`;
		return Buffer.from(`${text}|${this.mac(text)}`).toString('base64url');
	}

	/**
	 * @param {string} list @param {string} cursor
	 * @returns {{p: number, seqBefore: number, key?: unknown[]}}
	 */
	decode(list, cursor) {
		const bad = (why = 'pass back a next_cursor/prev_cursor unchanged') =>
			err.invalidField('cursor', `invalid cursor: ${why}`);
		if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
		const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
		if (
			parts.length !== 5 ||
			!/^\d+$/.test(parts[1]) ||
			!/^-1$|^\d+$/.test(parts[2]) ||
			parts[4] !== this.mac(parts.slice(0, 4).join('|'))
		)
			throw bad();
		if (parts[0] !== list) {
			const sameKind = parts[0].split(':')[0] === list.split(':')[0];
			throw bad(
				sameKind
					? 'it was issued for another query; send the same filters and sort_by with it'
					: 'it belongs to another list',
			);
		}
		const key = parts[3]
			? JSON.parse(Buffer.from(parts[3], 'base64url').toString('utf8'))
			: undefined;
		return { p: Number(parts[1]), seqBefore: Number(parts[2]), key };
	}
}

/**
 * @template T
 * @typedef {object} PageSource
 * @property {T[]} items          the full filtered, sorted list
 * @property {(item: T) => number} seqOf
 * @property {((seq: number) => T | undefined)} [bySeq]  finds an item even if it left the list
 * @property {((a: T, b: T) => number)} [cmp]            the list's total order, for re-location
 * @property {((item: T) => unknown[])} [keyOf]         an item's sort key (keyset cursors)
 * @property {((a: unknown[], b: unknown[]) => number)} [cmpKeys] the order of sort keys
 */

/** @template T @param {T[]} items @param {(item: T) => boolean} after the first index whose item is after the boundary */
function firstAfter(items, after) {
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (after(items[mid])) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/**
 * Finds the boundary a cursor names in the current list. O(1) when the list did not change
 * under the cursor; otherwise, with the sort key the cursor carries, binary search for it (so the
 * boundary stays put even when its item was modified and moved: keyset paging); else binary search
 * with cmp for the item as it is now, or a linear scan, then a clamp.
 * @template T
 * @param {PageSource<T>} src @param {{p: number, seqBefore: number, key?: unknown[]}} c
 */
function locate(src, c) {
	const { items, seqOf } = src;
	if (c.seqBefore === -1) return 0;
	const prev = c.p > 0 && c.p <= items.length ? items[c.p - 1] : undefined;
	const same = (/** @type {T} */ item) =>
		!c.key || !src.keyOf || JSON.stringify(src.keyOf(item)) === JSON.stringify(c.key);
	if (prev !== undefined && seqOf(prev) === c.seqBefore && same(prev)) return c.p;
	const { keyOf, cmpKeys } = src;
	if (c.key && keyOf && cmpKeys) {
		const key = c.key;
		return firstAfter(items, (item) => cmpKeys(keyOf(item), key) > 0);
	}
	const item = src.bySeq && src.bySeq(c.seqBefore);
	if (item && src.cmp) {
		const cmp = src.cmp;
		return firstAfter(items, (x) => cmp(x, item) > 0);
	}
	const i = items.findIndex((x) => seqOf(x) === c.seqBefore);
	return i >= 0 ? i + 1 : Math.min(c.p, items.length);
}

/**
 * Cuts one page. mode "after": the `limit` items right after the cursor's boundary (from the
 * start without cursor). mode "before": the `limit` items right before it (from the end without
 * cursor), still in list order. next_cursor = boundary after the page's last item, set only while
 * items follow it; prev_cursor = boundary before the page's first item, set only while items
 * precede it.
 * @template T
 * @param {CursorCodec} codec @param {string} list @param {PageSource<T>} src
 * @param {{cursor?: string, limit: number, mode?: string}} q
 * @returns {{page: T[], next_cursor?: string, prev_cursor?: string}}
 */
function paginate(codec, list, src, q) {
	const n = src.items.length;
	const before = q.mode === 'before';
	const pos = q.cursor ? locate(src, codec.decode(list, q.cursor)) : before ? n : 0;
	const start = before ? Math.max(0, pos - q.limit) : pos;
	const end = before ? pos : Math.min(n, pos + q.limit);
	/** @type {{page: T[], next_cursor?: string, prev_cursor?: string}} */
	const out = { page: src.items.slice(start, end) };
	/** The boundary before position p. @param {number} p */
	const at = (p) => {
		if (p === 0) return codec.encode(list, 0, -1);
		const item = src.items[p - 1];
		return codec.encode(list, p, src.seqOf(item), src.keyOf && src.keyOf(item));
	};
	if (end < n) out.next_cursor = at(end);
	if (start > 0) out.prev_cursor = at(start);
	return out;
}

module.exports = { CursorCodec, paginate, locate };
