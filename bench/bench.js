#!/usr/bin/env node
'use strict';
/**
 * npm run bench [-- --rounds 5 --rev-users 100000 --sys-users 5000 --scan-page-size 100 --latency 0 --profile DIR
 *                   --bulk-items 2000 --bulk-limit 100 --bulk-window-ms 2000
 *                   --trigger-events 500 --trigger-concurrency 16 --trigger-rounds 2]
 * Side A (the node through n8n's engine) against side B (a raw axios cursor loop) on the same
 * emulator; every round of every side is its own process (side.js). Then the bulk walk (bulk.js):
 * Link of --bulk-items items against a windowed rate limit, one and two executions at once (0 skips
 * it). Then the trigger walk (trigger.js): bursts of --trigger-events signed DevRev events into real
 * n8n, the DevRev Trigger against n8n's bare Webhook node (0 skips it; it needs the n8n runtime of
 * scripts/runtime/, installed on first use). See README's performance section.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { parseFlags } = require('../scripts/lib/cli');
const { fetchJson } = require('../scripts/lib/net');
const { runBulk, formatBulk, checkBulk } = require('./bulk');
const { benchEmulator, median, runSide, table } = require('./common');
const { emulatorSpeed, formatEmulatorTable } = require('./emulator-speed');
const { runTriggerBench, formatTrigger, checkTrigger } = require('./trigger');
const { WALKS, minimalRequests } = require('./walks');

/**
 * Where the compiled harness goes: inside node_modules, so that it resolves the project's
 * dependencies and no linter or formatter of the repository reads it.
 */
const HARNESS_DIR = path.join(__dirname, '../node_modules/.cache/n8n-nodes-devrev-bench');
const TOKEN = 'bench-token';
const WALL_RATIO = 1.3;
const RSS_RATIO = 2;

/** Compiles the node, credential and engine harness (bench/tsconfig.json) into outDir. */
function compileHarness(outDir) {
	const tsc = require.resolve('typescript/bin/tsc');
	const project = path.join(__dirname, 'tsconfig.json');
	execFileSync(process.execPath, [tsc, '-p', project, '--outDir', outDir], { stdio: 'inherit' });
	return path.join(outDir, 'test', 'harness', 'engine.js');
}

/** One walk of one side in a fresh process, with what the emulator received. */
async function runWalk(side, walk, url, o, userFolder, round) {
	const tag = `${side}-${walk.replace(/\W+/g, '-').toLowerCase()}-${round + 1}`;
	const job = { side, url, token: TOKEN, walk, harness: o.harness, profile: o.profile, tag };
	const result = await runSide(job, userFolder);
	const { requests } = await fetchJson(`${url}/__emulator/requests`);
	const asks = requests.map((r) => r.body?.limit ?? null);
	return {
		...result,
		requests: requests.length,
		asks,
		paths: [...new Set(requests.map((r) => r.path))],
	};
}

/**
 * Every walk, every round, sides alternating (A B, then B A, ...), against one seeded emulator.
 * @param {{ revUsers: number, sysUsers: number, scanPageSize: number, latencyMs?: number,
 *   rounds: number, harness: string, profile?: string, log?: (line: string) => void }} o
 *   `harness`: compiled engine.js (compileHarness); `profile`: a folder for CPU profiles and heap
 *   snapshots of every timed walk; `scanPageSize`: the server's page size on rev-users.scan
 */
async function runBench(o) {
	const log = o.log ?? (() => {});
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-bench-'));
	const runs = Object.fromEntries(WALKS.map((w) => [w.name, { a: [], b: [] }]));
	const { revUsers, sysUsers, scanPageSize, latencyMs } = o;
	const emulator = await benchEmulator({
		revUsers,
		sysUsers,
		scanPageSize,
		latencyMs,
		token: TOKEN,
	});
	try {
		for (let round = 0; round < o.rounds; round++) {
			for (const walk of WALKS) {
				for (const side of round % 2 ? ['b', 'a'] : ['a', 'b']) {
					const run = await runWalk(side, walk.name, emulator.url, o, userFolder, round);
					runs[walk.name][side].push(run);
					const mb = (run.maxRssKb / 1024).toFixed(0);
					const what = `${run.items} items, ${run.requests} requests, ${run.wallMs.toFixed(0)} ms, ${mb} MB`;
					log(`round ${round + 1} ${side.toUpperCase()} ${walk.name}: ${what}`);
				}
			}
		}
	} finally {
		await emulator.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return WALKS.map((walk) => summarize(walk, runs[walk.name], o));
}

/** A side's rounds of one walk: the same every round, the fewest requests, medians. */
function sideSummary(walk, runs, expectedAsks) {
	const [r0] = runs;
	const same = (x) =>
		['items', 'requests', 'firstId', 'lastId'].every((k) => x[k] === r0[k]) &&
		x.paths.length === 1 &&
		x.paths[0] === walk.path;
	const of = (key) => median(runs.map((x) => x[key]));
	return {
		items: r0.items,
		requests: r0.requests,
		asks: r0.asks,
		// the same in every round, the same path only, each asking for the minimal limit
		steady: runs.every(same),
		minimal: runs.every((x) => JSON.stringify(x.asks) === JSON.stringify(expectedAsks)),
		ends: `${r0.firstId}…${r0.lastId}`,
		...{
			wallMs: of('wallMs'),
			cpuMs: of('cpuMs'),
			rssMb: of('maxRssKb') / 1024,
			rssBeforeMb: of('rssBeforeKb') / 1024,
		},
	};
}

function summarize(walk, runs, o) {
	const expectedAsks = minimalRequests(walk, o, o.scanPageSize);
	const a = sideSummary(walk, runs.a, expectedAsks);
	const b = sideSummary(walk, runs.b, expectedAsks);
	const expectedItems = Math.min(walk.limit, o[walk.kind]);
	const expectedRequests = expectedAsks.length;
	return {
		walk: walk.name,
		expectedItems,
		expectedRequests,
		a,
		b,
		wallRatio: a.wallMs / b.wallMs,
		rssRatio: a.rssMb / b.rssMb,
	};
}

/**
 * The targets per walk; `exact` ones (items, requests) do not depend on the machine.
 * @returns {{ walk: string, target: string, exact: boolean, pass: boolean }[]}
 */
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
	const ab = (r, key, digits) => `${r.a[key].toFixed(digits)}/${r.b[key].toFixed(digits)}`;
	const body = rows.map((r) => [
		r.walk,
		`${r.a.items}/${r.b.items}`,
		`${r.a.requests}/${r.b.requests}`,
		ab(r, 'wallMs', 1),
		r.wallRatio.toFixed(2),
		ab(r, 'cpuMs', 0),
		ab(r, 'rssMb', 0),
		r.rssRatio.toFixed(2),
		ab(r, 'rssBeforeMb', 0),
	]);
	return table(head, body);
}

