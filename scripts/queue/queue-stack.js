#!/usr/bin/env node
'use strict';
/**
 * n8n in queue mode, scripted: Redis + PostgreSQL + the DevRev emulator + n8n main + N workers,
 * every n8n process with the packed n8n-nodes-devrev installed as a community package.
 *
 *   node scripts/queue/queue-stack.js [--workers 2] [--concurrency 10] [--port N] [--seed 300] [--keep]
 *
 * What it starts (all on 127.0.0.1, all in a temporary folder, all stopped on exit / Ctrl-C):
 *   redis      `redis-server` from Debian's package (installed with apt-get when missing and root)
 *   postgres   PostgreSQL from Debian's packages: initdb of a temporary data folder, run as the
 *              `postgres` user when we are root (initdb refuses root), trust auth on loopback
 *   emulator   test/emulator/cli.js (or the real DevRev: DEVREV_TOKEN [+ DEVREV_BASE_URL])
 *   main       `n8n start` with EXECUTIONS_MODE=queue: editor, REST API, webhooks and forms;
 *              it enqueues executions in Redis (Bull) and runs none itself
 *   worker-N   `n8n worker --concurrency=C`: each takes up to C executions at a time from Redis
 * They share one PostgreSQL database and one N8N_ENCRYPTION_KEY (credentials are encrypted with it;
 * a worker with another key cannot decrypt them). Each process has its own N8N_USER_FOLDER (own
 * crash journal and event log) with the tarball installed in `.n8n/nodes`.
 * Then it imports the `DevRev API` credential and the form-to-link example workflow, creates the
 * demo owner and publishes the workflow: the form is at <main>/form/devrev-link-contact.
 *
 * Library use (test/queue/queue-mode.test.ts): `const stack = await startQueueStack(opts)`, then
 * stack.stop(). See startQueueStack() for the options and the returned handles.
 *
 * CommonJS, no dependencies (runs on the machine's Node, n8n on the cached Node 24 runtime).
 */
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const readline = require('readline');
const { spawn, spawnSync } = require('child_process');

const rt = require('../n8n-runtime');

const EMULATOR_CLI = path.join(rt.ROOT, 'test', 'emulator', 'cli.js');
const FORM_WORKFLOW_ID = 'DevRevLinkForm01';
const FORM_PATH = 'devrev-link-contact';
const CREDENTIAL = { id: 'DevRevDemoCred01', name: 'DevRev API' };
const DEFAULT_TOKEN = 'devrev-queue-token';
const DB_NAME = 'n8n';
const DB_USER = 'n8n';
/** Worker log lines (n8n 2.x, scaling/job-processor): which worker ran which execution. */
const WORKER_LOG_RE = /Worker (started|finished) execution (\d+) \(job (\d+)\)/;

function log(...args) {
	if (process.env.QUEUE_STACK_QUIET) return;
	process.stderr.write(`[queue] ${args.join(' ')}\n`);
}

// ---------------------------------------------------------------------------------------------
// System packages: redis-server, PostgreSQL
// ---------------------------------------------------------------------------------------------

function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * `apt-get install -y <pkgs>` (after `apt-get update`): as root, or through `sudo -n` where that
 * needs no password (CI runners); otherwise an error that says what to install.
 */
