import { createHash } from 'crypto';

import type { IDataObject, IN8nHttpFullResponse, INodeProperties } from 'n8n-workflow';
import * as workflow from 'n8n-workflow';

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
/**
 * A sleep that clears its timer when the signal fires: n8n 2.x's `sleep` takes the signal, n8n
 * 1.x's ignores it (its timer would hold the process for up to Max Wait after a stop) and offers
 * `sleepWithAbort` instead.
 */
const abortableSleep: Sleep =
	(workflow as unknown as { sleepWithAbort?: Sleep }).sleepWithAbort ?? workflow.sleep;

/**
 * How the node spends a token's DevRev rate limit. DevRev counts every call of a token in a
 * window and says so on every answer (X-RateLimit-Limit / -Remaining / -Reset, the reset in Unix
 * seconds). n8n starts the requests of all input items at once, so without pacing a bulk run
 * collects 429s and, past a long Retry-After, fails items. Two bounds instead:
 * - a window gate per token (and base URL), shared by every execution in this n8n process: no
 *   call starts while the window is spent; it waits for the reset;
 * - at most Max In Flight calls at once per node run (all its items share them).
 */

export interface RateLimitSettings {
	/** Calls in flight at once for one node run. */
	maxInFlight: number;
	/** Longest wait for a window to reset (or a Retry-After) before the item fails, in seconds. */
	maxWaitSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { maxInFlight: 5, maxWaitSeconds: 360 };

/** Start a little after the reset DevRev names: its clock and ours differ by some milliseconds. */
const RESET_MARGIN_MS = 100;

function headerNumber(headers: IDataObject, name: string): number | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const number = Number(Array.isArray(value) ? value[0] : value);
	return value === undefined || value === null || value === '' || !Number.isFinite(number)
		? undefined
		: number;
}

/** How long to look again when the budget is spent and DevRev has not yet named the new window's reset. */
const UNKNOWN_RESET_POLL_MS = 100;

/** DevRev's word on a window: its end, the calls left, and the mark of the call that heard it. */
interface WindowReport {
	resetAt: number;
	remaining: number;
	mark: number;
}

/** What DevRev last said of a token's window, and what this process has started since. */
class TokenWindow {
	private limit?: number;

	private report?: WindowReport;

	/** `started` when the reported window ended, while DevRev has not reported the next one. */
	private nextWindowMark?: number;

	/** Calls started through this window, ever; a call's mark is this count at its start. */
	private started = 0;

	/** The reset a wait was last logged for, so a bulk run logs each wait once. */
	private loggedResetAt = 0;

	/** Calls this process may still start now, by DevRev's last word (Infinity before any). */
	budget(now: number): number {
		const report = this.report;
		if (!report) return Infinity;
		if (now < report.resetAt + RESET_MARGIN_MS) {
			// Calls started after the one that heard `remaining` may not be counted in it yet.
			return report.remaining - (this.started - report.mark);
		}
		// The reported window is over and DevRev has not spoken of the next: its limit holds.
		this.nextWindowMark ??= this.started;
		return (this.limit ?? Infinity) - (this.started - this.nextWindowMark);
	}

	/** ms to wait when the budget is spent: until the reset (plus a margin), or a short look again. */
	waitMs(now: number): number {
		const report = this.report;
		if (!report || this.nextWindowMark !== undefined) return UNKNOWN_RESET_POLL_MS;
		return Math.max(0, report.resetAt + RESET_MARGIN_MS - now);
	}

	/** A call starts: its mark. */
	start(): number {
		return ++this.started;
	}

	/** Reads DevRev's rate-limit headers of an answer to the call with this mark. */
	observe(headers: IDataObject, mark: number): void {
		const limit = headerNumber(headers, 'x-ratelimit-limit');
		const remaining = headerNumber(headers, 'x-ratelimit-remaining');
		const reset = headerNumber(headers, 'x-ratelimit-reset');
		if (limit !== undefined) this.limit = limit;
		if (remaining === undefined || reset === undefined) return;
		const heard: WindowReport = { resetAt: reset * 1000, remaining, mark };
		const current = this.report;
		const unspent = (report: WindowReport) => report.remaining - (this.started - report.mark);
		if (!current || heard.resetAt > current.resetAt) {
			this.report = heard;
			this.nextWindowMark = undefined;
		} else if (heard.resetAt === current.resetAt && unspent(heard) < unspent(current)) {
			this.report = heard;
		}
	}

	/** Whether a wait for this window's reset is news (to log it once). */
	firstWaitFor(): boolean {
		const resetAt = this.report?.resetAt ?? 0;
		if (this.loggedResetAt === resetAt) return false;
		this.loggedResetAt = resetAt;
		return true;
	}

