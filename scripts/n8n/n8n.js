'use strict';
/**
 * Driving real n8n from the cached runtime (runtime/): its environment, its CLI (import), `n8n start`,
 * its REST API as the editor uses it, and the example workflows of `examples/`.
 *
 * CommonJS, no dependencies: it runs on the machine's Node 20 and spawns Node 24 for n8n.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const P = require('../runtime/paths');
const { installRuntime, runtimePath } = require('../runtime/install');
const { freePort, request } = require('../lib/net');
const { cleanNpmEnv, readJson } = require('../lib/packages');
const { spawnGroup } = require('../lib/proc');

/** Fixed key: credentials imported with it stay readable across runs. Not a secret (local demo). */
const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-devrev-local-encryption-key';
/** Demo owner for local instances (npm start, tests). Not a secret: loopback only. */
const DEMO_OWNER = {
	email: 'demo@n8n-nodes-devrev.local',
	password: 'DevRevDemo1',
	firstName: 'Demo',
	lastName: 'Owner',
};
const EXAMPLES_DIR = path.join(P.ROOT, 'examples');
/** The folder the committed examples write to (n8n's Docker default for the Files nodes). */
const EXAMPLE_FILES_DIR = '/home/node/.n8n-files';

function runtimeInfo() {
	const { RUNTIME_DIR: runtimeDir, NODE24: node, N8N_BIN: n8nBin, N8N_VERSION: n8nVersion } = P;
	return {
		runtimeDir,
		node,
		n8nBin,
		n8nVersion,
		nodeSpec: P.NODE_SPEC,
		marker: readJson(P.MARKER),
	};
}

/** Installs Node 24 and n8n into the cache unless the marker says they are there. Idempotent. */
async function ensureRuntime() {
	await installRuntime();
	return runtimeInfo();
}

/**
 * Environment for an n8n process using `userFolder` (never the home folder); `extra` wins.
 * N8N_RUNNERS_BROKER_PORT must be unique per running n8n process (the task-runner broker of
 * n8n 2.x listens on 5679 by default, so two n8n processes would collide).
 */
function n8nEnv(userFolder, extra = {}) {
	const keep = (name, value) => process.env[name] || value;
	const files = path.join(userFolder, 'files');
	// Jest sets NODE_ENV=test, with which `n8n start` exits at once.
	const { NODE_ENV: _nodeEnv, JEST_WORKER_ID: _worker, ...env } = cleanNpmEnv();
	return {
		...env,
		PATH: runtimePath(),
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: keep('N8N_ENCRYPTION_KEY', DEFAULT_ENCRYPTION_KEY),
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
		N8N_RESTRICT_FILE_ACCESS_TO: keep('N8N_RESTRICT_FILE_ACCESS_TO', files),
		N8N_LOG_LEVEL: keep('N8N_LOG_LEVEL', 'warn'),
		GENERIC_TIMEZONE: keep('GENERIC_TIMEZONE', 'UTC'),
		TZ: keep('TZ', 'UTC'),
		...extra,
	};
}