function aptInstall(pkgs) {
	const sudo = !isRoot() && which('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0;
	if (!which('apt-get') || (!isRoot() && !sudo)) {
		throw new Error(
			`missing ${pkgs.join(', ')}: install ${pkgs.length > 1 ? 'them' : 'it'} (Debian/Ubuntu: sudo apt-get install -y ${pkgs.join(' ')})`,
		);
	}
	log(`installing ${pkgs.join(' ')} with apt-get ...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
	]) {
		const [cmd, argv] = sudo
			? ['sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]]
			: ['apt-get', args];
		const r = spawnSync(cmd, argv, { env, encoding: 'utf8', timeout: 15 * 60 * 1000 });
		if (r.status !== 0)
			throw new Error(`apt-get ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
	}
}

function findRedis() {
	let bin = which('redis-server');
	if (!bin) {
		aptInstall(['redis-server']);
		bin = which('redis-server');
	}
	if (!bin) throw new Error('redis-server not found after installing it');
	return bin;
}

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql (Debian layout), or PATH's. */
function findPostgresBin() {
	const scan = () => {
		const root = '/usr/lib/postgresql';
		const versions = fs.existsSync(root)
			? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
			: [];
		versions.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(root, versions[0], 'bin');
		const initdb = which('initdb');
		return initdb && fs.existsSync(path.join(path.dirname(fs.realpathSync(initdb)), 'postgres'))
			? path.dirname(fs.realpathSync(initdb))
			: undefined;
	};
	let bin = scan();
	if (!bin) {
		aptInstall(['postgresql']);
		bin = scan();
	}
	if (!bin)
		throw new Error('PostgreSQL binaries (initdb, postgres) not found after installing postgresql');
	return bin;
}

function pgTool(binDir, name) {
	const p = path.join(binDir, name);
	return fs.existsSync(p) ? p : which(name) || name;
}

// ---------------------------------------------------------------------------------------------
// Child processes: own process group each, killed on exit
// ---------------------------------------------------------------------------------------------

const children = new Set();
let exitHookInstalled = false;

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
		return true;
	} catch {
		try {
			child.kill(signal);
			return true;
		} catch {
			return false;
		}
	}
}

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Last resort (a crashed test run, an uncaught error): no process of ours outlives us.
	process.on('exit', () => {
		for (const c of children) killGroup(c, 'SIGKILL');
	});
}

/**
 * Spawns `cmd` detached (own process group), output appended to `logFile` and kept in memory
 * (last ~1 MB). Returns { name, child, pid, logs(), exited, stop(signal, graceMs), kill(signal) }.
 */
function spawnService(name, cmd, args, { env, cwd, logFile, uid, gid, onLine } = {}) {
	installExitHook();
	const out = logFile ? fs.openSync(logFile, 'a') : undefined;
	const child = spawn(cmd, args, {
		env,
		cwd,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		uid,
		gid,
	});
	children.add(child);
	let buffer = '';
	const onData = (d) => {
		const text = String(d);
		buffer += text;
		if (buffer.length > 2_000_000) buffer = buffer.slice(-1_000_000);
		if (out !== undefined) {
			try {
				fs.writeSync(out, text);
			} catch {
				/* log folder gone */
			}
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	if (onLine) {
		for (const stream of [child.stdout, child.stderr]) {
			readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
		}
	}
	let exitInfo = null;
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exitInfo = { code, signal };
			children.delete(child);
			resolve(exitInfo);
		});
		child.on('error', (e) => {
			exitInfo = { code: null, signal: null, error: String(e) };
			children.delete(child);
			resolve(exitInfo);
		});
	});
	exited.then(() => {
		if (out !== undefined) {
			try {
				fs.closeSync(out);
			} catch {
				/* closed */
			}
		}
	});
	const svc = {
		name,
		child,
		pid: child.pid,
		logs: () => buffer,
		exited,
		get exitInfo() {
			return exitInfo;
		},
		/** Signal to the whole group. */
		kill: (signal = 'SIGKILL') => killGroup(child, signal),
		/** `signal` to the group leader (or the group), SIGKILL to the group after graceMs. */
		stop: async (signal = 'SIGTERM', graceMs = 15000, { groupSignal = true } = {}) => {
			if (exitInfo) return exitInfo;
			if (groupSignal) killGroup(child, signal);
			else child.kill(signal);
			const t = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
			const r = await exited;
			clearTimeout(t);
			// Leftovers of the group (a task runner whose parent died first).
			killGroup(child, 'SIGKILL');
			return r;
		},
	};
	return svc;
}

async function waitFor(what, check, { timeoutMs = 60000, intervalMs = 250, service } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		if (service && service.exitInfo) {
			throw new Error(
				`${what}: ${service.name} exited (${JSON.stringify(service.exitInfo)}):\n${service.logs().slice(-4000)}`,
			);
		}
		try {
			const r = await check();
			if (r) return r;
		} catch (e) {
			last = e;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`${what}: not ready within ${timeoutMs} ms${last ? ` (${last.message})` : ''}${service ? `\n${service.logs().slice(-4000)}` : ''}`,
			);
		}
		await rt.sleep(intervalMs);
	}
}

