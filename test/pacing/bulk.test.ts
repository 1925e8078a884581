/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- test code: runs on Node, never inside n8n */
/**
 * Bulk runs against DevRev's windowed rate limit, enforced by the emulator as DevRev does: a
 * limit of calls per token per window, whatever the endpoint, with X-RateLimit-* on every answer.
 * Here 100 calls per 2-second window (DevRev's window is five minutes; the arithmetic is the same).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWorkflowNode } from '../harness/engine';
import type { RunResult } from '../harness/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DevRevEmulator } = require('../emulator') as typeof import('../emulator');

const TOKEN = 'bulk-pacing-token-7c1e';
const LIMIT = 100;
const WINDOW_MS = 2000;
const ITEMS = 2000;

type Emulator = InstanceType<typeof DevRevEmulator>;
let emu: Emulator;
let baseUrl = '';

beforeAll(async () => {
	emu = new DevRevEmulator({ tokens: [TOKEN], rateLimit: LIMIT, rateLimitWindowMs: WINDOW_MS });
	emu.seed({ accounts: 1, revOrgs: 2, revUsers: ITEMS });
	baseUrl = await emu.start();
});
afterAll(async () => await emu.stop());
beforeEach(() => emu.clearRequests());
afterEach(() => expect(emu.specViolations).toEqual([]));

/** Waits until a window has just opened, so runs start alike. */
async function atWindowStart(): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - (Date.now() % WINDOW_MS) + 10));
}

/** Links each user to the org, one input item per user, in one execution. */
function linkAll(
	org: string,
	users: IDataObject[],
	extra: { url?: string; rateLimit?: IDataObject; continueOnFail?: boolean } = {},
): Promise<RunResult> {
	const options = (
		extra.rateLimit ? { options: { rateLimit: { pacing: extra.rateLimit } } } : {}
	) as INodeParameters;
	return runWorkflowNode({
		parameters: {
			resource: 'revUser',
			operation: 'link',
			revUserId: '={{ $json.user }}',
			revOrgId: org,
			...options,
		},
		credentials: { apiToken: TOKEN, baseUrl: extra.url ?? baseUrl },
		items: users.map((user) => ({ user: user.id })),
		continueOnFail: extra.continueOnFail,
	});
}

/** Calls served per window (by arrival), 429s, and the windows the run spanned. */
function windowsOf(requests: Array<{ at: number; status: number | null }>) {
	const served = new Map<number, number>();
	for (const request of requests) {
		if ((request.status as number) < 300) {
			const window = Math.floor(request.at / WINDOW_MS);
			served.set(window, (served.get(window) ?? 0) + 1);
		}
	}
	const indexes = [...served.keys()].sort((a, b) => a - b);
	return {
		spanned: indexes[indexes.length - 1] - indexes[0] + 1,
		served: indexes.map((index) => served.get(index) ?? 0),
		rateLimited: requests.filter((request) => request.status === 429).length,
	};
}

function report(
	label: string,
	requests: Array<{ at: number; answeredAt?: number }>,
	started: number,
): void {
	const windows = windowsOf(requests as Array<{ at: number; status: number | null }>);
	const ideal = (requests.length / LIMIT) * (WINDOW_MS / 1000);
	const wall = (Date.now() - started) / 1000;
	const first = (Math.min(...requests.map((request) => request.at)) - started) / 1000;
	const last = (Math.max(...requests.map((request) => request.answeredAt ?? 0)) - started) / 1000;
	process.stderr.write(
		`[pacing] ${label}: ${requests.length} calls, ${windows.rateLimited} answered 429, ${windows.spanned} windows, ` +
			`wall ${wall.toFixed(1)} s (ideal ${ideal} s, ratio ${(wall / ideal).toFixed(2)}; first call at ${first.toFixed(1)} s, ` +
			`last answer at ${last.toFixed(1)} s); served per window: ${windows.served.join(' ')}\n`,
	);
}

/**
 * Every one of `calls` calls to the paths answered 2xx, 429s at most 1 % of the requests, and the
 * run within 1.15× of the ideal number of windows (calls ÷ limit). Counted in the emulator's
 * windows, not by a clock: on a quiet machine every window the run spans serves the whole limit
 * (the report prints them); a machine busy with other tests may fill a window more slowly, which
 * is its throughput, not the node's pacing.
 */
function expectPaced(
	label: string,
	calls: number,
	started: number,
	paths = ['/rev-users.link'],
): void {
	const requests = emu.requests.filter((request) => paths.includes(request.path));
	const windows = windowsOf(requests);
	report(label, requests, started);
	expect(requests.filter((request) => (request.status as number) < 300)).toHaveLength(calls);
	expect(windows.rateLimited).toBeLessThanOrEqual(requests.length / 100);
	expect(windows.spanned).toBeLessThanOrEqual(Math.floor((calls / LIMIT) * 1.15));
}

