'use strict';
/**
 * Child processes in process groups of their own, so that one signal reaches everything they
 * start (node-gyp and compilers under npm, n8n's task runners, postgres's backends).
 *
 *   runGroup    a job (npm install, apt-get) run to its end; an interrupt of this process
 *               (SIGINT, SIGTERM, SIGHUP) stops every running job and runs the atInterrupt
 *               cleanups (locks released), then re-raises the signal unless another handler
 *               (npm start's shutdown) takes care of exiting
 *   spawnGroup  a service (n8n, the emulator, redis) with its output kept; stopped by its owner
 * Whatever is still running when this process exits is killed with its group.
 *
 * CommonJS, no dependencies.
 */
const fs = require('fs');
const readline = require('readline');
const { spawn } = require('child_process');

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const INTERRUPT_GRACE_MS = 3000;

/** @type {Set<import('child_process').ChildProcess>} every group of ours still running */
const running = new Set();
/** @type {Set<import('child_process').ChildProcess>} the jobs of runGroup among them */
const jobs = new Set();
/** @type {Set<() => void>} */
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
const hasExited = (child) => child.exitCode !== null || child.signalCode !== null;

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
	if (!child || child.pid === undefined) return;
	if (!hasExited(child)) {
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
	const stopping = [...jobs].map((child) => stopGroup(child, { graceMs: INTERRUPT_GRACE_MS }));
	await Promise.all(stopping);
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

/**
 * Runs `command args` in a new process group (stdio inherited unless given). Resolves
 * { code, signal } when it ends; rejects when it cannot start. `onStart(pid)` is called right
 * after the spawn (the pid is the pgid).
 * @param {string} command @param {string[]} args
 * @param {import('child_process').SpawnOptions & { onStart?: (pid: number) => void }} [options]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null }>}
 */
function runGroup(command, args, { onStart, ...options } = {}) {
	hook();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit', ...options, detached: true });
		child.once('error', reject);
		if (child.pid === undefined) return;
		track(child, running);
		track(child, jobs);
		if (onStart) onStart(child.pid);
		child.once('exit', (code, signal) => resolve({ code, signal }));
	});
}

/**
 * Starts a service in a new process group. Its output is kept (the last megabyte or more,
 * `logs()`), appended to `logFile`, and passed to `onOutput(text)` and `onLine(line)`.
 * `stdin: 'pipe'` keeps a pipe open that closes when this process dies.
 * @param {string} command @param {string[]} args
 * @param {import('child_process').SpawnOptions & { logFile?: string, stdin?: 'ignore' | 'pipe',
 *   onOutput?: (text: string) => void, onLine?: (line: string) => void }} [options]
 */
function spawnGroup(
	command,
	args,
	{ logFile, stdin = 'ignore', onOutput, onLine, ...options } = {},
) {
	hook();
	const child = spawn(command, args, {
		...options,
		detached: true,
		stdio: [stdin, 'pipe', 'pipe'],
	});
	const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	let output = '';
	let exitInfo = null;
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk) => {
			const text = String(chunk);
			output += text;
			if (output.length > 2_000_000) output = output.slice(-1_000_000);
			if (log) log.write(text);
			if (onOutput) onOutput(text);
		});
		if (onLine) readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
	}
	if (child.pid !== undefined) track(child, running);
	const exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => resolve({ code, signal }));
		child.once('error', (e) => resolve({ code: null, signal: null, error: String(e) }));
	}).then((info) => {
		if (log) log.end();
		return (exitInfo = info);
	});
	return {
		child,
		pid: child.pid,
		exited,
		/** { code, signal } once it has exited, else null */
		exitInfo: () => exitInfo,
		logs: () => output,
		/** A signal to the whole group (default SIGKILL); false when the group is gone. */
		kill: (signal = 'SIGKILL') => signalGroup(child.pid, signal),
		/** @param {Parameters<typeof stopGroup>[1]} [how] */
		stop: async (how) => {
			await stopGroup(child, how);
			return exited;
		},
	};
}

module.exports = { runGroup, spawnGroup, stopGroup, signalGroup, groupAlive, atInterrupt };
