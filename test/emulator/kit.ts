/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
import type { DevRevEmulator } from './index';

/** What the emulator's tests of works, comments, pickers, polling, clock and faults share. */
export type Answer = { status: number; json: any; text: string };

/** One call as a client makes it; `beta` sends X-Devrev-Scope: beta (default: beta-only routes). */
export async function call(
	emu: DevRevEmulator,
	path: string,
	body?: unknown,
	o: { method?: string; beta?: boolean } = {},
): Promise<Answer> {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		authorization: 'Bearer test-token',
	};
	if (o.beta ?? emu.spec.betaOnly.has(path)) headers['x-devrev-scope'] = 'beta';
	const res = await fetch(`${emu.url}${path}`, {
		method: o.method ?? 'POST',
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text };
}

/** The control API. */
export async function control(emu: DevRevEmulator, path: string, body?: unknown): Promise<any> {
	const res = await fetch(`${emu.url}/__emulator/${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, json: await res.json() };
}

/** Every item of a list, page by page (mode after), with the body's filters on each page. */
export async function walk(
	emu: DevRevEmulator,
	path: string,
	key: string,
	body: Record<string, unknown> = {},
): Promise<{ items: any[]; pages: number }> {
	const items: any[] = [];
	let cursor: string | undefined;
	let pages = 0;
	do {
		const r = await call(emu, path, { ...body, ...(cursor ? { cursor } : {}) });
		if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${r.text}`);
		items.push(...r.json[key]);
		cursor = r.json.next_cursor;
		pages++;
	} while (cursor && pages < 1000);
	return { items, pages };
}
