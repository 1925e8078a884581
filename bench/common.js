'use strict';
/**
 * What the bench's walks share: the emulator, statistics, Markdown tables, and running one
 * measured job (bench/side.js) in a fresh process.
 */
const { spawn } = require('child_process');
const path = require('path');

const { startEmulator } = require('../scripts/lib/emulator');

const SIDE = path.join(__dirname, 'side.js');

/** The bench's emulator (bench/emulator.js: no response checks, optional latency) in its own process. */
function benchEmulator(seed) {
	return startEmulator([JSON.stringify(seed)], { script: path.join(__dirname, 'emulator.js') });
}

/** @param {number[]} values @param {number} q a quantile (0.5 = the median's lower value) */
function quantile(values, q) {
	const s = [...values].sort((x, y) => x - y);
	return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
}

/** @param {number[]} values */
function median(values) {
	const s = [...values].sort((x, y) => x - y);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A Markdown table, its columns padded. @param {string[]} head @param {string[][]} rows */
function table(head, rows) {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
	const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Runs bench/side.js on `job` in a fresh process and resolves what it reports over IPC.
 * n8n-core writes its config into N8N_USER_FOLDER when loaded: `userFolder`, never the home folder.
 */
async function runSide(job, userFolder) {
	const child = spawn(process.execPath, ['--expose-gc', SIDE], {
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

module.exports = { benchEmulator, quantile, median, table, runSide };
