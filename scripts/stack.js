'use strict';
/**
 * The stack of `npm start`, for the CLI (start.js) and for tests that need the same thing
 * (the browser suite, the screenshots): the packed package installed in a real n8n as a community
 * package, the DevRev emulator with demo data (or the real DevRev), the `DevRev API` credential
 * and the example workflows imported, the form example published, n8n started on loopback, its
 * demo owner created and (against the emulator) the DevRev Trigger example published.
 *
 * CommonJS, no dependencies.
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const readline = require('readline');
const { spawn } = require('child_process');

const rt = require('./n8n-runtime');

const EMULATOR_CLI = path.join(rt.ROOT, 'test', 'emulator', 'cli.js');
const DEMO_TOKEN = 'devrev-demo-token';
const CREDENTIAL = { id: 'DevRevDemoCred01', name: 'DevRev API' };
const FORM_WORKFLOW_ID = 'DevRevLinkForm01';
const FORM_PATH = 'devrev-link-contact';
const TRIGGER_WORKFLOW_ID = 'DevRevNewUser001';

function portFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, host, () => srv.close(() => resolve(true)));
	});
}

/** The port asked for, else `preferred` when free, else any free one. */
async function pickPort(wanted, preferred) {
	if (wanted) return wanted;
	return (await portFree(preferred)) ? preferred : rt.freePort();
}

/** Kills a detached child's whole process group; resolves when it has exited. */
function stopGroup(child, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = (signal) => {
			try {
				process.kill(-child.pid, signal);
				return true;
			} catch {
				return false;
			}
		};
		const t = setTimeout(() => kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(t);
			resolve();
		});
		if (!kill('SIGTERM')) {
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
			[
				EMULATOR_CLI,
				'--host',
				'127.0.0.1',
				'--port',
				String(port),
				'--token',
				DEMO_TOKEN,
				'--seed',
				'demo',
			],
			{ cwd: rt.ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
		);
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		readline.createInterface({ input: child.stdout }).once('line', (line) => {
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

/** GET a JSON document. */
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
		if ((webhook && webhook.status === 'active') || Date.now() > deadline)
			return webhook || { status: 'not registered' };
		await rt.sleep(250);
	}
}

/**
 * The stack, not started yet: `start()` brings it up and resolves what a user needs (URLs, the
 * owner's login, ...); `stop()` stops whatever has been started, also while `start()` is under
 * way (Ctrl-C during start-up), after which `start()` rejects. A failing `start()` stops what it
 * had started before it rejects.
 *
 * @param {{ userFolder?: string, fresh?: boolean, port?: number, emulatorPort?: number,
 *   devrev?: { apiToken: string, baseUrl: string }, logFile?: string }} [options]
 *   `port` / `emulatorPort`: when not given, 5678 / 8787 if free, else any free port.
 *   `devrev`: the real DevRev instead of the emulator. `logFile`: n8n's output goes there.
 */
function createStack({
	userFolder = rt.START_USER_FOLDER,
	fresh = false,
	port,
	emulatorPort,
	devrev,
	logFile,
} = {}) {
	/** @type {{ emulator?: { child: import('child_process').ChildProcess, url: string, token: string }, n8n?: Awaited<ReturnType<typeof rt.startN8n>> }} */
	const started = {};
	let stopped = false;
	const stop = async () => {
		stopped = true;
		await Promise.all([
			started.n8n && started.n8n.stop(),
			stopGroup(started.emulator && started.emulator.child),
		]);
	};
	/** After each launch: a stop() that came meanwhile must also reach what was just launched. */
	const check = async () => {
		if (stopped) {
			await stop();
			throw new Error('stopped while starting');
		}
	};

	async function start() {
		const info = await rt.ensureRuntime();
		if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
		const filesDir = path.join(userFolder, 'files');
		fs.mkdirSync(filesDir, { recursive: true });
		const tarball = await rt.preparePackage();
		rt.installPackage(tarball, userFolder);

		if (!devrev) {
			started.emulator = await startEmulator(await pickPort(emulatorPort, 8787));
			await check();
		}
		const credentialData = devrev || {
			apiToken: started.emulator.token,
			baseUrl: started.emulator.url,
		};
		await rt.importCredentials(
			userFolder,
			rt.devRevCredential({ ...CREDENTIAL, ...credentialData }),
		);
		const examples = rt.loadExamples({ filesDir });
		await rt.importWorkflows(userFolder, examples);
		await rt.runN8nOk(['publish:workflow', `--id=${FORM_WORKFLOW_ID}`], { userFolder });

		const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'w' }) : undefined;
		started.n8n = await rt.startN8n(userFolder, {
			port: await pickPort(port, 5678),
			env: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info' },
			onOutput: logStream ? (text) => logStream.write(text) : undefined,
		});
		started.n8n.exited.then(() => logStream && logStream.end());
		await check();

		const client = new rt.N8nClient(started.n8n.url);
		let owner;
		try {
			owner = (await client.ensureOwner(rt.DEMO_OWNER)).owner;
		} catch {
			owner = undefined; // someone changed the demo owner: they know their login
		}
		const formUrl = `${started.n8n.url}/form/${FORM_PATH}`;
		await rt.waitForUrl(formUrl, { timeoutMs: 30000 }).catch(() => undefined);
		await check();
		// The trigger example against the emulator (the real DevRev needs a public n8n URL).
		const trigger =
			started.emulator && owner ? await publishTrigger(client, started.emulator.url) : undefined;
		await check();
		return {
			info,
			tarball,
			userFolder,
			filesDir,
			examples,
			credential: { ...CREDENTIAL, ...credentialData },
			n8n: started.n8n,
			emulator: started.emulator,
			owner,
			formUrl,
			trigger,
		};
	}

	return {
		start: () =>
			start().catch(async (e) => {
				await stop();
				throw e;
			}),
		stop,
	};
}

module.exports = {
	createStack,
	CREDENTIAL,
	DEMO_TOKEN,
	FORM_WORKFLOW_ID,
	FORM_PATH,
	TRIGGER_WORKFLOW_ID,
};
