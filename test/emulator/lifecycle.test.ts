/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
import { DevRevEmulator } from './index';

type Answer = { status: number; json: any };

const FIXED_NOW = new Date('2025-06-01T12:00:00.000Z');

describe('DevRev emulator: the contact lifecycle', () => {
	let emu: DevRevEmulator;

	async function call(path: string, body: unknown, method = 'POST'): Promise<Answer> {
		const res = await fetch(`${emu.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				authorization: 'Bearer test-token',
				...(emu.spec.betaOnly.has(path) ? { 'x-devrev-scope': 'beta' } : {}),
			},
			body: method === 'GET' ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, json: text ? JSON.parse(text) : undefined };
	}

	beforeEach(async () => {
		emu = new DevRevEmulator({ now: () => FIXED_NOW }).seed({
			accounts: 2,
			revOrgs: 4,
			revUsers: 12,
		});
		await emu.start();
	});
	afterEach(async () => {
		expect(emu.specViolations).toEqual([]);
		await emu.stop();
	});

	describe('rev users', () => {
		it('create answers 201 with the rev user, links its rev org, and scan and list see it', async () => {
			const org = emu.revOrgs[1];
			const r = await call('/rev-users.create', {
				display_name: 'Grace Hopper',
				email: 'grace@navy.example',
				rev_org: org.display_id,
				phone_numbers: ['+14155550100'],
				external_ref: 'crm-7',
				description: 'Admiral',
			});
			expect(r.status).toBe(201);
			expect(r.json.rev_user).toMatchObject({
				type: 'rev_user',
				display_id: expect.stringMatching(/^REVU-/),
				display_name: 'Grace Hopper',
				email: 'grace@navy.example',
				phone_numbers: ['+14155550100'],
				external_ref: 'crm-7',
				description: 'Admiral',
				state: 'active',
				rev_org: { id: org.id },
				created_date: FIXED_NOW.toISOString(),
			});
			const id = r.json.rev_user.id;
			expect(emu.associationsOf(id).map((a) => a.id)).toEqual([org.id, org.account.id]);
			expect(
				(await call('/rev-users.scan', { email: ['GRACE@navy.example'] })).json.rev_users.map(
					(u: any) => u.id,
				),
			).toEqual([id]);
			expect(
				(await call('/rev-users.list', { external_ref: ['crm-7'] })).json.rev_users.map(
					(u: any) => u.id,
				),
			).toEqual([id]);
			expect(
				(await call('/rev-users.get', { id: r.json.rev_user.display_id })).json.rev_user.id,
			).toBe(id);
			expect(
				(await call(`/rev-users.get?id=${encodeURIComponent(id)}`, undefined, 'GET')).json.rev_user
					.id,
			).toBe(id);
		});

		it('create with nothing sent gets a system-generated external ref and no made-up name or email', async () => {
			const r = await call('/rev-users.create', {});
			expect(r.status).toBe(201);
			expect(r.json.rev_user.external_ref).toBe(r.json.rev_user.id);
			expect(r.json.rev_user.display_name).toBeUndefined();
			expect(r.json.rev_user.email).toBeUndefined();
		});

		it('an existing email (any case) or external ref answers 409 conflict; nothing is created', async () => {
			const taken = emu.revUsers[3];
			const before = emu.revUsers.length;
			expect(await call('/rev-users.create', { email: taken.email.toUpperCase() })).toEqual({
				status: 409,
				json: {
					type: 'conflict',
					message: `a rev user with email "${taken.email.toUpperCase()}" already exists`,
				},
			});
			expect((await call('/rev-users.create', { external_ref: taken.external_ref })).status).toBe(
				409,
			);
			expect(
				(await call('/rev-users.update', { id: emu.revUsers[0].id, email: taken.email })).status,
			).toBe(409);
			expect(emu.revUsers).toHaveLength(before);
		});

		it('create refuses an unknown rev org (invalid_id), a phone not in E.164 and a field the spec lacks', async () => {
			expect(await call('/rev-users.create', { rev_org: 'REV-nope' })).toMatchObject({
				status: 400,
				json: { type: 'invalid_id', field_name: 'rev_org' },
			});
			expect(await call('/rev-users.create', { phone_numbers: ['0155 123'] })).toMatchObject({
				status: 400,
				json: { type: 'invalid_field', field_name: 'phone_numbers[0]' },
			});
			expect(await call('/rev-users.create', { account: 'ACC-1' })).toMatchObject({
				status: 400,
				json: { type: 'invalid_field', field_name: 'account' },
			});
		});

		it('update changes only what is sent; custom fields need their schema, as the spec says', async () => {
			const user = emu.revUsers[2];
			const r = await call('/rev-users.update', {
				id: user.id,
				display_name: 'Renamed',
				custom_fields: { tnt__tier: 'gold' },
				custom_schema_spec: { tenant_fragment: true },
			});
			expect(r.status).toBe(200);
			expect(r.json.rev_user).toMatchObject({
				display_name: 'Renamed',
				email: user.email,
				custom_fields: { tnt__tier: 'gold' },
			});
			expect(r.json.rev_user.modified_date).toBe(FIXED_NOW.toISOString());
			expect(
				await call('/rev-users.update', { id: user.id, custom_fields: { tnt__tier: 'x' } }),
			).toMatchObject({
				status: 400,
				json: { type: 'invalid_field', field_name: 'custom_fields.tnt__tier' },
			});
		});

		it('get, update and delete of an unknown ID answer 404 not_found; delete takes the user out of scan and list', async () => {
			const ghost = 'don:identity:dvrv-us-1:devo/1emu:revu/Nobody00';
			for (const path of ['/rev-users.get', '/rev-users.update', '/rev-users.delete']) {
				expect(await call(path, { id: ghost })).toEqual({
					status: 404,
					json: { type: 'not_found', message: `rev user "${ghost}" not found` },
				});
			}
			const user = emu.revUsers[5];
			expect(await call('/rev-users.delete', { id: user.id })).toEqual({ status: 200, json: {} });
			expect((await call('/rev-users.get', { id: user.id })).status).toBe(404);
			expect((await call('/rev-users.scan', { email: [user.email] })).json.rev_users).toEqual([]);
			expect(
				(await call('/rev-users.list', {})).json.rev_users.map((u: any) => u.id),
			).not.toContain(user.id);
			// A new rev user never takes a deleted one's ID.
			const created = await call('/rev-users.create', { email: 'fresh@example.com' });
			expect(
				emu.revUsers.map((u) => u.id).filter((id) => id === created.json.rev_user.id),
			).toHaveLength(1);
			expect(created.json.rev_user.id).not.toBe(user.id);
		});

		it('list sorts, limits and pages both ways; a deleted boundary user does not shift the walk', async () => {
			const first = await call('/rev-users.list', { sort_by: ['display_name:desc'], limit: 5 });
			const names = emu.revUsers
				.map((u) => u.display_name)
				.sort()
				.reverse();
			expect(first.json.rev_users.map((u: any) => u.display_name)).toEqual(names.slice(0, 5));
			const byCreation = await call('/rev-users.list', { limit: 4 });
			await call('/rev-users.delete', { id: byCreation.json.rev_users[3].id });
			const next = await call('/rev-users.list', { limit: 4, cursor: byCreation.json.next_cursor });
			expect(next.json.rev_users[0].id).toBe(emu.revUsers[3].id);
			const back = await call('/rev-users.list', { limit: 2, mode: 'before' });
			expect(back.json.rev_users.map((u: any) => u.id)).toEqual(
				emu.revUsers.slice(-2).map((u) => u.id),
			);
			expect(await call('/rev-users.list', { sort_by: ['shoe_size:asc'] })).toMatchObject({
				status: 400,
				json: { field_name: 'sort_by' },
			});
		});
	});

	describe('accounts', () => {
		it('create answers 201 and makes the default rev org that rev-orgs.get with account returns', async () => {
			const r = await call('/accounts.create', {
				display_name: 'Initrode',
				websites: ['https://www.initrode.example'],
				domains: ['initrode.io'],
				external_refs: ['sf-001'],
				tier: 'gold',
				description: 'Printers',
			});
			expect(r.status).toBe(201);
			expect(r.json.account).toMatchObject({
				display_id: expect.stringMatching(/^ACC-/),
				display_name: 'Initrode',
				external_refs: ['sf-001'],
				tier: 'gold',
				domains: ['initrode.io', 'initrode.example'],
				websites: ['https://www.initrode.example'],
				description: 'Printers',
				owned_by: [{ id: emu.devUser.id }],
			});
			const org = await call('/rev-orgs.get', { account: r.json.account.display_id });
			expect(org.status).toBe(200);
			expect(org.json.rev_org).toMatchObject({
				display_name: 'Initrode',
				account: { id: r.json.account.id },
			});
			expect(emu.store.defaultRevOrgOf(emu.store.findOrg(r.json.account.id) as any)?.id).toBe(
				org.json.rev_org.id,
			);
		});

		it("a missing display name is DevRev's missing_required_field; a taken external ref is 409", async () => {
			expect(await call('/accounts.create', { tier: 'gold' })).toMatchObject({
				status: 400,
				json: { type: 'missing_required_field', field_name: 'display_name' },
			});
			expect(
				await call('/accounts.create', { display_name: 'Copy', external_refs: ['acc-1'] }),
			).toEqual({
				status: 409,
				json: { type: 'conflict', message: 'an account with external ref "acc-1" already exists' },
			});
			expect(
				(
					await call('/accounts.create', {
						display_name: emu.accounts[0].display_name,
						domains: emu.accounts[0].domains,
					})
				).status,
			).toBe(201);
		});

		it('list filters by tier and display name, sorts and pages; update sets websites; unknown IDs are 404', async () => {
			await call('/accounts.update', {
				id: emu.accounts[1].id,
				tier: 'silver',
				websites: { set: ['globex.example'] },
			});
			const silver = await call('/accounts.list', { tier: ['silver'] });
			expect(silver.json.accounts).toHaveLength(1);
			expect(silver.json.accounts[0]).toMatchObject({
				id: emu.accounts[1].id,
				websites: ['globex.example'],
				domains: ['globex.example'],
			});
			expect(
				(await call('/accounts.list', { display_name: [emu.accounts[0].display_name] })).json
					.accounts[0].id,
			).toBe(emu.accounts[0].id);
			const page1 = await call('/accounts.list', { limit: 1, sort_by: ['display_name:desc'] });
			expect(page1.json.accounts[0].display_name).toBe('Globex Group');
			expect(
				(
					await call('/accounts.list', {
						limit: 1,
						sort_by: ['display_name:desc'],
						cursor: page1.json.next_cursor,
					})
				).json.accounts[0].display_name,
			).toBe('Acme Holdings');
			for (const path of ['/accounts.get', '/accounts.update', '/accounts.delete']) {
				expect((await call(path, { id: 'ACC-nothing' })).json).toEqual({
					type: 'not_found',
					message: 'account "ACC-nothing" not found',
				});
			}
		});

		it('delete removes the account and its rev orgs, and their rev users lose those associations', async () => {
			const account = emu.accounts[0];
			const orgs = emu.revOrgs.filter((o) => o.account?.id === account.id).map((o) => o.id);
			const members = emu.revUsers.filter((u) => orgs.includes(u.rev_org?.id));
			expect(members.length).toBeGreaterThan(0);
			expect(await call('/accounts.delete', { id: account.id })).toEqual({ status: 200, json: {} });
			expect(emu.accounts.map((a) => a.id)).not.toContain(account.id);
			expect(emu.revOrgs.map((o) => o.id).filter((id) => orgs.includes(id))).toEqual([]);
			for (const user of members) {
				expect(user.rev_org).toBeUndefined();
				expect(emu.associationsOf(user)).toEqual([]);
			}
		});
	});

	describe('events (what the webhooks of a later issue deliver)', () => {
		it("every change made through the API is one event with the spec's payload keys, in order", async () => {
			emu.multiAssociation = true;
			const created = (await call('/rev-users.create', { email: 'ev@example.com' })).json.rev_user;
			await call('/rev-users.update', { id: created.id, display_name: 'Eve' });
			await call('/rev-users.update', { id: created.id, display_name: 'Eve' }); // no change, no event
			await call('/rev-users.link', { id: created.id, rev_org: emu.revOrgs[0].id });
			const account = (await call('/accounts.create', { display_name: 'Evil Corp' })).json.account;
			await call('/accounts.update', { id: account.id, tier: 'bronze' });
			await call('/rev-users.associations.add', {
				rev_user_id: created.id,
				associations: [{ associated_to: account.id }],
			});
			await call('/rev-users.delete', { id: created.id });
			await call('/accounts.delete', { id: account.id });
			await call('/rev-users.scan', {}); // reads change nothing

			expect(emu.events.map((e) => e.type)).toEqual([
				'rev_user_created',
				'rev_user_updated',
				'rev_user_updated',
				'account_created',
				'rev_org_created',
				'account_updated',
				'rev_user_updated',
				'rev_user_deleted',
				'rev_org_deleted',
				'account_deleted',
			]);
			const [create, rename, link] = emu.events;
			expect(create).toEqual({
				type: 'rev_user_created',
				payload: { rev_user: created },
				at: FIXED_NOW.toISOString(),
			});
			expect(rename.payload.rev_user.display_name).toBe('Eve');
			expect(rename.payload.old_rev_user.display_name).toBeUndefined();
			expect(link.payload.rev_user.rev_org.id).toBe(emu.revOrgs[0].id);
			expect(link.payload.old_rev_user.rev_org).toBeUndefined();
			expect(emu.events[7].payload).toEqual({
				id: created.id,
				old_rev_user: expect.objectContaining({ id: created.id }),
			});
			expect(Object.keys(emu.events[9].payload)).toEqual(['id', 'old_account']);
			expect(Object.keys(emu.events[8].payload)).toEqual(['id', 'old_rev_org']);
			// Payloads are copies: later changes do not rewrite history.
			expect(emu.events[3].payload.account.tier).toBeUndefined();

			const res = await fetch(`${emu.url}/__emulator/events`);
			expect(((await res.json()) as any).events).toHaveLength(10);
			expect(
				await (await fetch(`${emu.url}/__emulator/events`, { method: 'DELETE' })).json(),
			).toEqual({ cleared: 10 });
			expect(emu.events).toEqual([]);
		});
	});
});
