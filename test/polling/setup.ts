/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs on Node, never inside n8n */
/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
import type { IDataObject } from 'n8n-workflow';

import { DevRevEmulator } from '../emulator';
import { PollHost } from './host';

export const TOKEN = 'polling-test-token-3c9e1f';

/** Where each test's DevRev clock stands when it begins (frozen: dates move only when told). */
export const T0 = '2025-06-01T12:00:00.000Z';

/** The ISO date `ms` after T0. */
export const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

/**
 * A fresh emulator per test (its clock frozen at T0), a polling trigger host on it, and DevRev
 * changes made as a DevRev user makes them, through DevRev's API.
 */
export function usePolling(seed: Parameters<DevRevEmulator['seed']>[0] = {}) {
	const ctx = {
		emu: undefined as unknown as DevRevEmulator,
		host(parameters: IDataObject): PollHost {
			const credentials = { apiToken: TOKEN, baseUrl: ctx.emu.url as string };
			return new PollHost({ credentials, parameters });
		},
		/** One DevRev API call by a user (not by the trigger); its answer. */
		async devRev(path: string, body: IDataObject): Promise<any> {
			const res = await fetch(`${ctx.emu.url}${path}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const json = (await res.json()) as any;
			if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${json.message}`);
			return json;
		},
		async createRevUser(name: string): Promise<any> {
			return (await ctx.devRev('/rev-users.create', { display_name: name })).rev_user;
		},
		async updateRevUser(id: string, fields: IDataObject): Promise<any> {
			return (await ctx.devRev('/rev-users.update', { id, ...fields })).rev_user;
		},
		/** Moves DevRev's clock on by `ms`. */
		tick(ms = 1000) {
			ctx.emu.clock.advance(ms);
		},
		/** The bodies of the list calls the trigger made, in order, since the last clear. */
		bodies(path: string): any[] {
			return ctx.emu.requestsTo(path).map((request: { body: unknown }) => request.body);
		},
	};
	beforeEach(async () => {
		ctx.emu = new DevRevEmulator({ tokens: [TOKEN] });
		ctx.emu.seed({ accounts: 1, revOrgs: 1, revUsers: 3, ...seed });
		ctx.emu.clock.freeze(T0);
		await ctx.emu.start();
	});
	afterEach(async () => {
		expect(ctx.emu.specViolations).toEqual([]);
		await ctx.emu.stop();
	});
	return ctx;
}

/** The display names of a poll's items (null: the poll started no execution). */
export const names = (items: IDataObject[] | null) =>
	items === null ? null : items.map((item) => item.display_name);
