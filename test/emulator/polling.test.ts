/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
import { DevRevEmulator } from './index';
import { call, walk } from './kit';

const T1 = '2025-02-01T08:00:00.000Z';
const T2 = '2025-02-01T08:00:00.001Z';
const T3 = '2025-02-02T00:00:00.000Z';

const names = (items: any[]) => items.map((o) => o.display_name);

describe('polling: date filters, sort_by, cursors bound to their query', () => {
	let emu: DevRevEmulator;
	beforeEach(async () => {
		emu = new DevRevEmulator().seed({ accounts: 1, revOrgs: 1, revUsers: 5 });
		await emu.start();
		emu.clock.freeze(T1);
		for (const n of ['c', 'a', 'b']) await call(emu, '/rev-users.create', { display_name: n });
		emu.clock.freeze(T2);
		for (const n of ['e', 'd']) await call(emu, '/rev-users.create', { display_name: n });
		emu.clock.freeze(T3);
	});
	afterEach(async () => {
		expect(emu.specViolations).toEqual([]);
		await emu.stop();
	});

	it('after and before are inclusive; objects sharing a modified_date come in creation order', async () => {
		const list = (body: Record<string, unknown>) => walk(emu, '/rev-users.list', 'rev_users', body);
		const since = await list({ modified_date: { after: T1 }, sort_by: ['modified_date:asc'] });
		expect(names(since.items)).toEqual(['c', 'a', 'b', 'e', 'd']);
		const until = await list({ modified_date: { before: T1 }, created_date: { after: T1 } });
		expect(names(until.items)).toEqual(['c', 'a', 'b']);
		const next = await list({ modified_date: { after: T2 }, sort_by: ['modified_date:desc'] });
		expect(names(next.items)).toEqual(['e', 'd']);
	});

	it('sorts by several keys, first key first, ties by creation; desc and asc', async () => {
		const r = await call(emu, '/rev-users.list', {
			created_date: { after: T1 },
			sort_by: ['modified_date:desc', 'display_name:asc'],
		});
		expect(names(r.json.rev_users)).toEqual(['d', 'e', 'a', 'b', 'c']);
		const accounts = await call(emu, '/accounts.list', { sort_by: ['created_date:desc'] });
		expect(accounts.status).toBe(200);
		const orgs = await call(emu, '/rev-orgs.list', {
			modified_date: { after: '2000-01-01T00:00:00Z', before: T3 },
			sort_by: ['modified_date:asc', 'display_name:desc'],
		});
		expect(orgs.json.rev_orgs).toHaveLength(1);
	});

	it('a cursor serves only the query it came from (limit and mode may change)', async () => {
		const query = { modified_date: { after: T1 }, sort_by: ['modified_date:asc'] };
		const first = await call(emu, '/rev-users.list', { ...query, limit: 2 });
		const cursor = first.json.next_cursor;
		const same = await call(emu, '/rev-users.list', { ...query, limit: 3, cursor });
		expect(names(same.json.rev_users)).toEqual(['b', 'e', 'd']);
		const other = await call(emu, '/rev-users.list', { ...query, sort_by: [], cursor });
		expect(other.status).toBe(400);
		expect(other.json).toMatchObject({ type: 'invalid_field', field_name: 'cursor' });
		expect(other.json.message).toMatch(/another query/);
		const moved = await call(emu, '/rev-users.list', {
			modified_date: { after: T2 },
			sort_by: ['modified_date:asc'],
			cursor,
		});
		expect(moved.status).toBe(400);
	});

	it('keyset paging: a boundary object modified mid-walk neither skips nor repeats the others', async () => {
		const query = { modified_date: { after: T1 }, sort_by: ['modified_date:asc'], limit: 2 };
		const first = await call(emu, '/rev-users.list', query);
		expect(names(first.json.rev_users)).toEqual(['c', 'a']);
		const a = first.json.rev_users[1];
		await call(emu, '/rev-users.update', { id: a.id, display_name: 'a2' });
		const rest = await walk(emu, '/rev-users.list', 'rev_users', {
			...query,
			cursor: first.json.next_cursor,
		});
		// b, e, d were not modified: all follow; a moved to the end (modified at T3), seen again.
		expect(names(rest.items)).toEqual(['b', 'e', 'd', 'a2']);
	});

	it('works.list and dev-users.list: typed date filters, several works sharing one modified_date', async () => {
		emu.seed({ devUsers: 2, parts: 1, tickets: 4 });
		emu.clock.freeze(T3);
		for (const w of emu.works) await call(emu, '/works.update', { id: w.id, title: `${w.title}!` });
		const query = {
			modified_date: { type: 'range', after: T3 },
			sort_by: ['modified_date:asc'],
			limit: 3,
		};
		const polled = await walk(emu, '/works.list', 'works', query);
		expect(polled.items.map((w) => w.display_id)).toEqual(['TKT-1', 'TKT-2', 'TKT-3', 'TKT-4']);
		expect(new Set(polled.items.map((w) => w.modified_date))).toEqual(new Set([T3]));
		const devs = await call(emu, '/dev-users.list', {
			modified_date: { type: 'range', before: '2022-02-03T00:00:00Z' },
			sort_by: ['modified_date:desc'],
		});
		expect(devs.json.dev_users.map((u: any) => u.display_id)).toEqual(['DEVU-2', 'DEVU-1']);
	});
});
