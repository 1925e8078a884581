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
const os = require('os');
const path = require('path');

const { parseFlags, runMain } = require('../scripts/lib/cli');
const { fetchJson } = require('../scripts/lib/net');
const { bulkWalks } = require('./bulk');
const { benchEmulator, check, median, report, runSide, table, withTempDir } = require('./common');
const { emulatorSpeed, formatEmulatorTable } = require('./emulator-speed');
const { triggerWalk } = require('./trigger');
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
async function runWalk(job, userFolder) {
	const result = await runSide(job, userFolder);
	const { requests } = await fetchJson(`${job.url}/__emulator/requests`);
	const asks = requests.map((r) => r.body?.limit ?? null);
	const paths = [...new Set(requests.map((r) => r.path))];
	return { ...result, requests: requests.length, asks, paths };
}

/**
 * Every walk, every round, sides alternating (A B, then B A, ...), against one seeded emulator.
 * `o.harness`: compiled engine.js (compileHarness); `o.profile`: a folder for CPU profiles and heap
 * snapshots of every timed walk; `o.scanPageSize`: the server's page size on rev-users.scan.
 */
async function runBench(o) {
	const { revUsers, sysUsers, scanPageSize, latencyMs, harness, profile, log = () => {} } = o;
	const emulator = await benchEmulator({
		revUsers,
		sysUsers,
		scanPageSize,
		latencyMs,
		token: TOKEN,
	});
	const runs = Object.fromEntries(WALKS.map((w) => [w.name, { a: [], b: [] }]));
	const walkAll = async (userFolder) => {
		for (let round = 0; round < o.rounds; round++)
			for (const { name } of WALKS)
				for (const side of round % 2 ? ['b', 'a'] : ['a', 'b']) {
					const tag = `${side}-${name.replace(/\W+/g, '-').toLowerCase()}-${round + 1}`;
					const job = { side, url: emulator.url, token: TOKEN, walk: name, harness, profile, tag };
					const run = await runWalk(job, userFolder);
					runs[name][side].push(run);
					const mb = (run.maxRssKb / 1024).toFixed(0);
					const what = `${run.items} items, ${run.requests} requests, ${run.wallMs.toFixed(0)} ms, ${mb} MB`;
					log(`round ${round + 1} ${side.toUpperCase()} ${name}: ${what}`);
				}
	};
	try {
		await withTempDir('n8n-devrev-bench-', walkAll);
	} finally {
		await emulator.stop();
	}
	return WALKS.map((walk) => summarize(walk, runs[walk.name], o));
}

/** A side's rounds of one walk: the same in every round, on the walk's path only, and medians. */
function sideSummary(walk, runs, expectedAsks) {
	const [r0] = runs;
	const same = (x) =>
		['items', 'requests', 'firstId', 'lastId'].every((k) => x[k] === r0[k]) &&
		String(x.paths) === walk.path;
	const of = (key) => median(runs.map((x) => x[key]));
	return {
		items: r0.items,
		requests: r0.requests,
		asks: r0.asks,
		steady: runs.every(same),
		minimal: runs.every((x) => JSON.stringify(x.asks) === JSON.stringify(expectedAsks)),
		ends: `${r0.firstId}…${r0.lastId}`,
		wallMs: of('wallMs'),
		cpuMs: of('cpuMs'),
		rssMb: of('maxRssKb') / 1024,
		rssBeforeMb: of('rssBeforeKb') / 1024,
	};
}

function summarize(walk, runs, o) {
	const expectedAsks = minimalRequests(walk, o, o.scanPageSize);
	const a = sideSummary(walk, runs.a, expectedAsks);
	const b = sideSummary(walk, runs.b, expectedAsks);
	const expectedItems = Math.min(walk.limit, o[walk.kind]);
	const [wallRatio, rssRatio] = [a.wallMs / b.wallMs, a.rssMb / b.rssMb];
	return {
		walk: walk.name,
		expectedItems,
		expectedRequests: expectedAsks.length,
		a,
		b,
		wallRatio,
		rssRatio,
	};
}

