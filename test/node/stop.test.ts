/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- test code: runs on Node, never inside n8n */
/**
 * A stop stops: every wait of the node (the rate-limit window, a Retry-After, a backoff) ends as
 * soon as n8n cancels the execution (the Stop button, an execution timeout), and no request
 * starts after that.
 */
import { runWorkflowNode } from '../harness/engine';
import type { RunResult } from '../harness/engine';
import { sleep, until } from '../wait';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DevRevEmulator } = require('../emulator') as typeof import('../emulator');

const WINDOW_TOKEN = 'stop-window-token-5a9e2c';
const RETRY_TOKEN = 'stop-retry-token-8b1d4f';
const WINDOW_MS = 300_000;

type Emulator = InstanceType<typeof DevRevEmulator>;
let emu: Emulator;
let baseUrl = '';

beforeAll(async () => {
	emu = new DevRevEmulator({
		tokens: [WINDOW_TOKEN, RETRY_TOKEN],
		rateLimit: 2,
		rateLimitWindowMs: WINDOW_MS,
	});
	emu.seed({ sysUsers: 500 });
	baseUrl = await emu.start();
});
afterAll(async () => await emu.stop());
beforeEach(() => {
	emu.clearRequests();
	emu.clearFaults();
});
afterEach(() => expect(emu.specViolations).toEqual([]));

/** Resolves once the emulator has answered `count` calls. */
async function callsAnswered(count: number): Promise<void> {
	await until(
		`${count} calls answered`,
		() => emu.requests.filter((request) => (request.status ?? 0) > 0).length >= count,
	);
}

/**
 * Records the timers of 10 s or more started while `fn` runs that are still pending (neither
 * fired nor cleared): a wait of the node that outlived its stop would be one.
 */
async function withLongTimers<T>(fn: (pending: Set<unknown>) => Promise<T>): Promise<T> {
	const pending = new Set<unknown>();
	const { setTimeout: realSet, clearTimeout: realClear } = global;
	global.setTimeout = ((
		callback: (...args: unknown[]) => void,
		ms?: number,
		...args: unknown[]
	) => {
		const timer = realSet(() => {
			pending.delete(timer);
			callback(...args);
		}, ms);
		if ((ms ?? 0) >= 10_000) pending.add(timer);
		return timer;
	}) as typeof setTimeout;
	global.clearTimeout = ((timer: Parameters<typeof clearTimeout>[0]) => {
		pending.delete(timer);
		realClear(timer);
	}) as typeof clearTimeout;
	try {
		return await fn(pending);
	} finally {
		global.setTimeout = realSet;
		global.clearTimeout = realClear;
	}
}

/**
 * Starts a Return All of the sys users (five pages), stops it once `waiting` says the node is
 * waiting, and measures from the stop to the end of the node's run.
 */
async function stopWhile(
	token: string,
	waiting: () => Promise<void>,
): Promise<{ result: RunResult; msToEnd: number; stoppedAt: number }> {
	let stop = () => {};
	const started = new Promise<void>((resolve) => {
		stop = resolve;
	});
	let stoppedAt = 0;
	const run = runWorkflowNode({
		parameters: { resource: 'sysUser', operation: 'list', returnAll: true },
		credentials: { apiToken: token, baseUrl },
		onStarted: (execution) =>
			void started.then(() => {
				stoppedAt = Date.now();
				execution.cancel();
			}),
	});
	await waiting();
	stop();
	const result = await run;
	return { result, msToEnd: Date.now() - stoppedAt, stoppedAt };
}

describe('Stopping an execution', () => {
	test("while it waits for the token's 300-second rate-limit window: it ends within 1 s, no further call, no timer left", async () => {
		// Start well inside a window, so that the wait ahead is minutes long.
		const toReset = WINDOW_MS - (Date.now() % WINDOW_MS);
		if (toReset < 30_000) await sleep(toReset + 100);
		let waitingOn = 0;
		const { result, msToEnd, stoppedAt, left } = await withLongTimers(async (pending) => {
			const stopped = await stopWhile(WINDOW_TOKEN, async () => {
				await callsAnswered(2);
				await sleep(300);
				waitingOn = pending.size;
			});
			return { ...stopped, left: pending.size };
		});
		expect(msToEnd).toBeLessThan(1000);
		// The window's wait was a timer of minutes; the stop cleared it (n8n 1.x's sleep would not).
		expect([waitingOn, left]).toEqual([1, 0]);
		expect(result.run?.status).toBe('canceled');
		expect(emu.requests).toHaveLength(2);
		expect(emu.requests.every((request) => request.at < stoppedAt)).toBe(true);
	});

	test('while it waits out a Retry-After of 120 s: it ends within 1 s, no further call', async () => {
		emu.injectFault({ kind: 'rate_limit', retryAfter: 120, path: '/sys-users.list' });
		const { result, msToEnd, stoppedAt } = await stopWhile(RETRY_TOKEN, async () => {
			await callsAnswered(1);
			await sleep(300);
		});
		expect(msToEnd).toBeLessThan(1000);
		expect(result.run?.status).toBe('canceled');
		expect(emu.requests.map((request) => request.status)).toEqual([429]);
		expect(emu.requests.every((request) => request.at < stoppedAt)).toBe(true);
	});
});
