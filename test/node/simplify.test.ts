import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({ accounts: 1, revOrgs: 2, revUsers: 6, sysUsers: 4 }),
);

describe('Simplify', () => {
	test('is on by default: Scan returns the flat record', async () => {
		const user = ctx.emulator.revUsers[0];
		const result = await ctx.run({ resource: 'revUser', operation: 'scan', limit: 1 });
		expect(result.items).toEqual([
			{
				id: user.id,
				display_id: user.display_id,
				display_name: user.display_name,
				full_name: user.full_name,
				email: user.email,
				phone_numbers: user.phone_numbers,
				external_ref: user.external_ref,
				description: user.description,
				state: user.state,
				is_verified: user.is_verified,
				rev_org_id: user.rev_org.id,
				rev_org_name: user.rev_org.display_name,
				created_date: user.created_date,
				modified_date: user.modified_date,
			},
		]);
	});

	test('off: Scan returns DevRev objects as they are', async () => {
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'scan',
			limit: 1,
			simplify: false,
		});
		const [raw] = result.items;
		expect(raw).toMatchObject({
			id: ctx.emulator.revUsers[0].id,
			rev_org: { id: ctx.emulator.revUsers[0].rev_org.id },
		});
		expect(Object.keys(raw)).toEqual(
			expect.arrayContaining(['created_by', 'modified_by', 'primary_identity', 'external_ref']),
		);
	});

	test('Link returns the flat record, or the whole rev user when off', async () => {
		const user = ctx.emulator.revUsers[1];
		const org = ctx.emulator.revOrgs[1];
		const parameters = {
			resource: 'revUser',
			operation: 'link',
			revUserId: user.id,
			revOrgId: org.id,
		};
		const simple = await ctx.run(parameters);
		expect(Object.keys(simple.items[0])).toEqual([
			'id',
			'display_id',
			'display_name',
			'full_name',
			'email',
			'phone_numbers',
			'external_ref',
			'description',
			'state',
			'is_verified',
			'rev_org_id',
			'rev_org_name',
			'created_date',
			'modified_date',
		]);
		expect(simple.items[0].rev_org_id).toBe(org.id);
		const raw = await ctx.run({ ...parameters, simplify: false });
		expect((raw.items[0].rev_org as { id: string }).id).toBe(org.id);
		expect(raw.items[0].created_by).toBeDefined();
	});

	test('Sys User List returns the flat record without rev user fields', async () => {
		const sys = ctx.emulator.sysUsers[0];
		const result = await ctx.run({ resource: 'sysUser', operation: 'list', limit: 1 });
		const expected: Record<string, unknown> = {};
		for (const key of [
			'id',
			'display_id',
			'display_name',
			'full_name',
			'email',
			'phone_numbers',
			'state',
		]) {
			if (sys[key] !== undefined) expected[key] = sys[key];
		}
		expect(result.items).toEqual([
			{ ...expected, created_date: sys.created_date, modified_date: sys.modified_date },
		]);
	});
});
