/**
 * A write is never sent twice blindly. DevRev has no idempotency key: a create answered 5xx, or
 * whose connection dropped, after DevRev saved it would be saved again by a resend. The emulator's
 * save_then_fail fault does exactly that (saves, then answers 502 or drops the connection); the
 * node finds out what exists and answers with it, or fails the item saying the write may have
 * happened. Reads and other idempotent calls keep their retries.
 */
import { useEmulator } from './context';

const ctx = useEmulator((emulator) => emulator.seed({ accounts: 2, revOrgs: 3, revUsers: 4 }));

const statuses = (path: string) => ctx.emulator.requestsTo(path).map((request) => request.status);
const saveThenFail = (path: string, extra: object = {}) =>
	ctx.emulator.injectFault({ kind: 'save_then_fail', path, ...extra });

describe('Account › Create after an unclear answer', () => {
	test.each([
		['HTTP 502', {}, 502],
		['a dropped connection', { drop: true }, 0],
	])(
		'%s: the account with the external refs sent is found, none created twice',
		async (_label, fault, status) => {
			saveThenFail('/accounts.create', fault);
			const result = await ctx.run({
				resource: 'account',
				operation: 'create',
				displayName: `Initech ${status}`,
				additionalFields: { externalRefs: `sf-initech-${status}` },
			});
			expect(result.error).toBeUndefined();
			expect(statuses('/accounts.create')).toEqual([status]);
			expect(ctx.bodies('/accounts.list')).toEqual([{ external_refs: [`sf-initech-${status}`] }]);
			const saved = ctx.emulator.accounts.filter(
				(account) => account.display_name === `Initech ${status}`,
			);
			expect(saved).toHaveLength(1);
			expect(result.items).toEqual([
				expect.objectContaining({ id: saved[0].id, display_name: `Initech ${status}` }),
			]);
		},
	);

	test('without external refs there is no telling: the item fails saying the account may exist', async () => {
		saveThenFail('/accounts.create');
		const result = await ctx.run({
			resource: 'account',
			operation: 'create',
			displayName: 'Umbrella',
		});
		expect(statuses('/accounts.create')).toEqual([502]);
		expect(result.error?.message).toBe(
			'DevRev may have carried out accounts.create: DevRev answered HTTP 502 after the request was sent, so it was not sent again',
		);
		expect(result.error?.description).toBe(
			'Look for the account in DevRev before running this item again, or give it External Refs: with them the node finds out by itself.',
		);
		expect(
			ctx.emulator.accounts.filter((account) => account.display_name === 'Umbrella'),
		).toHaveLength(1);
	});

	test('nothing saved behind the 502 (an ordinary server error): looked up, not found, sent again once', async () => {
		ctx.emulator.injectFault({ kind: 'server_error', status: 502, path: '/accounts.create' });
		const result = await ctx.run({
			resource: 'account',
			operation: 'create',
			displayName: 'Hooli',
			additionalFields: { externalRefs: 'sf-hooli' },
		});
		expect(result.error).toBeUndefined();
		expect(statuses('/accounts.create')).toEqual([502, 201]);
		expect(
			ctx.emulator.accounts.filter((account) => account.display_name === 'Hooli'),
		).toHaveLength(1);
	});
});

describe('Rev User › Create after an unclear answer', () => {
	test('the rev user with the email sent is found and answered, none created twice', async () => {
		saveThenFail('/rev-users.create');
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'create',
			email: 'marie.curie@example.com',
			displayName: 'Marie Curie',
		});
		expect(result.error).toBeUndefined();
		expect(statuses('/rev-users.create')).toEqual([502]);
		expect(ctx.bodies('/rev-users.list')).toEqual([{ email: ['marie.curie@example.com'] }]);
		const saved = ctx.emulator.revUsers.filter((user) => user.email === 'marie.curie@example.com');
		expect(saved).toHaveLength(1);
		expect(result.items).toEqual([
			expect.objectContaining({ id: saved[0].id, email: 'marie.curie@example.com' }),
		]);
	});

	test('Create or Update: the create dropped after saving updates nothing twice and answers "created"', async () => {
		saveThenFail('/rev-users.create', { drop: true });
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'upsert',
			email: 'lise.meitner@example.com',
			displayName: 'Lise Meitner',
		});
		expect(result.error).toBeUndefined();
		expect(statuses('/rev-users.create')).toEqual([0]);
		expect(
			ctx.emulator.revUsers.filter((user) => user.email === 'lise.meitner@example.com'),
		).toHaveLength(1);
		expect(result.items).toEqual([
			expect.objectContaining({ action: 'created', email: 'lise.meitner@example.com' }),
		]);
	});
});

describe('Rev User › Add Associations after an unclear answer', () => {
	afterEach(() => {
		ctx.emulator.multiAssociation = false;
	});

	test('the associations are found in place: confirmed, not sent again', async () => {
		ctx.emulator.multiAssociation = true;
		const user = ctx.emulator.revUsers[3];
		const account = ctx.emulator.accounts[1].id;
		saveThenFail('/rev-users.associations.add');
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'addAssociations',
			revUserId: user.id,
			associations: account,
		});
		expect(result.error).toBeUndefined();
		expect(statuses('/rev-users.associations.add')).toEqual([502]);
		expect(ctx.emulator.requestsTo('/rev-users.associations.list')).toHaveLength(1);
		const ids = ctx.emulator.associationsOf(user.id).map((entry: { id: string }) => entry.id);
		expect(ids.filter((id: string) => id === account)).toHaveLength(1);
		expect(result.items).toEqual([
			{ success: true, rev_user_id: user.id, associations: [{ associated_to: account }] },
		]);
	});
});

describe('Reads and deletes keep their retries', () => {
	test('a read under two 502s still succeeds', async () => {
		ctx.emulator.injectFault({
			kind: 'server_error',
			status: 502,
			count: 2,
			path: '/rev-users.get',
		});
		const user = ctx.emulator.revUsers[0];
		const result = await ctx.run({ resource: 'revUser', operation: 'get', revUserId: user.id });
		expect(result.error).toBeUndefined();
		expect(statuses('/rev-users.get')).toEqual([502, 502, 200]);
		expect(result.items[0].id).toBe(user.id);
	});

	test('a delete that DevRev carried out before its 502 is resent, and the 404 then means done', async () => {
		const user = ctx.emulator.revUsers[2];
		saveThenFail('/rev-users.delete');
		const result = await ctx.run({ resource: 'revUser', operation: 'delete', revUserId: user.id });
		expect(result.error).toBeUndefined();
		expect(statuses('/rev-users.delete')).toEqual([502, 404]);
		expect(ctx.emulator.revUsers.find((entry) => entry.id === user.id)).toBeUndefined();
	});
});
