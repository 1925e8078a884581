/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * Shared set-up of the end-to-end tests: real n8n (cached runtime, see scripts/runtime/) with the
 * packed package installed as a community package, against the DevRev emulator.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DevRevEmulator } from '../emulator';
import { until } from '../../scripts/lib/wait';
import * as n8n from '../../scripts/n8n/n8n';
import { CREDENTIAL, DEMO_TOKEN, prepareUserFolder } from '../../scripts/stack';

export { CREDENTIAL, DEMO_TOKEN };

/**
 * `describe`, or `describe.skip` when SKIP_N8N_E2E is set (quick unit-test runs; CI runs them).
 */
export const describeE2E = process.env.SKIP_N8N_E2E ? describe.skip : describe;

/** The first run installs Node 24 + n8n (minutes); later runs reuse the cache. */
export const SETUP_TIMEOUT_MS = 30 * 60 * 1000;
export const TEST_TIMEOUT_MS = 3 * 60 * 1000;

export const WORKFLOW_IDS = {
	linkForm: 'DevRevLinkForm01',
	export: 'DevRevExportCsv1',
	sysUsers: 'DevRevSysUsers01',
} as const;

export interface Instance {
	emu: DevRevEmulator;
	userFolder: string;
	filesDir: string;
	tarball: string;
	examples: ReturnType<typeof n8n.loadExamples>;
	cleanup: () => Promise<void>;
}

/**
 * Emulator (demo seed: 2 accounts, 4 rev orgs, 25 sys users, 300 rev users, scan pages of 50)
 * + a fresh n8n user folder with the tarball installed, the `DevRev API` credential pointing at
 * the emulator and the example workflows imported.
 */
export async function prepareInstance(label: string): Promise<Instance> {
	const t0 = Date.now();
	await n8n.ensureRuntime();
	const emu = new DevRevEmulator({ tokens: [DEMO_TOKEN] });
	emu.seed({ accounts: 2, revOrgs: 4, sysUsers: 25, revUsers: 300 });
	const baseUrl = await emu.start(0, '127.0.0.1');
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-devrev-e2e-${label}-`));
	const { filesDir, tarball, examples } = await prepareUserFolder(userFolder, {
		apiToken: DEMO_TOKEN,
		baseUrl,
	});
	log(`${label}: instance ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${userFolder})`);

	return {
		emu,
		userFolder,
		filesDir,
		tarball,
		examples,
		cleanup: async () => {
			await emu.stop();
			if (!process.env.KEEP_E2E_FOLDERS) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

export function log(message: string): void {
	if (process.env.E2E_QUIET) return;
	process.stderr.write(`[e2e] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// A browser, as far as n8n's form pages need one
// ---------------------------------------------------------------------------------------------

interface FormElement {
	tag: string;
	attrs: Record<string, string>;
}

function parseAttributes(source: string): Record<string, string> {
	const attrs: Record<string, string> = {};
	const re = /([^\s=/>]+)(?:\s*=\s*(?:'([^']*)'|"([^"]*)"|([^\s>]+)))?/g;
	for (let m = re.exec(source); m; m = re.exec(source)) {
		attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
	}
	return attrs;
}

function decodeEntities(text: string): string {
	return text
		.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/** `form.elements` of the page's n8n form, in document order, with the labels of inputs. */
export function parseForm(html: string): {
	elements: FormElement[];
	labels: Record<string, string>;
} {
	const start = html.search(/<form\b/i);
	const end = html.indexOf('</form>', start);
	if (start === -1 || end === -1) throw new Error('no <form> on the page');
	const form = html.slice(start, end);
	const elements: FormElement[] = [];
	const re = /<(input|select|textarea|button)\b([^>]*)>/gi;
	for (let m = re.exec(form); m; m = re.exec(form)) {
		elements.push({ tag: m[1].toLowerCase(), attrs: parseAttributes(m[2]) });
	}
	const labels: Record<string, string> = {};
	const lre = /<label\b([^>]*)>([\s\S]*?)<\/label>/gi;
	for (let m = lre.exec(form); m; m = lre.exec(form)) {
		const forId = parseAttributes(m[1]).for;
		if (forId) labels[decodeEntities(m[2].replace(/<[^>]*>/g, '').trim())] = forId;
	}
	return { elements, labels };
}

export function pageTexts(html: string, tag: string): string[] {
	const re = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'gi');
	const out: string[] = [];
	for (let m = re.exec(html); m; m = re.exec(html)) {
		out.push(
			decodeEntities(
				m[1]
					.replace(/<[^>]*>/g, '')
					.replace(/\s+/g, ' ')
					.trim(),
			),
		);
	}
	return out;
}

export interface FormRun {
	formStatus: number;
	postStatus: number;
	formWaitingUrl: string;
	executionId: string;
	completionHtml: string;
	finalStatus: string;
}

