'use strict';
/**
 * Installs Node 24 and n8n into the runtime cache (paths.js), once, under a lock.
 *
 * Each goes into `<dir>.staging` and is swapped in with renames only after its npm install
 * succeeded, so an interrupted install never leaves a half-filled node/ or n8n/: the next run
 * removes the leftovers (`*.staging`, `*.old-<pid>`) and installs again. npm runs in its own
 * process group (groups.js), recorded in the lock (lock.js): Ctrl-C stops it with every build it
 * started, and a run that finds the lock of a killed run kills that run's orphaned install.
 *
 * CommonJS, no dependencies.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const P = require('./paths');
const { runGroup } = require('./groups');
const { withLock } = require('./lock');

function log(...args) {
	if (process.env.N8N_RUNTIME_QUIET) return;
	process.stderr.write(`[n8n-runtime] ${args.join(' ')}\n`);
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** PATH with Node 24 first (for npm lifecycle scripts, node-gyp and n8n's own child processes). */
function runtimePath(base = process.env.PATH || '') {
	return [P.NODE24_BIN_DIR, base].filter(Boolean).join(path.delimiter);
}

/** Environment for npm installs into the cache: own cache, no settings of an enclosing npm run. */
function npmInstallEnv(extra = {}) {
	const env = { ...process.env, ...extra };
	delete env.JOBS;
	for (const k of Object.keys(env)) {
		// Do not inherit npm settings of an enclosing `npm test` / `npm start` (ignore-scripts, prefix, ...).
		if (/^npm_/i.test(k) && !(k in extra)) delete env[k];
	}
	env.npm_config_cache = P.NPM_CACHE;
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

/**
 * `npm <args>` in its own process group, output appended to install.log (its tail shown on
 * failure), a progress line every 30 s for CI logs.
 */
async function npmLogged(args, { cwd, env, what, onStart }) {
	fs.mkdirSync(P.RUNTIME_DIR, { recursive: true });
	fs.appendFileSync(
		P.INSTALL_LOG,
		`\n$ (cd ${cwd} && npm ${args.join(' ')})  # ${new Date().toISOString()}\n`,
	);
	const out = fs.openSync(P.INSTALL_LOG, 'a');
	const started = Date.now();
	const beat = setInterval(
		() => log(`... still installing ${what} (${Math.round((Date.now() - started) / 1000)} s)`),
		30000,
	);
	try {
		const { code, signal } = await runGroup(P.NPM, args, {
			cwd,
			env,
			stdio: ['ignore', out, out],
			onStart,
		});
		if (code === 0) return;
		const tail = fs.readFileSync(P.INSTALL_LOG, 'utf8').split('\n').slice(-60).join('\n');
		throw new Error(
			`npm ${args.join(' ')} failed (${signal || code}); last lines of ${P.INSTALL_LOG}:\n${tail}`,
		);
	} finally {
		clearInterval(beat);
		fs.closeSync(out);
	}
}

function nodeInstalled() {
	const dep = (readJson(path.join(P.NODE_DIR, 'package.json')) || { dependencies: {} }).dependencies
		.node;
	const want = P.NODE_SPEC.replace(/^node@/, '');
	const sameMajor =
		dep && (dep === want || dep.replace(/^[\^~]/, '').split('.')[0] === want.split('.')[0]);
	return !!sameMajor && fs.existsSync(P.NODE24);
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

function swapIn(staging, target) {
	const old = `${target}.old-${process.pid}`;
	if (fs.existsSync(target)) fs.renameSync(target, old);
	fs.renameSync(staging, target);
	fs.rmSync(old, { recursive: true, force: true });
}

/** `npm install <spec>` into `<target>.staging` (own package.json, scripts on), then swapped in. */
async function installInto(target, spec, { env, onStart }) {
	const staging = `${target}.staging`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	const name = `n8n-runtime-${path.basename(target)}`;
	fs.writeFileSync(
		path.join(staging, 'package.json'),
		JSON.stringify({ name, private: true }, null, 2),
	);
	// The repo's .npmrc turns scripts off; node's postinstall and n8n's native modules need them.
	fs.writeFileSync(path.join(staging, '.npmrc'), 'ignore-scripts=false\n');
	await npmLogged(['install', '--no-audit', '--no-fund', '--ignore-scripts=false', spec], {
		cwd: staging,
		env,
		what: spec,
		onStart,
	});
	swapIn(staging, target);
}

async function installNode(onStart) {
	log(`installing ${P.NODE_SPEC} into ${P.NODE_DIR} ...`);
	await installInto(P.NODE_DIR, P.NODE_SPEC, { env: npmInstallEnv(), onStart });
	const v = spawnSync(P.NODE24, ['--version'], { encoding: 'utf8' });
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
	log(`n8n@${P.N8N_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function writeMarker() {
	const nodeVersion = spawnSync(P.NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
	const marker = {
		nodeSpec: P.NODE_SPEC,
		nodeVersion,
		n8nVersion: P.N8N_VERSION,
		installedAt: new Date().toISOString(),
	};
	fs.writeFileSync(P.MARKER, `${JSON.stringify(marker, null, 2)}\n`);
}

/** Installs Node 24 and n8n unless the marker says they are there. Idempotent; one installer at a time. */
async function installRuntime() {
	if (isInstalled()) return;
	await withLock(
		P.LOCK_DIR,
		async (lock) => {
			if (isInstalled()) return;
			const t0 = Date.now();
			fs.rmSync(P.MARKER, { force: true });
			removeLeftovers();
			const onStart = (pgid) => lock.recordGroup(pgid);
			if (!nodeInstalled()) await installNode(onStart);
			if (!n8nInstalled()) await installN8n(onStart);
			writeMarker();
			log(`runtime ready (${Math.round((Date.now() - t0) / 1000)} s)`);
		},
		{ log },
	);
}

module.exports = { installRuntime, isInstalled, npmInstallEnv, runtimePath, log, readJson };
