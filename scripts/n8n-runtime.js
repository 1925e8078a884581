#!/usr/bin/env node
'use strict';
/**
 * Real n8n for this repo: a cached Node 24 + n8n runtime (installed by runtime/install.js, laid
 * out as runtime/paths.js says), and helpers to load the packed package into it and drive it
 * (import, execute, start).
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

const P = require('./runtime/paths');
const {
	installRuntime,
	isInstalled,
	npmInstallEnv,
	runtimePath,
	log,
	readJson,
} = require('./runtime/install');
const { withLock } = require('./runtime/lock');

const { ROOT, RUNTIME_DIR, NODE_SPEC, N8N_VERSION, NPM_CACHE, NODE24, NODE24_BIN_DIR, N8N_BIN } = P;
/** Fixed key: credentials imported with it stay readable across runs. Not a secret (local demo). */
const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-devrev-local-encryption-key';

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function runtimeInfo() {
	return {
		runtimeDir: RUNTIME_DIR,
		node: NODE24,
		nodeBinDir: NODE24_BIN_DIR,
		n8nBin: N8N_BIN,
		n8nVersion: N8N_VERSION,
		nodeSpec: NODE_SPEC,
		marker: readJson(P.MARKER),
	};
}

/** Install Node 24 and n8n into the cache unless the marker says they are there. Idempotent. */
async function ensureRuntime() {
	await installRuntime();
	return runtimeInfo();
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
	for (const f of [
		'package.json',
		'gulpfile.js',
		'index.js',
		'tsconfig.json',
		'tsconfig.build.json',
		'README.md',
		'LICENSE',
		'LICENSE.md',
		'.npmignore',
	]) {
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
	return withLock(
		path.join(RUNTIME_DIR, '.pack.lock'),
		async () => {
			const hash = packageHash();
			const dir = path.join(packRoot, hash);
			const existing = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
			if (existing && !force) return path.join(dir, existing);
			// Drop tarballs of older sources (not the fresh ones another process may be installing).
			for (const old of fs.existsSync(packRoot) ? fs.readdirSync(packRoot) : []) {
				const p = path.join(packRoot, old);
				if (old !== hash && Date.now() - fs.statSync(p).mtimeMs > 10 * 60 * 1000)
					fs.rmSync(p, { recursive: true, force: true });
			}
			fs.rmSync(dir, { recursive: true, force: true });
			const t0 = Date.now();
			const tarball = packPackage({ outDir: dir });
			log(
				`built and packed ${path.basename(tarball)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
			);
			return tarball;
		},
		{ log },
	);
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
	fs.rmSync(path.join(nodesDir, 'node_modules', 'n8n-nodes-devrev'), {
		recursive: true,
		force: true,
	});
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
	if (res.status !== 0)
		throw new Error(
			`npm install of ${tarball} in ${nodesDir} failed:\n${res.stdout}\n${res.stderr}`,
		);
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
		N8N_RESTRICT_FILE_ACCESS_TO:
			process.env.N8N_RESTRICT_FILE_ACCESS_TO || path.join(userFolder, 'files'),
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
			reject(
				new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`),
			);
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
	return await importList(
		'credentials',
		userFolder,
		Array.isArray(credentials) ? credentials : [credentials],
		opts,
	);
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
async function startN8n(
	userFolder,
	{ port, host = '127.0.0.1', env = {}, timeoutMs = 180000, onOutput } = {},
) {
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
			throw new Error(
				`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last.status} ${String(last.body).slice(0, 200)})`,
			);
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
		const setCookies =
			typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
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
		return this.requestOk('POST', `/rest/workflows/${encodeURIComponent(id)}/activate`, {
			versionId: wf.versionId,
		});
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
	const files = fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
	return files.map((f) => {
		let text = fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8');
		if (filesDir) text = text.split(EXAMPLE_FILES_DIR).join(filesDir.replace(/\\/g, '/'));
		const wf = JSON.parse(text);
		if (credential) {
			for (const node of wf.nodes) {
				if (node.credentials && node.credentials.devRevApi)
					node.credentials.devRevApi = { ...credential };
			}
		}
		return wf;
	});
}

module.exports = {
	ROOT,
	RUNTIME_DIR,
	START_USER_FOLDER: P.START_USER_FOLDER,
	LOCAL_DIR: P.LOCAL_DIR,
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
				log(
					`ok in ${((Date.now() - t0) / 1000).toFixed(1)} s: node ${info.marker.nodeVersion}, n8n ${info.marker.n8nVersion}`,
				);
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
				const userFolder = P.START_USER_FOLDER;
				fs.mkdirSync(userFolder, { recursive: true });
				const r = spawnSync(NODE24, [N8N_BIN, ...args], {
					stdio: 'inherit',
					cwd: userFolder,
					env: n8nEnv(userFolder),
				});
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
