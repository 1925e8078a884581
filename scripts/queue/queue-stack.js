#!/usr/bin/env node
'use strict';
/**
 * node scripts/queue/queue-stack.js [--workers 2] [--concurrency 10] [--port N] [--seed 300] [--keep]
 * n8n in queue mode: Redis + PostgreSQL + the DevRev emulator (or, with DEVREV_TOKEN [and
 * DEVREV_BASE_URL], the real DevRev) + n8n main + N workers, every n8n process with the packed
 * n8n-nodes-devrev installed as a community package, all on 127.0.0.1 in a temporary folder (kept
 * with --keep), all stopped on Ctrl-C; the `DevRev API` credential and the form-to-link example
 * imported, the demo owner created and the form published at <main>/form/devrev-link-contact.
 * scripts/queue/README.md says what runs and with which settings. test/queue/ starts it as a
 * library: `const stack = await startQueueStack(options)`, then `stack.stop()`.
 *
 * CommonJS, no dependencies (runs on the machine's Node, n8n on the cached Node 24 runtime).
 */
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const { parseFlags, runMain } = require('../lib/cli');
const { startEmulator } = require('../lib/emulator');
const { freePort } = require('../lib/net');
const { aptInstall, which } = require('../lib/packages');
const { spawnGroup } = require('../lib/proc');
const { until } = require('../lib/wait');
const n8n = require('../n8n/n8n');
const { installPackage } = require('../n8n/package');
const { FORM_PATH, FORM_WORKFLOW_ID, devrevFromEnv, prepareUserFolder } = require('../stack');

const DEFAULT_TOKEN = 'devrev-queue-token';
/** The database, and its user. */
const DB = 'n8n';
/** A throwaway database: loopback only, no durability. */
const PG_SETTINGS = `listen_addresses=127.0.0.1 unix_socket_directories= max_connections=200 fsync=off synchronous_commit=off full_page_writes=off`;
/** Worker log lines (n8n 2.x, scaling/job-processor): which worker ran which execution. */
const WORKER_LOG_RE = /Worker (started|finished) execution (\d+) \(job (\d+)\)/;

const log = (line) => process.stderr.write(`[queue] ${line}\n`);

