/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs on Node, never inside n8n */
/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
import { DevRevEmulator } from './index';

type Answer = { status: number; json: any; text: string; headers: Headers };
/** `beta`: send X-Devrev-Scope: beta; by default only to the operations that exist only in beta. */
type CallOpts = {
	method?: string;
	token?: string | null;
	raw?: string;
	auth?: string;
	beta?: boolean;
};

async function call(
	emu: DevRevEmulator,
	path: string,
	body?: unknown,
	o: CallOpts = {},
): Promise<Answer> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (o.beta ?? emu.spec.betaOnly.has(path)) headers['x-devrev-scope'] = 'beta';
	if (o.auth !== undefined) headers.authorization = o.auth;
	else if (o.token !== null) headers.authorization = `Bearer ${o.token ?? 'test-token'}`;
	const res = await fetch(`${emu.url}${path}`, {
		method: o.method ?? 'POST',
		headers,
		body: o.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text, headers: res.headers };
}

/** Walks a list forward (mode after) collecting items of `key`. */
async function walk(
	emu: DevRevEmulator,
	path: string,
	key: string,
	body: Record<string, unknown> = {},
) {
	const items: any[] = [];
	let cursor: string | undefined;
	let pages = 0;
	do {
		const r = await call(emu, path, { ...body, ...(cursor ? { cursor } : {}) });
		expect(r.status).toBe(200);
		items.push(...r.json[key]);
		cursor = r.json.next_cursor;
		pages++;
	} while (cursor && pages < 10000);
	return { items, pages };
}

const FIXED_NOW = new Date('2025-06-01T12:00:00.000Z');

