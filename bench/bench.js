#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * npm run bench [-- --rounds 5 --rev-users 100000 --sys-users 5000 --scan-page-size 100 --latency 0 --profile DIR
 *                    --bulk-items 2000 --bulk-limit 100 --bulk-window-ms 2000
 *                    --trigger-events 500 --trigger-concurrency 16 --trigger-rounds 2]
 * Side A (the node through n8n's engine) against side B (a raw axios cursor loop) on the same
 * emulator; every round of every side is its own process. Then the bulk walk (bulk.js): Link of
 * --bulk-items items against a windowed rate limit, one and two executions at once (0 skips it).
 * Then the trigger walk (trigger.js): bursts of --trigger-events signed DevRev events into real
 * n8n, the DevRev Trigger against n8n's bare Webhook node (0 skips it; it needs the n8n runtime
 * of scripts/n8n-runtime.js, installed on first use).
 * See README's performance section.
 */

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WALKS, minimalRequests } = require('./walks');
const { runBulk, formatBulk } = require('./bulk');
const { startEmulator, requestJson } = require('./emulator-process');
const { emulatorSpeed, formatEmulatorTable } = require('./emulator-speed');
const { runTriggerBench, formatTrigger, checkTrigger } = require('./trigger');

const ROOT = path.resolve(__dirname, '..');
const TOKEN = 'bench-token';
const WALL_RATIO = 1.3;
const RSS_RATIO = 2;

/**
 * @typedef {object} Options
 * @property {number} revUsers
 * @property {number} sysUsers
 * @property {number} scanPageSize   the server's page size on rev-users.scan (it takes no limit)
 * @property {number} [latencyMs]    delay the emulator adds to every answer
 * @property {number} rounds
 * @property {string} harness        compiled engine.js; see compileHarness
 * @property {string} [profile]      a folder for CPU profiles and heap snapshots of every timed walk
 * @property {(line: string) => void} [log]
 * @typedef {{items: number, firstId?: string, lastId?: string, wallMs: number, cpuMs: number, rssBeforeKb: number,
 *   maxRssKb: number, requests: number, asks: (number | null)[], paths: string[]}} Run
 */

/** Compiles the node, credential and engine harness (bench/tsconfig.json) into outDir. @param {string} outDir */
function compileHarness(outDir) {
	const tsc = require.resolve('typescript/bin/tsc');
	execFileSync(
		process.execPath,
		[tsc, '-p', path.join(__dirname, 'tsconfig.json'), '--outDir', outDir],
		{ stdio: 'inherit' },
	);
	return path.join(outDir, 'test', 'harness', 'engine.js');
}

/**
 * Runs one walk of one side in a fresh process, then reads what the emulator received.
 * @param {'a' | 'b'} side @param {string} walk @param {string} url @param {Options} o @param {string} userFolder
 * @param {number} round
 * @returns {Promise<Run>}
 */
async function runSide(side, walk, url, o, userFolder, round) {
	const tag = `${side}-${walk.replace(/\W+/g, '-').toLowerCase()}-${round + 1}`;
	const job = { url, token: TOKEN, walk, harness: o.harness, profile: o.profile, tag };
	const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, `side-${side}.js`)], {
		stdio: ['ignore', 'ignore', 'inherit', 'ipc'], // results come over IPC; n8n-core's notices are not wanted
		// n8n-core writes its config into N8N_USER_FOLDER when loaded: never the home folder.
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
	if (code !== 0 || !result)
		throw new Error(`side ${side.toUpperCase()} failed on "${walk}" (exit ${code})`);
	const { requests } = await requestJson(`${url}/__emulator/requests`);
	return {
		...result,
		requests: requests.length,
		asks: requests.map((/** @type {any} */ r) => r.body?.limit ?? null),
		paths: [...new Set(requests.map((/** @type {any} */ r) => r.path))],
	};
}

