// @ts-check
'use strict';

const { err } = require('./errors');

/**
 * The emulator's server clock: every created_date, modified_date and event `at` comes from
 * clock.now(), as DevRev's timestamps come from its servers. It runs with its source (the
 * `now` option, default the wall clock) until frozen:
 *   freeze(at?)   stops it at `at` (ISO date-time, Date or ms; default the current instant),
 *                 so several objects share one exact modified_date;
 *   advance(ms)   moves it forward (frozen: the frozen instant; running: an offset);
 *   release()     lets it run again from where it stands (no jump back: time stays monotonic);
 *   reset()       back to the source itself, no offset.
 */
class Clock {
	/** @param {() => Date} [source] */
	constructor(source = () => new Date()) {
		this.source = source;
		this.offset = 0;
		/** @type {number | undefined} */
		this.frozen = undefined;
	}

	now() {
		return new Date(this.frozen ?? this.source().getTime() + this.offset);
	}

	/** @param {string | number | Date} [at] */
	freeze(at) {
		const t = at === undefined ? this.now().getTime() : new Date(at).getTime();
		if (Number.isNaN(t)) throw err.invalidField('freeze', `not a date-time: ${String(at)}`);
		this.frozen = t;
		return this.view();
	}

	/** @param {number} ms */
	advance(ms) {
		if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
			throw err.invalidField('advance', 'advance takes milliseconds >= 0');
		if (this.frozen !== undefined) this.frozen += ms;
		else this.offset += ms;
		return this.view();
	}

	release() {
		if (this.frozen !== undefined) this.offset = this.frozen - this.source().getTime();
		this.frozen = undefined;
		return this.view();
	}

	reset() {
		this.frozen = undefined;
		this.offset = 0;
		return this.view();
	}

	view() {
		return { now: this.now().toISOString(), frozen: this.frozen !== undefined };
	}

	/**
	 * The control API's body: {freeze?: ISO | true, advance?: ms, release?: true, reset?: true},
	 * applied in that order. @param {Record<string, unknown>} body
	 */
	control(body) {
		const known = ['freeze', 'advance', 'release', 'reset'];
		for (const k of Object.keys(body))
			if (!known.includes(k)) throw err.invalidField(k, `unknown clock key "${k}"`);
		if (body.freeze !== undefined)
			this.freeze(body.freeze === true ? undefined : /** @type {string} */ (body.freeze));
		if (body.advance !== undefined) this.advance(/** @type {number} */ (body.advance));
		if (body.release === true) this.release();
		if (body.reset === true) this.reset();
		return this.view();
	}
}

module.exports = { Clock };
