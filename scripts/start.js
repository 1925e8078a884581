#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the DevRev node live in real n8n, against a local DevRev (or the real one).
 *
 *  1. makes sure the cached runtime exists (Node 24 + n8n, see n8n-runtime.js; first time: minutes)
 *  2. builds and packs the package and installs the tarball into the n8n user folder
 *     `.n8n-runtime/user` as a community package (node type `n8n-nodes-devrev.devRev`)
 *  3. starts the DevRev emulator (test/emulator/cli.js, demo seed, fixed token) on 127.0.0.1,
 *     unless DEVREV_TOKEN is set: then the credential points at the real DevRev
 *  4. imports the `DevRev API` credential and the example workflows, publishes the form one
 *  5. starts n8n on 127.0.0.1, creates (or logs in) the demo owner, publishes the DevRev Trigger
 *     example (against the emulator: it registers a webhook there, which the emulator verifies),
 *     prints what to open and click, and how to fire a DevRev event
 * Ctrl-C stops n8n and the emulator.
 *
 * Options:  --port N           editor port (default 5678, or a free one when taken; env N8N_PORT)
 *           --emulator-port N  emulator port (default 8787, or a free one when taken)
 *           --fresh            throw away the n8n user folder first (owner, credentials, executions)
 * Env:      DEVREV_TOKEN       use the real DevRev with this token instead of the emulator
 *           DEVREV_BASE_URL    with DEVREV_TOKEN: DevRev's base URL (default https://api.devrev.ai)
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const readline = require('readline');
const { spawn } = require('child_process');

const rt = require('./n8n-runtime');

const USER_FOLDER = path.join(rt.RUNTIME_DIR, 'user');
const FILES_DIR = path.join(USER_FOLDER, 'files');
const LOG_FILE = path.join(rt.RUNTIME_DIR, 'n8n.log');
const EMULATOR_CLI = path.join(rt.ROOT, 'test', 'emulator', 'cli.js');
const DEMO_TOKEN = 'devrev-demo-token';
const CREDENTIAL = { id: 'DevRevDemoCred01', name: 'DevRev API' };
const FORM_WORKFLOW_ID = 'DevRevLinkForm01';
const TRIGGER_WORKFLOW_ID = 'DevRevNewUser001';
const FORM_PATH = 'devrev-link-contact';

function parseArgs(argv) {
	const o = { port: Number(process.env.N8N_PORT) || undefined, emulatorPort: undefined, fresh: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		const value = () => {
			const v = inline !== undefined ? inline : argv[++i];
			if (!/^\d+$/.test(v || '')) throw new Error(`${flag} needs a port number`);
			return Number(v);
		};
		if (flag === '--port') o.port = value();
		else if (flag === '--emulator-port') o.emulatorPort = value();
		else if (flag === '--fresh') o.fresh = true;
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^#!.*\n'use strict';\n\/\*\*\n/, ''));
			process.exit(0);
		} else throw new Error(`unknown option ${argv[i]} (try --help)`);
	}
	return o;
}

function say(line = '') {
	process.stdout.write(`${line}\n`);
}

function portFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, host, () => srv.close(() => resolve(true)));
	});
}

async function pickPort(wanted, fallback) {
	if (wanted) return wanted;
	return (await portFree(fallback)) ? fallback : rt.freePort();
}

/** Kills a detached child's whole process group; resolves when it has exited. */
function stopGroup(child, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const t = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}, graceMs);
		child.once('exit', () => {
			clearTimeout(t);
			resolve();
		});
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			clearTimeout(t);
			resolve();
		}
	});
}

/** test/emulator/cli.js in its own process group; resolves {child, url, token} once it listens. */
function startEmulator(port) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[EMULATOR_CLI, '--host', '127.0.0.1', '--port', String(port), '--token', DEMO_TOKEN, '--seed', 'demo'],
			{ cwd: rt.ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
		);
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		const lines = readline.createInterface({ input: child.stdout });
		lines.once('line', (line) => {
			try {
				const { url, token } = JSON.parse(line);
				resolve({ child, url, token });
			} catch (e) {
				reject(new Error(`emulator printed ${line}: ${e.message}`));
			}
		});
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
		child.once('error', reject);
	});
}

async function getJson(url) {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
	return res.json();
}

/**
 * Publishes the DevRev Trigger example as the editor does. Unpublished first: a previous run's
 * webhook lived in a previous emulator process, and n8n re-registers published triggers on start
 * without asking DevRev. Resolves the DevRev webhook as the emulator shows it once verified.
 */
async function publishTrigger(client, emulatorUrl) {
	await client.request('POST', `/rest/workflows/${TRIGGER_WORKFLOW_ID}/deactivate`, {});
	await client.activateWorkflow(TRIGGER_WORKFLOW_ID);
	const deadline = Date.now() + 30000;
	for (;;) {
		const { webhooks } = await getJson(`${emulatorUrl}/__emulator/webhooks`);
		const webhook = webhooks.find((w) => w.url.includes('/webhook/'));
		if ((webhook && webhook.status === 'active') || Date.now() > deadline) return webhook || { status: 'not registered' };
		await rt.sleep(250);
	}
}

let emulator;
let n8n;
let stopping = false;