describe('DevRev emulator', () => {
	const emu = new DevRevEmulator({ tokens: ['test-token', 'other-token'], now: () => FIXED_NOW });
	emu.seed({ accounts: 2, revOrgs: 4, sysUsers: 25, revUsers: 300 });

	beforeAll(async () => {
		await emu.start();
	});
	afterAll(async () => {
		await emu.stop();
	});
	beforeEach(() => {
		emu.clearFaults();
		emu.clearRequests();
		emu.scanPageSize = 50;
	});

	describe('seed data', () => {
		it('is deterministic and shaped like the spec', () => {
			const u = emu.revUsers[0];
			expect(u.id).toMatch(/^don:identity:dvrv-us-1:devo\/1emu:revu\/[0-9A-Za-z]{8}$/);
			expect(u.display_id).toMatch(/^REVU-/);
			expect(u).toMatchObject({
				display_name: 'Ada Lovelace',
				full_name: 'Ada Lovelace',
				email: 'ada.lovelace.1@example.com',
				phone_numbers: ['+15550000001'],
				external_ref: 'user-000001',
				is_verified: false,
				state: 'active',
				created_date: '2023-01-01T00:00:00.000Z',
				modified_date: '2023-01-01T01:00:00.000Z',
				created_by: { type: 'dev_user', display_id: 'DEVU-1' },
				rev_org: { type: 'rev_org', display_name: 'Acme Corp' },
			});
			expect(emu.revUsers[2].is_verified).toBe(true);
			expect(emu.revUsers[4].rev_org).toBeUndefined();
			expect(emu.revOrgs.map((o) => o.display_name)).toEqual([
				'Acme Corp',
				'Globex',
				'Initech',
				'Umbrella',
			]);
			expect(emu.revOrgs[0].display_id).toMatch(/^REV-/);
			expect(emu.accounts[0].display_id).toMatch(/^ACC-/);
			expect(emu.sysUsers[0]).toMatchObject({ type: 'sys_user', display_id: 'SYSU-1' });
			expect(emu.associationsOf(emu.revUsers[0]).map((a) => a.type)).toEqual([
				'rev_org',
				'account',
			]);
			const again = new DevRevEmulator().seed({
				accounts: 2,
				revOrgs: 4,
				sysUsers: 25,
				revUsers: 300,
			});
			expect(again.revUsers[299]).toEqual(emu.revUsers[299]);
		});

		// How fast: `npm run bench` (bench/emulator-speed.js), never a wall-clock bound in a test.
		it('seeds 100,000 rev users, each with its own ID', () => {
			const big = new DevRevEmulator();
			big.seed({ revUsers: 100000 });
			expect(new Set(big.revUsers.map((u) => u.id)).size).toBe(100000);
		});
	});

	describe('auth, headers, routing', () => {
		it('rejects a missing, wrong or non-Bearer token with 401 unauthenticated', async () => {
			for (const o of [
				{ token: null },
				{ token: 'nope' },
				{ auth: 'test-token' },
				{ auth: 'Basic test-token' },
			]) {
				const r = await call(emu, '/sys-users.list', {}, o);
				expect(r.status).toBe(401);
				expect(r.json).toEqual({ type: 'unauthenticated', message: expect.any(String) });
			}
			expect((await call(emu, '/sys-users.list', {}, { token: 'other-token' })).status).toBe(200);
		});

		it('sends X-RateLimit headers on every answer', async () => {
			for (const r of [
				await call(emu, '/dev-users.self', undefined, { method: 'GET' }),
				await call(emu, '/sys-users.list', {}, { token: null }),
				await call(emu, '/nope', {}),
			]) {
				expect(Number(r.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
				expect(r.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
				expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 10);
			}
		});

		it('answers unknown routes and wrong methods with 404 route not found', async () => {
			expect(await call(emu, '/rev-users.merge', {})).toMatchObject({
				status: 404,
				json: { message: 'route not found' },
			});
			expect((await call(emu, '/rev-users.link', undefined, { method: 'GET' })).status).toBe(404);
		});

		it('serves auth-tokens.info and dev-users.self (GET and POST)', async () => {
			const g = await call(emu, '/auth-tokens.info', undefined, { method: 'GET' });
			expect(g.status).toBe(200);
			expect(g.json).toMatchObject({
				organization: { id: 'don:identity:dvrv-us-1:devo/1emu', display_id: expect.any(String) },
				token: {
					expiry: expect.any(Number),
					issued_at: expect.any(Number),
					issuer: expect.any(String),
					subject: emu.devUser.id,
				},
				user: { type: 'dev_user', id: emu.devUser.id, display_id: 'DEVU-1' },
			});
			expect((await call(emu, '/auth-tokens.info', {})).json).toEqual(g.json);
			expect((await call(emu, '/auth-tokens.info', { x: 1 })).json).toMatchObject({
				type: 'invalid_field',
				field_name: 'x',
			});
			const self = await call(emu, '/dev-users.self', undefined, { method: 'GET' });
			expect(self.json.dev_user).toMatchObject({
				id: emu.devUser.id,
				email: 'admin@emulator.example.com',
				state: 'active',
			});
			expect((await call(emu, '/dev-users.self', {})).status).toBe(200);
		});
	});

	describe('DevRev API scopes', () => {
		const BETA_ONLY = [
			'/rev-users.link',
			'/rev-users.unlink',
			'/rev-users.associations.list',
			'/rev-users.associations.add',
			'/rev-users.associations.remove',
		];

		it('knows from the specs which served operations exist only in beta', () => {
			expect([...emu.spec.betaOnly].sort()).toEqual(expect.arrayContaining(BETA_ONLY.sort()));
			expect(emu.spec.betaOnly.has('/rev-users.scan')).toBe(false);
			expect(emu.spec.missing).toEqual([]);
		});

		it.each(BETA_ONLY)(
			'%s without X-Devrev-Scope: beta answers as an unknown route does',
			async (path) => {
				const user = emu.revUsers[0];
				const r = await call(emu, path, { rev_user_id: user.id, id: user.id }, { beta: false });
				expect(r.status).toBe(404);
				expect(r.json).toEqual({ message: 'route not found' });
				expect((await call(emu, '/no-such.route', {})).json).toEqual(r.json);
			},
		);

		it('serves a beta-only operation with the header and GA operations with or without it', async () => {
			const user = emu.revUsers[0];
			expect(
				(await call(emu, '/rev-users.associations.list', { rev_user_id: user.id }, { beta: true }))
					.status,
			).toBe(200);
			expect((await call(emu, '/rev-users.scan', {}, { beta: false })).status).toBe(200);
			expect((await call(emu, '/rev-users.scan', {}, { beta: true })).status).toBe(200);
		});
	});

	describe('search.core', () => {
		it('finds every rev user matching all words, in pages, names starting with the query first', async () => {
			const ritchies = emu.revUsers.filter((u) => u.display_name.endsWith(' Ritchie'));
			expect(ritchies.length).toBeGreaterThan(1);
			const r = await call(emu, '/search.core', {
				query: 'Ritchie',
				namespaces: ['rev_user'],
				limit: 100,
			});
			expect(r.status).toBe(200);
			expect(r.json.results.map((x: any) => x.user.id)).toEqual(ritchies.map((u) => u.id));
			expect(r.json.results[0]).toEqual({
				type: 'user',
				modified_date: ritchies[0].modified_date,
				user: expect.objectContaining({
					type: 'rev_user',
					id: ritchies[0].id,
					display_name: ritchies[0].display_name,
					email: ritchies[0].email,
				}),
			});
			const two = await call(emu, '/search.core', {
				query: `${ritchies[1].display_name.split(' ')[0]} ritchie`,
				namespaces: ['rev_user'],
			});
			expect(two.json.results.map((x: any) => x.user.id)).toContain(ritchies[1].id);
			const paged = await walk(emu, '/search.core', 'results', {
				query: 'ritchie',
				namespaces: ['rev_user'],
				limit: 3,
			});
			expect(paged.items.map((x: any) => x.user.id)).toEqual(ritchies.map((u) => u.id));
			expect(paged.pages).toBe(Math.ceil(ritchies.length / 3));
		});

		it('searches rev orgs and accounts by name, nothing in namespaces it does not serve', async () => {
			const r = await call(emu, '/search.core', {
				query: emu.revOrgs[0].display_name,
				namespaces: ['rev_org', 'account', 'ticket'],
			});
			expect(r.json.results[0]).toEqual({
				type: 'org',
				modified_date: emu.revOrgs[0].modified_date,
				org: {
					type: 'rev_org',
					id: emu.revOrgs[0].id,
					display_id: emu.revOrgs[0].display_id,
					display_name: emu.revOrgs[0].display_name,
				},
			});
			const acc = await call(emu, '/search.core', {
				query: emu.accounts[1].display_id,
				namespaces: ['account'],
			});
			expect(acc.json.results.map((x: any) => [x.type, x.account.id])).toEqual([
				['account', emu.accounts[1].id],
			]);
			expect(
				(await call(emu, '/search.core', { query: 'acme', namespaces: ['ticket'] })).json,
			).toEqual({ results: [] });
		});

		it('requires a query and the beta scope', async () => {
			expect((await call(emu, '/search.core', { namespaces: ['rev_user'] })).json).toMatchObject({
				type: 'missing_required_field',
				field_name: 'query',
			});
			expect((await call(emu, '/search.core', { query: 'x' }, { beta: false })).status).toBe(404);
		});
	});

	describe('spec validation', () => {
		it('refuses a field the spec does not name, naming it (a misspelt filter is not ignored)', async () => {
			const r = await call(emu, '/rev-users.scan', { emial: ['ada@example.com'] });
			expect(r.status).toBe(400);
			expect(r.json).toEqual({
				type: 'invalid_field',
				message: 'unknown field "emial"',
				field_name: 'emial',
			});
		});

		it('holds its own answers to the response schema: a drifted object answers 500 and is recorded', async () => {
			const sysUser = emu.sysUsers[0];
			const saved = sysUser.display_name;
			sysUser.display_name = 42;
			try {
				const r = await call(emu, '/sys-users.list', { limit: 1 });
				expect(r.status).toBe(500);
				expect(r.json.message).toMatch(
					/^emulator answer 200 to POST \/sys-users.list does not match DevRev's spec: \/sys_users\/0\/display_name must be string/,
				);
				expect(emu.specViolations).toHaveLength(1);
			} finally {
				sysUser.display_name = saved;
				emu.specViolations.length = 0;
			}
			expect((await call(emu, '/sys-users.list', { limit: 1 })).status).toBe(200);
		});
	});

	describe('body validation', () => {
		const bad = (path: string, body: unknown, raw?: string) =>
			call(emu, path, body, raw === undefined ? {} : { raw });

		it('requires a JSON object body on POST routes', async () => {
			for (const path of [
				'/rev-users.scan',
				'/sys-users.list',
				'/rev-users.link',
				'/auth-tokens.info',
			]) {
				const r = await bad(path, undefined);
				expect(r.status).toBe(400);
				expect(r.json).toEqual({ type: 'bad_request', message: 'request body is required' });
			}
			expect((await bad('/sys-users.list', undefined, '{"limit":')).json).toMatchObject({
				type: 'parse_error',
			});
			expect((await bad('/sys-users.list', [])).json).toMatchObject({ type: 'bad_request' });
			expect((await bad('/sys-users.list', null)).json).toMatchObject({ type: 'bad_request' });
		});

		it.each([
			['/rev-users.scan', { limit: 5 }, 'limit', 'invalid_field'],
			['/rev-users.scan', { mode: 'after' }, 'mode', 'invalid_field'],
			['/rev-users.scan', { email: 'a@b.c' }, 'email', 'invalid_field'],
			['/rev-users.scan', { rev_org: [1] }, 'rev_org[0]', 'invalid_field'],
			['/rev-users.scan', { is_verified: 'true' }, 'is_verified', 'invalid_field'],
			['/rev-users.scan', { created_date: '2023-01-01' }, 'created_date', 'invalid_field'],
			[
				'/rev-users.scan',
				{ created_date: { after: 'yesterday' } },
				'created_date.after',
				'invalid_field',
			],
			[
				'/rev-users.scan',
				{ modified_date: { before: '2023-01-01' } },
				'modified_date.before',
				'invalid_field',
			],
			[
				'/rev-users.scan',
				{ created_date: { since: '2023-01-01T00:00:00Z' } },
				'created_date.since',
				'invalid_field',
			],
			['/rev-users.scan', { cursor: 'not-a-cursor' }, 'cursor', 'invalid_field'],
			['/sys-users.list', { limit: 0 }, 'limit', 'invalid_field'],
			['/sys-users.list', { limit: 101 }, 'limit', 'invalid_field'],
			['/sys-users.list', { limit: 2.5 }, 'limit', 'invalid_field'],
			['/sys-users.list', { limit: '10' }, 'limit', 'invalid_field'],
			['/sys-users.list', { sort_by: 'display_name:asc' }, 'sort_by', 'invalid_field'],
			['/sys-users.list', { sort_by: ['shoe_size:asc'] }, 'sort_by', 'invalid_field'],
			['/sys-users.list', { sort_by: ['display_name:up'] }, 'sort_by', 'invalid_field'],
			['/rev-orgs.list', { limit: 1000 }, 'limit', 'invalid_field'],
			['/rev-users.associations.list', {}, 'rev_user_id', 'missing_required_field'],
			['/rev-users.associations.list', { rev_user_id: 'x', limit: -1 }, 'limit', 'invalid_field'],
			['/rev-users.link', { rev_org: 'REV-x' }, 'id', 'missing_required_field'],
			['/rev-users.link', { id: 'REVU-x' }, 'rev_org', 'missing_required_field'],
			['/rev-users.unlink', {}, 'id', 'missing_required_field'],
			['/rev-users.link', { id: 'x', rev_org: 'y', org: 'z' }, 'org', 'invalid_field'],
		])('%s %j → 400 field_name %s', async (path, body, field, type) => {
			const r = await bad(path, body);
			expect(r.status).toBe(400);
			expect(r.json).toMatchObject({ type, field_name: field, message: expect.any(String) });
		});

		it('rejects a bad mode with invalid_enum_value and allowed_values', async () => {
			const r = await bad('/sys-users.list', { mode: 'sideways' });
			expect(r.status).toBe(400);
			expect(r.json).toMatchObject({
				type: 'invalid_enum_value',
				field_name: 'mode',
				value: 'sideways',
				allowed_values: ['after', 'before'],
			});
		});

		it('rejects cursors of another list or another emulator', async () => {
			const sys = await call(emu, '/sys-users.list', { limit: 1 });
			const r = await call(emu, '/rev-orgs.list', { cursor: sys.json.next_cursor });
			expect(r.json).toMatchObject({ type: 'invalid_field', field_name: 'cursor' });
			const other = new DevRevEmulator().seed({ sysUsers: 5 });
			await other.start();
			try {
				expect(
					(await call(other, '/sys-users.list', { cursor: sys.json.next_cursor })).status,
				).toBe(400);
			} finally {
				await other.stop();
			}
		});
	});

	describe('rev-users.scan', () => {
		it('pages with the server page size and ends without next_cursor', async () => {
			const first = await call(emu, '/rev-users.scan', {});
			expect(first.json.rev_users).toHaveLength(50);
			expect(first.json.rev_users[0]).toEqual(emu.revUsers[0]);
			expect(first.json.next_cursor).toEqual(expect.any(String));
			expect(first.json.prev_cursor).toBeUndefined();
			emu.scanPageSize = 7;
			const { items, pages } = await walk(emu, '/rev-users.scan', 'rev_users');
			expect(pages).toBe(Math.ceil(300 / 7));
			expect(items.map((u) => u.id)).toEqual(emu.revUsers.map((u) => u.id));
		});

		it('treats null, empty arrays and empty cursor as no filter', async () => {
			const r = await call(emu, '/rev-users.scan', { email: [], cursor: '', rev_org: null });
			expect(r.json.rev_users[0].id).toBe(emu.revUsers[0].id);
		});

		const ids = (list: any[]) => list.map((u) => u.id);
		const expectScan = async (body: Record<string, unknown>, pred: (u: any) => boolean) => {
			const { items } = await walk(emu, '/rev-users.scan', 'rev_users', body);
			const want = emu.revUsers.filter(pred);
			expect(want.length).toBeGreaterThan(0);
			expect(ids(items)).toEqual(ids(want));
		};

		it('filters by email (any of, case-insensitive)', () =>
			expectScan(
				{ email: ['ADA.lovelace.1@example.com', 'alan.lovelace.2@example.com'] },
				(u) => u.external_ref <= 'user-000002',
			));
		it('filters by external_ref', () =>
			expectScan({ external_ref: ['user-000010', 'user-000020'] }, (u) =>
				['user-000010', 'user-000020'].includes(u.external_ref),
			));
		it('filters by phone_numbers (E.164)', () =>
			expectScan(
				{ phone_numbers: ['+15550000003'] },
				(u) => u.phone_numbers[0] === '+15550000003',
			));
		it('filters by is_verified true and false', async () => {
			await expectScan({ is_verified: true }, (u) => u.is_verified === true);
			await expectScan({ is_verified: false }, (u) => u.is_verified === false);
		});
		it('filters by rev_org ID and display ID', async () => {
			const org = emu.revOrgs[1];
			await expectScan({ rev_org: [org.id] }, (u) => u.rev_org?.id === org.id);
			await expectScan({ rev_org: [org.display_id] }, (u) => u.rev_org?.id === org.id);
		});
		it('filters by associations (account IDs match users of its rev orgs)', async () => {
			const acc = emu.accounts[0];
			const orgIds = emu.revOrgs.filter((o) => o.account?.id === acc.id).map((o) => o.id);
			await expectScan({ associations: [acc.id] }, (u) => orgIds.includes(u.rev_org?.id));
			await expectScan(
				{ associations: [emu.revOrgs[3].display_id] },
				(u) => u.rev_org?.id === emu.revOrgs[3].id,
			);
		});
		it('filters by created_by (ID or display ID)', async () => {
			await expectScan(
				{ created_by: [emu.sysUsers[0].id] },
				(u) => u.created_by.id === emu.sysUsers[0].id,
			);
			await expectScan({ created_by: ['DEVU-1'] }, (u) => u.created_by.id === emu.devUser.id);
		});
		it('filters by created_date and modified_date, both bounds inclusive', async () => {
			const after = emu.revUsers[10].created_date;
			const before = emu.revUsers[20].created_date;
			await expectScan(
				{ created_date: { after, before } },
				(u) => u.created_date >= after && u.created_date <= before,
			);
			const { items } = await walk(emu, '/rev-users.scan', 'rev_users', {
				created_date: { after, before },
			});
			expect(items).toHaveLength(11);
			await expectScan(
				{ modified_date: { after: '2023-01-02T00:00:00+00:00' } },
				(u) => u.modified_date >= '2023-01-02',
			);
			await expectScan(
				{ modified_date: { before: emu.revUsers[0].modified_date } },
				(u) => u.modified_date <= emu.revUsers[0].modified_date,
			);
		});
		it('combines filters with AND', () =>
			expectScan(
				{ is_verified: true, rev_org: [emu.revOrgs[0].id] },
				(u) => u.is_verified && u.rev_org?.id === emu.revOrgs[0].id,
			));

		it('supports GET with query parameters', async () => {
			const org = emu.revOrgs[2];
			const r = await call(
				emu,
				`/rev-users.scan?rev_org=${org.display_id}&is_verified=true&created_date.after=2023-01-01T00:00:00Z`,
				undefined,
				{ method: 'GET' },
			);
			expect(r.status).toBe(200);
			expect(r.json.rev_users.length).toBeGreaterThan(0);
			expect(r.json.rev_users.every((u: any) => u.is_verified && u.rev_org.id === org.id)).toBe(
				true,
			);
		});

		it('keeps a walk consistent when users are added and linked mid-walk', async () => {
			const local = new DevRevEmulator({ scanPageSize: 10 }).seed({ revOrgs: 2, revUsers: 50 });
			await local.start();
			try {
				const org = local.revOrgs[0];
				const seen: string[] = [];
				let r = await call(local, '/rev-users.scan', { rev_org: [org.id] });
				seen.push(...ids(r.json.rev_users));
				local.addRevUser({ rev_org: org.id });
				await call(local, '/rev-users.unlink', { id: seen[0], rev_org: org.id });
				while (r.json.next_cursor) {
					r = await call(local, '/rev-users.scan', {
						rev_org: [org.id],
						cursor: r.json.next_cursor,
					});
					seen.push(...ids(r.json.rev_users));
				}
				expect(new Set(seen).size).toBe(seen.length);
				expect(seen).toContain(local.revUsers[50].id);
				expect(seen).toHaveLength(21); // 20 seeded in org 0, +1 added; the unlinked one was already seen
			} finally {
				await local.stop();
			}
		});
	});

	describe('rev-users.link / unlink', () => {
		it('links, is idempotent, unlinks and refuses to unlink twice', async () => {
			const user = emu.revUsers[4]; // n = 5: not linked
			const org = emu.revOrgs[2];
			expect(user.rev_org).toBeUndefined();
			const r = await call(emu, '/rev-users.link', { id: user.id, rev_org: org.id });
			expect(r.status).toBe(200);
			expect(r.json.rev_user).toMatchObject({
				id: user.id,
				rev_org: { type: 'rev_org', id: org.id, display_name: org.display_name },
				modified_date: FIXED_NOW.toISOString(),
				modified_by: { id: emu.devUser.id },
			});
			expect(emu.associationsOf(user.id).map((a) => a.id)).toEqual([org.id, org.account.id]);
			const again = await call(emu, '/rev-users.link', {
				id: user.display_id,
				rev_org: org.display_id,
			});
			expect(again.json.rev_user).toEqual(r.json.rev_user);
			expect(emu.associationsOf(user)).toHaveLength(2);

			const un = await call(emu, '/rev-users.unlink', { id: user.id, rev_org: org.id });
			expect(un.status).toBe(200);
			expect(un.json.rev_user.rev_org).toBeUndefined();
			expect(emu.associationsOf(user)).toEqual([]);
			const twice = await call(emu, '/rev-users.unlink', { id: user.id, rev_org: org.id });
			expect(twice.status).toBe(400);
			expect(twice.json).toEqual({ type: 'bad_request', message: expect.stringContaining(org.id) });
		});

		it('accepts the deprecated user_don / rev_org_don aliases', async () => {
			const user = emu.revUsers[9];
			const org = emu.revOrgs[0];
			const r = await call(emu, '/rev-users.link', { user_don: user.id, rev_org_don: org.id });
			expect(r.json.rev_user.rev_org.id).toBe(org.id);
			const u = await call(emu, '/rev-users.unlink', { user_don: user.id, rev_org_don: org.id });
			expect(u.json.rev_user.rev_org).toBeUndefined();
		});

		it('answers 404 not_found naming an unknown user or org', async () => {
			const a = await call(emu, '/rev-users.link', {
				id: 'don:identity:dvrv-us-1:devo/1emu:revu/nope',
				rev_org: emu.revOrgs[0].id,
			});
			expect(a.status).toBe(404);
			expect(a.json).toEqual({ type: 'not_found', message: expect.stringContaining('revu/nope') });
			const b = await call(emu, '/rev-users.unlink', {
				id: emu.revUsers[0].id,
				rev_org: 'REV-missing',
			});
			expect(b.status).toBe(404);
			expect(b.json.message).toContain('REV-missing');
		});

		it('keeps other associations and moves rev_org when linking a second org', async () => {
			const user = emu.revUsers[14]; // n = 15: not linked
			await call(emu, '/rev-users.link', { id: user.id, rev_org: emu.revOrgs[0].id });
			const r = await call(emu, '/rev-users.link', { id: user.id, rev_org: emu.revOrgs[1].id });
			expect(r.json.rev_user.rev_org.id).toBe(emu.revOrgs[1].id);
			expect(emu.associationsOf(user)).toHaveLength(4);
			const u = await call(emu, '/rev-users.unlink', { id: user.id, rev_org: emu.revOrgs[1].id });
			expect(u.json.rev_user.rev_org.id).toBe(emu.revOrgs[0].id);
			await call(emu, '/rev-users.unlink', { id: user.id, rev_org: emu.revOrgs[0].id });
			expect(emu.associationsOf(user)).toEqual([]);
		});
	});

	describe('rev-users.associations.*', () => {
		const user = () => emu.revUsers[19]; // n = 20: not linked

		beforeAll(async () => {
			for (const org of emu.revOrgs)
				await call(emu, '/rev-users.link', { id: user().id, rev_org: org.id });
		});

		it('lists associations with pagination in both modes', async () => {
			const all = emu.associationsOf(user());
			expect(all).toHaveLength(6); // 4 rev orgs + their 2 accounts
			const full = await call(emu, '/rev-users.associations.list', { rev_user_id: user().id });
			expect(full.json).toEqual({ associations: all.map((a) => ({ associated_to: a })) });
			const { items } = await walk(emu, '/rev-users.associations.list', 'associations', {
				rev_user_id: user().id,
				limit: 4,
			});
			expect(items.map((a) => a.associated_to)).toEqual(all);
			const last = await call(emu, '/rev-users.associations.list', {
				rev_user_id: user().display_id,
				limit: 4,
				mode: 'before',
			});
			expect(last.json.associations.map((a: any) => a.associated_to)).toEqual(all.slice(2));
			expect(last.json.next_cursor).toBeUndefined();
			const prev = await call(emu, '/rev-users.associations.list', {
				rev_user_id: user().id,
				limit: 4,
				mode: 'before',
				cursor: last.json.prev_cursor,
			});
			expect(prev.json.associations.map((a: any) => a.associated_to)).toEqual(all.slice(0, 2));
			expect(prev.json.prev_cursor).toBeUndefined();
			expect(prev.json.next_cursor).toEqual(expect.any(String));
		});

		it('answers 404 for an unknown rev user', async () => {
			const r = await call(emu, '/rev-users.associations.list', { rev_user_id: 'REVU-unknown' });
			expect(r).toMatchObject({
				status: 404,
				json: { type: 'not_found', message: expect.stringContaining('REVU-unknown') },
			});
		});

		it('refuses add/remove with 403 forbidden while multi-association is off', async () => {
			const r = await call(emu, '/rev-users.associations.add', {
				rev_user_id: user().id,
				associations: [{ associated_to: emu.accounts[0].id }],
			});
			expect(r.status).toBe(403);
			expect(r.json).toEqual({
				type: 'forbidden',
				message: expect.stringContaining('multi-association'),
			});
			expect(
				(
					await call(emu, '/rev-users.associations.remove', {
						rev_user_id: user().id,
						associations: [],
					})
				).status,
			).toBe(403);
		});

		it('adds (201 {}) and removes (204) associations when multi-association is on', async () => {
			const local = new DevRevEmulator({ multiAssociation: true }).seed({
				accounts: 1,
				revOrgs: 1,
				revUsers: 5,
			});
			await local.start();
			try {
				const u = local.revUsers[4];
				const org = local.revOrgs[0];
				const add = await call(local, '/rev-users.associations.add', {
					rev_user_id: u.id,
					associations: [{ associated_to: org.display_id }],
				});
				expect(add.status).toBe(201);
				expect(add.json).toEqual({});
				expect(local.associationsOf(u).map((a) => a.id)).toEqual([org.id, local.accounts[0].id]);
				expect(u.rev_org.id).toBe(org.id);
				expect(
					(
						await call(local, '/rev-users.associations.add', {
							rev_user_id: u.id,
							associations: [{ associated_to: 'ACC-x' }],
						})
					).status,
				).toBe(404);
				expect(
					(
						await call(local, '/rev-users.associations.add', {
							rev_user_id: u.id,
							associations: [{ id: org.id }],
						})
					).json,
				).toMatchObject({ type: 'invalid_field', field_name: 'associations[0].id' });
				expect(
					(
						await call(local, '/rev-users.associations.remove', {
							rev_user_id: u.id,
							associations: [{ associated_to: org.id }],
						})
					).json,
				).toMatchObject({ type: 'invalid_field', field_name: 'associations[0]' });
				const rm = await call(local, '/rev-users.associations.remove', {
					rev_user_id: u.id,
					associations: [org.id],
				});
				expect(rm.status).toBe(204);
				expect(rm.text).toBe('');
				expect(local.associationsOf(u)).toEqual([]);
				const again = await call(local, '/rev-users.associations.remove', {
					rev_user_id: u.id,
					associations: [org.id],
				});
				expect(again.json).toMatchObject({ type: 'bad_request' });
			} finally {
				await local.stop();
			}
		});
	});

	describe('sys-users.list and rev-orgs.list', () => {
		it('pages sys users forward and backward with next/prev cursors', async () => {
			const all = emu.sysUsers.map((u) => u.id);
			const fwd = await walk(emu, '/sys-users.list', 'sys_users', { limit: 10 });
			expect(fwd.pages).toBe(3);
			expect(fwd.items.map((u) => u.id)).toEqual(all);
			const back: string[] = [];
			let r = await call(emu, '/sys-users.list', { limit: 10, mode: 'before' });
			expect(r.json.sys_users.map((u: any) => u.id)).toEqual(all.slice(15));
			expect(r.json.next_cursor).toBeUndefined();
			back.unshift(...r.json.sys_users.map((u: any) => u.id));
			while (r.json.prev_cursor) {
				r = await call(emu, '/sys-users.list', {
					limit: 10,
					mode: 'before',
					cursor: r.json.prev_cursor,
				});
				back.unshift(...r.json.sys_users.map((u: any) => u.id));
			}
			expect(back).toEqual(all);
			const p1 = await call(emu, '/sys-users.list', { limit: 10 });
			const p2 = await call(emu, '/sys-users.list', { limit: 10, cursor: p1.json.next_cursor });
			expect(p2.json.prev_cursor).toEqual(expect.any(String));
			const back1 = await call(emu, '/sys-users.list', {
				limit: 10,
				mode: 'before',
				cursor: p2.json.prev_cursor,
			});
			expect(back1.json.sys_users).toEqual(p1.json.sys_users);
		});

		it('sorts by sort_by keys', async () => {
			const byName = (
				await call(emu, '/sys-users.list', { limit: 100, sort_by: ['display_name:asc'] })
			).json.sys_users;
			const names = byName.map((u: any) => u.display_name);
			expect(names).toEqual([...names].sort());
			expect(names).not.toEqual(emu.sysUsers.map((u) => u.display_name));
			const newest = (
				await call(emu, '/sys-users.list', { limit: 3, sort_by: ['created_date:desc'] })
			).json.sys_users;
			expect(newest.map((u: any) => u.id)).toEqual(
				emu.sysUsers
					.slice(-3)
					.reverse()
					.map((u) => u.id),
			);
			const { items } = await walk(emu, '/sys-users.list', 'sys_users', {
				limit: 4,
				sort_by: ['state:asc', 'display_name:desc'],
			});
			expect(items).toHaveLength(25);
			expect(items[0].state).toBe('active');
		});

		it('lists rev orgs (POST and GET) with display_name filter and pagination', async () => {
			const r = await call(emu, '/rev-orgs.list', { limit: 3 });
			expect(r.json.rev_orgs.map((o: any) => o.id)).toEqual(
				emu.revOrgs.slice(0, 3).map((o) => o.id),
			);
			expect(r.json.rev_orgs[0].account).toMatchObject({ type: 'account', id: emu.accounts[0].id });
			const next = await call(emu, '/rev-orgs.list', { limit: 3, cursor: r.json.next_cursor });
			expect(next.json.rev_orgs).toHaveLength(1);
			expect(next.json.next_cursor).toBeUndefined();
			const f = await call(emu, '/rev-orgs.list', { display_name: ['Globex', 'Umbrella'] });
			expect(f.json.rev_orgs.map((o: any) => o.display_name)).toEqual(['Globex', 'Umbrella']);
			const g = await call(emu, '/rev-orgs.list?display_name=Globex,Initech&limit=1', undefined, {
				method: 'GET',
			});
			expect(g.json.rev_orgs.map((o: any) => o.display_name)).toEqual(['Globex']);
			expect(g.json.next_cursor).toEqual(expect.any(String));
			const h = await call(
				emu,
				`/rev-orgs.list?display_name=Globex,Initech&limit=1&cursor=${g.json.next_cursor}`,
				undefined,
				{ method: 'GET' },
			);
			expect(h.json.rev_orgs.map((o: any) => o.display_name)).toEqual(['Initech']);
			expect(
				(await call(emu, '/rev-orgs.list?limit=abc', undefined, { method: 'GET' })).json,
			).toMatchObject({ field_name: 'limit' });
		});
	});

	describe('request recording', () => {
		it('records method, path, lower-cased headers, raw and parsed body, status', async () => {
			await call(emu, '/sys-users.list', { limit: 2 });
			await call(emu, '/sys-users.list', undefined, { raw: 'oops' });
			await fetch(`${emu.url}/__emulator/state?limit=0`);
			expect(emu.requests).toHaveLength(2);
			expect(emu.requests[0]).toMatchObject({
				method: 'POST',
				path: '/sys-users.list',
				rawBody: '{"limit":2}',
				body: { limit: 2 },
				status: 200,
				headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
			});
			expect(emu.requests[1]).toMatchObject({ rawBody: 'oops', body: undefined, status: 400 });
			expect(emu.requestsTo('/sys-users.list')).toHaveLength(2);
			expect(emu.requestsTo('/sys-users.list', 'GET')).toHaveLength(0);
			emu.clearRequests();
			expect(emu.requests).toHaveLength(0);
		});
	});

	describe('faults', () => {
		it('rate_limit: 429 with Retry-After header (fractional) or body only', async () => {
			emu.injectFault({ kind: 'rate_limit', retryAfter: 0.05 });
			emu.injectFault({ kind: 'rate_limit', retryAfter: 2, header: false });
			const a = await call(emu, '/sys-users.list', {});
			expect(a.status).toBe(429);
			expect(a.headers.get('retry-after')).toBe('0.05');
			expect(a.json).toEqual({
				type: 'too_many_requests',
				message: expect.any(String),
				retry_after: 0.05,
			});
			const b = await call(emu, '/sys-users.list', {});
			expect(b.headers.get('retry-after')).toBeNull();
			expect(b.json.retry_after).toBe(2);
			expect((await call(emu, '/sys-users.list', {})).status).toBe(200);
		});

		it('server_error: spec bodies for 500 and 503, JSON for 502/504', async () => {
			for (const status of [500, 502, 503, 504]) emu.injectFault({ kind: 'server_error', status });
			const r500 = await call(emu, '/sys-users.list', {});
			expect(r500).toMatchObject({
				status: 500,
				json: { type: 'internal_error', reference_id: expect.any(String) },
			});
			expect((await call(emu, '/sys-users.list', {})).status).toBe(502);
			expect(await call(emu, '/sys-users.list', {})).toMatchObject({
				status: 503,
				json: { type: 'service_unavailable' },
			});
			expect((await call(emu, '/sys-users.list', {})).status).toBe(504);
			expect(emu.requests.map((r) => r.status)).toEqual([500, 502, 503, 504]);
		});

		it('slow: delays the answer', async () => {
			emu.injectFault({ kind: 'slow', delayMs: 150 });
			const t = Date.now();
			const r = await call(emu, '/sys-users.list', { limit: 1 });
			expect(r.status).toBe(200);
			expect(Date.now() - t).toBeGreaterThanOrEqual(140);
		});

		it('non_json: HTML body with status 502 by default', async () => {
			emu.injectFault({ kind: 'non_json' });
			emu.injectFault({
				kind: 'non_json',
				status: 503,
				body: 'upstream down',
				contentType: 'text/plain',
			});
			const a = await call(emu, '/sys-users.list', {});
			expect(a.status).toBe(502);
			expect(a.headers.get('content-type')).toBe('text/html');
			expect(a.json).toBeUndefined();
			expect(a.text).toContain('<html>');
			expect(await call(emu, '/sys-users.list', {})).toMatchObject({
				status: 503,
				text: 'upstream down',
			});
		});

		it('repeat_cursor: next_cursor repeats the sent cursor (or restarts the list)', async () => {
			emu.scanPageSize = 5;
			const p1 = await call(emu, '/rev-users.scan', {});
			emu.injectFault({ kind: 'repeat_cursor', count: 2 });
			const p2 = await call(emu, '/rev-users.scan', { cursor: p1.json.next_cursor });
			expect(p2.json.next_cursor).toBe(p1.json.next_cursor);
			const first = await call(emu, '/rev-users.scan', {});
			expect(first.json.next_cursor).toEqual(expect.any(String));
			const restart = await call(emu, '/rev-users.scan', { cursor: first.json.next_cursor });
			expect(restart.json.rev_users).toEqual(p1.json.rev_users);
		});

		it('repeat_cursor skips non-paginated routes', async () => {
			emu.injectFault({ kind: 'repeat_cursor' });
			await call(emu, '/dev-users.self', {});
			expect(emu.faults.queue).toHaveLength(1);
		});

		it('drop_connection: the socket closes without an answer', async () => {
			emu.injectFault({ kind: 'drop_connection' });
			await expect(call(emu, '/sys-users.list', {})).rejects.toThrow();
			expect(emu.requests[0].status).toBe(0);
			expect((await call(emu, '/sys-users.list', {})).status).toBe(200);
		});

		it('echo: a 400 whose message echoes the Authorization header and body', async () => {
			emu.injectFault({ kind: 'echo' });
			const r = await call(emu, '/rev-users.scan', { email: ['secret@example.com'] });
			expect(r.status).toBe(400);
			expect(r.json.type).toBe('bad_request');
			expect(r.json.message).toContain('Bearer test-token');
			expect(r.json.message).toContain('secret@example.com');
		});

		it('matches path and method, honours count (-1 = until cleared), and clears', async () => {
			emu.injectFault({ kind: 'server_error', path: '/rev-orgs.list', count: 2 });
			expect((await call(emu, '/sys-users.list', {})).status).toBe(200);
			expect((await call(emu, '/rev-orgs.list', {})).status).toBe(500);
			expect((await call(emu, '/rev-orgs.list', {})).status).toBe(500);
			expect((await call(emu, '/rev-orgs.list', {})).status).toBe(200);
			emu.injectFault({ kind: 'server_error', status: 503, count: -1, method: 'GET' });
			expect((await call(emu, '/sys-users.list', {})).status).toBe(200);
			for (let i = 0; i < 3; i++)
				expect((await call(emu, '/sys-users.list', undefined, { method: 'GET' })).status).toBe(503);
			emu.clearFaults();
			expect((await call(emu, '/sys-users.list', undefined, { method: 'GET' })).status).toBe(200);
			expect(() => emu.injectFault({ kind: 'nope' as any })).toThrow();
		});

		it('faults do not fire for unauthenticated calls', async () => {
			emu.injectFault({ kind: 'server_error' });
			expect((await call(emu, '/sys-users.list', {}, { token: null })).status).toBe(401);
			expect((await call(emu, '/sys-users.list', {})).status).toBe(500);
		});

		it('rateLimitShare answers a deterministic share with 429', async () => {
			const run = async () => {
				emu.setRandomSeed(7);
				emu.rateLimitShare = 0.2;
				emu.rateLimitRetryAfter = 0.01;
				const statuses: number[] = [];
				for (let i = 0; i < 100; i++)
					statuses.push((await call(emu, '/dev-users.self', undefined, { method: 'GET' })).status);
				emu.rateLimitShare = 0;
				return statuses;
			};
			const a = await run();
			const limited = a.filter((s) => s === 429).length;
			expect(limited).toBeGreaterThan(5);
			expect(limited).toBeLessThan(40);
			expect(await run()).toEqual(a);
			const r = emu.requests.find((q) => q.status === 429);
			expect(r).toBeDefined();
		});

		it('enforces the 5-minute window quota', async () => {
			const local = new DevRevEmulator({ rateLimit: 2 });
			await local.start();
			try {
				const a = await call(local, '/dev-users.self', undefined, { method: 'GET' });
				expect(a.headers.get('x-ratelimit-remaining')).toBe('1');
				await call(local, '/dev-users.self', undefined, { method: 'GET' });
				const c = await call(local, '/dev-users.self', undefined, { method: 'GET' });
				expect(c.status).toBe(429);
				expect(Number(c.headers.get('retry-after'))).toBeGreaterThan(0);
				expect(c.json.retry_after).toBeGreaterThan(0);
			} finally {
				await local.stop();
			}
		});
	});

	describe('windowed rate limit', () => {
		it('counts every call of a token in epoch-aligned windows of rateLimitWindowMs, across endpoints', async () => {
			const local = new DevRevEmulator({ rateLimit: 3, rateLimitWindowMs: 2000 }).seed({
				sysUsers: 2,
			});
			await local.start();
			try {
				// Start right after a window opens, so all calls below fall in it.
				await new Promise((resolve) => setTimeout(resolve, 2000 - (Date.now() % 2000) + 20));
				const answers = [];
				for (const path of [
					'/dev-users.self',
					'/sys-users.list',
					'/auth-tokens.info',
					'/sys-users.list',
				]) {
					answers.push(await call(local, path, {}));
				}
				expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
				expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual([
					'2',
					'1',
					'0',
					'0',
				]);
				const reset = Number(answers[0].headers.get('x-ratelimit-reset'));
				expect((reset * 1000) % 2000).toBe(0);
				expect(answers.every((a) => a.headers.get('x-ratelimit-reset') === String(reset))).toBe(
					true,
				);
				expect(answers[3].json).toMatchObject({ type: 'too_many_requests', retry_after: 2 });
				expect(local.requests.filter((r) => r.status === 429)).toHaveLength(1);
				await new Promise((resolve) => setTimeout(resolve, reset * 1000 - Date.now() + 20));
				const next = await call(local, '/sys-users.list', {});
				expect(next.status).toBe(200);
				expect(next.headers.get('x-ratelimit-remaining')).toBe('2');
				expect(Number(next.headers.get('x-ratelimit-reset'))).toBe(reset + 2);
				expect(local.config()).toMatchObject({ rateLimit: 3, rateLimitWindowMs: 2000 });
			} finally {
				await local.stop();
			}
		});
	});

	describe('control API', () => {
		const ctl = async (method: string, path: string, body?: unknown) => {
			const r = await fetch(`${emu.url}/__emulator/${path}`, {
				method,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { status: r.status, json: (await r.json()) as any };
		};

		it('lists (redacted) and clears requests without recording itself', async () => {
			await call(emu, '/sys-users.list', { limit: 1 });
			const r = await ctl('GET', 'requests');
			expect(r.json.requests).toHaveLength(1);
			expect(r.json.requests[0].headers.authorization).toBe('Bearer [REDACTED]');
			expect(emu.requests[0].headers.authorization).toBe('Bearer test-token');
			expect((await ctl('DELETE', 'requests')).json).toEqual({ cleared: 1 });
			expect(emu.requests).toHaveLength(0);
		});

		it('queues and clears faults over HTTP', async () => {
			expect((await ctl('POST', 'faults', { kind: 'server_error', status: 503 })).status).toBe(201);
			expect(
				(await ctl('POST', 'faults', [{ kind: 'rate_limit', retryAfter: 0.01 }])).json.faults,
			).toHaveLength(2);
			expect((await call(emu, '/sys-users.list', {})).status).toBe(503);
			expect((await ctl('GET', 'faults')).json.faults).toHaveLength(1);
			expect((await ctl('DELETE', 'faults')).json).toEqual({ cleared: 1 });
			expect((await call(emu, '/sys-users.list', {})).status).toBe(200);
			const bad = await ctl('POST', 'faults', { kind: 'meteor' });
			expect(bad).toMatchObject({
				status: 400,
				json: { type: 'invalid_enum_value', field_name: 'kind' },
			});
		});

		it('shows state and changes config', async () => {
			const s = await ctl('GET', 'state?limit=3');
			expect(s.json.counts).toMatchObject({
				rev_users: 300,
				rev_orgs: 4,
				accounts: 2,
				sys_users: 25,
			});
			expect(s.json.rev_users).toHaveLength(3);
			expect(s.json.rev_users[0]).toMatchObject({
				id: emu.revUsers[0].id,
				rev_org: { id: emu.revOrgs[0].id },
				associations: [{ type: 'rev_org' }, { type: 'account' }],
			});
			const c = await ctl('POST', 'config', { scanPageSize: 3, multiAssociation: true });
			expect(c.json.config).toMatchObject({ scanPageSize: 3, multiAssociation: true });
			expect((await call(emu, '/rev-users.scan', {})).json.rev_users).toHaveLength(3);
			await ctl('POST', 'config', {
				multiAssociation: false,
				rateLimitShare: 0,
				rateLimitRetryAfter: 1,
			});
			expect((await ctl('POST', 'config', { scanPageSize: 0 })).json).toMatchObject({
				type: 'invalid_field',
				field_name: 'scanPageSize',
			});
			expect((await ctl('POST', 'config', { colour: 'red' })).status).toBe(400);
			expect((await ctl('GET', 'nothing')).status).toBe(404);
		});

		it('seeds more data over HTTP', async () => {
			const local = new DevRevEmulator();
			await local.start();
			try {
				const r = await fetch(`${local.url}/__emulator/seed`, {
					method: 'POST',
					body: JSON.stringify({ revOrgs: 1, revUsers: 3 }),
				});
				expect(((await r.json()) as any).counts).toMatchObject({ rev_users: 3, rev_orgs: 1 });
				expect(local.revUsers[0].display_name).toBe('Ada Lovelace');
			} finally {
				await local.stop();
			}
		});
	});

	describe('at scale', () => {
		// How fast: `npm run bench` (bench/emulator-speed.js), never a wall-clock bound in a test.
		it('walks 100,000 rev users page by page, filtered or not', async () => {
			const big = new DevRevEmulator().seed({ revOrgs: 4, revUsers: 100000 });
			await big.start();
			try {
				const all = await walk(big, '/rev-users.scan', 'rev_users');
				expect(all.items).toHaveLength(100000);
				expect(all.pages).toBe(2000);
				const verified = await walk(big, '/rev-users.scan', 'rev_users', {
					is_verified: true,
					rev_org: [big.revOrgs[0].id],
				});
				expect(verified.items.length).toBe(
					big.revUsers.filter((u) => u.is_verified && u.rev_org?.id === big.revOrgs[0].id).length,
				);
			} finally {
				await big.stop();
			}
		}, 60000);
	});
});
