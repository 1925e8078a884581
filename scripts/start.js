#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the DevRev node live in real n8n, against a local DevRev (or the real one).
 * (npm start runs scripts/bootstrap first: dependencies, the cached Node 24 + n8n runtime.)
 *
 *  1. builds and packs the package and installs the tarball as a community package (node type
 *     `n8n-nodes-devrev.devRev`) into this checkout's n8n user folder, which is kept between runs
 *     outside the repository (~/.cache/n8n-nodes-devrev/<checkout>-<hash>/user)
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

const P = require('./runtime/paths');
const { parseFlags } = require('./lib/cli');
const { withLock } = require('./lib/lock');
const { fetchJson } = require('./lib/net');
const { createStack, devrevFromEnv, TRIGGER_WORKFLOW_ID } = require('./stack');

const LOG_FILE = path.join(P.LOCAL_DIR, 'n8n.log');
const START_LOCK = path.join(P.LOCAL_DIR, '.start.lock');
const FLAGS = {
	'--port': ['port', 'number', Number(process.env.N8N_PORT) || undefined],
	'--emulator-port': ['emulatorPort', 'number'],
	'--fresh': ['fresh', 'switch'],
};

/** A path as the user can type it: relative to the current folder when it is inside it. */
function shown(p) {
	const rel = path.relative(process.cwd(), p);
	return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel || '.';
}

/** What to try the form with: a known rev user's email, and a rev org or account to link to. */
async function formSample(emulatorUrl) {
	const state = await fetchJson(`${emulatorUrl}/__emulator/state?limit=10`);
	const users = state.rev_users;
	const known = users.find((u) => !u.rev_org) || users[0];
	const org = (users.find((u) => u.rev_org && u.rev_org.display_id) || {}).rev_org;
	const account = [known, ...users]
		.flatMap((u) => u.associations || [])
		.find((a) => a.type === 'account');
	const where = [
		org && `rev org ${org.display_id} (${org.display_name})`,
		account && `account ${account.display_id}`,
	];
	const to = where.filter(Boolean).join(' or ') || 'a rev org';
	const sample = `a new email creates a contact, a known one (e.g. ${known.email}) updates it; link it to ${to}`;
	return { counts: state.counts, sample };
}

/** Where the DevRev credential points, in the guide. */
function credentialLines({ credential, emulator }, counts) {
	const { name, baseUrl } = credential;
	if (!emulator) return [`  Credential  "${name}" -> ${baseUrl} (token from DEVREV_TOKEN)`];
	const { rev_users, rev_orgs, accounts, sys_users } = counts;
	return [
		`  Credential  "${name}" -> local DevRev emulator ${emulator.url} (token ${emulator.token})`,
		`              ${rev_users} rev users, ${rev_orgs} rev orgs, ${accounts} accounts, ${sys_users} sys users`,
	];
}

/** How to fire the trigger example, in the guide. */
function triggerLines({ trigger, emulator }, workflowName) {
	if (!trigger)
		return [
			`   - "${workflowName}": the DevRev Trigger needs an n8n URL DevRev can reach (WEBHOOK_URL);`,
			'       publish it once n8n has a public https:// address',
		];
	const event = `'{"type":"rev_user_created","display_name":"Ada Lovelace"}'`;
	return [
		`   - "${workflowName}" (published; DevRev webhook ${trigger.status}):`,
		'       fire "a rev user is created" in the emulator, then open the workflow\'s Executions tab:',
		`       curl -s -XPOST ${emulator.url}/__emulator/events -d ${event}`,
	];
}

