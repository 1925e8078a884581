'use strict';
/**
 * Installs Node 24 and n8n into the runtime cache (paths.js), once, under a lock.
 *
 * Each goes into `<dir>.staging` and is swapped in with renames only after its npm install
 * succeeded, so an interrupted install never leaves a half-filled node/ or n8n/: the next run
 * removes the leftovers (`*.staging`, `*.old-<pid>`) and installs again. npm runs in its own
 * process group (lib/proc.js), recorded in the lock (lib/lock.js): Ctrl-C stops it with every
 * build it started, and a run that finds the lock of a killed run kills that run's orphaned install.
 *
 * CommonJS, no dependencies.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const P = require('./paths');
const { withLock } = require('../lib/lock');
const { cleanNpmEnv, readJson } = require('../lib/packages');
const { runGroup } = require('../lib/proc');

function log(line) {
	if (!process.env.N8N_RUNTIME_QUIET) process.stderr.write(`[n8n-runtime] ${line}\n`);
}

const seconds = (since) => Math.round((Date.now() - since) / 1000);

/** PATH with Node 24 first (for npm lifecycle scripts, node-gyp and n8n's own child processes). */
function runtimePath(base = process.env.PATH || '') {
	return [P.NODE24_BIN_DIR, base].filter(Boolean).join(path.delimiter);
}

/**
 * Environment for npm installs into the cache: the runtime's own npm cache, none of the settings
 * of an enclosing `npm test` / `npm start` (ignore-scripts, prefix, ...) and no JOBS.
 */
function npmInstallEnv(extra = {}) {
	const { JOBS: _jobs, ...env } = cleanNpmEnv();
	return {
		...env,
		npm_config_cache: P.NPM_CACHE,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extra,
	};
}

/**
 * `npm <args>` in its own process group, output appended to install.log (its tail shown on
 * failure), a progress line every 30 s for CI logs.
 */
async function npmLogged(args, { cwd, env, what, onStart }) {
	fs.mkdirSync(P.RUNTIME_DIR, { recursive: true });
	const header = `\n$ (cd ${cwd} && npm ${args.join(' ')})  # ${new Date().toISOString()}\n`;
	fs.appendFileSync(P.INSTALL_LOG, header);
	const out = fs.openSync(P.INSTALL_LOG, 'a');
	const started = Date.now();
	const beat = setInterval(
		() => log(`... still installing ${what} (${seconds(started)} s)`),
		30000,
	);
	try {
		const stdio = ['ignore', out, out];
		const { code, signal } = await runGroup(P.NPM, args, { cwd, env, stdio, onStart });
		if (code === 0) return;
		const tail = fs.readFileSync(P.INSTALL_LOG, 'utf8').split('\n').slice(-60).join('\n');
		const last = `last lines of ${P.INSTALL_LOG}:\n${tail}`;
		throw new Error(`npm ${args.join(' ')} failed (${signal || code}); ${last}`);
	} finally {
		clearInterval(beat);
		fs.closeSync(out);
	}
}

function nodeInstalled() {
	const dep = ((readJson(path.join(P.NODE_DIR, 'package.json')) || {}).dependencies || {}).node;
	const want = P.NODE_SPEC.replace(/^node@/, '');
	const major = (v) => v.replace(/^[\^~]/, '').split('.')[0];
	return !!dep && (dep === want || major(dep) === major(want)) && fs.existsSync(P.NODE24);
}

function n8nInstalled() {
	const pkg = readJson(path.join(P.N8N_DIR, 'node_modules', 'n8n', 'package.json'));
	return !!pkg && pkg.version === P.N8N_VERSION && fs.existsSync(P.N8N_BIN);
}

function isInstalled() {
	const m = readJson(P.MARKER);
	return (
		!!m &&
		m.nodeSpec === P.NODE_SPEC &&
		m.n8nVersion === P.N8N_VERSION &&
		nodeInstalled() &&
		n8nInstalled()
	);
}