async function shutdown(code, quiet = false) {
	if (stopping) return;
	stopping = true;
	if (!quiet) say('\nStopping n8n and the emulator ...');
	await Promise.all([n8n ? n8n.stop() : undefined, stopGroup(emulator && emulator.child)]);
	process.exit(code);
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const realDevRev = !!process.env.DEVREV_TOKEN;
	const started = Date.now();

	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));
	process.on('SIGHUP', () => shutdown(0));

	// 1. Runtime (installs once; prints its own progress).
	const info = await rt.ensureRuntime();

	// 2. Package: build + pack (reused while the sources are unchanged), install the tarball.
	if (opts.fresh) fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	fs.mkdirSync(FILES_DIR, { recursive: true });
	const tarball = await rt.preparePackage();
	rt.installPackage(tarball, USER_FOLDER);

	// 3. DevRev: the emulator, or the real one.
	let credentialData;
	if (realDevRev) {
		credentialData = {
			apiToken: process.env.DEVREV_TOKEN,
			baseUrl: (process.env.DEVREV_BASE_URL || 'https://api.devrev.ai').replace(/\/+$/, ''),
		};
	} else {
		emulator = await startEmulator(await pickPort(opts.emulatorPort, 8787));
		credentialData = { apiToken: emulator.token, baseUrl: emulator.url };
	}

	// 4. Credential and example workflows; the form workflow is published so its URL works.
	await rt.importCredentials(USER_FOLDER, rt.devRevCredential({ ...CREDENTIAL, ...credentialData }));
	const examples = rt.loadExamples({ filesDir: FILES_DIR });
	await rt.importWorkflows(USER_FOLDER, examples);
	await rt.runN8nOk(['publish:workflow', `--id=${FORM_WORKFLOW_ID}`], { userFolder: USER_FOLDER });

	// 5. n8n itself.
	const port = await pickPort(opts.port, 5678);
	const logStream = fs.createWriteStream(LOG_FILE, { flags: 'w' });
	n8n = await rt.startN8n(USER_FOLDER, {
		port,
		env: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info' },
		onOutput: (text) => logStream.write(text),
	});
	n8n.exited.then(({ code, signal }) => {
		if (stopping) return;
		say(`\nn8n exited (${signal || code}); see ${path.relative(process.cwd(), LOG_FILE)}`);
		shutdown(typeof code === 'number' && code !== 0 ? code : 1);
	});
	const client = new rt.N8nClient(n8n.url);
	let owner;
	try {
		owner = (await client.ensureOwner(rt.DEMO_OWNER)).owner;
	} catch {
		owner = undefined; // someone changed the demo owner: they know their login
	}
	const formUrl = `${n8n.url}/form/${FORM_PATH}`;
	await rt.waitForUrl(formUrl, { timeoutMs: 30000 }).catch(() => undefined);
	const trigger = emulator && owner ? await publishTrigger(client, emulator.url) : undefined;

	// What to show.
	let sample = '';
	let counts;
	if (emulator) {
		const state = await getJson(`${emulator.url}/__emulator/state?limit=10`);
		const unlinked = state.rev_users.find((u) => !u.rev_org) || state.rev_users[0];
		const org = (state.rev_users.find((u) => u.rev_org && u.rev_org.display_id) || {}).rev_org;
		sample = `try email ${unlinked.email}${org ? ` and rev org ${org.display_id} (${org.display_name})` : ''}`;
		counts = state.counts;
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(rt.ROOT, 'package.json'), 'utf8'));
	const rel = (p) => path.relative(process.cwd(), p) || '.';
	const byId = Object.fromEntries(examples.map((w) => [w.id, w.name]));

	say('');
	say(`n8n ${info.n8nVersion} (Node ${info.marker.nodeVersion}) is running with ${pkg.name} ${pkg.version}`);
	say(`installed from ${path.basename(tarball)} as a community package (node type n8n-nodes-devrev.devRev)`);
	say('');
	say(`  Editor      ${n8n.url}`);
	if (owner) say(`  Log in      ${owner.email}  /  ${owner.password}`);
	else say('  Log in      with the owner account you created in this n8n (delete it with: npm start -- --fresh)');
	if (emulator) {
		say(`  Credential  "${CREDENTIAL.name}" -> local DevRev emulator ${emulator.url} (token ${emulator.token})`);
		say(
			`              ${counts.rev_users} rev users, ${counts.rev_orgs} rev orgs, ${counts.accounts} accounts, ${counts.sys_users} sys users`,
		);
	} else {
		say(`  Credential  "${CREDENTIAL.name}" -> ${credentialData.baseUrl} (token from DEVREV_TOKEN)`);
	}
	say('');
	say('  Workflows (Overview page):');
	say(`   - "${byId.DevRevSysUsers01}": open it, click "Execute workflow", then open "List sys users"`);
	say(`   - "${byId.DevRevExportCsv1}": click "Execute workflow"; the CSV lands in ${rel(FILES_DIR)}/`);
	say(`   - "${byId.DevRevLinkForm01}" (published): open the form ${formUrl}`);
	if (sample) say(`       ${sample}`);
	if (trigger) {
		say(`   - "${byId[TRIGGER_WORKFLOW_ID]}" (published; DevRev webhook ${trigger.status}):`);
		say('       fire "a rev user is created" in the emulator, then open the workflow\'s Executions tab:');
		say(`       curl -s -XPOST ${emulator.url}/__emulator/events -d '{"type":"rev_user_created","display_name":"Ada Lovelace"}'`);
	} else {
		say(`   - "${byId[TRIGGER_WORKFLOW_ID]}": the DevRev Trigger needs an n8n URL DevRev can reach (WEBHOOK_URL);`);
		say('       publish it once n8n has a public https:// address');
	}
	say('   - or add a DevRev node to a new workflow (search "DevRev" in the nodes panel)');
	say('');
	say(`  n8n log     ${rel(LOG_FILE)}`);
	say(`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop n8n${emulator ? ' and the emulator' : ''}.`);
}

main().catch((e) => {
	process.stderr.write(`npm start failed: ${e && e.stack ? e.stack : e}\n`);
	shutdown(1, true);
});