/** The text `npm start` prints once the stack is up: what runs where, what to open and click. */
function guide(up, { startedAt, counts, sample }) {
	const { info, tarball, n8n, emulator, owner, examples, formUrl, supportFormUrl, filesDir } = up;
	const pkg = JSON.parse(fs.readFileSync(path.join(P.ROOT, 'package.json'), 'utf8'));
	const name = Object.fromEntries(examples.map((w) => [w.id, w.name]));
	const login = owner
		? `${owner.email}  /  ${owner.password}`
		: 'with the owner account you created in this n8n (delete it with: npm start -- --fresh)';
	const took = ((Date.now() - startedAt) / 1000).toFixed(1);
	return [
		'',
		`n8n ${info.n8nVersion} (Node ${info.marker.nodeVersion}) is running with ${pkg.name} ${pkg.version}`,
		`installed from ${path.basename(tarball)} as a community package (node type n8n-nodes-devrev.devRev)`,
		'',
		`  Editor      ${n8n.url}`,
		`  Log in      ${login}`,
		...credentialLines(up, counts),
		'',
		'  Workflows (Overview page):',
		`   - "${name.DevRevSysUsers01}": open it, click "Execute workflow", then open "List sys users"`,
		`   - "${name.DevRevExportCsv1}": click "Execute workflow"; the CSV lands in ${shown(filesDir)}/`,
		`   - "${name.DevRevSupport001}" (published): open the form ${supportFormUrl}`,
		...(emulator
			? []
			: ["       set its Part and Owned By to yours first (the demo IDs are the emulator's)"]),
		`   - "${name.DevRevLinkForm01}" (published): open the form ${formUrl}`,
		...(sample ? [`       ${sample}`] : []),
		...triggerLines(up, name[TRIGGER_WORKFLOW_ID]),
		'   - or add a DevRev node to a new workflow (search "DevRev" in the nodes panel)',
		'',
		`  n8n data    ${shown(up.userFolder)} (npm start -- --fresh empties it)`,
		`  n8n log     ${shown(LOG_FILE)}`,
		`  Ready in ${took} s. Press Ctrl-C to stop n8n${emulator ? ' and the emulator' : ''}.`,
	].join('\n');
}

/**
 * What `npm start` starts, with the guide it prints: the stack (stack.js) with these options;
 * `created(stack)` gets the stack before it starts. The browser suite starts exactly this, on
 * ports and in a user folder of its own.
 * @param {(stack: ReturnType<typeof createStack>) => void} [created]
 */
async function startDemo(options, created = () => {}) {
	const startedAt = Date.now();
	const stack = createStack(options);
	created(stack);
	const up = await stack.start();
	try {
		const shownForm = up.emulator ? await formSample(up.emulator.url) : {};
		return { stack, up, guide: guide(up, { startedAt, ...shownForm }) };
	} catch (e) {
		await stack.stop();
		throw e;
	}
}

/** The user folder of older versions, inside the checkout, moved to where it lives now. */
function moveOldUserFolder() {
	if (!fs.existsSync(P.OLD_START_USER_FOLDER) || fs.existsSync(P.START_USER_FOLDER)) return;
	fs.mkdirSync(path.dirname(P.START_USER_FOLDER), { recursive: true });
	fs.cpSync(P.OLD_START_USER_FOLDER, P.START_USER_FOLDER, { recursive: true });
	fs.rmSync(P.OLD_START_USER_FOLDER, { recursive: true, force: true });
	process.stdout.write(
		`moved the n8n data of ${shown(P.OLD_START_USER_FOLDER)} to ${P.START_USER_FOLDER}\n`,
	);
}

let running;
let stopping = false;

async function shutdown(code, quiet = false) {
	if (stopping) return;
	stopping = true;
	if (!quiet) process.stdout.write('\nStopping n8n and the emulator ...\n');
	if (running) await running.stop();
	process.exit(code);
}

/** Runs the stack until n8n exits or Ctrl-C; one npm start per checkout (one n8n per database). */
async function run(options) {
	moveOldUserFolder();
	// A stack whose start-up is under way is stopped by Ctrl-C too.
	const { up, guide: text } = await startDemo(options, (stack) => (running = stack));
	process.stdout.write(`${text}\n`);
	const { code, signal } = await up.n8n.exited;
	if (stopping) return;
	process.stdout.write(`\nn8n exited (${signal || code}); see ${shown(LOG_FILE)}\n`);
	shutdown(typeof code === 'number' && code !== 0 ? code : 1);
}

async function main() {
	const options = parseFlags(process.argv.slice(2), FLAGS, __filename);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(0));
	const all = { ...options, devrev: devrevFromEnv(), logFile: LOG_FILE };
	await withLock(START_LOCK, () => run(all), { wait: false }).catch((e) => {
		if (e.code !== 'ELOCKED') throw e;
		const busy = `npm start is already running in this checkout (process ${e.owner}); stop it first (Ctrl-C there).`;
		throw Object.assign(new Error(busy), { plain: true });
	});
}

module.exports = { startDemo };

if (require.main === module) {
	main().catch((e) => {
		if (stopping) return; // Ctrl-C during start-up: shutdown() is on it
		process.stderr.write(`npm start failed: ${e && e.plain ? e.message : (e && e.stack) || e}\n`);
		shutdown(1, true);
	});
}
