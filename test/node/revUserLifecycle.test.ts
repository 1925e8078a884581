import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from './context';

const ctx = useEmulator((emulator) => emulator.seed({ accounts: 1, revOrgs: 2, revUsers: 30 }));

const SIMPLE_KEYS = [
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
];

describe('Rev User › Create', () => {
	test("sends the filled-in fields in DevRev's shape and returns the new rev user, 201", async () => {
		const org = ctx.emulator.revOrgs[1];
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'create',
			displayName: 'Grace Hopper',
			email: 'grace.hopper@navy.example',
			revOrgId: { __rl: true, mode: 'list', value: org.id },
			phoneNumbers: '+14155550100, +442071838750',
			externalRef: 'crm-1906',
			description: 'Rear admiral',
			additionalFields: { displayPicture: 'ARTIFACT-12345' },
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.create')).toEqual([
			{
				display_name: 'Grace Hopper',
				email: 'grace.hopper@navy.example',
				rev_org: org.id,
				phone_numbers: ['+14155550100', '+442071838750'],
				external_ref: 'crm-1906',
				description: 'Rear admiral',
				display_picture: 'ARTIFACT-12345',
			},
		]);
		expect(ctx.emulator.requestsTo('/rev-users.create').map((request) => request.status)).toEqual([
			201,
		]);
		const created = ctx.emulator.revUsers.find(
			(user) => user.email === 'grace.hopper@navy.example',
		);
		expect(result.items).toEqual([
			{
				id: created?.id,
				display_id: created?.display_id,
				display_name: 'Grace Hopper',
				full_name: 'Grace Hopper',
				email: 'grace.hopper@navy.example',
				phone_numbers: ['+14155550100', '+442071838750'],
				external_ref: 'crm-1906',
				description: 'Rear admiral',
				state: 'active',
				is_verified: false,
				rev_org_id: org.id,
				rev_org_name: org.display_name,
				created_date: created?.created_date,
				modified_date: created?.modified_date,
			},
		]);
	});

	test('blank optional fields are left out: an email alone sends {email}', async () => {
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'create',
			email: 'only.email@example.com',
			displayName: ' ',
			revOrgId: { __rl: true, mode: 'list', value: '' },
			simplify: false,
		});
		expect(ctx.bodies('/rev-users.create')).toEqual([{ email: 'only.email@example.com' }]);
		expect(result.items[0]).toMatchObject({ email: 'only.email@example.com', type: 'rev_user' });
		expect(result.items[0].created_by).toBeDefined();
	});

	test("an account in Rev Org ID creates the rev user in the account's default rev org", async () => {
		const account = ctx.emulator.accounts[0];
		const defaultOrg = ctx.emulator.store.defaultRevOrgOf(account);
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'create',
			email: 'in.account@example.com',
			revOrgId: { __rl: true, mode: 'id', value: account.display_id },
		});
		expect(ctx.emulator.requests.map((request) => request.path)).toEqual([
			'/rev-orgs.get',
			'/rev-users.create',
		]);
		expect(ctx.bodies('/rev-users.create')).toEqual([
			{ email: 'in.account@example.com', rev_org: defaultOrg?.id },
		]);
		expect(result.items[0].rev_org_id).toBe(defaultOrg?.id);
	});

	test("an email DevRev already has is DevRev's 409 conflict, with its message; nothing is created", async () => {
		const taken = ctx.emulator.revUsers[2];
		const before = ctx.emulator.revUsers.length;
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'create',
			email: taken.email.toUpperCase(),
		});
		expect(ctx.emulator.requestsTo('/rev-users.create').map((request) => request.status)).toEqual([
			409,
		]);
		expect(result.error?.message).toBe(
			`a rev user with email "${taken.email.toUpperCase()}" already exists`,
		);
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.description).toBe('type: conflict');
		expect(ctx.emulator.revUsers).toHaveLength(before);
	});

	test('a phone number not in E.164 is refused before any request, naming the field', async () => {
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'create',
			email: 'x@example.com',
			phoneNumbers: '555-0100',
		});
		expect(result.error?.message).toBe('Phone Numbers: "555-0100" is not in E.164 format');
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('nothing that identifies a contact (every field blank) is refused, naming the fields', async () => {
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'create',
			displayName: ' ',
			email: '={{ "" }}',
			description: 'only a description',
		});
		expect(result.error?.message).toBe(
			'Display Name, Email or External Ref: give at least one of them to identify the contact',
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('an email that is not one is refused before any request, naming the field', async () => {
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'create',
			email: 'not-an-email',
		});
		expect(result.error?.message).toBe('Email: "not-an-email" is not an email address');
		expect(result.error?.description).toBe('Write an email address such as ada@example.com');
		expect(ctx.emulator.requests).toHaveLength(0);
	});
});

