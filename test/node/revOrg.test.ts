import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from './context';

const ctx = useEmulator((emulator) => {
	emulator.seed({ accounts: 2, revOrgs: 5, revUsers: 0 });
	emulator.addAccount({ display_name: 'Account Without Rev Orgs' });
});

const FLAT_REV_ORG = [
	'id',
	'display_id',
	'display_name',
	'description',
	'external_ref',
	'account_id',
	'account_name',
	'created_date',
	'modified_date',
];

describe('Rev Org › Get', () => {
	test('by rev org ID: sends id, answers the flat rev org', async () => {
		const org = ctx.emulator.revOrgs[2];
		const result = await ctx.run({
			resource: 'revOrg',
			operation: 'get',
			revOrgId: org.display_id,
		});
		expect(ctx.bodies('/rev-orgs.get')).toEqual([{ id: org.display_id }]);
		expect(Object.keys(result.items[0])).toEqual(FLAT_REV_ORG);
		expect(result.items[0]).toMatchObject({
			id: org.id,
			display_name: org.display_name,
			account_id: org.account.id,
		});
	});

	test("by account: sends account and answers the account's default rev org", async () => {
		const account = ctx.emulator.accounts[1];
		const result = await ctx.run({
			resource: 'revOrg',
			operation: 'get',
			revOrgId: {
				__rl: true,
				mode: 'url',
				value: `https://app.devrev.ai/acme/accounts/${account.display_id}`,
			},
			simplify: false,
		});
		expect(ctx.bodies('/rev-orgs.get')).toEqual([{ account: account.display_id }]);
		expect(result.items[0]).toEqual(
			JSON.parse(JSON.stringify(ctx.emulator.store.defaultRevOrgOf(account))),
		);
	});

	test("an account without a rev org, or an unknown rev org: DevRev's 404 with the ID sent", async () => {
		const lonely = ctx.emulator.accounts[2];
		const result = await ctx.run({ resource: 'revOrg', operation: 'get', revOrgId: lonely.id });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe(`account "${lonely.id}" has no default rev org`);
		const unknown = await ctx.run({
			resource: 'revOrg',
			operation: 'get',
			revOrgId: 'REV-unknown',
		});
		expect(unknown.error?.message).toBe('rev org "REV-unknown" not found');
		expect(unknown.error?.description).toBe(
			'DevRev found no object with id = REV-unknown: check the ID, or pick it from the list.\ntype: not_found',
		);
	});
});

describe('Rev Org › Get Many', () => {
	test('filters, sort and Limit go in the body; items in DevRev order', async () => {
		const result = await ctx.run({
			resource: 'revOrg',
			operation: 'getAll',
			limit: 3,
			filters: { displayName: 'Acme Corp, Initech, Hooli', modifiedBefore: '2030-01-01T00:00:00Z' },
			options: { sortBy: { rule: [{ field: 'display_name', direction: 'desc' }] } },
		});
		expect(ctx.bodies('/rev-orgs.list')).toEqual([
			{
				display_name: ['Acme Corp', 'Initech', 'Hooli'],
				modified_date: { before: '2030-01-01T00:00:00.000Z' },
				sort_by: ['display_name:desc'],
				limit: 3,
			},
		]);
		expect(result.items.map((item: IDataObject) => item.display_name)).toEqual([
			'Initech',
			'Hooli',
			'Acme Corp',
		]);
	});

	test('Return All walks every page (Limit 2 pages of the cursor too)', async () => {
		const all = await ctx.run({ resource: 'revOrg', operation: 'getAll', returnAll: true });
		expect(all.items.map((item: IDataObject) => item.id)).toEqual(
			ctx.emulator.revOrgs.map((org) => org.id),
		);
		ctx.emulator.clearRequests();
		const backwards = await ctx.run({
			resource: 'revOrg',
			operation: 'getAll',
			limit: 2,
			options: { mode: 'before' },
		});
		expect(ctx.bodies('/rev-orgs.list')).toEqual([{ mode: 'before', limit: 2 }]);
		expect(backwards.items.map((item: IDataObject) => item.id)).toEqual(
			ctx.emulator.revOrgs.slice(-2).map((org) => org.id),
		);
	});
});
