/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code: runs on Node, never inside n8n */
/**
 * The browser suite's set-up: what `npm start` starts (scripts/start.js startDemo: the same stack
 * with the same options), on free ports with a fresh n8n user folder, Debian's Chromium through
 * playwright-core, and tests that keep a screenshot of the page when they fail
 * (test/browser/artifacts/, with n8n's log).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import { launchChromium } from '../../scripts/browser/chromium';
import { fetchJson, freePort } from '../../scripts/lib/net';
import { N8nClient } from '../../scripts/n8n/n8n';
import { CREDENTIAL, DEMO_TOKEN, type createStack } from '../../scripts/stack';
import { startDemo } from '../../scripts/start';
import { Editor } from './editor';

/** `describe`, or `describe.skip` with SKIP_N8N_E2E (as the other real-n8n tests). */
export const describeBrowser = process.env.SKIP_N8N_E2E ? describe.skip : describe;

export const ARTIFACTS = path.join(__dirname, 'artifacts');
export const SETUP_TIMEOUT_MS = 30 * 60 * 1000;
export const TEST_TIMEOUT_MS = 3 * 60 * 1000;

type Up = Awaited<ReturnType<ReturnType<typeof createStack>['start']>>;

export interface Session {
	up: Up;
	n8nUrl: string;
	emulatorUrl: string;
	owner: { email: string; password: string };
	browser: Browser;
	context: BrowserContext;
	page: Page;
	editor: Editor;
	/** A DevRev API call to the emulator, with the demo token. */
	devrev: (endpoint: string, body?: unknown) => Promise<Record<string, unknown>>;
	/** The emulator's control API (/__emulator/...). */
	control: (method: string, endpoint: string, body?: unknown) => Promise<Record<string, unknown>>;
	/** The text `npm start` prints once this stack is up. */
	guide: string;
	/** Creates a workflow of one DevRev node with these parameters (as the demo owner); its id. */
	createWorkflow: (name: string, parameters: Record<string, unknown>) => Promise<string>;
	stop: () => Promise<void>;
}

/** Creates a workflow of one DevRev node with these parameters through n8n's REST API; its id. */
async function createWorkflow(up: Up, name: string, parameters: Record<string, unknown>) {
	const client = new N8nClient(up.n8n.url);
	await client.ensureOwner(up.owner);
	const type = { type: 'n8n-nodes-devrev.devRev', typeVersion: 1, position: [0, 0] };
	const node = {
		id: 'devrev',
		name: 'DevRev',
		...type,
		parameters,
		credentials: { devRevApi: CREDENTIAL },
	};
	const workflow = { name, nodes: [node], connections: {}, settings: { executionOrder: 'v1' } };
	return (await client.requestOk('POST', '/rest/workflows', workflow)).id as string;
}

/** A browser for the stack; one that cannot start stops the stack. */
async function openBrowser(stack: ReturnType<typeof createStack> | undefined) {
	const browser = await launchChromium().catch(async (e) => {
		await stack?.stop();
		throw e;
	});
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	return { browser, context, page: await context.newPage() };
}

/** Starts what `npm start` starts (on free ports, in a fresh user folder), and a browser. */
export async function startSession(label: string): Promise<Session> {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-devrev-browser-${label}-`));
	const logFile = path.join(ARTIFACTS, `${label}-n8n.log`);
	const options = { userFolder, port: await freePort(), emulatorPort: await freePort(), logFile };
	let stack: ReturnType<typeof createStack> | undefined;
	const { up, guide } = await startDemo(options, (created) => (stack = created));
	const { n8n, emulator, owner } = up;
	if (!n8n || !emulator || !owner)
		throw new Error('the stack started without n8n, the emulator or the demo owner');
	const { browser, context, page } = await openBrowser(stack);
	const emulatorUrl = emulator.url as string;
	const auth = { authorization: `Bearer ${DEMO_TOKEN}` };
	return {
		...{ up, guide, n8nUrl: n8n.url, emulatorUrl, owner, browser, context, page },
		editor: new Editor(page, n8n.url),
		devrev: (endpoint, body = {}) =>
			fetchJson(`${emulatorUrl}${endpoint}`, { method: 'POST', headers: auth, body }),
		control: (method, endpoint, body) =>
			fetchJson(`${emulatorUrl}/__emulator/${endpoint}`, { method, body }),
		createWorkflow: (name, parameters) => createWorkflow(up, name, parameters),
		stop: async () => {
			await browser.close().catch(() => undefined);
			await stack?.stop();
			if (!process.env.KEEP_E2E_FOLDERS) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

const slug = (name: string) =>
	name
		.replace(/[^a-z0-9]+/gi, '-')
		.replace(/^-|-$/g, '')
		.toLowerCase()
		.slice(0, 80);

/**
 * `it` for a browser test: when it fails, a full-page screenshot of `page()` is kept in
 * test/browser/artifacts/<test name>.png.
 */
export function browserTest(
	name: string,
	page: () => Page | undefined,
	fn: () => Promise<void>,
	timeout = TEST_TIMEOUT_MS,
): void {
	it(
		name,
		async () => {
			const file = path.join(ARTIFACTS, `${slug(name)}.png`);
			fs.rmSync(file, { force: true });
			try {
				await fn();
			} catch (error) {
				await page()
					?.screenshot({ path: file, fullPage: true })
					.catch(() => undefined);
				throw error;
			}
		},
		timeout,
	);
}
