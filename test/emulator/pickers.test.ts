/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
import { DevRevEmulator } from './index';
import { call, walk } from './kit';

describe('pickers: parts, dev users, search.core', () => {
	const emu = new DevRevEmulator().seed({
		accounts: 1,
		revOrgs: 2,
		revUsers: 10,
		devUsers: 9,
		tags: 4,
		parts: 150,
		tickets: 6,
		issues: 4,
		comments: 10,
	});
	beforeAll(async () => {
		await emu.start();
	});
	afterAll(async () => {
		expect(emu.specViolations).toEqual([]);
		await emu.stop();
	});

	it('seeds deterministically: distinct part names, a product / capability / feature tree', () => {
		const again = new DevRevEmulator().seed({ devUsers: 9, parts: 150, tickets: 6, issues: 4 });
		expect(again.parts).toEqual(emu.parts);
		expect(again.devUsers).toEqual(emu.devUsers);
		expect(new Set(emu.parts.map((p) => p.name)).size).toBe(150);
		expect(emu.parts.slice(0, 5).map((p) => `${p.display_id} ${p.type}`)).toEqual([
			'PROD-1 product',
			'CAPL-2 capability',
			'CAPL-3 capability',
			'CAPL-4 capability',
			'FEAT-5 feature',
		]);
		expect(emu.devUsers).toHaveLength(10);
		expect(emu.works.map((w) => w.display_id)).toHaveLength(10);
		expect(emu.comments).toHaveLength(10);
	});

	it('parts.list pages 150 parts (limit 1..100), filters by type, name, owner, parent part', async () => {
		const all = await walk(emu, '/parts.list', 'parts', { limit: 100 });
		expect(all.pages).toBe(2);
		expect(new Set(all.items.map((p) => p.id)).size).toBe(150);
		const products = await walk(emu, '/parts.list', 'parts', { type: ['product'] });
		expect(products.items.map((p) => p.display_id)).toHaveLength(15);
		const named = await call(emu, '/parts.list', { name: [emu.parts[4].name] });
		expect(named.json.parts).toEqual([emu.parts[4]]);
		const owner = emu.parts[1].owned_by[0];
		const owned = await walk(emu, '/parts.list', 'parts', { owned_by: [owner.display_id] });
		expect(owned.items.every((p) => p.owned_by[0].id === owner.id)).toBe(true);
		const children = await call(emu, '/parts.list', { parent_part: { parts: ['PROD-1'] } });
		expect(children.json.parts.map((p: any) => p.display_id)).toEqual([
			'CAPL-2',
			'CAPL-3',
			'CAPL-4',
		]);
		const tree = await call(emu, '/parts.list', { parent_part: { parts: ['PROD-1'], level: 2 } });
		expect(tree.json.parts).toHaveLength(9);
		const sorted = await call(emu, '/parts.list', { sort_by: ['name:asc'], limit: 2 });
		expect(sorted.json.parts.map((p: any) => p.name)).toEqual(
			emu.parts
				.map((p) => p.name)
				.sort()
				.slice(0, 2),
		);
		expect((await call(emu, '/parts.get', { id: 'FEAT-5' })).json.part).toEqual(emu.parts[4]);
		expect((await call(emu, '/parts.get', { id: 'PROD-999' })).status).toBe(404);
	});

	it('dev-users.list filters by email (any case) and state, pages, sorts; dev-users.get', async () => {
		const r = await call(emu, '/dev-users.list', { email: ['PRIYA.RAMAN@emulator.example.com'] });
		expect(r.json.dev_users.map((u: any) => u.full_name)).toEqual(['Priya Raman']);
		const off = await call(emu, '/dev-users.list', { state: ['deactivated'] });
		expect(off.json.dev_users.map((u: any) => u.display_id)).toEqual(['DEVU-7']);
		const pages = await walk(emu, '/dev-users.list', 'dev_users', { limit: 3 });
		expect(pages.items.map((u) => u.id)).toEqual(emu.devUsers.map((u) => u.id));
		expect(pages.pages).toBe(4);
		const newest = await call(emu, '/dev-users.list', { sort_by: ['created_date:desc'], limit: 1 });
		expect(newest.json.dev_users[0].display_id).toBe('DEVU-10');
		const since = await call(emu, '/dev-users.list', {
			created_date: { type: 'range', after: emu.devUsers[8].created_date },
		});
		expect(since.json.dev_users.map((u: any) => u.display_id)).toEqual(['DEVU-9', 'DEVU-10']);
		expect((await call(emu, '/dev-users.get', { id: 'DEVU-3' })).json.dev_user).toEqual(
			emu.devUsers[2],
		);
		expect((await call(emu, '/dev-users.get', { id: 'DEVU-99' })).status).toBe(404);
	});

	it('search.core finds dev users, tickets, issues and parts in their namespaces', async () => {
		const search = (query: string, namespaces: string[]) =>
			call(emu, '/search.core', { query, namespaces }, { beta: true });
		const dev = await search('aiko', ['dev_user']);
		expect(dev.json.results).toEqual([
			expect.objectContaining({
				type: 'user',
				user: expect.objectContaining({ display_id: 'DEVU-4' }),
			}),
		]);
		const ticket = emu.works[0];
		const works = await search(ticket.title, ['ticket', 'issue']);
		expect(works.json.results[0]).toMatchObject({
			type: 'work',
			work: { type: 'ticket', id: ticket.id, title: ticket.title, stage: ticket.stage },
		});
		const issue = await search('ISS-2', ['issue']);
		expect(issue.json.results.map((r: any) => r.work.display_id)).toEqual(['ISS-2']);
		const parts = await search(emu.parts[1].name, ['capability', 'product']);
		expect(parts.json.results[0]).toMatchObject({
			type: 'part',
			part: { type: 'capability', display_id: 'CAPL-2' },
		});
		expect((await search('x', ['work'])).json).toMatchObject({ type: 'invalid_enum_value' });
	});
});
