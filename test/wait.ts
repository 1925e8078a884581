/**
 * scripts/lib/wait for the in-process tests: the same `until(what, check)`, polling every 10 ms
 * (the emulator and the hosts live in the test's own process) with a 15 s default bound.
 */
import { sleep, until as waitUntil } from '../scripts/lib/wait';

export { sleep };

export async function until<T>(
	what: string,
	check: () => T | Promise<T>,
	timeoutMs = 15_000,
): Promise<NonNullable<T>> {
	return await waitUntil(what, check, { timeoutMs, intervalMs: 10 });
}
