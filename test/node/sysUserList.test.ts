import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({ sysUsers: 230, revUsers: 0, revOrgs: 0, accounts: 0 }),
);
const list = (extra: Record<string, unknown> = {}) => ({
	resource: 'sysUser',
	operation: 'list',
	...extra,
});
const ids = (items: Array<Record<string, unknown>>) => items.map((item) => item.id);

describe('Sys User › List', () => {
	test('Return All walks 3 pages of 100 and returns every sys user once', async () => {
		const result = await ctx.run(list({ returnAll: true }));
		expect(ids(result.items)).toEqual(ctx.emulator.sysUsers.map((user) => user.id));
		const bodies = ctx.bodies('/sys-users.list');
		expect(bodies.map((body) => body.limit)).toEqual([100, 100, 100]);
		expect(bodies[0].cursor).toBeUndefined();
		expect(typeof bodies[1].cursor).toBe('string');
	});

	test.each([
		[10, [10]],
		[100, [100]],
		[130, [100, 30]],
	])('Limit %i asks for %j', async (limit, limits) => {
		const result = await ctx.run(list({ limit }));
		expect(ids(result.items)).toEqual(ctx.emulator.sysUsers.slice(0, limit).map((user) => user.id));
		expect(ctx.bodies('/sys-users.list').map((body) => body.limit)).toEqual(limits);
	});

	test('Sort By is sent as sort_by strings on every page and DevRev order is kept', async () => {
		const result = await ctx.run(
			list({
				returnAll: true,
				options: {
					sortBy: {
						rule: [
							{ field: 'display_name', direction: 'desc' },
							{ field: 'created_date', direction: 'asc' },
						],
					},
				},
			}),
		);
		const bodies = ctx.bodies('/sys-users.list');
		expect(bodies).toHaveLength(3);
		for (const body of bodies)
			expect(body.sort_by).toEqual(['display_name:desc', 'created_date:asc']);
		const names = result.items.map((item) => String(item.display_name));
		expect(names).toHaveLength(230);
		expect([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(names);
	});

	test('Mode before with Return All walks from the end back to the start', async () => {
		const result = await ctx.run(list({ returnAll: true, options: { mode: 'before' } }));
		const all = ctx.emulator.sysUsers.map((user) => user.id);
		expect(ids(result.items)).toEqual([
			...all.slice(130),
			...all.slice(30, 130),
			...all.slice(0, 30),
		]);
		const bodies = ctx.bodies('/sys-users.list');
		expect(bodies.map((body) => body.mode)).toEqual(['before', 'before', 'before']);
	});
});