/**
 * The targets per walk.
 * @returns {{ walk: string, target: string, exact: boolean, pass: boolean }[]}
 */
function checkTargets(rows) {
	return rows.flatMap((r) => [
		check(
			r.walk,
			'same items as B, as seeded',
			[r.a, r.b].every((s) => s.items === r.expectedItems && s.steady) && r.a.ends === r.b.ends,
		),
		check(r.walk, `requests = minimum (${r.expectedRequests})`, r.a.minimal && r.b.minimal),
		check(r.walk, `wall A/B <= ${WALL_RATIO}`, r.wallRatio <= WALL_RATIO, false),
		check(r.walk, `peak RSS A <= ${RSS_RATIO}x B`, r.rssRatio <= RSS_RATIO, false),
	]);
}

const ab = (key, digits) => (r) => `${r.a[key].toFixed(digits)}/${r.b[key].toFixed(digits)}`;
const ratio = (key) => (r) => r[key].toFixed(2);
const COLUMNS = [
	['walk', (r) => r.walk],
	['items A/B', ab('items', 0)],
	['requests A/B', ab('requests', 0)],
	['wall ms A/B', ab('wallMs', 1)],
	['ratio', ratio('wallRatio')],
	['CPU ms A/B', ab('cpuMs', 0)],
	['peak RSS MB A/B', ab('rssMb', 0)],
	['ratio', ratio('rssRatio')],
	['RSS before walk MB A/B', ab('rssBeforeMb', 0)],
];

const FLAGS = {
	'--rev-users': ['revUsers', 'number', 100000],
	'--sys-users': ['sysUsers', 'number', 5000],
	'--scan-page-size': ['scanPageSize', 'number', 100],
	'--rounds': ['rounds', 'number', 5],
	'--latency': ['latencyMs', 'number', 0],
	'--profile': ['profile', 'path', ''],
	'--bulk-items': ['bulkItems', 'number', 2000],
	'--bulk-limit': ['bulkLimit', 'number', 100],
	'--bulk-window-ms': ['bulkWindowMs', 'number', 2000],
	'--trigger-events': ['triggerEvents', 'number', 500],
	'--trigger-concurrency': ['triggerConcurrency', 'number', 16],
	'--trigger-rounds': ['triggerRounds', 'number', 2],
};

async function main() {
	const args = parseFlags(process.argv.slice(2), FLAGS, __filename);
	const harness = compileHarness(HARNESS_DIR);
	const cpu = `${os.cpus()[0]?.model} x${os.cpus().length}`;
	const seed = `${args.revUsers} rev users, ${args.sysUsers} sys users, scan page size ${args.scanPageSize}`;
	console.log(
		`node ${process.version}, ${cpu}; ${seed}, latency ${args.latencyMs} ms, ${args.rounds} rounds, medians`,
	);
	const rows = await runBench({ ...args, harness, log: console.log });
	console.log(`\n${table(rows, COLUMNS)}\n`);
	const checks = checkTargets(rows);
	const { bulkItems: items, bulkLimit: limit, bulkWindowMs: windowMs } = args;
	if (items > 0) checks.push(...(await bulkWalks({ harness, items, limit, windowMs })));
	const { triggerEvents: events, triggerConcurrency: concurrency, triggerRounds: rounds } = args;
	if (events > 0) checks.push(...(await triggerWalk({ events, concurrency, rounds })));
	process.exitCode = report(checks);
	const speed = await emulatorSpeed({ revUsers: args.revUsers });
	console.log(`\nThe emulator itself (in this process):\n\n${formatEmulatorTable(speed)}\n`);
}

if (require.main === module) runMain(main, { code: 2 });

module.exports = { HARNESS_DIR, runBench, checkTargets, compileHarness, emulatorSpeed };
