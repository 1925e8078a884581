import { useEmulator } from './context';

const ctx = useEmulator((emulator) => emulator.seed({ accounts: 1, revOrgs: 3, revUsers: 10 }));

describe('Rev User › Link and Unlink', () => {
	test('Link sends id and rev_org and returns the linked rev user as one item', async () => {
		const user = ctx.emulator.revUsers[4];
		const org = ctx.emulator.revOrgs[2];
		const result = await ctx.run({ resource: 'revUser', operation: 'link', revUserId: user.id, revOrgId: org.id });
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.link')).toEqual([{ id: user.id, rev_org: org.id }]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].id).toBe(user.id);
		expect(result.items[0].rev_org_id).toBe(org.id);
		expect(ctx.emulator.associationsOf(user.id).map((a: { id: string }) => a.id)).toContain(org.id);
	});

	test('Unlink sends id and rev_org and the rev user is no longer linked', async () => {
		const user = ctx.emulator.revUsers[0];
		const org = user.rev_org.id;
		const result = await ctx.run({ resource: 'revUser', operation: 'unlink', revUserId: user.id, revOrgId: org });
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.unlink')).toEqual([{ id: user.id, rev_org: org }]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].id).toBe(user.id);
		expect(ctx.emulator.associationsOf(user.id).map((a: { id: string }) => a.id)).not.toContain(org);
	});

	test('the deprecated user_don and rev_org_don are sent when set, next to id and rev_org', async () => {
		const user = ctx.emulator.revUsers[1];
		const org = ctx.emulator.revOrgs[0];
		await ctx.run({
			resource: 'revUser',
			operation: 'link',
			revUserId: user.id,
			revOrgId: org.id,
			additionalFields: { userDon: user.id, revOrgDon: org.id },
		});
		expect(ctx.bodies('/rev-users.link')).toEqual([
			{ id: user.id, rev_org: org.id, user_don: user.id, rev_org_don: org.id },
		]);
	});

	test('each input item links its own rev user, IDs from expressions', async () => {
		const users = ctx.emulator.revUsers.slice(5, 8);
		const org = ctx.emulator.revOrgs[1].id;
		const result = await ctx.run(
			{ resource: 'revUser', operation: 'link', revUserId: '={{ $json.user }}', revOrgId: '={{ $json.org }}' },
			{ items: users.map((user) => ({ user: user.id, org })) },
		);
		expect(result.items.map((item) => item.id)).toEqual(users.map((user) => user.id));
		expect(ctx.bodies('/rev-users.link')).toEqual(users.map((user) => ({ id: user.id, rev_org: org })));
	});

	test('an unknown rev user reaches the user as DevRev 404 with its message and the IDs sent', async () => {
		const org = ctx.emulator.revOrgs[0].id;
		const missing = 'don:identity:dvrv-us-1:devo/1emu:revu/NoSuchOne';
		const result = await ctx.run({ resource: 'revUser', operation: 'link', revUserId: missing, revOrgId: org });
		expect(ctx.emulator.requestsTo('/rev-users.link').map((request) => request.status)).toEqual([404]);
		expect(result.error?.message).toBe(`rev user "${missing}" not found`);
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toBe(`IDs sent: id = ${missing}; rev_org = ${org}\ntype: not_found`);
	});
});
