#!/usr/bin/env node
'use strict';
/**
 * Proves the first-contact path: clones this repository's HEAD into a temporary folder and runs
 * there, as a newcomer would and with no other command,
 *   1. `npm start`, until the editor answers (then stops it as Ctrl-C does, and checks that
 *      nothing it started is left running);
 *   2. `npm test`, which must pass.
 * The cached Node 24 + n8n runtime of this checkout is reused (N8N_RUNTIME_DIR): what is checked
 * is everything else a fresh clone lacks (node_modules, the build, the n8n user folder, the
 * n8n 1.x test engine, Chromium when missing). The inner run gets the environment of a developer's
 * shell: no npm_* variables of an enclosing npm run, no CI (so test/queue and this check itself
 * do not run inside it).
 *
 *   node test/fresh-clone/check.js [--keep]     --keep leaves the clone for a look
 * Prints the timings as JSON on its last line; exit code 0 when both commands passed.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const P = require('../../scripts/runtime/paths');
const { request } = require('../../scripts/lib/net');
const { cleanNpmEnv } = require('../../scripts/lib/packages');
const { groupAlive, signalGroup } = require('../../scripts/lib/proc');
const { until } = require('../../scripts/lib/wait');

const START_TIMEOUT_MS = 30 * 60 * 1000;
const STOP_TIMEOUT_MS = 60 * 1000;
const log = (line) => process.stderr.write(`[fresh-clone] ${line}\n`);
const seconds = (ms) => Math.round(ms / 1000);

function git(args, cwd) {
	const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
	return r.stdout.trim();
}

/** A clone of HEAD (the commit, also when it is on no branch). */
function cloneHead(dir) {
	const head = git(['rev-parse', 'HEAD'], P.ROOT);
	git(['clone', '--quiet', '--no-checkout', P.ROOT, dir]);
	git(['fetch', '--quiet', P.ROOT, head], dir);
	git(['checkout', '--quiet', '--detach', head], dir);
	return head;
}

/** The environment of a developer's shell, with the runtime cache of this checkout. */
function newcomerEnv() {
	const env = cleanNpmEnv();
	for (const k of ['CI', 'N8N_QUEUE_E2E', 'FRESH_CLONE_CHECK', 'JEST_WORKER_ID', 'NODE_ENV'])
		delete env[k];
	return { ...env, N8N_RUNTIME_DIR: P.RUNTIME_DIR, FRESH_CLONE_INNER: '1' };
}

/** The status `url` answers now, 0 when nothing answers. */
const statusOf = async (url) =>
	(await request(url, { timeoutMs: 2000 }).catch(() => ({ status: 0 }))).status;

/** The editor URL `npm start` printed, once it answers. */
async function editorUrl(child, logFile) {
	const exited = () => child.exitCode !== null || child.signalCode !== null;
	const printed = () => (/Editor\s+(http:\/\/\S+)/.exec(fs.readFileSync(logFile, 'utf8')) || [])[1];
	const ready = async () =>
		printed() && (await statusOf(`${printed()}/healthz/readiness`)) === 200 && printed();
	const url = await until('npm start to bring up the editor', ready, {
		timeoutMs: START_TIMEOUT_MS,
		intervalMs: 1000,
		unless: () => exited() && `npm start exited before the editor answered; see ${logFile}`,
	});
	const editor = await request(`${url}/signin`);
	if (editor.status !== 200 || !/<html/i.test(editor.text))
		throw new Error(`the editor at ${url} answered ${editor.status}`);
	return url;
}

/** SIGINT to the group (a terminal's Ctrl-C) must end everything within STOP_TIMEOUT_MS. */
async function checkCtrlC(child, url, logFile) {
	signalGroup(child.pid, 'SIGINT');
	const gone = () => !groupAlive(child.pid);
	await until('npm start to stop after Ctrl-C', gone, {
		timeoutMs: STOP_TIMEOUT_MS,
		intervalMs: 250,
	});
	// n8n and the emulator run in process groups of their own: they must not answer any more.
	const emulator = (/local DevRev emulator (http:\/\/\S+)/.exec(fs.readFileSync(logFile, 'utf8')) ||
		[])[1];
	for (const [what, u] of [
		['n8n', `${url}/healthz`],
		['the emulator', `${emulator}/__emulator/state?limit=0`],
	]) {
		if ((await statusOf(u)) !== 0) throw new Error(`${what} still answers at ${u} after Ctrl-C`);
	}
}

/**
 * `npm start` in its own process group; resolves once the editor it announces answers. Then
 * Ctrl-C must stop everything it started.
 */
async function checkStart(dir, env, logFile) {
	const out = fs.openSync(logFile, 'w');
	const child = spawn('npm', ['start'], {
		cwd: dir,
		env,
		stdio: ['ignore', out, out],
		detached: true,
	});
	fs.closeSync(out);
	const started = Date.now();
	try {
		const url = await editorUrl(child, logFile);
		const startMs = Date.now() - started;
		log(`npm start: the editor answers at ${url} after ${seconds(startMs)} s`);
		const stopping = Date.now();
		await checkCtrlC(child, url, logFile);
		log(`npm start: Ctrl-C stopped everything in ${seconds(Date.now() - stopping)} s`);
		return { url, startMs, stopMs: Date.now() - stopping };
	} finally {
		signalGroup(child.pid, 'SIGKILL');
	}
}

/** `npm test`, its output through to ours; resolves its exit code. */
function runTest(dir, env) {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['test'], {
			cwd: dir,
			env,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		child.on('error', reject);
		child.on('exit', (code, signal) => resolve(code === null ? `signal ${signal}` : code));
	});
}

async function main() {
	const keep = process.argv.includes('--keep');
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-devrev-fresh-'));
	const dir = path.join(base, 'n8n-nodes-devrev');
	const result = { commit: '', clone: dir, runtimeDir: P.RUNTIME_DIR };
	try {
		result.commit = cloneHead(dir);
		log(`cloned ${result.commit.slice(0, 12)} into ${dir} (runtime cache ${P.RUNTIME_DIR})`);
		const env = newcomerEnv();
		result.start = await checkStart(dir, env, path.join(base, 'npm-start.log'));
		const t0 = Date.now();
		result.testExit = await runTest(dir, env);
		result.testMs = Date.now() - t0;
		log(`npm test: exit ${result.testExit} after ${seconds(result.testMs)} s`);
		if (result.testExit !== 0) process.exitCode = 1;
	} catch (e) {
		result.error = e.message;
		process.exitCode = 1;
		log(e.message);
	} finally {
		// The clone's own n8n data, which its npm start keeps outside the clone.
		const stateDir = P.stateDirOf(fs.existsSync(dir) ? fs.realpathSync(dir) : dir);
		if (!keep && !process.exitCode) {
			fs.rmSync(base, { recursive: true, force: true });
			fs.rmSync(stateDir, { recursive: true, force: true });
		} else log(`kept ${base} and ${stateDir}`);
	}
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