	get windowLimit(): number | undefined {
		return this.limit;
	}

	get resetTime(): number {
		return this.report?.resetAt ?? 0;
	}
}

const windows = new Map<string, TokenWindow>();

/** The window of a token at a base URL; the token itself is kept only as a hash. */
export function tokenWindow(baseUrl: string, token: string): TokenWindow {
	const key = `${baseUrl}\n${createHash('sha256').update(token).digest('hex')}`;
	let window = windows.get(key);
	if (!window) {
		window = new TokenWindow();
		windows.set(key, window);
	}
	return window;
}

export type { TokenWindow };

/** A counting semaphore: at most `size` holders; the others wait in order. */
class Slots {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(private readonly size: number) {}

	/** A slot; a stop while waiting for one rejects at once (and takes none). */
	async take(signal?: AbortSignal): Promise<void> {
		if (this.active < this.size) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve, reject) => {
			const waiter = () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			};
			const onAbort = () => {
				this.waiting.splice(this.waiting.indexOf(waiter), 1);
				reject(signal?.reason);
			};
			this.waiting.push(waiter);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}

	give(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}
}

/** One Slots per node run: keyed by the run's execute data, which all its items share. */
const slotsOfRun = new WeakMap<object, Slots>();

export function runSlots(run: object | undefined, size: number): Slots | undefined {
	if (!run) return undefined;
	let slots = slotsOfRun.get(run);
	if (!slots) {
		slots = new Slots(size);
		slotsOfRun.set(run, slots);
	}
	return slots;
}

export interface Pacing {
	window: TokenWindow;
	slots?: Slots;
	settings: RateLimitSettings;
	/** Told of a wait for the window, once per window. */
	onWait: (seconds: number, resetAt: number, limit: number | undefined) => void;
	/** The error to throw when the wait would exceed Max Wait. */
	tooLong: (seconds: number, resetAt: number) => Error;
}

/** A call admitted by the pacing: end it with its answer (or none) to free its slot. */
export interface Admission {
	end(response?: IN8nHttpFullResponse): void;
}

/**
 * Waits for a free slot of the run and for the token's window to allow one more call. Every wait
 * ends at once when `signal` (the execution's cancel signal) fires, with its abort reason.
 */
export async function admit(pacing: Pacing, signal?: AbortSignal): Promise<Admission> {
	const { window, slots } = pacing;
	await slots?.take(signal);
	let admitted = false;
	try {
		await waitForWindow(pacing, signal);
		admitted = true;
	} finally {
		if (!admitted) slots?.give();
	}
	const mark = window.start();
	let ended = false;
	return {
		end(response) {
			if (ended) return;
			ended = true;
			if (response) window.observe((response.headers ?? {}) as IDataObject, mark);
			slots?.give();
		},
	};
}

async function waitForWindow(pacing: Pacing, signal?: AbortSignal): Promise<void> {
	const { window, settings } = pacing;
	for (let now = Date.now(); window.budget(now) <= 0; now = Date.now()) {
		const ms = window.waitMs(now);
		if (ms > settings.maxWaitSeconds * 1000) throw pacing.tooLong(ms / 1000, window.resetTime);
		if (window.firstWaitFor()) pacing.onWait(ms / 1000, window.resetTime, window.windowLimit);
		await pause(Math.max(ms, 1), signal);
	}
}

/** Sleeps, or rejects with the abort reason as soon as `signal` fires (on n8n 1.x too). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await workflow.sleep(ms);
	if (signal.aborted) throw signal.reason;
	let onAbort = () => {};
	// Listening before the sleep does, so that a stop rejects with the signal's own reason.
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([aborted, abortableSleep(ms, signal)]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/** Options › Rate Limit, added to every operation's Options. */
export const rateLimitOption: INodeProperties = {
	displayName: 'Rate Limit',
	name: 'rateLimit',
	type: 'fixedCollection',
	placeholder: 'Set Rate Limit Pacing',
	default: {},
	description:
		"How the node spends the API token's DevRev rate limit. It never starts a call while the token's window is spent, and waits for the window to reset instead.",
	options: [
		{
			displayName: 'Pacing',
			name: 'pacing',
			values: [
				{
					displayName: 'Max Calls In Flight',
					name: 'maxInFlight',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 50 },
					default: 5,
					description:
						'The most DevRev calls this node makes at once, shared by all its input items',
				},
				{
					displayName: 'Max Wait (Seconds)',
					name: 'maxWait',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 360,
					description:
						"The longest an item waits for the token's rate-limit window to reset (or for a Retry-After) before it fails. DevRev's window is five minutes.",
				},
			],
		},
	],
};