describe('Bulk runs within the rate limit (100 calls per 2 s window)', () => {
	jest.setTimeout(10 * 60 * 1000);

	test('2,000 items to Link: every item linked, no failed item, 429s at most 1 %, within 1.15× of the ideal', async () => {
		const org = emu.revOrgs[1].id;
		await atWindowStart();
		const started = Date.now();
		const result = await linkAll(org, emu.revUsers);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS);
		expect(result.items.filter((item) => item.error !== undefined)).toEqual([]);
		expect(result.items.map((item) => item.rev_org_id)).toEqual(emu.revUsers.map(() => org));
		expectPaced('Link', ITEMS, started);
		expect(emu.revUsers.every((user) => user.rev_org?.id === org)).toBe(true);
	});

	test('two executions at once with the same token share its window', async () => {
		const half = ITEMS / 2;
		const [orgA, orgB] = emu.revOrgs.map((org) => org.id);
		await atWindowStart();
		const started = Date.now();
		const [a, b] = await Promise.all([
			linkAll(orgA, emu.revUsers.slice(0, half)),
			linkAll(orgB, emu.revUsers.slice(half)),
		]);
		for (const result of [a, b]) {
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(half);
			expect(result.items.filter((item) => item.error !== undefined)).toEqual([]);
		}
		expectPaced('Link, two executions', ITEMS, started);
	});

	test('2,000 items to Create or Update (half new, half known): all done, none failed, within 1.15× of the ideal', async () => {
		const known = emu.revUsers.slice(0, ITEMS / 2);
		const contacts = [
			...known.map((user) => ({
				email: String(user.email).toUpperCase(),
				description: 'updated in bulk',
			})),
			...Array.from({ length: ITEMS / 2 }, (_, n) => ({
				email: `bulk.new.${n}@example.com`,
				description: 'created in bulk',
			})),
		];
		const before = emu.revUsers.length;
		await atWindowStart();
		const started = Date.now();
		const result = await runWorkflowNode({
			parameters: {
				resource: 'revUser',
				operation: 'upsert',
				email: '={{ $json.email }}',
				description: '={{ $json.description }}',
			},
			credentials: { apiToken: TOKEN, baseUrl },
			items: contacts,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS);
		expect(result.items.filter((item) => item.error !== undefined)).toEqual([]);
		const actions = result.items.map((item) => item.action);
		expect(actions.filter((action) => action === 'updated')).toHaveLength(ITEMS / 2);
		expect(actions.filter((action) => action === 'created')).toHaveLength(ITEMS / 2);
		expect(emu.revUsers).toHaveLength(before + ITEMS / 2);
		expect(known.every((user) => user.description === 'updated in bulk')).toBe(true);
		// Each item: one lookup (rev-users.list), then one update or one create.
		expectPaced('Create or Update', 2 * ITEMS, started, [
			'/rev-users.list',
			'/rev-users.update',
			'/rev-users.create',
		]);
	});
});

describe('Rate Limit options', () => {
	test('Max Calls In Flight bounds the calls one run has open at once', async () => {
		emu.injectFault({ kind: 'slow', delayMs: 30, count: -1, path: '/rev-users.link' });
		try {
			const result = await linkAll(emu.revOrgs[0].id, emu.revUsers.slice(0, 30), {
				rateLimit: { maxInFlight: 3 },
			});
			expect(result.items).toHaveLength(30);
		} finally {
			emu.clearFaults();
		}
		// The most calls open at once, from when each arrived and was answered.
		const edges = emu.requestsTo('/rev-users.link').flatMap((request) => [
			[request.at, 1],
			[request.answeredAt as number, -1],
		]);
		edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
		let open = 0;
		let most = 0;
		for (const [, change] of edges) most = Math.max(most, (open += change));
		expect(most).toBe(3);
	});

	test('a wait longer than Max Wait fails the item at once, saying when the window resets', async () => {
		const local = new DevRevEmulator({
			tokens: [TOKEN],
			rateLimit: 2,
			rateLimitWindowMs: 60_000,
		}).seed({
			revOrgs: 1,
			revUsers: 3,
		});
		const url = await local.start();
		try {
			const result = await linkAll(local.revOrgs[0].id, local.revUsers, {
				url,
				rateLimit: { maxInFlight: 1, maxWait: 1 },
				continueOnFail: true,
			});
			expect(local.requests.map((request) => request.status)).toEqual([200, 200]);
			expect(result.items.slice(0, 2).map((item) => item.id)).toEqual(
				local.revUsers.slice(0, 2).map((user) => user.id),
			);
			const reset = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000).toISOString();
			expect(result.items[2].error).toMatch(
				new RegExp(
					`^DevRev's rate limit for this API token is spent until ${reset.replace(/\./g, '\\.')}: waiting \\d+ s would exceed Max Wait \\(1 s\\)$`,
				),
			);
		} finally {
			await local.stop();
		}
	});
});
