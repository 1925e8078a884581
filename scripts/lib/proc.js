'use strict';
/**
 * Child processes in process groups of their own, so that one signal reaches everything they
 * start (node-gyp and compilers under npm, n8n's task runners, postgres's backends):
 *   spawnGroup  a service (n8n, the emulator, redis), its output kept; its owner stops it
 *   runGroup    a job (npm install, apt-get) run to its end. An interrupt of this process (SIGINT,
 *               SIGTERM, SIGHUP) stops every job and runs the atInterrupt cleanups (locks
 *               released), then re-raises the signal unless another handler (npm start's) exits.
 * Whatever is still running when this process exits is killed with its group.
 *
 * CommonJS, no dependencies.
 */
const fs = require('fs');
const readline = require('readline');
const { spawn } = require('child_process');

const { until } = require('./wait');

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const INTERRUPT_GRACE_MS = 3000;

/** Every group of ours still running, the jobs of runGroup among them, the cleanups. */
const running = new Set();
const jobs = new Set();
const cleanups = new Set();
let hooked = false;
let interrupted = false;

/** Sends `signal` to process group `pgid`; false when there is no such group. */
function signalGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

const groupAlive = (pgid) => signalGroup(pgid, 0);

function runCleanups() {
	for (const fn of [...cleanups]) {
		cleanups.delete(fn);
		try {
			fn();
		} catch {
			/* best effort: the process is ending */
		}
	}
}

/**
 * Stops a child's whole group: `signal` (to the leader alone with `leaderOnly`, e.g. postgres,
 * which stops its backends itself), SIGKILL to the group after `graceMs`, and SIGKILL to what the
 * leader left behind once it exited. Resolves when the leader has exited.
 */
async function stopGroup(child, { signal = 'SIGTERM', graceMs = 10000, leaderOnly = false } = {}) {
	if (child.pid === undefined) return;
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		if (leaderOnly) child.kill(signal);
		else signalGroup(child.pid, signal);
		const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
	signalGroup(child.pid, 'SIGKILL');
}

async function onSignal(signal) {
	if (interrupted) return;
	interrupted = true;
	await Promise.all([...jobs].map((child) => stopGroup(child, { graceMs: INTERRUPT_GRACE_MS })));
	runCleanups();
	if (process.listenerCount(signal) === 1) {
		for (const s of SIGNALS) process.removeListener(s, onSignal);
		process.kill(process.pid, signal);
	}
}

function hook() {
	if (hooked) return;
	hooked = true;
	for (const s of SIGNALS) process.on(s, onSignal);
	process.on('exit', () => {
		for (const child of running) signalGroup(child.pid, 'SIGKILL');
		runCleanups();
	});
}

/** Registers a synchronous cleanup for an interruption or exit; returns its remover. */
function atInterrupt(fn) {
	hook();
	cleanups.add(fn);
	return () => cleanups.delete(fn);
}

function track(child, set) {
	set.add(child);
	child.once('exit', () => {
		set.delete(child);
		signalGroup(child.pid, 'SIGKILL'); // whatever the leader left behind is a straggler
	});
}

/** Keeps a child's output (the last megabyte or more) and passes it on; returns its reader. */
function capture(child, { logFile, onOutput, onLine }) {
	const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	let output = '';
	for (const stream of [child.stdout, child.stderr].filter(Boolean)) {
		stream.on('data', (chunk) => {
			const text = String(chunk);
			output += text;
			if (output.length > 2_000_000) output = output.slice(-1_000_000);
			if (log) log.write(text);
			if (onOutput) onOutput(text);
		});
		if (onLine) readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
	}
	child.once('close', () => log && log.end());
	return () => output;
}

/**
 * Starts a service in a new process group. Its output is kept (`logs()`), appended to `logFile`,
 * and passed to `onOutput(text)` and `onLine(line)`; `stdin: 'pipe'` keeps a pipe open that
 * closes when this process dies (`stdio` replaces all that). `ready(what, check, options)` waits
 * (wait.js until) for `check`, failing at once when the service exits, with its output's tail.
 */
function spawnGroup(
	command,
	args,
	{ logFile, stdin = 'ignore', onOutput, onLine, ...options } = {},
) {
	hook();
	const stdio = options.stdio || [stdin, 'pipe', 'pipe'];
	const child = spawn(command, args, { ...options, detached: true, stdio });
	const logs = capture(child, { logFile, onOutput, onLine });
	if (child.pid !== undefined) track(child, running);
	let exitInfo = null;
	const exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => resolve((exitInfo = { code, signal })));
		child.once('error', (e) =>
			resolve((exitInfo = { code: null, signal: null, error: String(e) })),
		);
	});
	const stop = async (how) => {
		await stopGroup(child, how);
		return exited;
	};
	const gone = () => exitInfo && `exited (${JSON.stringify(exitInfo)})`;
	const ready = (what, check, options) =>
		until(what, check, { ...options, unless: gone }).catch((e) => {
			throw new Error(`${e.message}\n${logs().slice(-4000)}`);
		});
	/** A signal to the whole group (default SIGKILL); false when the group is gone. */
	const kill = (signal = 'SIGKILL') => signalGroup(child.pid, signal);
	return { child, pid: child.pid, exited, exitInfo: () => exitInfo, logs, ready, kill, stop };
}

/**
 * Runs a job in a new process group (stdio inherited unless given); resolves { code, signal } when
 * it ends, rejects when it cannot start. `onStart(pid)` is called right after the spawn (the pid is
 * the pgid). An interrupt of this process stops it.
 */
async function runGroup(command, args, { onStart, stdio = 'inherit', ...options } = {}) {
	const job = spawnGroup(command, args, { ...options, stdio });
	if (job.pid !== undefined) {
		track(job.child, jobs);
		if (onStart) onStart(job.pid);
	}
	const { code, signal, error } = await job.exited;
	if (error) throw new Error(`${command} ${args.join(' ')}: ${error}`);
	return { code, signal };
}

module.exports = { runGroup, spawnGroup, signalGroup, groupAlive, atInterrupt };
