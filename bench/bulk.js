'use strict';
/**
 * The bulk walk of `npm run bench`: many input items to Link against an emulator enforcing a
 * windowed rate limit as DevRev does (calls per token per window), with the node pacing itself.
 * Ideal wall = requests ÷ limit × window. Side A only: a raw loop has no pacing to compare with.
 */
const { fetchJson } = require('../scripts/lib/net');
const { sleep } = require('../scripts/lib/wait');
const { benchEmulator, check, runSide, table, withTempDir } = require('./common');

const TOKEN = 'bench-bulk-token';

/** `o.items` users linked to one rev org in `executions` executions at once. */
async function runBulk(o, executions) {
	const rateLimit = { rateLimit: o.limit, rateLimitWindowMs: o.windowMs };
	const emulator = await benchEmulator({
		revUsers: o.items,
		sysUsers: 0,
		token: TOKEN,
		...rateLimit,
	});
	try {
		const state = await fetchJson(`${emulator.url}/__emulator/state?limit=${o.items}`);
		const users = state.rev_users.map((u) => u.id);
		const org = state.rev_users.find((u) => u.rev_org)?.rev_org.id;
		if (!org) throw new Error('bulk seed has no rev org');
		// Start as a window opens, so runs compare.
		await sleep(o.windowMs - (Date.now() % o.windowMs) + 10);
		const job = { side: 'bulk', url: emulator.url, token: TOKEN, harness: o.harness, users, org };
		const result = await withTempDir('n8n-devrev-bulk-', (dir) =>
			runSide({ ...job, executions }, dir),
		);
		const { requests } = await fetchJson(`${emulator.url}/__emulator/requests`);
		const links = requests.filter((r) => r.path === '/rev-users.link');
		const wallS = result.wallMs / 1000;
		const idealS = (links.length / o.limit) * (o.windowMs / 1000);
		return {
			walk: `Link ${o.items} items, ${executions} execution${executions > 1 ? 's' : ''} at once`,
			done: result.items - result.failed,
			failed: result.failed,
			requests: links.length,
			rateLimited: links.filter((r) => r.status === 429).length,
			...{ wallS, idealS, ratio: wallS / idealS },
		};
	} finally {
		await emulator.stop();
	}
}

/**
 * The walk with one execution, then with two at once: prints their table, returns their checks.
 * @param {{harness: string, items: number, limit: number, windowMs: number}} o
 */
async function bulkWalks(o) {
	const rows = [await runBulk(o, 1), await runBulk(o, 2)];
	const columns = [
		[`bulk walk (limit ${o.limit} per ${o.windowMs / 1000} s)`, (r) => r.walk],
		['items done/failed', (r) => `${r.done}/${r.failed}`],
		['requests', (r) => r.requests],
		['429s', (r) => r.rateLimited],
		['wall s', (r) => r.wallS.toFixed(1)],
		['ideal s', (r) => r.idealS.toFixed(1)],
		['ratio', (r) => r.ratio.toFixed(2)],
	];
	console.log(`${table(rows, columns)}\n`);
	return rows.flatMap((r) => [
		check(r.walk, 'every item done, none failed', r.done === o.items && r.failed === 0),
		check(r.walk, '429s <= 1% of requests', r.rateLimited <= r.requests / 100, false),
		check(r.walk, 'wall <= 1.15x ideal', r.ratio <= 1.15, false),
	]);
}

module.exports = { bulkWalks };
