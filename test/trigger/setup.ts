/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs on Node, never inside n8n */
/* eslint-disable @typescript-eslint/no-explicit-any -- webhook bodies are read as untyped JSON */
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { DevRevEmulator } from '../emulator';
import { TriggerHost } from './host';

export const TOKEN = 'trigger-test-token-7d2e4b';

export { sleep, until } from '../wait';

let counter = 0;

/** An emulator for the file, a trigger host per test (`parameters` default: rev_user_created). */
export function useTrigger() {
	const ctx = {
		emu: undefined as unknown as DevRevEmulator,
		host: undefined as unknown as TriggerHost,
		hosts: [] as TriggerHost[],
		/** The host after an n8n restart (same URL and saved static data, fresh process memory). */
		async restart(host: TriggerHost) {
			const next = await host.restarted();
			ctx.hosts.push(next);
			return next;
		},
		async newHost(parameters: IDataObject = { events: ['rev_user_created'] }, webhookId?: string) {
			const host = new TriggerHost({
				credentials: { apiToken: TOKEN, baseUrl: ctx.emu.url as string },
				parameters,
				webhookId: webhookId ?? `b2a7c3d4-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
			});
			await host.start();
			ctx.hosts.push(host);
			return host;
		},
		/** The DevRev webhook registered at a URL (the emulator's object). */
		webhookAt(url: string) {
			return ctx.emu.webhooks.list.filter((w) => w.url === url);
		},
		/** A body as DevRev sends it, signed with `secret` (hex), for hand-made deliveries. */
		signed(body: Record<string, unknown>, secret: string, encoding: 'hex' | 'base64' = 'hex') {
			const raw = JSON.stringify(body);
			return { raw, signature: createHmac('sha256', secret).update(raw).digest(encoding) };
		},
		async post(
			url: string,
			raw: string,
			signature?: string,
		): Promise<{ status: number; text: string }> {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (signature !== undefined) headers['X-DevRev-Signature'] = signature;
			const res = await fetch(url, { method: 'POST', headers, body: raw });
			return { status: res.status, text: await res.text() };
		},
	};
	beforeAll(async () => {
		ctx.emu = new DevRevEmulator({
			tokens: [TOKEN],
			webhookRetryScale: 0.001,
			multiAssociation: true,
		});
		ctx.emu.seed({ accounts: 1, revOrgs: 2, sysUsers: 1, revUsers: 10 });
		await ctx.emu.start();
	});
	afterAll(async () => await ctx.emu.stop());
	beforeEach(async () => {
		ctx.emu.clearRequests();
		ctx.emu.clearFaults();
		ctx.emu.webhooks.clear();
		ctx.host = await ctx.newHost();
	});
	afterEach(async () => {
		await ctx.emu.webhooks.idle();
		for (const host of ctx.hosts.splice(0)) await host.stop();
		expect(ctx.emu.specViolations).toEqual([]);
	});
	return ctx;
}

/** The body DevRev's API calls made the emulator send (the DevRev calls the node made, in order). */
export function calls(emu: DevRevEmulator): Array<[string, any]> {
	return emu.requests.map((r) => [r.path, r.body]);
}
