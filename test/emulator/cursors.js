// @ts-check
'use strict';

const crypto = require('crypto');
const { err } = require('./errors');

/**
 * A cursor names a *boundary* (a gap) in a sorted list: position p sits between items p-1 and p.
 * Encoded as base64url("<list>|<p>|<seqBefore>|<mac>"): seqBefore is the internal sequence
 * number of item p-1 (-1 at the very start), mac an HMAC over the rest keyed by a random
 * per-emulator salt, so cursors are opaque and cannot be forged or reused across emulators.
 */
class CursorCodec {
	constructor() {
		this.salt = crypto.randomBytes(16);
	}

	/** @param {string} list @param {number} p @param {number} seqBefore */
	mac(list, p, seqBefore) {
		return crypto
			.createHmac('sha256', this.salt)
			.update(`${list}|${p}|${seqBefore}`)
			.digest('base64url')
			.slice(0, 16);
	}

	/** @param {string} list @param {number} p @param {number} seqBefore */
	encode(list, p, seqBefore) {
		return Buffer.from(`${list}|${p}|${seqBefore}|${this.mac(list, p, seqBefore)}`).toString(
			'base64url',
		);
	}

	/**
	 * @param {string} list @param {string} cursor
	 * @returns {{p: number, seqBefore: number}}
	 */
	decode(list, cursor) {
		const bad = () =>
			err.invalidField('cursor', 'invalid cursor: pass back a next_cursor/prev_cursor unchanged');
		if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
		const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
		if (
			parts.length !== 4 ||
			parts[0] !== list ||
			!/^\d+$/.test(parts[1]) ||
			!/^-1$|^\d+$/.test(parts[2])
		)
			throw bad();
		const p = Number(parts[1]);
		const seqBefore = Number(parts[2]);
		if (parts[3] !== this.mac(list, p, seqBefore)) throw bad();
		return { p, seqBefore };
	}
}

/**
 * @template T
 * @typedef {object} PageSource
 * @property {T[]} items          the full filtered, sorted list
 * @property {(item: T) => number} seqOf
 * @property {((seq: number) => T | undefined)} [bySeq]  finds an item even if it left the list
 * @property {((a: T, b: T) => number)} [cmp]            the list's total order, for re-location
 */

/**
 * Finds the boundary a cursor names in the current list. O(1) when the list did not change
 * under the cursor; otherwise binary search (with cmp) or a linear scan, then a clamp.
 * @template T
 * @param {PageSource<T>} src @param {{p: number, seqBefore: number}} c
 */
function locate(src, c) {
	const { items, seqOf } = src;
	if (c.seqBefore === -1) return 0;
	if (c.p > 0 && c.p <= items.length && seqOf(items[c.p - 1]) === c.seqBefore) return c.p;
	const item = src.bySeq && src.bySeq(c.seqBefore);
	if (item && src.cmp) {
		const cmp = src.cmp;
		let lo = 0;
		let hi = items.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (cmp(items[mid], item) <= 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
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
	if (end < n)
		out.next_cursor = codec.encode(list, end, end > 0 ? src.seqOf(src.items[end - 1]) : -1);
	if (start > 0) out.prev_cursor = codec.encode(list, start, src.seqOf(src.items[start - 1]));
	return out;
}

module.exports = { CursorCodec, paginate, locate };
