import { useEmulator } from './context';

let userId = '';
const ctx = useEmulator((emulator) => {
	emulator.seed({ accounts: 3, revOrgs: 0, revUsers: 0 });
	for (let n = 1; n <= 12; n++) emulator.addRevOrg({ display_name: `Org ${n}` });
	const user = emulator.addRevUser({
		display_name: 'Many Links',
		associations: emulator.revOrgs.map((org) => org.id),
	});
	userId = user.id;
});
const list = (extra: Record<string, unknown> = {}) => ({
	resource: 'revUser',
	operation: 'listAssociations',
	revUserId: userId,
	...extra,
});
const associatedIds = () =>
	ctx.emulator.associationsOf(userId).map((entry: { id: string }) => entry.id);

describe('Rev User › List Associations', () => {
	test('Limit asks for no more than needed and returns one item per association', async () => {
		const result = await ctx.run(list({ limit: 5 }));
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.associations.list')).toEqual([{ rev_user_id: userId, limit: 5 }]);
		expect(result.items.map((item) => (item.associated_to as { id: string }).id)).toEqual(
			associatedIds().slice(0, 5),
		);
	});

	test('Return All asks for pages of 100', async () => {
		const result = await ctx.run(list({ returnAll: true }));
		expect(result.items.map((item) => (item.associated_to as { id: string }).id)).toEqual(
			associatedIds(),
		);
		expect(ctx.bodies('/rev-users.associations.list')).toEqual([
			{ rev_user_id: userId, limit: 100 },
		]);
	});

	test('Mode before walks backwards from the end through prev_cursor', async () => {
		const all = associatedIds();
		const result = await ctx.run(list({ limit: 8, options: { mode: 'before' } }));
		const bodies = ctx.bodies('/rev-users.associations.list');
		expect(bodies[0]).toEqual({ rev_user_id: userId, mode: 'before', limit: 8 });
		expect(bodies).toHaveLength(1);
		expect(result.items.map((item) => (item.associated_to as { id: string }).id)).toEqual(
			all.slice(all.length - 8),
		);
	});

	test('a Start Cursor from an earlier page continues from there', async () => {
		const first = await ctx.run(list({ limit: 4 }));
		expect(first.items).toHaveLength(4);
		const raw = await fetch(`${ctx.credentials.baseUrl}/rev-users.associations.list`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${ctx.credentials.apiToken}`,
				'content-type': 'application/json',
				'x-devrev-scope': 'beta',
			},
			body: JSON.stringify({ rev_user_id: userId, limit: 4 }),
		}).then(async (response) => (await response.json()) as { next_cursor: string });
		ctx.emulator.clearRequests();
		const next = await ctx.run(list({ limit: 3, options: { cursor: raw.next_cursor } }));
		expect(ctx.bodies('/rev-users.associations.list')).toEqual([
			{ rev_user_id: userId, cursor: raw.next_cursor, limit: 3 },
		]);
		expect(next.items.map((item) => (item.associated_to as { id: string }).id)).toEqual(
			associatedIds().slice(4, 7),
		);
	});

	test('Limit above a page spans pages, each asking only for what is missing', async () => {
		const result = await ctx.run(list({ limit: 150 }));
		expect(result.items).toHaveLength(12);
		expect(ctx.bodies('/rev-users.associations.list')).toEqual([
			{ rev_user_id: userId, limit: 100 },
		]);
	});
});
