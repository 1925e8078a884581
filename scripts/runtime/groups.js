'use strict';
/**
 * Long-running children (npm installs, apt-get) in their own process groups, so that one kill
 * reaches everything they started (node-gyp, make, compilers). When this process is interrupted
 * (SIGINT, SIGTERM, SIGHUP) or exits, every group still running is stopped and the registered
 * cleanups run (locks released); the signal is then re-raised unless another handler (e.g.
 * `npm start`'s shutdown) takes care of exiting.
 *
 * CommonJS, no dependencies.
 */
const { spawn } = require('child_process');

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const GRACE_MS = 3000;

/** @type {Set<import('child_process').ChildProcess>} */
const groups = new Set();
/** @type {Set<() => void>} */
const cleanups = new Set();
let hooked = false;
let interrupted = false;

function signalGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
	} catch {
		/* the group is gone */
	}
}

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

/** SIGTERM to every group, SIGKILL to all of them after a grace period (or once the leaders exited). */
async function stopAll() {
	const running = [...groups];
	for (const child of running) signalGroup(child.pid, 'SIGTERM');
	const leadersGone = Promise.all(
		running.map(
			(child) =>
				new Promise((r) =>
					child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r),
				),
		),
	);
	await Promise.race([leadersGone, new Promise((r) => setTimeout(r, GRACE_MS))]);
	// Grandchildren may outlive their leader: the whole group goes.
	for (const child of running) signalGroup(child.pid, 'SIGKILL');
}

async function onSignal(signal) {
	if (interrupted) return;
	interrupted = true;
	await stopAll();
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
		for (const child of groups) signalGroup(child.pid, 'SIGKILL');
		runCleanups();
	});
}

/** Registers a synchronous cleanup for an interruption or exit; returns its remover. */
function atInterrupt(fn) {
	hook();
	cleanups.add(fn);
	return () => cleanups.delete(fn);
}

/**
 * Runs `command args` in a new process group. Resolves { code, signal } when it ends; rejects
 * when it cannot start. `onStart(pid)` is called right after the spawn (the pid is the pgid).
 * @param {string} command
 * @param {string[]} args
 * @param {import('child_process').SpawnOptions & { onStart?: (pid: number) => void }} [options]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null }>}
 */
function runGroup(command, args, { onStart, ...options } = {}) {
	hook();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit', ...options, detached: true });
		child.once('error', reject);
		if (child.pid === undefined) return;
		groups.add(child);
		if (onStart) onStart(child.pid);
		child.once('exit', (code, signal) => {
			// Whatever the leader left behind is a straggler.
			signalGroup(child.pid, 'SIGKILL');
			groups.delete(child);
			resolve({ code, signal });
		});
	});
}

module.exports = { runGroup, atInterrupt, signalGroup };
