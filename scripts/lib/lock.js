'use strict';
/**
 * A lock between processes of one machine: a directory made with mkdir (atomic) holding
 * `owner.json` = { pid, started, groups: [{ pgid, started }] }. `started` is the process's start
 * time (/proc), so a reused pid is not mistaken for the owner.
 *
 * The owner records the process groups it starts (recordGroup). A lock whose owner is dead is
 * taken over, and the groups it recorded — an install left running by an owner that was killed
 * outright — are killed first, so nothing writes into what the new owner is about to redo.
 * Interrupting the owner (proc.js) releases the lock. CommonJS, no dependencies.
 */
const fs = require('fs');
const path = require('path');

const { atInterrupt, groupAlive, signalGroup } = require('./proc');
const { sleep } = require('./wait');

const OWNER = 'owner.json';
/** A lock directory without owner.json older than this is a crash between mkdir and write. */
const UNOWNED_STALE_MS = 10000;

/** Start time of a process in clock ticks since boot, or null when unknown (no /proc, no such pid). */
function processStart(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Field 22; the command name (field 2) may hold spaces and parentheses.
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
	} catch {
		return null;
	}
}

/** Whether the process now holding this pid is the one recorded (where both start times are known). */
function isSame({ pid, started }) {
	const now = processStart(pid);
	return started == null || now == null || now === started;
}

function isAlive(owner) {
	try {
		process.kill(owner.pid, 0);
	} catch (e) {
		if (e.code !== 'EPERM') return false;
	}
	return !!owner.pid && isSame(owner);
}

/**
 * Kills an orphaned group and waits until it is gone. A process with the group's pid but another
 * start time means the group ended and the pid was reused: it is left alone. (Linux does not hand
 * out a pid while a group of that id exists, so a group without its leader is still ours.)
 */
async function killOrphan({ pgid, started }, log) {
	if (!isSame({ pid: pgid, started }) || !groupAlive(pgid)) return;
	log(`stopping process group ${pgid} left running by an interrupted run`);
	signalGroup(pgid, 'SIGKILL');
	for (let i = 0; i < 100 && groupAlive(pgid); i++) await sleep(100);
}

function readOwner(lockPath) {
	try {
		return JSON.parse(fs.readFileSync(path.join(lockPath, OWNER), 'utf8'));
	} catch {
		return undefined;
	}
}

function writeOwner(lockPath, owner) {
	const tmp = path.join(lockPath, `.${OWNER}.${process.pid}`);
	fs.writeFileSync(tmp, JSON.stringify(owner));
	fs.renameSync(tmp, path.join(lockPath, OWNER));
}

function ageMs(p) {
	try {
		return Date.now() - fs.statSync(p).mtimeMs;
	} catch {
		return 0;
	}
}

/**
 * Removes the lock if its owner is dead (killing its recorded groups first). One process at a
 * time decides, under `<lock>.takeover`, and re-reads the owner there: two waiters that both saw
 * the same dead owner cannot both remove the lock, the second would remove the first's new one.
 * @returns {Promise<boolean>} whether the lock is free now
 */
async function takeOverIfStale(lockPath, log) {
	const guard = `${lockPath}.takeover`;
	try {
		fs.mkdirSync(guard);
	} catch (e) {
		if (e.code !== 'EEXIST') throw e;
		if (ageMs(guard) > UNOWNED_STALE_MS) fs.rmSync(guard, { recursive: true, force: true });
		return false;
	}
	try {
		const owner = readOwner(lockPath);
		if (!fs.existsSync(lockPath)) return true;
		if (owner ? isAlive(owner) : ageMs(lockPath) < UNOWNED_STALE_MS) return false;
		for (const group of (owner && owner.groups) || []) await killOrphan(group, log);
		fs.rmSync(lockPath, { recursive: true, force: true });
		return true;
	} finally {
		fs.rmSync(guard, { recursive: true, force: true });
	}
}

/** Takes the lock for `owner`, waiting while a live process holds it (or failing at once). */
async function acquire(lockPath, owner, { log, wait }) {
	fs.mkdirSync(path.dirname(lockPath), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockPath);
			return writeOwner(lockPath, owner);
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
		}
		if (await takeOverIfStale(lockPath, log)) continue;
		const holder = (readOwner(lockPath) || {}).pid;
		const name = path.basename(lockPath);
		if (!wait)
			throw Object.assign(new Error(`${name} is held by process ${holder || '?'}`), {
				code: 'ELOCKED',
				owner: holder,
			});
		if (!announced) log(`waiting for process ${holder || '?'} (${name}) ...`);
		announced = true;
		await sleep(1000);
	}
}

/**
 * Runs `fn(lock)` holding the lock at `lockPath`; `lock.recordGroup(pgid)` notes a process group
 * the owner started. Waits while another live process holds it, or with `wait: false` rejects at
 * once with an error whose `code` is ELOCKED and `owner` the holder's pid.
 */
async function withLock(lockPath, fn, { log = () => {}, wait = true } = {}) {
	const owner = { pid: process.pid, started: processStart(process.pid), groups: [] };
	await acquire(lockPath, owner, { log, wait });
	const release = () => fs.rmSync(lockPath, { recursive: true, force: true });
	const forget = atInterrupt(release);
	const recordGroup = (pgid) => {
		owner.groups.push({ pgid, started: processStart(pgid) });
		writeOwner(lockPath, owner);
	};
	try {
		return await fn({ recordGroup });
	} finally {
		forget();
		release();
	}
}

module.exports = { withLock };
