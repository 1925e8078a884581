import { useEmulator } from './context';

const ctx = useEmulator((emulator) => {
	emulator.seed({ accounts: 1, revOrgs: 3, revUsers: 10 });
	emulator.addAccount({ display_name: 'Account Without Rev Orgs' });
});

describe('Rev User › Link and Unlink', () => {
	test('Link sends id and rev_org and returns the linked rev user as one item', async () => {
		const user = ctx.emulator.revUsers[4];
		const org = ctx.emulator.revOrgs[2];
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'link',
			revUserId: user.id,
			revOrgId: org.id,
		});
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
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'unlink',
			revUserId: user.id,
			revOrgId: org,
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.unlink')).toEqual([{ id: user.id, rev_org: org }]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].id).toBe(user.id);
		expect(ctx.emulator.associationsOf(user.id).map((a: { id: string }) => a.id)).not.toContain(
			org,
		);
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
			{
				resource: 'revUser',
				operation: 'link',
				revUserId: '={{ $json.user }}',
				revOrgId: '={{ $json.org }}',
			},
			{ items: users.map((user) => ({ user: user.id, org })) },
		);
		expect(result.items.map((item) => item.id)).toEqual(users.map((user) => user.id));
		expect(ctx.bodies('/rev-users.link')).toEqual(
			users.map((user) => ({ id: user.id, rev_org: org })),
		);
	});

	test('an unknown rev user reaches the user as DevRev 404 with its message and the IDs sent', async () => {
		const org = ctx.emulator.revOrgs[0].id;
		const missing = 'don:identity:dvrv-us-1:devo/1emu:revu/NoSuchOne';
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'link',
			revUserId: missing,
			revOrgId: org,
		});
		expect(ctx.emulator.requestsTo('/rev-users.link').map((request) => request.status)).toEqual([
			404,
		]);
		expect(result.error?.message).toBe(`rev user "${missing}" not found`);
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toBe(
			`DevRev found no object with id = ${missing}; rev_org = ${org}: check the ID, or pick it from the list.\ntype: not_found`,
		);
	});

	test("an account ID stands for the account's default rev org, looked up before the link", async () => {
		const user = ctx.emulator.revUsers[8];
		const account = ctx.emulator.accounts[0];
		const defaultOrg = ctx.emulator.revOrgs.find((org) => org.account?.id === account.id);
		if (!defaultOrg) throw new Error('the seed gives the first account a rev org');
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'link',
			revUserId: user.id,
			revOrgId: { __rl: true, mode: 'id', value: account.display_id },
		});
		expect(result.error).toBeUndefined();
		expect(ctx.emulator.requests.map((request) => request.path)).toEqual([
			'/rev-orgs.get',
			'/rev-users.link',
		]);
		expect(ctx.bodies('/rev-orgs.get')).toEqual([{ account: account.display_id }]);
		expect(ctx.bodies('/rev-users.link')).toEqual([{ id: user.id, rev_org: defaultOrg.id }]);
		expect(result.items[0].rev_org_id).toBe(defaultOrg.id);
	});

	test('an app link given by expression in By ID (a form visitor pastes what the app shows) stands for its ID', async () => {
		const user = ctx.emulator.revUsers[9];
		const account = ctx.emulator.accounts[0];
		const defaultOrg = ctx.emulator.revOrgs.find((org) => org.account?.id === account.id);
		const result = await ctx.run(
			{
				resource: 'revUser',
				operation: 'link',
				revUserId: user.id,
				revOrgId: { __rl: true, mode: 'id', value: '={{ $json.company }}' },
			},
			{
				items: [
					{ company: `https://app.devrev.ai/acme/accounts/${account.display_id}?tab=people` },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-orgs.get')).toEqual([{ account: account.display_id }]);
		expect(ctx.bodies('/rev-users.link')).toEqual([{ id: user.id, rev_org: defaultOrg?.id }]);
	});

	test('an account without a default rev org is refused before the link, saying what to use', async () => {
		const account = ctx.emulator.accounts[1];
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'unlink',
			revUserId: ctx.emulator.revUsers[0].id,
			revOrgId: {
				__rl: true,
				mode: 'url',
				value: `https://app.devrev.ai/acme/accounts/${account.display_id}`,
			},
		});
		expect(ctx.emulator.requests.map((request) => [request.path, request.status])).toEqual([
			['/rev-orgs.get', 404],
		]);
		expect(result.error?.message).toBe(
			`Rev Org ID: DevRev has no default rev org for account ${account.display_id}`,
		);
		expect(result.error?.description).toBe(
			'Pick a rev org instead, or use Add Associations to associate the rev user with the account itself.',
		);
	});
});
