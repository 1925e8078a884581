'use strict';
/** Waiting, the one way every script, bench and test tool does it. CommonJS, no dependencies. */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns something truthy, and resolves that. A check that throws counts
 * as "not yet" (its error is named if time runs out). Rejects after `timeoutMs`, or at once when
 * `unless()` returns a reason, e.g. that the process being waited for has exited.
 * @template T
 * @param {string} what what is awaited, for the error message
 * @param {() => T | Promise<T>} check
 * @param {{ timeoutMs?: number, intervalMs?: number, unless?: () => string | false | undefined | null }} [options]
 * @returns {Promise<NonNullable<T>>}
 */
async function until(what, check, { timeoutMs = 60000, intervalMs = 100, unless } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		const reason = unless && unless();
		if (reason) throw new Error(`${what}: ${reason}`);
		try {
			const result = await check();
			if (result) return /** @type {NonNullable<T>} */ (result);
		} catch (e) {
			last = e;
		}
		if (Date.now() > deadline) {
			const why = last ? ` (last: ${/** @type {Error} */ (last).message})` : '';
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
		}
		await sleep(intervalMs);
	}
}

module.exports = { sleep, until };