/** Staging folders and swapped-out copies of an interrupted run. */
function removeLeftovers() {
	if (!fs.existsSync(P.RUNTIME_DIR)) return;
	for (const name of fs.readdirSync(P.RUNTIME_DIR)) {
		if (!/^(node|n8n)\.(staging|old-\d+)$/.test(name)) continue;
		log(`removing ${name} left by an interrupted install`);
		fs.rmSync(path.join(P.RUNTIME_DIR, name), { recursive: true, force: true });
	}
}

/** `npm install <spec>` into `<target>.staging` (own package.json, scripts on), then swapped in. */
async function installInto(target, spec, { env, onStart }) {
	const staging = `${target}.staging`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	const pkg = { name: `n8n-runtime-${path.basename(target)}`, private: true };
	fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify(pkg, null, 2));
	// The repo's .npmrc turns scripts off; node's postinstall and n8n's native modules need them.
	fs.writeFileSync(path.join(staging, '.npmrc'), 'ignore-scripts=false\n');
	const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', spec];
	await npmLogged(args, { cwd: staging, env, what: spec, onStart });
	const old = `${target}.old-${process.pid}`;
	if (fs.existsSync(target)) fs.renameSync(target, old);
	fs.renameSync(staging, target);
	fs.rmSync(old, { recursive: true, force: true });
}

const nodeVersion = () => spawnSync(P.NODE24, ['--version'], { encoding: 'utf8' });

async function installNode(onStart) {
	log(`installing ${P.NODE_SPEC} into ${P.NODE_DIR} ...`);
	await installInto(P.NODE_DIR, P.NODE_SPEC, { env: npmInstallEnv(), onStart });
	const v = nodeVersion();
	if (v.status !== 0) throw new Error(`Node from ${P.NODE_SPEC} does not run: ${v.stderr}`);
	log(`node ${v.stdout.trim()} ready`);
}

async function installN8n(onStart) {
	const started = Date.now();
	log(
		`installing n8n@${P.N8N_VERSION} (first time only: several minutes, ~3 GB; log: ${P.INSTALL_LOG}) ...`,
	);
	const env = npmInstallEnv({
		PATH: runtimePath(),
		// A Kafka module would download prebuilt libraries otherwise; link against the system's.
		CKJS_LINKING: 'dynamic',
		// Native modules build against Node 24's headers (the user .npmrc may point at /usr).
		npm_config_nodedir: P.NODE24_HEADERS,
		// No JOBS: parallel make breaks librdkafka's configure step (config.h "no rule to make").
	});
	await installInto(P.N8N_DIR, `n8n@${P.N8N_VERSION}`, { env, onStart });
	if (!n8nInstalled())
		throw new Error(`npm installed n8n@${P.N8N_VERSION}, but ${P.N8N_BIN} is missing`);
	log(`n8n@${P.N8N_VERSION} installed in ${seconds(started)} s`);
}

function writeMarker() {
	const marker = {
		nodeSpec: P.NODE_SPEC,
		nodeVersion: nodeVersion().stdout.trim(),
		n8nVersion: P.N8N_VERSION,
		installedAt: new Date().toISOString(),
	};
	fs.writeFileSync(P.MARKER, `${JSON.stringify(marker, null, 2)}\n`);
}

/** Installs Node 24 and n8n unless the marker says they are there. Idempotent; one installer at a time. */
async function installRuntime() {
	if (isInstalled()) return;
	const install = async (lock) => {
		if (isInstalled()) return;
		const started = Date.now();
		fs.rmSync(P.MARKER, { force: true });
		removeLeftovers();
		const onStart = (pgid) => lock.recordGroup(pgid);
		if (!nodeInstalled()) await installNode(onStart);
		if (!n8nInstalled()) await installN8n(onStart);
		writeMarker();
		log(`runtime ready (${seconds(started)} s)`);
	};
	await withLock(P.LOCK_DIR, install, { log });
}

module.exports = { installRuntime, isInstalled, npmInstallEnv, runtimePath, log };
