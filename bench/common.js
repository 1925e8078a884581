'use strict';
/**
 * What the bench's walks share: the emulator, a temporary folder, statistics, tables, checks, and
 * one measured job (bench/side.js) in a fresh process.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { startEmulator } = require('../scripts/lib/emulator');

/** The bench's emulator (bench/emulator.js: no response checks, optional latency) in its own process. */
function benchEmulator(seed) {
	return startEmulator([JSON.stringify(seed)], { script: path.join(__dirname, 'emulator.js') });
}

/** `fn(dir)` with a temporary folder, removed afterwards. */
async function withTempDir(prefix, fn) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	try {
		return await fn(dir);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** @param {number} q a quantile (0.5 = the median's lower value) */
function quantile(values, q) {
	const s = [...values].sort((x, y) => x - y);
	return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
}

function median(values) {
	const s = [...values].sort((x, y) => x - y);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * A Markdown table of `rows`, its columns padded.
 * @param {any[]} rows @param {[string, (row: any) => unknown][]} columns [heading, a row's cell]
 */
function table(rows, columns) {
	const cells = rows.map((row) => columns.map(([, cell]) => String(cell(row))));
	const head = columns.map(([heading]) => heading);
	const widths = head.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
	const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** A target of a walk; `exact` ones (items, requests) do not depend on the machine. */
const check = (walk, target, pass, exact = true) => ({ walk, target, pass, exact });

/**
 * Prints the checks and returns the exit code: timing and memory misses are findings, not
 * failures; wrong items or extra requests are bugs.
 */
function report(checks) {
	for (const c of checks) console.log(`${c.pass ? 'PASS' : 'MISS'}  ${c.walk}: ${c.target}`);
	return checks.every((c) => c.pass || !c.exact) ? 0 : 1;
}

/**
 * Runs bench/side.js on `job` in a fresh process and resolves what it reports over IPC.
 * n8n-core writes its config into N8N_USER_FOLDER when loaded: `userFolder`, never the home folder.
 */
async function runSide(job, userFolder) {
	const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, 'side.js')], {
		stdio: ['ignore', 'ignore', 'inherit', 'ipc'], // results come over IPC; n8n-core's notices are not wanted
		env: {
			...process.env,
			BENCH_JOB: JSON.stringify(job),
			N8N_USER_FOLDER: userFolder,
			N8N_DIAGNOSTICS_ENABLED: 'false',
		},
	});
	let result;
	child.on('message', (m) => (result = m));
	const code = await new Promise((resolve) => child.on('exit', resolve));
	if (code !== 0 || !result) throw new Error(`bench side ${job.side} failed (exit ${code})`);
	return result;
}

module.exports = { benchEmulator, withTempDir, quantile, median, table, check, report, runSide };
