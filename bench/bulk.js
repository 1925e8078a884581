'use strict';
/**
 * The bulk walk of `npm run bench`: many input items to Link against an emulator enforcing a
 * windowed rate limit as DevRev does (calls per token per window), with the node pacing itself.
 * Ideal wall = requests ÷ limit × window. Side A only: a raw loop has no pacing to compare with.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { fetchJson } = require('../scripts/lib/net');
const { sleep } = require('../scripts/lib/wait');
const { benchEmulator, runSide, table } = require('./common');

const TOKEN = 'bench-bulk-token';

/**
 * @param {{harness: string, items: number, limit: number, windowMs: number, executions: number}} o
 * @returns {Promise<{walk: string, items: number, done: number, failed: number, requests: number,
 *   rateLimited: number, wallS: number, idealS: number, ratio: number}>}
 */
async function runBulk(o) {
	const rateLimit = { rateLimit: o.limit, rateLimitWindowMs: o.windowMs };
	const emulator = await benchEmulator({
		revUsers: o.items,
		sysUsers: 0,
		token: TOKEN,
		...rateLimit,
	});
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-bulk-'));
	try {
		const state = await fetchJson(`${emulator.url}/__emulator/state?limit=${o.items}`);
		const { counts } = await fetchJson(`${emulator.url}/__emulator/state?limit=0`);
		const users = state.rev_users.map((u) => u.id);
		const org = state.rev_users.find((u) => u.rev_org)?.rev_org.id;
		if (!org || counts.rev_orgs < 1) throw new Error('bulk seed has no rev org');
		// Start as a window opens, so runs compare.
		await sleep(o.windowMs - (Date.now() % o.windowMs) + 10);
		const { harness, executions } = o;
		const job = { side: 'bulk', url: emulator.url, token: TOKEN, harness, users, org, executions };
		const result = await runSide(job, userFolder);
		const { requests } = await fetchJson(`${emulator.url}/__emulator/requests`);
		return bulkRow(
			o,
			result,
			requests.filter((r) => r.path === '/rev-users.link'),
		);
	} finally {
		await emulator.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** The walk's figures: items done, link calls, 429s, wall against ideal (calls ÷ limit × window). */
function bulkRow(o, result, links) {
	const idealS = (links.length / o.limit) * (o.windowMs / 1000);
	const wallS = result.wallMs / 1000;
	const { failed } = result;
	return {
		walk: `Link ${o.items} items, ${o.executions} execution${o.executions > 1 ? 's' : ''} at once`,
		items: o.items,
		done: result.items - failed,
		failed,
		requests: links.length,
		rateLimited: links.filter((r) => r.status === 429).length,
		wallS,
		idealS,
		ratio: wallS / idealS,
	};
}

/** @param {Awaited<ReturnType<typeof runBulk>>[]} rows @param {{limit: number, windowMs: number}} o */
function formatBulk(rows, o) {
	const head = [
		`bulk walk (limit ${o.limit} per ${o.windowMs / 1000} s)`,
		'items done/failed',
		'requests',
		'429s',
		'wall s',
		'ideal s',
		'ratio',
	];
	const body = rows.map((r) => [
		r.walk,
		`${r.done}/${r.failed}`,
		String(r.requests),
		String(r.rateLimited),
		r.wallS.toFixed(1),
		r.idealS.toFixed(1),
		r.ratio.toFixed(2),
	]);
	return table(head, body);
}

/** @param {Awaited<ReturnType<typeof runBulk>>[]} rows */
function checkBulk(rows) {
	return rows.flatMap((r) => [
		{
			walk: r.walk,
			target: 'every item done, none failed',
			exact: true,
			pass: r.done === r.items && r.failed === 0,
		},
		{
			walk: r.walk,
			target: '429s <= 1% of requests',
			exact: false,
			pass: r.rateLimited <= r.requests / 100,
		},
		{ walk: r.walk, target: 'wall <= 1.15x ideal', exact: false, pass: r.ratio <= 1.15 },
	]);
}

module.exports = { runBulk, formatBulk, checkBulk };
