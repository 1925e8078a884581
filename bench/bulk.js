// @ts-check
'use strict';

/**
 * The bulk walk of `npm run bench`: many input items to Link against an emulator enforcing a
 * windowed rate limit as DevRev does (calls per token per window), with the node pacing itself.
 * Ideal wall = requests ÷ limit × window. Side A only: a raw loop has no pacing to compare with.
 */

const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startEmulator, requestJson } = require('./emulator-process');

const TOKEN = 'bench-bulk-token';

/**
 * @param {{harness: string, items: number, limit: number, windowMs: number, executions: number}} o
 * @returns {Promise<{walk: string, items: number, done: number, failed: number, requests: number, rateLimited: number,
 *   wallS: number, idealS: number, ratio: number}>}
 */
async function runBulk(o) {
	const emulator = await startEmulator({
		revUsers: o.items,
		sysUsers: 0,
		token: TOKEN,
		rateLimit: o.limit,
		rateLimitWindowMs: o.windowMs,
	});
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-bulk-'));
	try {
		const state = await requestJson(`${emulator.url}/__emulator/state?limit=${o.items}`);
		const orgs = await requestJson(`${emulator.url}/__emulator/state?limit=0`);
		const users = state.rev_users.map((/** @type {any} */ u) => u.id);
		const org = state.rev_users.find((/** @type {any} */ u) => u.rev_org)?.rev_org.id;
		if (!org || orgs.counts.rev_orgs < 1) throw new Error('bulk seed has no rev org');
		// Start as a window opens, so runs compare.
		await new Promise((resolve) =>
			setTimeout(resolve, o.windowMs - (Date.now() % o.windowMs) + 10),
		);
		const job = {
			url: emulator.url,
			token: TOKEN,
			harness: o.harness,
			users,
			org,
			executions: o.executions,
		};
		const child = spawn(process.execPath, [path.join(__dirname, 'side-bulk.js')], {
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
			env: {
				...process.env,
				BENCH_JOB: JSON.stringify(job),
				N8N_USER_FOLDER: userFolder,
				N8N_DIAGNOSTICS_ENABLED: 'false',
			},
		});
		/** @type {any} */
		let result;
		child.on('message', (m) => (result = m));
		const code = await new Promise((resolve) => child.on('exit', resolve));
		if (code !== 0 || !result) throw new Error(`bulk walk failed (exit ${code})`);
		const { requests } = await requestJson(`${emulator.url}/__emulator/requests`);
		const links = requests.filter((/** @type {any} */ r) => r.path === '/rev-users.link');
		const idealS = (links.length / o.limit) * (o.windowMs / 1000);
		const wallS = result.wallMs / 1000;
		return {
			walk: `Link ${o.items} items, ${o.executions} execution${o.executions > 1 ? 's' : ''} at once`,
			items: o.items,
			done: result.items - result.failed,
			failed: result.failed,
			requests: links.length,
			rateLimited: links.filter((/** @type {any} */ r) => r.status === 429).length,
			wallS,
			idealS,
			ratio: wallS / idealS,
		};
	} finally {
		emulator.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** @param {Awaited<ReturnType<typeof runBulk>>[]} rows @param {{limit: number, windowMs: number}} o */
function formatBulk(rows, o) {
	const head = [
		'bulk walk (limit ' + `${o.limit} per ${o.windowMs / 1000} s)`,
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
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (/** @type {string[]} */ cells) =>
		`| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

module.exports = { runBulk, formatBulk };