/** What `find()` finds, after installing Debian's `pkg` when it finds nothing. */
async function installed(find, pkg) {
	if (!find()) await aptInstall([pkg], { log });
	const found = find();
	if (!found) throw new Error(`${pkg}: nothing found after installing it`);
	return found;
}

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql (Debian layout), or PATH's. */
function findPostgresBin() {
	const root = '/usr/lib/postgresql';
	const has = (dir) => fs.existsSync(path.join(dir, 'postgres')) && dir;
	const versions = fs.existsSync(root) ? fs.readdirSync(root) : [];
	const newest = versions
		.sort((a, b) => Number(b) - Number(a))
		.find((v) => has(path.join(root, v, 'bin')));
	if (newest) return path.join(root, newest, 'bin');
	const initdb = which('initdb');
	return initdb && has(path.dirname(fs.realpathSync(initdb)));
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

/** redis-server on a free port, nothing saved. */
async function startRedis(ctx) {
	const bin = await installed(() => which('redis-server'), 'redis-server');
	const port = await freePort();
	const dir = path.join(ctx.baseDir, 'redis');
	fs.mkdirSync(dir);
	const flags = `--port ${port} --bind 127.0.0.1 --protected-mode yes --appendonly no --daemonize no`;
	const args = [...flags.split(' '), '--loglevel', 'warning', '--dir', dir, '--save', ''];
	const redis = ctx.add('redis', spawnGroup(bin, args, { logFile: ctx.logFile('redis') }));
	await redis.ready('redis', () => redisPing(port), { timeoutMs: 30000, intervalMs: 250 });
	return { port, url: `redis://127.0.0.1:${port}` };
}

/** As root, the `postgres` user's ids: initdb refuses to run as root. */
function postgresUser() {
	if (!(process.getuid && process.getuid() === 0)) return {};
	const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	const [uid, gid] = [id('-u'), id('-g')];
	if (uid.status !== 0)
		throw new Error(
			'running as root needs the `postgres` user (from the postgresql package) for initdb',
		);
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** `psql -c <sql>` against the stack's database: the rows, as arrays of strings. */
function psqlOf(bin, port) {
	return (sql, db = DB) => {
		const args = ['-h', '127.0.0.1', '-p', String(port), '-U', DB, '-d', db, '-X', '-q', '-A'];
		const r = spawnSync(bin, [...args, '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
			encoding: 'utf8',
			env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
			timeout: 60000,
		});
		if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr}`);
		return r.stdout
			.split('\n')
			.filter((l) => l !== '')
			.map((l) => l.split('\t'));
	};
}

/** A throwaway PostgreSQL (initdb of a temporary folder, no fsync) with the database `n8n`. */
async function startPostgres(ctx) {
	const bin = await installed(findPostgresBin, 'postgresql');
	const tool = (name) =>
		fs.existsSync(path.join(bin, name)) ? path.join(bin, name) : which(name) || name;
	const user = postgresUser();
	const dir = (ctx.pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-queue-pg-')));
	if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid);
	const data = path.join(dir, 'data');
	const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: dir };
	const run = { ...user, cwd: dir, env };
	const initdb = ['-D', data, '-U', DB, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'];
	const init = spawnSync(tool('initdb'), initdb, { ...run, encoding: 'utf8', timeout: 120000 });
	if (init.status !== 0)
		throw new Error(`initdb failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
	const port = await freePort();
	const args = [
		'-D',
		data,
		'-p',
		String(port),
		...PG_SETTINGS.split(' ').flatMap((s) => ['-c', s]),
	];
	const postgres = ctx.add(
		'postgres',
		spawnGroup(tool('postgres'), args, { ...run, logFile: ctx.logFile('postgres') }),
	);
	const psql = psqlOf(tool('psql'), port);
	const answering = () => psql('select 1', 'postgres').length === 1;
	await postgres.ready('postgres', answering, { timeoutMs: 60000, intervalMs: 250 });
	psql(`create database ${DB}`, 'postgres');
	return { port, database: DB, user: DB, psql };
}

/** The DevRev the workflows call: the emulator, or the real one (`devrev`: { apiToken, baseUrl }). */
async function startDevRev(ctx) {
	const { devrev, seedRevUsers } = ctx.o;
	if (devrev) return { url: devrev.baseUrl, token: devrev.apiToken, emulated: false };
	const args = `--port 0 --host 127.0.0.1 --token ${DEFAULT_TOKEN} --seed ${seedRevUsers}`;
	const emulator = ctx.add(
		'emulator',
		await startEmulator(args.split(' '), { logFile: ctx.logFile('emulator') }),
	);
	return { url: emulator.url, token: emulator.token, emulated: true };
}

/** What every n8n process of the stack shares: queue mode, the database, Redis, the key. */
function sharedEnv(o, redis, postgres) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: DB,
		DB_POSTGRESDB_USER: DB,
		DB_POSTGRESDB_PASSWORD: 'n8n', // trust auth on loopback: not checked
		DB_POSTGRESDB_POOL_SIZE: String(Math.max(4, o.concurrency)),
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: process.env.N8N_ENCRYPTION_KEY || crypto.randomBytes(24).toString('hex'),
		// Manual runs from the editor go to the workers too (the n8n 3 default).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		N8N_LOG_OUTPUT: 'console',
		...o.env,
	};
}

/** main: the credential and the form workflow imported (into the shared database), then `n8n start`. */
async function startMain(ctx, devrev) {
	const folder = path.join(ctx.baseDir, 'main');
	const credential = { apiToken: devrev.token, baseUrl: devrev.url };
	const only = { workflowIds: [FORM_WORKFLOW_ID], env: ctx.env };
	({ tarball: ctx.tarball } = await prepareUserFolder(folder, credential, only));
	log(`credential and workflow imported (${ctx.elapsed()})`);
	const options = { port: ctx.o.port, env: ctx.env, logFile: ctx.logFile('main') };
	const main = ctx.add('main', await n8n.startN8n(folder, options));
	log(`main ready at ${main.url} (${ctx.elapsed()})`);
	return main;
}

/**
 * What a worker's log says it ran, per job (an execution may run as several jobs: a form execution
 * resumes as a new job): `executionJobs` (executionId -> [{ worker, jobId, at }], shared by the
 * workers) and the worker's own `executions` and `inFlight()`.
 */
