#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the DevRev node live in real n8n, against a local DevRev (or the real one).
 * (npm start runs scripts/bootstrap first: dependencies, the cached Node 24 + n8n runtime.)
 *
 *  1. builds and packs the package and installs the tarball into the n8n user folder
 *     `.n8n-runtime/user` as a community package (node type `n8n-nodes-devrev.devRev`)
 *  2. starts the DevRev emulator (test/emulator/cli.js, demo seed, fixed token) on 127.0.0.1,
 *     unless DEVREV_TOKEN is set: then the credential points at the real DevRev
 *  3. imports the `DevRev API` credential and the example workflows, publishes the form one
 *  4. starts n8n on 127.0.0.1, creates (or logs in) the demo owner, prints what to open and click
 * The stack itself is scripts/stack.js. Ctrl-C stops n8n and the emulator.
 *
 * Options:  --port N           editor port (default 5678, or a free one when taken; env N8N_PORT)
 *           --emulator-port N  emulator port (default 8787, or a free one when taken)
 *           --fresh            throw away the n8n user folder first (owner, credentials, executions)
 * Env:      DEVREV_TOKEN       use the real DevRev with this token instead of the emulator
 *           DEVREV_BASE_URL    with DEVREV_TOKEN: DevRev's base URL (default https://api.devrev.ai)
 */
const fs = require('fs');
const path = require('path');

const rt = require('./n8n-runtime');
const { withLock } = require('./runtime/lock');
const { createStack, TRIGGER_WORKFLOW_ID } = require('./stack');

const LOG_FILE = path.join(rt.LOCAL_DIR, 'n8n.log');
const START_LOCK = path.join(rt.LOCAL_DIR, '.start.lock');

function parseArgs(argv) {
	const o = {
		port: Number(process.env.N8N_PORT) || undefined,
		emulatorPort: undefined,
		fresh: false,
	};
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
			process.stdout.write(
				fs
					.readFileSync(__filename, 'utf8')
					.split('*/')[0]
					.replace(/^#!.*\n'use strict';\n\/\*\*\n/, ''),
			);
			process.exit(0);
		} else throw new Error(`unknown option ${argv[i]} (try --help)`);
	}
	return o;
}

function say(line = '') {
	process.stdout.write(`${line}\n`);
}

async function getJson(url) {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
	return res.json();
}

let stack;
let stopping = false;

async function shutdown(code, quiet = false) {
	if (stopping) return;
	stopping = true;
	if (!quiet) say('\nStopping n8n and the emulator ...');
	if (stack) await stack.stop();
	process.exit(code);
}

/** What to try the form with: a known rev user's email, and a rev org or account to link to. */
async function formSample(emulatorUrl) {
	const state = await getJson(`${emulatorUrl}/__emulator/state?limit=10`);
	const known = state.rev_users.find((u) => !u.rev_org) || state.rev_users[0];
	const org = (state.rev_users.find((u) => u.rev_org && u.rev_org.display_id) || {}).rev_org;
	const account =
		(known.associations || []).find((a) => a.type === 'account') ||
		state.rev_users.flatMap((u) => u.associations || []).find((a) => a.type === 'account');
	const where = [
		org && `rev org ${org.display_id} (${org.display_name})`,
		account && `account ${account.display_id}`,
	]
		.filter(Boolean)
		.join(' or ');
	return {
		counts: state.counts,
		sample: `a new email creates a contact, a known one (e.g. ${known.email}) updates it; link it to ${where || 'a rev org'}`,
	};
}