describe('Rev User › Get, Update, Delete', () => {
	test('Get sends the id and returns the flat record', async () => {
		const user = ctx.emulator.revUsers[0];
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'get',
			revUserId: user.display_id,
		});
		expect(ctx.bodies('/rev-users.get')).toEqual([{ id: user.display_id }]);
		expect(Object.keys(result.items[0])).toEqual(SIMPLE_KEYS);
		expect(result.items[0]).toMatchObject({
			id: user.id,
			email: user.email,
			rev_org_id: user.rev_org.id,
		});
	});

	test('Update sends only the fields added, custom fields as custom_fields with their schema', async () => {
		const user = ctx.emulator.revUsers[1];
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'update',
			revUserId: user.id,
			simplify: false,
			updateFields: {
				displayName: 'Alan M. Turing',
				phoneNumbers: '={{ ["+441234567890"] }}',
				customFields: {
					field: [
						{ name: 'tnt__region', value: 'EMEA' },
						{ name: 'tnt__seats', value: '={{ 12 }}' },
					],
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.update')).toEqual([
			{
				id: user.id,
				display_name: 'Alan M. Turing',
				phone_numbers: ['+441234567890'],
				custom_fields: { tnt__region: 'EMEA', tnt__seats: 12 },
				custom_schema_spec: { tenant_fragment: true },
			},
		]);
		expect(result.items[0]).toMatchObject({
			id: user.id,
			display_name: 'Alan M. Turing',
			email: user.email,
			custom_fields: { tnt__region: 'EMEA', tnt__seats: 12 },
		});
	});

	test.each([
		['no field to change', {}, 'Update Fields: add at least one field to change'],
		[
			'a custom field name without tnt__',
			{ customFields: { field: [{ name: 'region', value: 'EMEA' }] } },
			'Custom Fields: "region" is not a tenant custom field name',
		],
		['only a blank email added', { email: ' ' }, 'Update Fields: add at least one field to change'],
	])('Update refuses %s before any request', async (_label, updateFields, message) => {
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'update',
			revUserId: ctx.emulator.revUsers[0].id,
			updateFields,
		});
		expect(result.error?.message).toBe(message);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test("Update to an email another rev user has: DevRev's 409", async () => {
		const [first, second] = ctx.emulator.revUsers;
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'update',
			revUserId: first.id,
			updateFields: { email: second.email },
		});
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.message).toBe(`a rev user with email "${second.email}" already exists`);
		expect(ctx.emulator.revUsers[0].email).toBe(first.email);
	});

	test('Delete answers which rev user was deleted; the rev user is gone from Get Many', async () => {
		const user = ctx.emulator.revUsers[7];
		const result = await ctx.run({ resource: 'revUser', operation: 'delete', revUserId: user.id });
		expect(ctx.bodies('/rev-users.delete')).toEqual([{ id: user.id }]);
		expect(result.items).toEqual([{ deleted: true, id: user.id }]);
		const list = await ctx.run({
			resource: 'revUser',
			operation: 'getAll',
			returnAll: true,
			filters: { email: user.email },
		});
		expect(list.items).toEqual([]);
	});

	test.each(['get', 'update', 'delete'])(
		'%s of an unknown rev user: DevRev 404 not_found naming the ID',
		async (operation) => {
			const missing = 'don:identity:dvrv-us-1:devo/1emu:revu/NoSuchOne';
			const result = await ctx.run({
				resource: 'revUser',
				operation,
				revUserId: missing,
				updateFields: { description: 'x' },
			});
			expect(result.error?.message).toBe(`rev user "${missing}" not found`);
			expect(result.error?.httpCode).toBe('404');
			expect(result.error?.description).toBe(
				`DevRev found no object with id = ${missing}: check the ID, or pick it from the list.\ntype: not_found`,
			);
		},
	);

	test('with Continue On Fail, each item gets its rev user or its error', async () => {
		const user = ctx.emulator.revUsers[3];
		const result = await ctx.run(
			{ resource: 'revUser', operation: 'get', revUserId: '={{ $json.id }}' },
			{ items: [{ id: user.id }, { id: 'REVU-missing' }], continueOnFail: true },
		);
		expect(result.items[0].id).toBe(user.id);
		expect(result.items[1]).toEqual({
			error: 'rev user "REVU-missing" not found',
			details: {
				description:
					'DevRev found no object with id = REVU-missing: check the ID, or pick it from the list.\ntype: not_found',
				httpCode: '404',
				type: 'not_found',
			},
		});
	});
});

describe('Rev User › Get Many', () => {
	test('filters, sorts and limits through rev-users.list: exact body, items in DevRev order', async () => {
		const org = ctx.emulator.revOrgs[0];
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'getAll',
			limit: 4,
			filters: { revOrg: org.id, isVerified: false },
			options: { sortBy: { rule: [{ field: 'display_name', direction: 'desc' }] } },
		});
		expect(ctx.bodies('/rev-users.list')).toEqual([
			{ rev_org: [org.id], is_verified: false, sort_by: ['display_name:desc'], limit: 4 },
		]);
		const expected = ctx.emulator.revUsers
			.filter((user) => user.rev_org?.id === org.id && !user.is_verified)
			.sort((a, b) =>
				a.display_name < b.display_name ? 1 : a.display_name > b.display_name ? -1 : 0,
			)
			.slice(0, 4);
		expect(result.items.map((item: IDataObject) => item.id)).toEqual(
			expected.map((user) => user.id),
		);
		expect(Object.keys(result.items[0])).toEqual(SIMPLE_KEYS);
	});

	test("Return All asks for pages of 100, DevRev's maximum", async () => {
		const result = await ctx.run({ resource: 'revUser', operation: 'getAll', returnAll: true });
		expect(result.items.map((item: IDataObject) => item.id)).toEqual(
			ctx.emulator.revUsers.map((user) => user.id),
		);
		expect(ctx.bodies('/rev-users.list')).toEqual([{ limit: 100 }]);
	});

	test('Limit larger than a page spans pages and asks no more than needed', async () => {
		ctx.emulator.seed({ revUsers: 120 });
		const result = await ctx.run({ resource: 'revUser', operation: 'getAll', limit: 130 });
		expect(result.items).toHaveLength(130);
		const bodies = ctx.bodies('/rev-users.list');
		expect(bodies.map((body) => body.limit)).toEqual([100, 30]);
		expect(typeof bodies[1].cursor).toBe('string');
	});
});