/** @param {number[]} values */
function median(values) {
	const s = [...values].sort((x, y) => x - y);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Every walk, every round, sides alternating (A B, then B A, ...), against one seeded emulator.
 * @param {Options} o
 */
async function runBench(o) {
	const log = o.log ?? (() => {});
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-bench-'));
	/** @type {{url: string, stop: () => void} | undefined} */
	let emulator;
	/** @type {Record<string, {a: Run[], b: Run[]}>} */
	const runs = Object.fromEntries(WALKS.map((w) => [w.name, { a: [], b: [] }]));
	try {
		emulator = await startEmulator({
			revUsers: o.revUsers,
			sysUsers: o.sysUsers,
			scanPageSize: o.scanPageSize,
			latencyMs: o.latencyMs,
			token: TOKEN,
		});
		for (let round = 0; round < o.rounds; round++) {
			for (const walk of WALKS) {
				for (const side of round % 2
					? /** @type {const} */ (['b', 'a'])
					: /** @type {const} */ (['a', 'b'])) {
					const run = await runSide(side, walk.name, emulator.url, o, userFolder, round);
					runs[walk.name][side].push(run);
					log(
						`round ${round + 1} ${side.toUpperCase()} ${walk.name}: ${run.items} items, ${run.requests} requests, ` +
							`${run.wallMs.toFixed(0)} ms, ${(run.maxRssKb / 1024).toFixed(0)} MB`,
					);
				}
			}
		}
	} finally {
		emulator?.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return WALKS.map((walk) => summarize(walk, runs[walk.name], o));
}

/** @param {import('./walks').Walk} walk @param {{a: Run[], b: Run[]}} runs @param {Options} o */
function summarize(walk, runs, o) {
	const expectedAsks = minimalRequests(walk, o, o.scanPageSize);
	const side = (/** @type {Run[]} */ r) => ({
		items: r[0].items,
		requests: r[0].requests,
		asks: r[0].asks,
		// the same in every round, the same path only, each asking for the minimal limit
		steady: r.every(
			(x) =>
				x.items === r[0].items &&
				x.requests === r[0].requests &&
				x.firstId === r[0].firstId &&
				x.lastId === r[0].lastId &&
				x.paths.length === 1 &&
				x.paths[0] === walk.path,
		),
		minimal: r.every((x) => JSON.stringify(x.asks) === JSON.stringify(expectedAsks)),
		ends: `${r[0].firstId}…${r[0].lastId}`,
		wallMs: median(r.map((x) => x.wallMs)),
		cpuMs: median(r.map((x) => x.cpuMs)),
		rssMb: median(r.map((x) => x.maxRssKb)) / 1024,
		rssBeforeMb: median(r.map((x) => x.rssBeforeKb)) / 1024,
	});
	const a = side(runs.a);
	const b = side(runs.b);
	return {
		walk: walk.name,
		expectedItems: Math.min(walk.limit, o[walk.kind]),
		expectedRequests: expectedAsks.length,
		a,
		b,
		wallRatio: a.wallMs / b.wallMs,
		rssRatio: a.rssMb / b.rssMb,
	};
}

/** The targets per walk; `exact` ones (items, requests) do not depend on the machine. @param {ReturnType<typeof summarize>[]} rows */
function checkTargets(rows) {
	return rows.flatMap((r) => [
		{
			walk: r.walk,
			target: 'same items as B, as seeded',
			exact: true,
			pass:
				r.a.items === r.expectedItems &&
				r.b.items === r.expectedItems &&
				r.a.ends === r.b.ends &&
				r.a.steady &&
				r.b.steady,
		},
		{
			walk: r.walk,
			target: `requests = minimum (${r.expectedRequests})`,
			exact: true,
			pass: r.a.minimal && r.b.minimal,
		},
		{
			walk: r.walk,
			target: `wall A/B <= ${WALL_RATIO}`,
			exact: false,
			pass: r.wallRatio <= WALL_RATIO,
		},
		{
			walk: r.walk,
			target: `peak RSS A <= ${RSS_RATIO}x B`,
			exact: false,
			pass: r.rssRatio <= RSS_RATIO,
		},
	]);
}

/** @param {ReturnType<typeof summarize>[]} rows */
function formatTable(rows) {
	const head = [
		'walk',
		'items A/B',
		'requests A/B',
		'wall ms A/B',
		'ratio',
		'CPU ms A/B',
		'peak RSS MB A/B',
		'ratio',
		'RSS before walk MB A/B',
	];
	const body = rows.map((r) => [
		r.walk,
		`${r.a.items}/${r.b.items}`,
		`${r.a.requests}/${r.b.requests}`,
		`${r.a.wallMs.toFixed(1)}/${r.b.wallMs.toFixed(1)}`,
		r.wallRatio.toFixed(2),
		`${r.a.cpuMs.toFixed(0)}/${r.b.cpuMs.toFixed(0)}`,
		`${r.a.rssMb.toFixed(0)}/${r.b.rssMb.toFixed(0)}`,
		r.rssRatio.toFixed(2),
		`${r.a.rssBeforeMb.toFixed(0)}/${r.b.rssBeforeMb.toFixed(0)}`,
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (/** @type {string[]} */ cells) =>
		`| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** @param {string[]} argv */
function parseArgs(argv) {
	const o = {
		revUsers: 100000,
		sysUsers: 5000,
		scanPageSize: 100,
		rounds: 5,
		latencyMs: 0,
		profile: '',
		bulkItems: 2000,
		bulkLimit: 100,
		bulkWindowMs: 2000,
		triggerEvents: 500,
		triggerConcurrency: 16,
		triggerRounds: 2,
	};
	const flags = /** @type {Record<string, keyof typeof o>} */ ({
		'--rev-users': 'revUsers',
		'--sys-users': 'sysUsers',
		'--scan-page-size': 'scanPageSize',
		'--rounds': 'rounds',
		'--latency': 'latencyMs',
		'--profile': 'profile',
		'--bulk-items': 'bulkItems',
		'--bulk-limit': 'bulkLimit',
		'--bulk-window-ms': 'bulkWindowMs',
		'--trigger-events': 'triggerEvents',
		'--trigger-concurrency': 'triggerConcurrency',
		'--trigger-rounds': 'triggerRounds',
	});
	for (let i = 0; i < argv.length; i += 2) {
		const key = flags[argv[i]];
		const value = argv[i + 1];
		if (!key || value === undefined)
			throw new Error(`usage: bench.js [${Object.keys(flags).join(' N] [')} DIR]`);
		/** @type {any} */ (o)[key] = key === 'profile' ? path.resolve(value) : Number(value);
	}
	return o;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const harness = compileHarness(path.join(ROOT, '.bench'));
	console.log(
		`node ${process.version}, ${os.cpus()[0]?.model} x${os.cpus().length}; ${args.revUsers} rev users, ` +
			`${args.sysUsers} sys users, scan page size ${args.scanPageSize}, latency ${args.latencyMs} ms, ${args.rounds} rounds, medians`,
	);
	const rows = await runBench({ ...args, harness, log: (line) => console.log(line) });
	console.log(`\n${formatTable(rows)}\n`);
	const checks = checkTargets(rows);
	if (args.bulkItems > 0) {
		const bulk = {
			harness,
			items: args.bulkItems,
			limit: args.bulkLimit,
			windowMs: args.bulkWindowMs,
		};
		const bulkRows = [
			await runBulk({ ...bulk, executions: 1 }),
			await runBulk({ ...bulk, executions: 2 }),
		];
		console.log(`${formatBulk(bulkRows, bulk)}\n`);
		checks.push(
			...bulkRows.flatMap((r) => [
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
			]),
		);
	}
	if (args.triggerEvents > 0) {
		const trigger = {
			events: args.triggerEvents,
			concurrency: args.triggerConcurrency,
			rounds: args.triggerRounds,
		};
		const triggerRows = await runTriggerBench({ ...trigger, log: (line) => console.log(line) });
		console.log(`\n${formatTrigger(triggerRows, trigger)}\n`);
		checks.push(...checkTrigger(triggerRows));
	}
	for (const c of checks) console.log(`${c.pass ? 'PASS' : 'MISS'}  ${c.walk}: ${c.target}`);
	// Timing and memory misses are findings, not failures; wrong items or extra requests are bugs.
	process.exitCode = checks.every((c) => c.pass || !c.exact) ? 0 : 1;
	console.log(
		`\nThe emulator itself (in this process):\n\n${formatEmulatorTable(await emulatorSpeed({ revUsers: args.revUsers }))}\n`,
	);
}

if (require.main === module) {
	main().catch((e) => {
		console.error(e);
		process.exit(2);
	});
}

module.exports = { runBench, checkTargets, formatTable, compileHarness, emulatorSpeed };