function printSummary(up, { started, counts, sample }) {
	const { info, tarball, n8n, emulator, owner, credential, examples, formUrl, filesDir, trigger } =
		up;
	const pkg = JSON.parse(fs.readFileSync(path.join(rt.ROOT, 'package.json'), 'utf8'));
	const rel = (p) => path.relative(process.cwd(), p) || '.';
	const byId = Object.fromEntries(examples.map((w) => [w.id, w.name]));

	say('');
	say(
		`n8n ${info.n8nVersion} (Node ${info.marker.nodeVersion}) is running with ${pkg.name} ${pkg.version}`,
	);
	say(
		`installed from ${path.basename(tarball)} as a community package (node type n8n-nodes-devrev.devRev)`,
	);
	say('');
	say(`  Editor      ${n8n.url}`);
	if (owner) say(`  Log in      ${owner.email}  /  ${owner.password}`);
	else
		say(
			'  Log in      with the owner account you created in this n8n (delete it with: npm start -- --fresh)',
		);
	if (emulator) {
		say(
			`  Credential  "${credential.name}" -> local DevRev emulator ${emulator.url} (token ${emulator.token})`,
		);
		say(
			`              ${counts.rev_users} rev users, ${counts.rev_orgs} rev orgs, ${counts.accounts} accounts, ${counts.sys_users} sys users`,
		);
	} else {
		say(`  Credential  "${credential.name}" -> ${credential.baseUrl} (token from DEVREV_TOKEN)`);
	}
	say('');
	say('  Workflows (Overview page):');
	say(
		`   - "${byId.DevRevSysUsers01}": open it, click "Execute workflow", then open "List sys users"`,
	);
	say(
		`   - "${byId.DevRevExportCsv1}": click "Execute workflow"; the CSV lands in ${rel(filesDir)}/`,
	);
	say(`   - "${byId.DevRevLinkForm01}" (published): open the form ${formUrl}`);
	if (sample) say(`       ${sample}`);
	if (trigger) {
		say(`   - "${byId[TRIGGER_WORKFLOW_ID]}" (published; DevRev webhook ${trigger.status}):`);
		say(
			'       fire "a rev user is created" in the emulator, then open the workflow\'s Executions tab:',
		);
		say(
			`       curl -s -XPOST ${emulator.url}/__emulator/events -d '{"type":"rev_user_created","display_name":"Ada Lovelace"}'`,
		);
	} else {
		say(
			`   - "${byId[TRIGGER_WORKFLOW_ID]}": the DevRev Trigger needs an n8n URL DevRev can reach (WEBHOOK_URL);`,
		);
		say('       publish it once n8n has a public https:// address');
	}
	say('   - or add a DevRev node to a new workflow (search "DevRev" in the nodes panel)');
	say('');
	say(`  n8n log     ${rel(LOG_FILE)}`);
	say(
		`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop n8n${emulator ? ' and the emulator' : ''}.`,
	);
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const started = Date.now();
	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));
	process.on('SIGHUP', () => shutdown(0));

	const devrev = process.env.DEVREV_TOKEN
		? {
				apiToken: process.env.DEVREV_TOKEN,
				baseUrl: (process.env.DEVREV_BASE_URL || 'https://api.devrev.ai').replace(/\/+$/, ''),
			}
		: undefined;
	// One npm start per checkout: two n8n processes on one user folder would corrupt its database.
	await withLock(
		START_LOCK,
		async () => {
			stack = createStack({
				fresh: opts.fresh,
				port: opts.port,
				emulatorPort: opts.emulatorPort,
				devrev,
				logFile: LOG_FILE,
			});
			const up = await stack.start();
			const shown = up.emulator ? await formSample(up.emulator.url) : {};
			printSummary(up, { started, ...shown });
			const { code, signal } = await up.n8n.exited;
			if (stopping) return;
			say(`\nn8n exited (${signal || code}); see ${path.relative(process.cwd(), LOG_FILE)}`);
			shutdown(typeof code === 'number' && code !== 0 ? code : 1);
		},
		{ wait: false },
	).catch((e) => {
		if (e.code !== 'ELOCKED') throw e;
		throw Object.assign(
			new Error(
				`npm start is already running in this checkout (process ${e.owner}); stop it first (Ctrl-C there).`,
			),
			{ plain: true },
		);
	});
}

main().catch((e) => {
	if (stopping) return; // Ctrl-C during start-up: shutdown() is on it
	process.stderr.write(`npm start failed: ${e && e.plain ? e.message : (e && e.stack) || e}\n`);
	shutdown(1, true);
});
