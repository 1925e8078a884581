'use strict';
/**
 * The stack of `npm start` (start.js), which the browser suite and the screenshots start too: the
 * packed package installed in a real n8n as a community package, the DevRev emulator with demo
 * data (or the real DevRev), the `DevRev API` credential and the example workflows imported, the
 * form examples published, n8n started on loopback, its demo owner created and (against the
 * emulator) the DevRev Trigger example published. CommonJS, no dependencies.
 */
const fs = require('fs');
const path = require('path');

const P = require('./runtime/paths');
const { startEmulator } = require('./lib/emulator');
const { fetchJson, pickPort } = require('./lib/net');
const { until } = require('./lib/wait');
const n8n = require('./n8n/n8n');
const { installPackage, preparePackage } = require('./n8n/package');

const DEMO_TOKEN = 'devrev-demo-token';
const CREDENTIAL = { id: 'DevRevDemoCred01', name: 'DevRev API' };
const FORM_WORKFLOW_ID = 'DevRevLinkForm01';
const FORM_PATH = 'devrev-link-contact';
const SUPPORT_WORKFLOW_ID = 'DevRevSupport001';
const SUPPORT_PATH = 'devrev-support';
const TRIGGER_WORKFLOW_ID = 'DevRevNewUser001';

/** The real DevRev when DEVREV_TOKEN is set (DEVREV_BASE_URL: another than api.devrev.ai). */
function devrevFromEnv() {
	const { DEVREV_TOKEN: apiToken, DEVREV_BASE_URL: url = 'https://api.devrev.ai' } = process.env;
	return apiToken ? { apiToken, baseUrl: url.replace(/\/+$/, '') } : undefined;
}

/**
 * An n8n user folder ready to start: the packed package installed, the `DevRev API` credential
 * (`devrev`: { apiToken, baseUrl }) and the example workflows (or those of `workflowIds`)
 * imported, their Files node writing to `<userFolder>/files`. `env`: for the n8n commands.
 */
async function prepareUserFolder(userFolder, devrev, { workflowIds, env } = {}) {
	const filesDir = path.join(userFolder, 'files');
	fs.mkdirSync(filesDir, { recursive: true });
	const tarball = await preparePackage();
	installPackage(tarball, userFolder);
	const credential = n8n.devRevCredential({ ...CREDENTIAL, ...devrev });
	await n8n.importCredentials(userFolder, credential, { env });
	const all = n8n.loadExamples({ filesDir });
	const examples = workflowIds ? all.filter((w) => workflowIds.includes(w.id)) : all;
	if (examples.length !== (workflowIds || all).length)
		throw new Error(`examples/ lacks some of the workflows ${workflowIds}`);
	if (examples.length) await n8n.importWorkflows(userFolder, examples, { env });
	return { tarball, filesDir, examples };
}

/**
 * Publishes the DevRev Trigger example as the editor does. Unpublished first: a previous run's
 * webhook lived in a previous emulator process, and n8n re-registers published triggers on start
 * without asking DevRev. Resolves the DevRev webhook as the emulator shows it once verified.
 */
async function publishTrigger(client, emulatorUrl) {
	await client.request('POST', `/rest/workflows/${TRIGGER_WORKFLOW_ID}/deactivate`, {});
	await client.activateWorkflow(TRIGGER_WORKFLOW_ID);
	const webhook = async () => {
		const { webhooks } = await fetchJson(`${emulatorUrl}/__emulator/webhooks`);
		return webhooks.find((w) => w.url.includes('/webhook/'));
	};
	const verified = async () => (await webhook())?.status === 'active';
	const options = { timeoutMs: 30000, intervalMs: 250 };
	await until("the trigger example's webhook", verified, options).catch(() => undefined);
	return (await webhook().catch(() => undefined)) || { status: 'not registered' };
}

/** The demo owner (unless someone changed it: they know their login), the form, the trigger example. */
async function greet(server, emulator) {
	const client = new n8n.N8nClient(server.url);
	const owner = (await client.ensureOwner(n8n.DEMO_OWNER).catch(() => undefined))?.owner;
	const formUrl = `${server.url}/form/${FORM_PATH}`;
	const supportFormUrl = `${server.url}/form/${SUPPORT_PATH}`;
	for (const url of [formUrl, supportFormUrl])
		await until(`the form ${url}`, () => n8n.answers(url), { timeoutMs: 30000 }).catch(() => {});
	// The trigger example against the emulator (the real DevRev needs a public n8n URL).
	const trigger = emulator && owner ? await publishTrigger(client, emulator.url) : undefined;
	return { owner, formUrl, supportFormUrl, trigger };
}

/**
 * Brings the stack up, step by step; `launched(name, promise)` keeps each service it starts (and
 * rejects when the stack was stopped meanwhile); `checkStopped()` rejects likewise.
 */
async function bringUp(options, { launched, checkStopped }) {
	const { userFolder = P.START_USER_FOLDER, fresh = false, devrev, logFile } = options;
	const info = await n8n.ensureRuntime();
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	const emulatorPort = await pickPort(options.emulatorPort, 8787);
	const args = `--host 127.0.0.1 --port ${emulatorPort} --token ${DEMO_TOKEN} --seed demo`;
	const emulator = devrev ? undefined : await launched('emulator', startEmulator(args.split(' ')));
	const devrevOf = devrev || { apiToken: emulator.token, baseUrl: emulator.url };
	const prepared = await prepareUserFolder(userFolder, devrevOf);
	for (const id of [FORM_WORKFLOW_ID, SUPPORT_WORKFLOW_ID])
		await n8n.runN8n(['publish:workflow', `--id=${id}`], { userFolder, ok: true });
	if (logFile) fs.writeFileSync(logFile, '');
	const env = { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info' };
	const port = await pickPort(options.port, 5678);
	const server = await launched('n8n', n8n.startN8n(userFolder, { port, env, logFile }));
	const greeted = await greet(server, emulator);
	await checkStopped();
	const credential = { ...CREDENTIAL, ...devrevOf };
	return { info, userFolder, ...prepared, credential, n8n: server, emulator, ...greeted };
}

/**
 * The stack, not started yet: `start()` brings it up and resolves what a user needs (URLs, the
 * owner's login, ...); `stop()` stops whatever has been started, also while `start()` is under
 * way (Ctrl-C during start-up), after which `start()` rejects. A failing `start()` stops what it
 * had started before it rejects. Options: `userFolder`, `fresh` (empty it first), `port` /
 * `emulatorPort` (when not given, 5678 / 8787 if free, else any free port), `devrev` ({ apiToken,
 * baseUrl }: the real DevRev instead of the emulator), `logFile` (n8n's output goes there).
 */
function createStack(options = {}) {
	const started = {};
	let stopped = false;
	const stop = async () => {
		stopped = true;
		await Promise.all([started.n8n?.stop(), started.emulator?.stop()]);
	};
	const checkStopped = async () => {
		if (!stopped) return;
		await stop();
		throw new Error('stopped while starting');
	};
	const launched = async (name, launching) => {
		started[name] = await launching;
		await checkStopped();
		return started[name];
	};
	const start = () =>
		bringUp(options, { launched, checkStopped }).catch((e) => stop().then(() => Promise.reject(e)));
	return { start, stop };
}

module.exports = {
	createStack,
	devrevFromEnv,
	prepareUserFolder,
	CREDENTIAL,
	DEMO_TOKEN,
	FORM_WORKFLOW_ID,
	FORM_PATH,
	SUPPORT_WORKFLOW_ID,
	TRIGGER_WORKFLOW_ID,
};