/**
 * What a browser posts on the form page `html` for `values` (the labels shown -> what the user
 * types): `new FormData(form)`, every form element in order (`field-0`, `field-1`, ...).
 */
export function formBody(html: string, values: Record<string, string>): FormData {
	const { elements, labels } = parseForm(html);
	const byId: Record<string, string> = {};
	for (const [label, value] of Object.entries(values)) {
		const id = labels[label];
		const known = Object.keys(labels).join(', ');
		if (!id) throw new Error(`the form has no field labelled "${label}" (labels: ${known})`);
		byId[id] = value;
	}
	const body = new FormData();
	for (const { attrs } of elements) {
		if (attrs.type === 'file') continue;
		const typed = attrs.id !== undefined && attrs.id in byId;
		body.append(attrs.name ?? '', typed ? byId[attrs.id] : (attrs.value ?? ''));
	}
	return body;
}

/** The completion page's closing POST: its script posts `{}` (fetch sends it as text "[object Object]"). */
export function closeCompletionPage(formWaitingUrl: string, init: RequestInit = {}) {
	const headers = { 'content-type': 'text/plain;charset=UTF-8' };
	return fetch(formWaitingUrl, { ...init, method: 'POST', body: String({}), headers });
}

/** Polls the execution's status as the form page does until it is one of `wanted`; fails at once at another end. */
function waitForStatus(formWaitingUrl: string, executionId: string, wanted: string[]) {
	const url = new URL(formWaitingUrl);
	url.pathname += '/n8n-execution-status';
	let last = '';
	const status = async () => {
		last = (await (await fetch(url)).text()).trim();
		return wanted.includes(last) ? last : undefined;
	};
	const failed = () =>
		['canceled', 'crashed', 'error', 'null'].includes(last) && `its status is "${last}"`;
	const what = `execution ${executionId} to be ${wanted.join('/')}`;
	return until(what, status, { timeoutMs: 60000, intervalMs: 200, unless: failed });
}

/**
 * Fills and submits an n8n form the way n8n's form page script does in a browser
 * (templates/form-trigger.handlebars of n8n 2.41): GET the form, POST its FormData (formBody) as
 * multipart/form-data to the same URL, read `{formWaitingUrl}`, poll
 * `<formWaitingUrl>/n8n-execution-status` until "form-waiting", open the completion page, and
 * send the completion page's closing POST. `values` maps the field labels shown on the form to
 * what the user types.
 */
export async function submitForm(
	formUrl: string,
	values: Record<string, string>,
): Promise<FormRun> {
	const page = await fetch(formUrl);
	const html = await page.text();
	if (page.status !== 200)
		throw new Error(`GET ${formUrl} answered ${page.status}: ${html.slice(0, 300)}`);
	const post = await fetch(formUrl, { method: 'POST', body: formBody(html, values) });
	const postText = await post.text();
	if (post.status !== 200)
		throw new Error(`POST ${formUrl} answered ${post.status}: ${postText.slice(0, 300)}`);
	const { formWaitingUrl } = JSON.parse(postText) as { formWaitingUrl: string };
	const executionId = new URL(formWaitingUrl).pathname.split('/').pop() as string;
	await waitForStatus(formWaitingUrl, executionId, ['form-waiting']);
	const completionHtml = await (await fetch(formWaitingUrl)).text();
	await closeCompletionPage(formWaitingUrl);
	const finalStatus = await waitForStatus(formWaitingUrl, executionId, ['success']);
	const statuses = { formStatus: page.status, postStatus: post.status };
	return { ...statuses, formWaitingUrl, executionId, completionHtml, finalStatus };
}

/** Splits a CSV line written by n8n's Convert to File (quotes only where needed). */
export function parseCsvLine(line: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') {
				cur += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cur += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			out.push(cur);
			cur = '';
		} else cur += c;
	}
	out.push(cur);
	return out;
}

/** What `n8n execute --rawOutput` prints, as far as the tests read it. */
export interface RawOutput {
	data?: {
		resultData?: {
			error?: { message?: string; description?: string; [key: string]: unknown };
			runData?: Record<
				string,
				Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
		};
	};
}

/**
 * The JSON that `n8n execute --rawOutput` prints (through n8n's logger, at level info), without
 * the log lines around it. It is pretty-printed: it starts with a line "{" and ends with the next
 * line "}". Returns undefined when there is none.
 */
export function parseRawOutput(stdout: string): RawOutput | undefined {
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

/** `n8n execute --id=<id> --rawOutput` -> { code, stdout, stderr, output } */
export async function executeWorkflow(userFolder: string, id: string) {
	// The result goes through n8n's logger at level info: lower levels would hide it.
	const args = ['execute', `--id=${id}`, '--rawOutput'];
	const res = await n8n.runN8n(args, { userFolder, env: { N8N_LOG_LEVEL: 'info' } });
	return { ...res, output: parseRawOutput(res.stdout) };
}