function jobsOf(name, executionJobs) {
	const executions = { started: new Set(), finished: new Set() };
	const running = new Map();
	const onLine = (line) => {
		const [, kind, executionId, jobId] = WORKER_LOG_RE.exec(line) || [];
		if (kind === 'finished') running.delete(jobId);
		if (kind === 'finished') executions.finished.add(executionId);
		if (kind !== 'started') return;
		executions.started.add(executionId);
		running.set(jobId, executionId);
		const jobs = executionJobs.get(executionId) || [];
		executionJobs.set(executionId, [...jobs, { worker: name, jobId, at: Date.now() }]);
	};
	/** Executions this worker started and has not finished (as far as its log tells). */
	const inFlight = () => [...new Set(running.values())];
	return { onLine, executions, inFlight };
}

/** `n8n worker` in its own user folder (created once), ready once its health check answers. */
async function startWorker(ctx, name) {
	const before = ctx.workers.get(name);
	if (before && !before.exitInfo()) throw new Error(`${name} is running`);
	const folder = path.join(ctx.baseDir, name);
	if (!fs.existsSync(folder)) {
		fs.mkdirSync(path.join(folder, 'files'), { recursive: true });
		installPackage(ctx.tarball, folder);
	}
	const health = String(await freePort());
	const healthCheck = { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: health };
	const env = { ...ctx.env, ...healthCheck, N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' };
	const jobs = jobsOf(name, ctx.executionJobs);
	const worker = await n8n.startN8n(folder, {
		command: 'worker',
		args: [`--concurrency=${ctx.o.concurrency}`],
		readyUrl: `http://127.0.0.1:${health}/healthz/readiness`,
		env,
		logFile: ctx.logFile(name),
		onLine: jobs.onLine,
	});
	const { executions, inFlight } = jobs;
	ctx.workers.set(name, ctx.add('worker', Object.assign(worker, { name, executions, inFlight })));
	return worker;
}

/** The demo owner created, the form workflow published; resolves once its form answers. */
async function publishForm(main) {
	const client = new n8n.N8nClient(main.url);
	await client.ensureOwner();
	const active = await client.activateWorkflow(FORM_WORKFLOW_ID);
	if (!active.active) throw new Error(`workflow ${FORM_WORKFLOW_ID} did not activate`);
	const formUrl = `${main.url}/form/${FORM_PATH}`;
	await until(`the form ${formUrl}`, () => n8n.answers(formUrl), { timeoutMs: 60000 });
	return { client, formUrl };
}

/** Stops n8n first (workers drain, main pauses the queue), then what it needs; removes the folders. */
async function stopAll(ctx) {
	if (ctx.stopped) return;
	ctx.stopped = true;
	const isN8n = (s) => s.role === 'main' || s.role === 'worker';
	await Promise.all(ctx.services.filter(isN8n).map((s) => s.stop({ graceMs: 20000 })));
	// postgres: SIGINT to the postmaster = fast shutdown (it stops its backends itself).
	const postgres = { signal: 'SIGINT', graceMs: 15000, leaderOnly: true };
	const how = (s) => (s.role === 'postgres' ? postgres : { graceMs: 10000 });
	await Promise.all(ctx.services.filter((s) => !isN8n(s)).map((s) => s.stop(how(s))));
	const folders = [ctx.baseDir, ctx.pgDir].filter(Boolean);
	if (ctx.o.keep) return log(`kept ${folders.join(' and ')}`);
	for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
}

/** The bookkeeping of one stack: its options, folders, services (in start order) and workers. */
function context(opts) {
	const o = { workers: 2, concurrency: 10, seedRevUsers: 300, env: {}, ...opts };
	const started = Date.now();
	const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-queue-'));
	const logDir = path.join(baseDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	const ctx = { o, baseDir, logDir, services: [], workers: new Map(), executionJobs: new Map() };
	return Object.assign(ctx, {
		logFile: (name) => path.join(logDir, `${name}.log`),
		elapsed: () => `${((Date.now() - started) / 1000).toFixed(1)} s`,
		add: (role, service) => {
			ctx.services.push(Object.assign(service, { role }));
			return service;
		},
	});
}

/**
 * Starts the whole queue-mode stack; resolves once the workers are ready and the form workflow
 * is published. On failure everything started so far is stopped before the error is thrown.
 * Options: `workers`, `concurrency` (each worker's), `port` (main's; default a free one),
 * `seedRevUsers` (the emulator's; 2 accounts, 4 rev orgs), `devrev` ({ apiToken, baseUrl }: the
 * real DevRev instead), `env` (for every n8n process), `keep` (the temporary folder after stop()).
 */
async function startQueueStack(opts = {}) {
	const ctx = context(opts);
	try {
		await n8n.ensureRuntime();
		const redis = await startRedis(ctx);
		const postgres = await startPostgres(ctx);
		log(`redis on port ${redis.port}, postgres on port ${postgres.port} (${ctx.elapsed()})`);
		const devrev = await startDevRev(ctx);
		ctx.env = sharedEnv(ctx.o, redis, postgres);
		const main = await startMain(ctx, devrev);
		const names = Array.from({ length: ctx.o.workers }, (_, i) => `worker-${i + 1}`);
		await Promise.all(names.map((name) => startWorker(ctx, name)));
		log(`${ctx.o.workers} workers ready (${ctx.elapsed()})`);
		const { client, formUrl } = await publishForm(main);
		log(`form published at ${formUrl}; stack ready in ${ctx.elapsed()}`);
		const owner = n8n.DEMO_OWNER;
		const encryptionKey = ctx.env.N8N_ENCRYPTION_KEY;
		// Besides: workers (name -> worker), services (every process group: [{ role, pid, ... }]) and
		// executionJobs (executionId -> the jobs that ran it, [{ worker, jobId, at }], from the logs).
		return Object.assign(
			ctx,
			{ redis, postgres, devrev, main, client, owner, formUrl, encryptionKey },
			{
				workflowId: FORM_WORKFLOW_ID,
				startWorker: (name) => startWorker(ctx, name),
				/** The worker that ran an execution's first job (the one that does the DevRev calls). */
				workerOf: (executionId) => (ctx.executionJobs.get(String(executionId)) || [])[0]?.worker,
				stop: () => stopAll(ctx),
			},
		);
	} catch (e) {
		await stopAll(ctx).catch(() => {});
		throw e;
	}
}

const FLAGS = {
	'--workers': ['workers', 'number'],
	'--concurrency': ['concurrency', 'number'],
	'--port': ['port', 'number'],
	'--seed': ['seedRevUsers', 'number'],
	'--keep': ['keep', 'switch'],
};

/** What the CLI prints once the stack is up. */
function summary(stack) {
	const { main, owner, devrev, postgres } = stack;
	const workers = [...stack.workers.values()].map((w) => `${w.name} (pid ${w.pid})`);
	const emulated = devrev.emulated ? ` (emulator, token ${devrev.token})` : '';
	return [
		'',
		`n8n (queue mode) editor   ${main.url}   owner ${owner.email} / ${owner.password}`,
		`form                      ${stack.formUrl}`,
		`DevRev                    ${devrev.url}${emulated}`,
		`workers                   ${workers.join(', ')}`,
		`redis                     ${stack.redis.url}`,
		`postgres                  postgresql://${postgres.user}@127.0.0.1:${postgres.port}/${postgres.database}`,
		`logs                      ${stack.logDir}`,
		'',
		'Ctrl-C stops everything (and deletes the temporary folder unless --keep).',
	].join('\n');
}

async function cli() {
	const o = parseFlags(process.argv.slice(2), FLAGS, __filename);
	const stack = await startQueueStack({ ...o, devrev: devrevFromEnv() });
	let stopping = false;
	const shutdown = async (why) => {
		if (stopping) return;
		stopping = true;
		log(`${why}: stopping ...`);
		await stack.stop();
		log('stopped');
		process.exit(0);
	};
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void shutdown(signal));
	process.stdout.write(`${summary(stack)}\n`);
	// Any service dying on its own ends the demo.
	for (const s of stack.workers.values())
		s.exited.then((e) => !stopping && log(`${s.name} exited ${JSON.stringify(e)}`));
	stack.main.exited.then((e) => !stopping && shutdown(`main exited ${JSON.stringify(e)}`));
}

module.exports = { startQueueStack, findPostgresBin, WORKER_LOG_RE };

if (require.main === module) runMain(cli);
