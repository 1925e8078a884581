/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs on Node, never inside n8n */
import type { INodeParameters } from 'n8n-workflow';

import { useEmulator } from './context';

const ctx = useEmulator((emulator) => emulator.seed({ accounts: 1, revOrgs: 2, revUsers: 20 }));

const upsert = (fields: INodeParameters): INodeParameters => ({
	resource: 'revUser',
	operation: 'upsert',
	...fields,
});
const withEmail = (email: string) =>
	ctx.emulator.revUsers.filter((user) => user.email?.toLowerCase() === email.toLowerCase());

describe('Rev User › Create or Update', () => {
	test('a new email: looked up, then created; the output says "created"', async () => {
		const result = await ctx.run(
			upsert({
				email: 'new.contact@example.com',
				displayName: 'New Contact',
				phoneNumbers: '+14155550199',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.emulator.requests.map((request) => request.path)).toEqual([
			'/rev-users.list',
			'/rev-users.create',
		]);
		expect(ctx.bodies('/rev-users.list')).toEqual([
			{ email: ['new.contact@example.com'], limit: 100 },
		]);
		expect(ctx.bodies('/rev-users.create')).toEqual([
			{
				email: 'new.contact@example.com',
				display_name: 'New Contact',
				phone_numbers: ['+14155550199'],
			},
		]);
		const [created] = withEmail('new.contact@example.com');
		expect(result.items).toEqual([
			expect.objectContaining({
				action: 'created',
				id: created.id,
				email: 'new.contact@example.com',
				display_name: 'New Contact',
			}),
		]);
		expect(Object.keys(result.items[0])[0]).toBe('action');
	});

	test('the same email again: the one match is updated, never a second rev user; the output says "updated"', async () => {
		const before = ctx.emulator.revUsers.length;
		const result = await ctx.run(
			upsert({ email: 'New.Contact@example.com', description: 'Came back' }),
		);
		const [existing] = withEmail('new.contact@example.com');
		expect(ctx.emulator.requests.map((request) => request.path)).toEqual([
			'/rev-users.list',
			'/rev-users.update',
		]);
		expect(ctx.bodies('/rev-users.update')).toEqual([
			{ id: existing.id, email: 'New.Contact@example.com', description: 'Came back' },
		]);
		expect(ctx.emulator.revUsers).toHaveLength(before);
		expect(result.items).toEqual([
			expect.objectContaining({ action: 'updated', id: existing.id, display_name: 'New Contact' }),
		]);
		expect(existing.description).toBe('Came back');
	});

	test('Create-Only Fields: a new rev user gets the name, a known one keeps its own', async () => {
		const options = { createOnly: ['display_name', 'description'] };
		const created = await ctx.run(
			upsert({
				email: 'form.visitor@example.com',
				displayName: 'Visitor',
				description: 'web',
				options,
			}),
		);
		expect(created.items[0]).toMatchObject({ action: 'created', display_name: 'Visitor' });
		ctx.emulator.clearRequests();
		const again = await ctx.run(
			upsert({
				email: 'FORM.visitor@example.com',
				displayName: 'Someone Else',
				description: 'x',
				options,
			}),
		);
		expect(ctx.bodies('/rev-users.update')).toEqual([
			{ id: created.items[0].id, email: 'FORM.visitor@example.com' },
		]);
		expect(again.items[0]).toMatchObject({
			action: 'updated',
			display_name: 'Visitor',
			description: 'web',
		});
	});

	test('matched by External Ref: the rev user with that ref is updated, its email set', async () => {
		const user = ctx.emulator.revUsers[4];
		const result = await ctx.run(
			upsert({
				matchBy: 'externalRef',
				externalRef: user.external_ref,
				email: 'moved@example.com',
				simplify: false,
			}),
		);
		expect(ctx.bodies('/rev-users.list')).toEqual([
			{ external_ref: [user.external_ref], limit: 100 },
		]);
		expect(ctx.bodies('/rev-users.update')).toEqual([
			{ id: user.id, email: 'moved@example.com', external_ref: user.external_ref },
		]);
		expect(result.items[0]).toMatchObject({
			action: 'updated',
			id: user.id,
			email: 'moved@example.com',
			created_by: expect.any(Object),
		});
	});

	test('several rev users with the email: an error naming their IDs, and nothing is written', async () => {
		const first = ctx.emulator.addRevUser({
			email: 'twice@example.com',
			created_date: '2024-01-01T00:00:00Z',
		});
		const second = ctx.emulator.addRevUser({
			email: 'Twice@example.com',
			created_date: '2023-01-01T00:00:00Z',
		});
		const result = await ctx.run(upsert({ email: 'twice@example.com' }));
		expect(result.error?.message).toBe(
			`Email: 2 rev users match "twice@example.com": ${second.display_id}, ${first.display_id}`,
		);
		expect(result.error?.description).toBe(
			'Turn on Options › Update Oldest Match to update the oldest of them, or merge the duplicates in DevRev.',
		);
		expect(ctx.emulator.requests.map((request) => request.path)).toEqual(['/rev-users.list']);
	});

	test('several rev users and Update Oldest Match: the oldest is updated', async () => {
		const [newer, older] = withEmail('twice@example.com');
		const result = await ctx.run(
			upsert({
				email: 'twice@example.com',
				displayName: 'Oldest',
				options: { updateOldest: true },
			}),
		);
		expect(ctx.bodies('/rev-users.update')).toEqual([
			{ id: older.id, email: 'twice@example.com', display_name: 'Oldest' },
		]);
		expect(result.items[0]).toMatchObject({ action: 'updated', id: older.id });
		expect(newer.display_name).not.toBe('Oldest');
	});

	test('a lost race: a create answered 409 looks up again and updates the rev user that won', async () => {
		// The node's create is held for a moment; meanwhile someone else creates the same email.
		ctx.emulator.injectFault({ kind: 'slow', path: '/rev-users.create', delayMs: 400 });
		const running = ctx.run(upsert({ email: 'race@example.com', displayName: 'Racer' }));
		while (ctx.emulator.requestsTo('/rev-users.create').length === 0)
			await new Promise((resolve) => setTimeout(resolve, 10));
		const winner = ctx.emulator.addRevUser({ email: 'race@example.com', display_name: 'Winner' });
		const result = await running;
		expect(result.error).toBeUndefined();
		expect(ctx.emulator.requests.map((request) => [request.path, request.status])).toEqual([
			['/rev-users.list', 200],
			['/rev-users.create', 409],
			['/rev-users.list', 200],
			['/rev-users.update', 200],
		]);
		expect(ctx.bodies('/rev-users.update')).toEqual([
			{ id: winner.id, email: 'race@example.com', display_name: 'Racer' },
		]);
		expect(result.items).toEqual([
			expect.objectContaining({ action: 'updated', id: winner.id, display_name: 'Racer' }),
		]);
		expect(withEmail('race@example.com')).toHaveLength(1);
	});

	test('a 409 for the other key (the external ref is taken, the email is new) stays an error', async () => {
		const owner = ctx.emulator.revUsers[6];
		const result = await ctx.run(
			upsert({ email: 'fresh.ref@example.com', externalRef: owner.external_ref }),
		);
		expect(ctx.emulator.requests.map((request) => [request.path, request.status])).toEqual([
			['/rev-users.list', 200],
			['/rev-users.create', 409],
			['/rev-users.list', 200],
		]);
		expect(result.error?.message).toBe(
			`a rev user with external_ref "${owner.external_ref}" already exists`,
		);
		expect(result.error?.httpCode).toBe('409');
	});

	test('the same new email on several input items at once ends with one rev user: one created, the others updated', async () => {
		const result = await ctx.run(
			upsert({ email: '={{ $json.email }}', displayName: '={{ $json.name }}' }),
			{
				items: [1, 2, 3, 4].map((n) => ({ email: 'together@example.com', name: `Try ${n}` })),
			},
		);
		expect(result.error).toBeUndefined();
		expect(withEmail('together@example.com')).toHaveLength(1);
		expect(result.items.map((item) => item.action).sort()).toEqual([
			'created',
			'updated',
			'updated',
			'updated',
		]);
		expect(new Set(result.items.map((item) => item.id)).size).toBe(1);
	});

	test.each([
		['a blank email when matching by email', upsert({ email: ' ' }), 'Email: must not be empty'],
		[
			'a blank external ref when matching by it',
			upsert({ matchBy: 'externalRef', externalRef: ' ' }),
			'External Ref: must not be empty',
		],
		[
			'a phone number not in E.164',
			upsert({ email: 'a@example.com', phoneNumbers: '12345' }),
			'Phone Numbers: "12345" is not in E.164 format',
		],
	])('refuses %s before any request', async (_label, parameters, message) => {
		const result = await ctx.run(parameters);
		expect(result.error?.message).toBe(message);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('an empty match key is refused by n8n itself (a required field) before the run starts', async () => {
		const result = await ctx.run(upsert({ matchBy: 'externalRef', externalRef: '' }));
		expect(result.error?.message).toBe(
			`The 'DevRev' node has issues:\n- Parameter "External Ref" is required.`,
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('with Continue On Fail, an item with several matches becomes an error item and the others run', async () => {
		const result = await ctx.run(upsert({ email: '={{ $json.email }}' }), {
			items: [{ email: 'twice@example.com' }, { email: 'solo@example.com' }],
			continueOnFail: true,
		});
		expect(result.items[0]).toEqual({
			error: expect.stringMatching(/^Email: 2 rev users match "twice@example.com": REVU-/),
			details: { description: expect.stringContaining('Update Oldest Match') },
		});
		expect(result.items[1]).toMatchObject({ action: 'created', email: 'solo@example.com' });
	});
});