const FLAGS = {
	'--rev-users': ['revUsers', 'number'],
	'--sys-users': ['sysUsers', 'number'],
	'--scan-page-size': ['scanPageSize', 'number'],
	'--rounds': ['rounds', 'number'],
	'--latency': ['latencyMs', 'number'],
	'--profile': ['profile', 'path'],
	'--bulk-items': ['bulkItems', 'number'],
	'--bulk-limit': ['bulkLimit', 'number'],
	'--bulk-window-ms': ['bulkWindowMs', 'number'],
	'--trigger-events': ['triggerEvents', 'number'],
	'--trigger-concurrency': ['triggerConcurrency', 'number'],
	'--trigger-rounds': ['triggerRounds', 'number'],
};
const DEFAULTS = {
	...{ revUsers: 100000, sysUsers: 5000, scanPageSize: 100, rounds: 5, latencyMs: 0, profile: '' },
	...{ bulkItems: 2000, bulkLimit: 100, bulkWindowMs: 2000 },
	...{ triggerEvents: 500, triggerConcurrency: 16, triggerRounds: 2 },
};

/** The bulk walk, one and two executions at once. */
async function bulkWalks(args, harness) {
	const bulk = {
		harness,
		items: args.bulkItems,
		limit: args.bulkLimit,
		windowMs: args.bulkWindowMs,
	};
	const rows = [
		await runBulk({ ...bulk, executions: 1 }),
		await runBulk({ ...bulk, executions: 2 }),
	];
	console.log(`${formatBulk(rows, bulk)}\n`);
	return checkBulk(rows);
}

/** The trigger walk in real n8n. */
async function triggerWalk(args) {
	const trigger = {
		events: args.triggerEvents,
		concurrency: args.triggerConcurrency,
		rounds: args.triggerRounds,
	};
	const rows = await runTriggerBench({ ...trigger, log: (line) => console.log(line) });
	console.log(`\n${formatTrigger(rows, trigger)}\n`);
	return checkTrigger(rows);
}

async function main() {
	const args = parseFlags(process.argv.slice(2), FLAGS, { defaults: DEFAULTS, help: __filename });
	const harness = compileHarness(HARNESS_DIR);
	const cpu = `${os.cpus()[0]?.model} x${os.cpus().length}`;
	const seed = `${args.revUsers} rev users, ${args.sysUsers} sys users, scan page size ${args.scanPageSize}`;
	console.log(
		`node ${process.version}, ${cpu}; ${seed}, latency ${args.latencyMs} ms, ${args.rounds} rounds, medians`,
	);
	const rows = await runBench({ ...args, harness, log: (line) => console.log(line) });
	console.log(`\n${formatTable(rows)}\n`);
	const checks = checkTargets(rows);
	if (args.bulkItems > 0) checks.push(...(await bulkWalks(args, harness)));
	if (args.triggerEvents > 0) checks.push(...(await triggerWalk(args)));
	for (const c of checks) console.log(`${c.pass ? 'PASS' : 'MISS'}  ${c.walk}: ${c.target}`);
	// Timing and memory misses are findings, not failures; wrong items or extra requests are bugs.
	process.exitCode = checks.every((c) => c.pass || !c.exact) ? 0 : 1;
	const speed = await emulatorSpeed({ revUsers: args.revUsers });
	console.log(`\nThe emulator itself (in this process):\n\n${formatEmulatorTable(speed)}\n`);
}

if (require.main === module) {
	main().catch((e) => {
		console.error(e);
		process.exit(2);
	});
}

module.exports = {
	HARNESS_DIR,
	runBench,
	checkTargets,
	formatTable,
	compileHarness,
	emulatorSpeed,
	benchEmulator,
};