/** `n8n <args>` to its end. Resolves { code, stdout, stderr }; rejects when it had to be killed. */
async function runN8n(args, { userFolder, env = {}, timeoutMs = 300000, ok = false }) {
	const broker = { N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const child = spawn(P.NODE24, [P.N8N_BIN, ...args], {
		cwd: userFolder,
		env: n8nEnv(userFolder, { ...broker, ...env }),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const out = { stdout: '', stderr: '' };
	child.stdout.on('data', (d) => (out.stdout += d));
	child.stderr.on('data', (d) => (out.stderr += d));
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const code = await new Promise((resolve, reject) =>
		child.on('error', reject).on('close', resolve),
	);
	clearTimeout(timer);
	const failed = (why) => new Error(`n8n ${args.join(' ')} ${why}\n${out.stdout}\n${out.stderr}`);
	if (code === null) throw failed(`killed after ${timeoutMs} ms`);
	if (code !== 0 && ok) throw failed(`exited with ${code}`);
	return { code, ...out };
}

/** A credential as `n8n import:credentials` expects it (plain data, encrypted on import). */
function devRevCredential({ id = 'devrevEmulatorCred', name = 'DevRev API', apiToken, baseUrl }) {
	return { id, name, type: 'devRevApi', data: { apiToken, baseUrl } };
}

/** `n8n import:<kind> --input=<file>` of a list, written to a temporary file in the user folder. */
async function importList(kind, userFolder, list, options = {}) {
	const dir = path.join(userFolder, 'imports');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${kind}-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(list, null, 2));
	try {
		await runN8n([`import:${kind}`, `--input=${file}`], { userFolder, ok: true, ...options });
	} finally {
		fs.rmSync(file, { force: true });
	}
}

const importCredentials = (userFolder, credential, options) =>
	importList('credentials', userFolder, [credential], options);

/** Imports workflows; each needs an `id`, to be run and published by it. */
function importWorkflows(userFolder, workflows, options) {
	const unnamed = workflows.find((w) => !w.id);
	if (unnamed) throw new Error(`workflow "${unnamed.name}" has no id`);
	return importList('workflow', userFolder, workflows, options);
}

/** Whether `url` answers `status` now. */
async function answers(url, status = 200) {
	return (await request(url, { timeoutMs: 2000 }).catch(() => ({ status: 0 }))).status === status;
}

/**
 * `n8n <command>` (start, or worker with `args`) in its own process group (lib/proc.js
 * spawnGroup); resolves the service, with `stop()` and for `n8n start` its `url` and `port`, once
 * `readyUrl` (default: GET /healthz/readiness on `port`) answers: the database migrated, every
 * route mounted. Published workflows' triggers are activated right after: wait for a form or
 * webhook URL where needed.
 * @param {string} userFolder
 * @param {{ port?: number, env?: Record<string, string>, command?: string, args?: string[],
 *   readyUrl?: string, logFile?: string, onOutput?: (text: string) => void,
 *   onLine?: (line: string) => void }} [options]
 */
async function startN8n(
	userFolder,
	{ port, env = {}, command = 'start', args = [], readyUrl, ...output } = {},
) {
	port = port || (await freePort());
	const url = `http://127.0.0.1:${port}`;
	const where = { N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1' };
	const urls = { N8N_PROTOCOL: 'http', N8N_WEBHOOK_URL: `${url}/`, N8N_EDITOR_BASE_URL: `${url}/` };
	const broker = { N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const served = command === 'start' ? { ...where, ...urls } : {};
	const n8n = spawnGroup(P.NODE24, [P.N8N_BIN, command, ...args], {
		cwd: userFolder,
		env: n8nEnv(userFolder, { ...broker, ...served, ...env }),
		...output,
	});
	const health = readyUrl || `${url}/healthz/readiness`;
	try {
		const options = { timeoutMs: 180000, intervalMs: 500 };
		await n8n.ready(`n8n ${command} at ${health}`, () => answers(health), options);
	} catch (e) {
		await n8n.stop({ graceMs: 15000 });
		throw e;
	}
	const stop = (how) => n8n.stop({ graceMs: 15000, ...how });
	return { ...n8n, url, port, stop };
}

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

	/** @returns {Promise<{ status: number, json: any, text: string }>} */
	async request(method, urlPath, body) {
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		const options = { method, headers, body, timeoutMs: 300000 };
		const res = await request(`${this.baseUrl}${urlPath}`, options);
		const auth = (res.headers['set-cookie'] || []).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		let json;
		try {
			json = JSON.parse(res.text);
		} catch {
			/* not JSON */
		}
		return { status: res.status, json, text: res.text };
	}

	/** The answer's `data` (or the whole JSON); rejects on a status outside 2xx. */
	async requestOk(method, urlPath, body) {
		const r = await this.request(method, urlPath, body);
		if (r.status < 200 || r.status >= 300)
			throw new Error(`n8n ${method} ${urlPath} answered ${r.status}: ${r.text.slice(0, 500)}`);
		return r.json && 'data' in r.json ? r.json.data : r.json;
	}

	/** Creates the owner account on a fresh instance, or logs in when it exists. */
	async ensureOwner(owner = DEMO_OWNER) {
		const ok = (r) => r.status >= 200 && r.status < 300;
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		if (ok(setup)) return { created: true, owner };
		const credentials = { emailOrLdapLoginId: owner.email, password: owner.password };
		const login = await this.request('POST', '/rest/login', credentials);
		if (ok(login)) return { created: false, owner };
		const why = (r) => `${r.status} ${r.text.slice(0, 200)}`;
		throw new Error(
			`could not set up or log in the n8n owner ${owner.email}: setup ${why(setup)}; login ${why(login)}`,
		);
	}

	/** Publishes (activates) the workflow's current version, as the editor's Publish button does. */
	async activateWorkflow(id) {
		const workflow = `/rest/workflows/${encodeURIComponent(id)}`;
		const { versionId } = await this.requestOk('GET', workflow);
		return this.requestOk('POST', `${workflow}/activate`, { versionId });
	}

	getExecution(id) {
		return this.requestOk('GET', `/rest/executions/${encodeURIComponent(id)}`);
	}
}

/**
 * The example workflows of `examples/`, ready to import: the Files node's folder replaced by
 * `filesDir` in the nodes' parameters (sticky notes keep their text, which speaks of that folder
 * as it is), and the DevRev credential reference by `credential` ({ id, name }) when given.
 */
function loadExamples({ filesDir, credential } = {}) {
	const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));
	const moved = (parameters) =>
		JSON.parse(
			JSON.stringify(parameters).split(EXAMPLE_FILES_DIR).join(filesDir.replace(/\\/g, '/')),
		);
	return files.sort().map((f) => {
		const wf = readJson(path.join(EXAMPLES_DIR, f));
		for (const node of wf.nodes) {
			if (filesDir && node.type !== 'n8n-nodes-base.stickyNote')
				node.parameters = moved(node.parameters);
			if (credential && node.credentials && node.credentials.devRevApi)
				node.credentials.devRevApi = { ...credential };
		}
		return wf;
	});
}

module.exports = {
	DEMO_OWNER,
	EXAMPLES_DIR,
	N8nClient,
	answers,
	devRevCredential,
	ensureRuntime,
	importCredentials,
	importWorkflows,
	loadExamples,
	n8nEnv,
	runN8n,
	runtimeInfo,
	startN8n,
};
