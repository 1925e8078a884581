/**
 * Many browsers at once on n8n's form (the flow of n8n 2.41's form page script, as in
 * test/e2e/helpers.ts submitForm): GET the form, POST its fields as multipart/form-data, poll
 * `<formWaitingUrl>/n8n-execution-status` until the completion page waits ("form-waiting"), open
 * it, send its closing POST, poll until the execution ends. Never throws: every submission ends
 * with an outcome, and every wait is bounded.
 */
import { sleep } from '../../scripts/lib/wait';
import { closeCompletionPage, formBody } from '../e2e/helpers';

export interface Submission {
	index: number;
	values: Record<string, string>;
	/** ms since epoch, right before the POST */
	submittedAt?: number;
	/** the POST's answer (n8n enqueued the execution) */
	acceptedAt?: number;
	doneAt?: number;
	executionId?: string;
	/** last answer of n8n-execution-status */
	status?: string;
	/** the completion page's <h1> */
	title?: string;
	outcome: 'pending' | 'success' | 'failed';
	error?: string;
}

const TERMINAL = ['success', 'error', 'crashed', 'canceled'];

async function fetchWithTimeout(
	url: string | URL,
	init: RequestInit = {},
	timeoutMs = 30000,
): Promise<Response> {
	return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/**
 * The form's "invalid link" page: what n8n answers (401) once the execution's resume token has
 * changed, e.g. after n8n replaced the data of an execution whose worker died. A browser keeps
 * polling (it knows only the status words); we stop.
 */
export const INVALID_FORM_LINK = 'invalid-form-link';

/**
 * Polls the execution status until `done(status)`, the way the form page does: every second,
 * 10 % longer each time (capped at 5 s here, and bounded by `deadline`).
 */
async function pollStatus(
	formWaitingUrl: string,
	done: (status: string) => boolean,
	deadline: number,
): Promise<string> {
	const u = new URL(formWaitingUrl);
	u.pathname += '/n8n-execution-status';
	let wait = 1000;
	let status = '';
	for (;;) {
		try {
			const res = await fetchWithTimeout(u, {}, 10000);
			const text = (await res.text()).trim();
			status =
				res.status === 401 ? INVALID_FORM_LINK : res.status === 200 ? text : `http-${res.status}`;
		} catch (e) {
			status = `unreachable: ${(e as Error).message}`;
		}
		if (done(status) || status === INVALID_FORM_LINK || Date.now() > deadline) return status;
		await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
		wait = Math.min(5000, Math.round(wait * 1.1));
	}
}

/** GET the form, POST what the user typed; the execution's form-waiting URL. */
async function postForm(formUrl: string, sub: Submission): Promise<string> {
	const page = await fetchWithTimeout(formUrl);
	const html = await page.text();
	if (page.status !== 200) throw new Error(`GET form answered ${page.status}`);
	const body = formBody(html, sub.values);
	sub.submittedAt = Date.now();
	const post = await fetchWithTimeout(formUrl, { method: 'POST', body });
	const text = await post.text();
	sub.acceptedAt = Date.now();
	if (post.status !== 200)
		throw new Error(`POST form answered ${post.status}: ${text.slice(0, 200)}`);
	const { formWaitingUrl } = JSON.parse(text) as { formWaitingUrl: string };
	sub.executionId = new URL(formWaitingUrl).pathname.split('/').pop();
	return formWaitingUrl;
}

/** One submission, start to end. `timeoutMs` bounds the whole flow. */
export async function submitOne(
	formUrl: string,
	sub: Submission,
	{ timeoutMs = 180000 }: { timeoutMs?: number } = {},
): Promise<Submission> {
	const deadline = Date.now() + timeoutMs;
	try {
		const formWaitingUrl = await postForm(formUrl, sub);
		const waiting = (s: string) => s === 'form-waiting' || TERMINAL.includes(s);
		sub.status = await pollStatus(formWaitingUrl, waiting, deadline);
		if (sub.status !== 'form-waiting')
			throw new Error(`status "${sub.status}" instead of form-waiting`);
		const completionHtml = await (await fetchWithTimeout(formWaitingUrl)).text();
		sub.title = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(completionHtml)?.[1].trim();
		await closeCompletionPage(formWaitingUrl, { signal: AbortSignal.timeout(30000) });
		sub.status = await pollStatus(formWaitingUrl, (s) => TERMINAL.includes(s), deadline);
		if (sub.status !== 'success') throw new Error(`status "${sub.status}" instead of success`);
		sub.outcome = 'success';
	} catch (e) {
		sub.outcome = 'failed';
		sub.error = (e as Error).message;
	}
	sub.doneAt = Date.now();
	return sub;
}

/**
 * Submits every entry with at most `concurrency` submissions in flight. `onProgress` sees each
 * finished submission. Resolves when all have ended (each one is bounded by `timeoutMs`).
 */
export async function burst(
	formUrl: string,
	entries: Array<Record<string, string>>,
	{
		concurrency = 50,
		timeoutMs = 180000,
		onStart,
	}: { concurrency?: number; timeoutMs?: number; onStart?: (sub: Submission) => void } = {},
): Promise<Submission[]> {
	const subs: Submission[] = entries.map((values, index) => ({
		index,
		values,
		outcome: 'pending',
	}));
	let next = 0;
	const lane = async () => {
		while (next < subs.length) {
			const sub = subs[next++];
			onStart?.(sub);
			await submitOne(formUrl, sub, { timeoutMs });
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, subs.length) }, lane));
	return subs;
}

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}
