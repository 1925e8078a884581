import { useEmulator } from './context';

const ctx = useEmulator((emulator) => emulator.seed({ accounts: 2, revOrgs: 3, revUsers: 4 }));
const change = (operation: string, revUserId: string, associations: string) => ({
	resource: 'revUser',
	operation,
	revUserId,
	associations,
});
const associated = (userId: string) =>
	ctx.emulator.associationsOf(userId).map((entry: { id: string }) => entry.id);

describe('Rev User › Add and Remove Associations', () => {
	afterEach(() => {
		ctx.emulator.multiAssociation = false;
	});

	test('without the multi-association feature DevRev refuses, and the user sees why', async () => {
		const user = ctx.emulator.revUsers[0];
		const result = await ctx.run(change('addAssociations', user.id, ctx.emulator.accounts[1].id));
		const [request] = ctx.emulator.requestsTo('/rev-users.associations.add');
		expect(request.status).toBe(403);
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toMatch(/multi-association/i);
	});

	test('Add sends associations as {associated_to} objects and confirms', async () => {
		ctx.emulator.multiAssociation = true;
		const user = ctx.emulator.revUsers[1];
		const [orgA, orgB] = ctx.emulator.revOrgs.slice(1, 3).map((org) => org.id);
		const result = await ctx.run(change('addAssociations', user.id, `${orgA}, ${orgB}`));
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.associations.add')).toEqual([
			{ rev_user_id: user.id, associations: [{ associated_to: orgA }, { associated_to: orgB }] },
		]);
		expect(result.items).toEqual([
			{
				success: true,
				rev_user_id: user.id,
				associations: [{ associated_to: orgA }, { associated_to: orgB }],
			},
		]);
		expect(associated(user.id)).toEqual(expect.arrayContaining([orgA, orgB]));
	});

	test('Remove sends associations as IDs, DevRev answers 204, and the item confirms', async () => {
		ctx.emulator.multiAssociation = true;
		const user = ctx.emulator.revUsers[2];
		const org = user.rev_org.id;
		const result = await ctx.run(change('removeAssociations', user.id, org));
		expect(result.error).toBeUndefined();
		expect(
			ctx.emulator.requestsTo('/rev-users.associations.remove').map((request) => request.status),
		).toEqual([204]);
		expect(ctx.bodies('/rev-users.associations.remove')).toEqual([
			{ rev_user_id: user.id, associations: [org] },
		]);
		expect(result.items).toEqual([{ success: true, rev_user_id: user.id, associations: [org] }]);
		expect(associated(user.id)).not.toContain(org);
	});

	test('an empty Associations list is rejected before any request', async () => {
		const result = await ctx.run(change('removeAssociations', ctx.emulator.revUsers[0].id, ' ,'));
		expect(result.error?.message).toBe('Associations: must contain at least one value');
		expect(ctx.emulator.requests).toHaveLength(0);
	});
});