function redisPing(port) {
	return new Promise((resolve, reject) => {
		const sock = net.connect({ host: '127.0.0.1', port }, () => sock.write('PING\r\n'));
		sock.setTimeout(1000, () => sock.destroy(new Error('timeout')));
		sock.once('data', (d) => {
			sock.end();
			resolve(String(d).startsWith('+PONG'));
		});
		sock.once('error', reject);
	});
}

// ---------------------------------------------------------------------------------------------
// The stack
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} QueueStackOptions
 * @property {number} [workers]          number of `n8n worker` processes (default 2)
 * @property {number} [concurrency]      `--concurrency` of each worker (default 10)
 * @property {number} [port]             main's port (default: a free one)
 * @property {number} [seedRevUsers]     emulator seed: rev users (default 300; 2 accounts, 4 orgs)
 * @property {string} [devrevToken]      use this DevRev (no emulator): token ...
 * @property {string} [devrevBaseUrl]    ... and base URL (default https://api.devrev.ai)
 * @property {Record<string, string>} [env]        extra env for every n8n process
 * @property {Record<string, string>} [workerEnv]  extra env for the workers only
 * @property {boolean} [keep]            keep the temporary folder (logs, data) after stop()
 */

/**
 * Starts the whole queue-mode stack; resolves once the workers are ready and the form workflow
 * is published. On failure everything started so far is stopped before the error is thrown.
 * @param {QueueStackOptions} [opts]
 */
async function startQueueStack(opts = {}) {
	const o = {
		workers: 2,
		concurrency: 10,
		seedRevUsers: 300,
		keep: !!process.env.KEEP_QUEUE_STACK,
		env: {},
		workerEnv: {},
		...opts,
	};
	const t0 = Date.now();
	const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-queue-'));
	const logDir = path.join(baseDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	const services = [];
	let pgDir;
	let stopped = false;

	const stop = async () => {
		if (stopped) return;
		stopped = true;
		// n8n first (workers drain, main pauses the queue), then what they need.
		const n8n = services.filter((s) => s.role === 'main' || s.role === 'worker');
		await Promise.all(n8n.map((s) => s.stop('SIGTERM', 20000)));
		const rest = services.filter((s) => !n8n.includes(s));
		await Promise.all(
			rest.map((s) =>
				// postgres: SIGINT to the postmaster = fast shutdown (it stops its backends itself).
				s.role === 'postgres'
					? s.stop('SIGINT', 15000, { groupSignal: false })
					: s.stop('SIGTERM', 10000),
			),
		);
		if (!o.keep) {
			fs.rmSync(baseDir, { recursive: true, force: true });
			if (pgDir) fs.rmSync(pgDir, { recursive: true, force: true });
		} else log(`kept ${baseDir}${pgDir ? ` and ${pgDir}` : ''}`);
	};

	try {
		// -- runtime and package (cached) --
		await rt.ensureRuntime();
		const tarball = await rt.preparePackage();

		// -- Redis --
		const redisBin = findRedis();
		const redisPort = await rt.freePort();
		const redisDir = path.join(baseDir, 'redis');
		fs.mkdirSync(redisDir);
		const redis = spawnService(
			'redis',
			redisBin,
			[
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--protected-mode',
				'yes',
				'--dir',
				redisDir,
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
				'--loglevel',
				'warning',
			],
			{ logFile: path.join(logDir, 'redis.log') },
		);
		redis.role = 'redis';
		services.push(redis);

		// -- PostgreSQL --
		const pgBin = findPostgresBin();
		let uid;
		let gid;
		if (isRoot()) {
			const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
			const u = id('-u');
			const g = id('-g');
			if (u.status !== 0)
				throw new Error(
					'running as root needs the `postgres` user (from the postgresql package) for initdb',
				);
			uid = Number(u.stdout.trim());
			gid = Number(g.stdout.trim());
		}
		pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-queue-pg-'));
		const pgData = path.join(pgDir, 'data');
		if (uid !== undefined) fs.chownSync(pgDir, uid, gid);
		const pgEnv = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: pgDir };
		const init = spawnSync(
			pgTool(pgBin, 'initdb'),
			['-D', pgData, '-U', DB_USER, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
			{ uid, gid, env: pgEnv, cwd: pgDir, encoding: 'utf8', timeout: 120000 },
		);
		if (init.status !== 0)
			throw new Error(`initdb failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
		const pgPort = await rt.freePort();
		const postgres = spawnService(
			'postgres',
			pgTool(pgBin, 'postgres'),
			[
				'-D',
				pgData,
				'-p',
				String(pgPort),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'unix_socket_directories=',
				'-c',
				'max_connections=200',
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			],
			{ uid, gid, env: pgEnv, cwd: pgDir, logFile: path.join(logDir, 'postgres.log') },
		);
		postgres.role = 'postgres';
		services.push(postgres);
		const psqlBin = pgTool(pgBin, 'psql');
		const psql = (sql, db = DB_NAME) => {
			const r = spawnSync(
				psqlBin,
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(pgPort),
					'-U',
					DB_USER,
					'-d',
					db,
					'-X',
					'-q',
					'-A',
					'-t',
					'-F',
					'\t',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				],
				{ encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '5' }, timeout: 60000 },
			);
			if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr}`);
			return r.stdout
				.split('\n')
				.filter((l) => l !== '')
				.map((l) => l.split('\t'));
		};

		await waitFor('redis', () => redisPing(redisPort), { service: redis, timeoutMs: 30000 });
		await waitFor('postgres', () => psql('select 1', 'postgres').length === 1, {
			service: postgres,
			timeoutMs: 60000,
		});
		psql(`create database ${DB_NAME}`, 'postgres');
		log(
			`redis on 127.0.0.1:${redisPort}, postgres on 127.0.0.1:${pgPort} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
		);

		// -- DevRev: the emulator, or the real one --
		let devrev;
		let emulator;
		if (o.devrevToken) {
			devrev = {
				url: (o.devrevBaseUrl || 'https://api.devrev.ai').replace(/\/+$/, ''),
				token: o.devrevToken,
				emulated: false,
			};
		} else {
			const token = DEFAULT_TOKEN;
			let first;
			const ready = new Promise((resolve) => (first = resolve));
			emulator = spawnService(
				'emulator',
				process.execPath,
				[
					EMULATOR_CLI,
					'--port',
					'0',
					'--host',
					'127.0.0.1',
					'--token',
					token,
					'--seed',
					String(o.seedRevUsers),
				],
				{
					logFile: path.join(logDir, 'emulator.log'),
					onLine: (line) => {
						if (line.startsWith('{')) first(JSON.parse(line));
					},
				},
			);
			emulator.role = 'emulator';
			services.push(emulator);
			const info = await Promise.race([
				ready,
				emulator.exited.then((e) =>
					Promise.reject(new Error(`emulator exited: ${JSON.stringify(e)}\n${emulator.logs()}`)),
				),
				rt.sleep(30000).then(() => Promise.reject(new Error('emulator did not start within 30 s'))),
			]);
			devrev = { url: info.url, token: info.token, emulated: true };
		}

		// -- n8n: shared settings --
		const encryptionKey = process.env.N8N_ENCRYPTION_KEY || crypto.randomBytes(24).toString('hex');
		const shared = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: DB_NAME,
			DB_POSTGRESDB_USER: DB_USER,
			DB_POSTGRESDB_PASSWORD: 'n8n', // trust auth on loopback: not checked
			DB_POSTGRESDB_POOL_SIZE: String(Math.max(4, o.concurrency)),
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			N8N_ENCRYPTION_KEY: encryptionKey,
			// Manual runs from the editor go to the workers too (the n8n 3 default).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
			N8N_LOG_OUTPUT: 'console',
			...o.env,
		};
		const userFolderOf = (name) => {
			const dir = path.join(baseDir, name);
			fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
			rt.installPackage(tarball, dir);
			return dir;
		};

		// -- credential and workflow (into the shared database; runs the migrations) --
		const mainFolder = userFolderOf('main');
		await rt.importCredentials(
			mainFolder,
			rt.devRevCredential({ ...CREDENTIAL, apiToken: devrev.token, baseUrl: devrev.url }),
			{ env: shared },
		);
		const [workflow] = rt
			.loadExamples({ filesDir: path.join(mainFolder, 'files'), credential: CREDENTIAL })
			.filter((w) => w.id === FORM_WORKFLOW_ID);
		if (!workflow)
			throw new Error(`example workflow ${FORM_WORKFLOW_ID} not found in ${rt.EXAMPLES_DIR}`);
		await rt.importWorkflows(mainFolder, workflow, { env: shared });
		log(`credential and workflow imported (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

		// -- main --
		const mainLog = fs.createWriteStream(path.join(logDir, 'main.log'));
		const main = await rt.startN8n(mainFolder, {
			port: o.port,
			env: shared,
			onOutput: (text) => mainLog.write(text),
		});
		const mainSvc = {
			name: 'main',
			role: 'main',
			pid: main.process.pid,
			child: main.process,
			logs: main.logs,
			exited: main.exited,
			kill: (signal = 'SIGKILL') => killGroup(main.process, signal),
			stop: async () => {
				const r = await main.stop(20000);
				mainLog.end();
				return r;
			},
		};
		services.push(mainSvc);
		log(`main ready at ${main.url} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

		// -- workers --
		const workers = new Map();
		/** executionId -> [{ worker, jobId, at }] in the order the jobs started */
		const executionJobs = new Map();
		const startWorker = async (name) => {
			if (workers.has(name) && !workers.get(name).exitInfo) throw new Error(`${name} is running`);
			const folder = fs.existsSync(path.join(baseDir, name))
				? path.join(baseDir, name)
				: userFolderOf(name);
			const healthPort = await rt.freePort();
			const env = rt.n8nEnv(folder, {
				...shared,
				N8N_RUNNERS_BROKER_PORT: String(await rt.freePort()),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				...o.workerEnv,
			});
			// Per job (an execution may run as several jobs: a form execution resumes as a new job).
			const started = {
				started: new Set(),
				finished: new Set(),
				jobs: new Map(),
				finishedJobs: new Set(),
			};
			const svc = spawnService(
				name,
				rt.runtimeInfo().node,
				[rt.runtimeInfo().n8nBin, 'worker', `--concurrency=${o.concurrency}`],
				{
					env,
					cwd: folder,
					logFile: path.join(logDir, `${name}.log`),
					onLine: (line) => {
						const m = WORKER_LOG_RE.exec(line);
						if (!m) return;
						const [, kind, executionId, jobId] = m;
						if (kind === 'started') {
							started.started.add(executionId);
							started.jobs.set(jobId, executionId);
							const list = executionJobs.get(executionId) || [];
							list.push({ worker: name, jobId, at: Date.now() });
							executionJobs.set(executionId, list);
						} else {
							started.finished.add(executionId);
							started.finishedJobs.add(jobId);
						}
					},
				},
			);
			svc.role = 'worker';
			svc.healthUrl = `http://127.0.0.1:${healthPort}/healthz/readiness`;
			svc.executions = started;
			/** Executions this worker started and has not finished (as far as its log tells). */
			svc.inFlight = () => [
				...new Set(
					[...started.jobs].filter(([job]) => !started.finishedJobs.has(job)).map(([, id]) => id),
				),
			];
			workers.set(name, svc);
			services.push(svc);
			await waitFor(
				`${name} readiness`,
				async () => (await rt.httpGet(svc.healthUrl)).status === 200,
				{
					service: svc,
					timeoutMs: 180000,
					intervalMs: 500,
				},
			);
			return svc;
		};
		await Promise.all(Array.from({ length: o.workers }, (_, i) => startWorker(`worker-${i + 1}`)));
		log(`${o.workers} workers ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

		// -- owner, publish the form workflow --
		const client = new rt.N8nClient(main.url);
		await client.ensureOwner();
		const active = await client.activateWorkflow(FORM_WORKFLOW_ID);
		if (!active.active) throw new Error(`workflow ${FORM_WORKFLOW_ID} did not activate`);
		const formUrl = `${main.url}/form/${FORM_PATH}`;
		await rt.waitForUrl(formUrl, { timeoutMs: 60000 });
		log(`form published at ${formUrl}; stack ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

		/**
		 * CPU seconds (user + system) used so far by each service's process group (Linux /proc;
		 * {} elsewhere): n8n main and workers with their task runners, postgres with its backends.
		 */
		const cpuSeconds = () => {
			const groups = new Map(services.map((svc) => [svc.pid, svc.name]));
			const totals = {};
			let ticks = 100;
			const t = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
			if (t.status === 0 && Number(t.stdout) > 0) ticks = Number(t.stdout);
			let entries = [];
			try {
				entries = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
			} catch {
				return totals;
			}
			for (const pid of entries) {
				let stat;
				try {
					stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
				} catch {
					continue;
				}
				const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				// after "pid (comm) ": state ppid pgrp session ... utime(11) stime(12) cutime(13) cstime(14)
				const name = groups.get(Number(f[2]));
				if (!name) continue;
				const sum = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
				totals[name] = (totals[name] || 0) + sum / ticks;
			}
			return totals;
		};

		return {
			baseDir,
			cpuSeconds,
			logDir,
			encryptionKey,
			env: shared,
			redis: { port: redisPort, url: `redis://127.0.0.1:${redisPort}` },
			postgres: { port: pgPort, database: DB_NAME, user: DB_USER, psql },
			devrev,
			main: { url: main.url, ...mainSvc },
			client,
			owner: rt.DEMO_OWNER,
			formUrl,
			workflowId: FORM_WORKFLOW_ID,
			workers,
			startWorker,
			/** executionId -> the jobs that ran it: [{ worker, jobId, at }] (from the workers' logs) */
			executionJobs,
			/** The worker that ran an execution's first job (the one that does the DevRev calls). */
			workerOf: (executionId) => (executionJobs.get(String(executionId)) || [])[0]?.worker,
			stop,
		};
	} catch (e) {
		await stop().catch(() => {});
		throw e;
	}
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
	const o = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		const num = () => {
			const v = inline !== undefined ? inline : argv[++i];
			if (!/^\d+$/.test(v || '')) throw new Error(`${flag} needs a number`);
			return Number(v);
		};
		if (flag === '--workers') o.workers = num();
		else if (flag === '--concurrency') o.concurrency = num();
		else if (flag === '--port') o.port = num();
		else if (flag === '--seed') o.seedRevUsers = num();
		else if (flag === '--keep') o.keep = true;
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(
				fs
					.readFileSync(__filename, 'utf8')
					.split('*/')[0]
					.replace(/^#!.*\n'use strict';\n\/\*\*\n/, ''),
			);
			process.exit(0);
		} else throw new Error(`unknown option ${argv[i]} (try --help)`);
	}
	if (process.env.DEVREV_TOKEN) {
		o.devrevToken = process.env.DEVREV_TOKEN;
		o.devrevBaseUrl = process.env.DEVREV_BASE_URL;
	}
	return o;
}

async function cli() {
	const stack = await startQueueStack(parseArgs(process.argv.slice(2)));
	let stopping = false;
	const shutdown = async (why) => {
		if (stopping) return;
		stopping = true;
		log(`${why}: stopping ...`);
		await stack.stop();
		log('stopped');
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('SIGINT'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	const say = (l = '') => process.stdout.write(`${l}\n`);
	say();
	say(
		`n8n (queue mode) editor   ${stack.main.url}   owner ${stack.owner.email} / ${stack.owner.password}`,
	);
	say(`form                      ${stack.formUrl}`);
	say(
		`DevRev                    ${stack.devrev.url}${stack.devrev.emulated ? ` (emulator, token ${stack.devrev.token})` : ''}`,
	);
	say(
		`workers                   ${[...stack.workers.values()].map((w) => `${w.name} (pid ${w.pid})`).join(', ')}`,
	);
	say(`redis                     ${stack.redis.url}`);
	say(
		`postgres                  postgresql://${stack.postgres.user}@127.0.0.1:${stack.postgres.port}/${stack.postgres.database}`,
	);
	say(`logs                      ${stack.logDir}`);
	say();
	say('Ctrl-C stops everything (and deletes the temporary folder unless --keep).');
	// Any service dying on its own ends the demo.
	for (const s of [...stack.workers.values()]) {
		s.exited.then((e) => !stopping && log(`${s.name} exited ${JSON.stringify(e)}`));
	}
	stack.main.exited.then((e) => !stopping && shutdown(`main exited ${JSON.stringify(e)}`));
}

module.exports = {
	startQueueStack,
	findRedis,
	findPostgresBin,
	aptInstall,
	WORKER_LOG_RE,
	FORM_WORKFLOW_ID,
	FORM_PATH,
	CREDENTIAL,
};

if (require.main === module) {
	cli().catch((e) => {
		console.error(e && e.stack ? e.stack : e);
		process.exit(1);
	});
}
