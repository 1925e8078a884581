import type { IDataObject } from 'n8n-workflow';

import { searchList } from '../harness/engine';
import { useEmulator } from './context';

const ctx = useEmulator((emulator) => emulator.seed({ accounts: 3, revOrgs: 3, revUsers: 9 }));

const FLAT_ACCOUNT = [
	'id',
	'display_id',
	'display_name',
	'description',
	'domains',
	'websites',
	'external_refs',
	'tier',
	'owned_by_ids',
	'created_date',
	'modified_date',
];

describe('Account › Create', () => {
	test('sends Display Name and the fields added, answers the flat account; DevRev makes its default rev org', async () => {
		const result = await ctx.run({
			resource: 'account',
			operation: 'create',
			displayName: 'Initrode',
			additionalFields: {
				description: 'Printers and more',
				domains: 'initrode.io',
				externalRefs: 'sf-001, hubspot-77',
				ownedBy: ctx.emulator.devUser.id,
				tier: 'Tier 1',
				websites: 'www.initrode.example',
			},
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/accounts.create')).toEqual([
			{
				display_name: 'Initrode',
				description: 'Printers and more',
				domains: ['initrode.io'],
				external_refs: ['sf-001', 'hubspot-77'],
				owned_by: [ctx.emulator.devUser.id],
				tier: 'Tier 1',
				websites: ['www.initrode.example'],
			},
		]);
		expect(ctx.emulator.requestsTo('/accounts.create').map((request) => request.status)).toEqual([
			201,
		]);
		const account = ctx.emulator.accounts.find((entry) => entry.display_name === 'Initrode');
		expect(result.items).toEqual([
			{
				id: account?.id,
				display_id: account?.display_id,
				display_name: 'Initrode',
				description: 'Printers and more',
				domains: ['initrode.io', 'initrode.example'],
				websites: ['www.initrode.example'],
				external_refs: ['sf-001', 'hubspot-77'],
				tier: 'Tier 1',
				owned_by_ids: [ctx.emulator.devUser.id],
				created_date: account?.created_date,
				modified_date: account?.modified_date,
			},
		]);
		const org = await ctx.run({
			resource: 'revOrg',
			operation: 'get',
			revOrgId: { __rl: true, mode: 'id', value: account?.display_id },
		});
		expect(org.items[0]).toMatchObject({
			display_name: 'Initrode',
			account_id: account?.id,
			account_name: 'Initrode',
		});
	});

	test('a blank Display Name is refused before any request; a missing one by n8n', async () => {
		const blank = await ctx.run({ resource: 'account', operation: 'create', displayName: '  ' });
		expect(blank.error?.message).toBe('Display Name: must not be empty');
		const missing = await ctx.run({ resource: 'account', operation: 'create', displayName: '' });
		expect(missing.error?.message).toBe(
			`The 'DevRev' node has issues:\n- Parameter "Display Name" is required.`,
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test("DevRev's missing_required_field reaches the user with its field name", async () => {
		ctx.emulator.injectFault({
			kind: 'error',
			path: '/accounts.create',
			status: 400,
			error: {
				type: 'missing_required_field',
				message: 'missing required field "display_name"',
				field_name: 'display_name',
			},
		});
		const result = await ctx.run({ resource: 'account', operation: 'create', displayName: 'Acme' });
		expect(result.error?.message).toBe('missing required field "display_name"');
		expect(result.error?.description).toBe(
			'type: missing_required_field\nfield_name: display_name',
		);
	});

	test('an external ref another account has: DevRev 409 conflict, no second account', async () => {
		const before = ctx.emulator.accounts.length;
		const result = await ctx.run({
			resource: 'account',
			operation: 'create',
			displayName: 'Copycat',
			additionalFields: { externalRefs: 'sf-001' },
		});
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.message).toBe('an account with external ref "sf-001" already exists');
		expect(ctx.emulator.accounts).toHaveLength(before);
	});
});

describe('Account › Get, Update, Delete, Get Many', () => {
	test('Get by ID, By URL; raw with Simplify off', async () => {
		const account = ctx.emulator.accounts[0];
		const byUrl = await ctx.run({
			resource: 'account',
			operation: 'get',
			accountId: {
				__rl: true,
				mode: 'url',
				value: `https://app.devrev.ai/acme/accounts/${account.display_id}`,
			},
		});
		expect(ctx.bodies('/accounts.get')).toEqual([{ id: account.display_id }]);
		expect(Object.keys(byUrl.items[0])).toEqual(FLAT_ACCOUNT.filter((key) => key !== 'tier'));
		const raw = await ctx.run({
			resource: 'account',
			operation: 'get',
			accountId: account.id,
			simplify: false,
		});
		expect(raw.items[0]).toEqual(JSON.parse(JSON.stringify(account)));
	});

	test('a rev org ID typed By ID is not an account: n8n refuses the run, naming the field', async () => {
		const result = await ctx.run({
			resource: 'account',
			operation: 'get',
			accountId: { __rl: true, mode: 'id', value: 'REV-abc' },
		});
		expect(result.error?.message).toBe(
			`The 'DevRev' node has issues:\n- Account ID: not a valid account ID, e.g. ACC-12345 or don:core:dvrv-us-1:devo/1abc:account/12345`,
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('Update sends websites as {set: […]} and the other fields as they are', async () => {
		const account = ctx.emulator.accounts[1];
		const result = await ctx.run({
			resource: 'account',
			operation: 'update',
			accountId: account.id,
			updateFields: {
				displayName: 'Globex Corporation',
				tier: 'Tier 2',
				websites: 'globex.example, www.globex.example',
			},
		});
		expect(ctx.bodies('/accounts.update')).toEqual([
			{
				id: account.id,
				display_name: 'Globex Corporation',
				tier: 'Tier 2',
				websites: { set: ['globex.example', 'www.globex.example'] },
			},
		]);
		expect(result.items[0]).toMatchObject({
			id: account.id,
			display_name: 'Globex Corporation',
			tier: 'Tier 2',
		});
	});

	test('Update without a field to change is refused before any request', async () => {
		const result = await ctx.run({
			resource: 'account',
			operation: 'update',
			accountId: ctx.emulator.accounts[1].id,
		});
		expect(result.error?.message).toBe('Update Fields: add at least one field to change');
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('Get Many: filters, sort and Limit in the body; Return All pages through', async () => {
		const result = await ctx.run({
			resource: 'account',
			operation: 'getAll',
			limit: 2,
			filters: { createdAfter: '2022-01-01T00:00:00Z' },
			options: { sortBy: { rule: [{ field: 'display_name', direction: 'asc' }] } },
		});
		expect(ctx.bodies('/accounts.list')).toEqual([
			{
				created_date: { after: '2022-01-01T00:00:00.000Z' },
				sort_by: ['display_name:asc'],
				limit: 2,
			},
		]);
		const names = ctx.emulator.accounts.map((account) => account.display_name).sort();
		expect(result.items.map((item: IDataObject) => item.display_name)).toEqual(names.slice(0, 2));

		ctx.emulator.clearRequests();
		const all = await ctx.run({
			resource: 'account',
			operation: 'getAll',
			returnAll: true,
			filters: { tier: 'Tier 2' },
		});
		expect(ctx.bodies('/accounts.list')).toEqual([{ tier: ['Tier 2'], limit: 100 }]);
		expect(all.items.map((item: IDataObject) => item.id)).toEqual([ctx.emulator.accounts[1].id]);
	});

	test("Delete names the deleted account; DevRev's 404 for an unknown one", async () => {
		const account = ctx.emulator.accounts.find((entry) => entry.display_name === 'Initrode');
		const result = await ctx.run({
			resource: 'account',
			operation: 'delete',
			accountId: account?.id,
		});
		expect(result.items).toEqual([{ deleted: true, id: account?.id }]);
		const again = await ctx.run({
			resource: 'account',
			operation: 'delete',
			accountId: account?.id,
		});
		expect(again.error?.message).toBe(`account "${account?.id}" not found`);
		expect(again.error?.httpCode).toBe('404');
		expect(again.error?.description).toBe(
			`DevRev found no object with id = ${account?.id}: check the ID, or pick it from the list.\ntype: not_found`,
		);
	});

	test('the Account picker lists accounts by name, filtered by what is typed', async () => {
		const all = await searchList('searchAccounts', { credentials: ctx.credentials });
		const names = [...ctx.emulator.accounts]
			.sort((a, b) => String(a.display_name).localeCompare(String(b.display_name)))
			.map((account) => `${account.display_name} · ${account.display_id}`);
		expect(all.results.map((result) => result.name)).toEqual(names);
		expect(ctx.bodies('/accounts.list')).toEqual([{ limit: 100, sort_by: ['display_name:asc'] }]);
		const some = await searchList('searchAccounts', {
			credentials: ctx.credentials,
			filter: 'globex',
		});
		expect(some.results).toEqual([
			{
				name: `Globex Corporation · ${ctx.emulator.accounts[1].display_id}`,
				value: ctx.emulator.accounts[1].id,
			},
		]);
	});
});
