/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
/**
 * Every resource the DevRev Polling Trigger watches, with its list endpoint's own date filter
 * (works.list: DevRev's `date-filter`, `type: "range"` required; the others: `{after}`) and the
 * filters it offers, request bodies asserted as sent (the emulator holds them to DevRev's spec).
 */
import { T0, usePolling } from './setup';

const ctx = usePolling({ devUsers: 3, parts: 2, tickets: 4, issues: 3 });

/** A work made through DevRev's API; the clock moved on by a second first. */
async function createWork(type: 'ticket' | 'issue', fields: Record<string, unknown>): Promise<any> {
	ctx.tick();
	const body = {
		type,
		title: `${type} ${Math.random().toString(36).slice(2, 8)}`,
		applies_to_part: ctx.emu.parts[0].id,
		owned_by: [ctx.emu.devUsers[1].id],
		...fields,
	};
	return (await ctx.devRev('/works.create', body)).work;
}

const newest = (objects: any[], field: string) =>
	[...objects].sort((a, b) => b[field].localeCompare(a[field]))[0];

describe('DevRev Polling Trigger: tickets and issues (works.list)', () => {
	test('tickets created or updated, filtered by owner, severity, stage and rev org: typed date filter, exact bodies', async () => {
		const owner = ctx.emu.devUsers[1].id;
		const org = ctx.emu.revOrgs[0].id;
		const host = ctx.host({
			resource: 'ticket',
			triggerWhen: 'createdOrUpdated',
			filters: { ownedBy: owner, severity: ['high', 'blocker'], stage: 'queued', revOrg: org },
		});
		const tickets = ctx.emu.works.filter((work: any) => work.type === 'ticket');
		const mark = newest(tickets, 'modified_date').modified_date;
		await host.activate();
		const wanted = await createWork('ticket', { severity: 'high', rev_org: org });
		await createWork('ticket', { severity: 'low', rev_org: org });
		await createWork('issue', { priority: 'p0' });
		const { items } = await host.poll();
		expect(items?.map((work) => work.id)).toEqual([wanted.id]);
		expect(ctx.bodies('/works.list')).toEqual([
			{ type: ['ticket'], sort_by: ['modified_date:desc'], limit: 100 },
			{
				type: ['ticket'],
				owned_by: [owner],
				ticket: { rev_org: [org], severity: ['high', 'blocker'] },
				stage: { name: ['queued'] },
				sort_by: ['modified_date:asc'],
				modified_date: { type: 'range', after: mark },
				limit: 100,
			},
		]);
		ctx.tick();
		await ctx.devRev('/works.update', { id: wanted.id, title: 'Checkout fails' });
		expect((await host.poll()).items?.map((work) => work.title)).toEqual(['Checkout fails']);
	});

	test('issues created, filtered by priority and part', async () => {
		const part = ctx.emu.parts[1].id;
		const host = ctx.host({
			resource: 'issue',
			triggerWhen: 'created',
			filters: { priority: ['p1'], part },
		});
		const issues = ctx.emu.works.filter((work: any) => work.type === 'issue');
		const mark = newest(issues, 'created_date').created_date;
		await host.activate();
		const issue = await createWork('issue', { priority: 'p1', applies_to_part: part });
		await createWork('issue', { priority: 'p2', applies_to_part: part });
		await createWork('ticket', { severity: 'low' });
		const { items } = await host.poll();
		expect(items?.map((work) => work.id)).toEqual([issue.id]);
		expect(ctx.bodies('/works.list').at(-1)).toEqual({
			type: ['issue'],
			applies_to_part: [part],
			issue: { priority: ['p1'] },
			sort_by: ['created_date:asc'],
			created_date: { type: 'range', after: mark },
			limit: 100,
		});
	});

	test('issues with Simplify: the flat work record', async () => {
		const host = ctx.host({
			resource: 'issue',
			triggerWhen: 'created',
			options: { simplify: true },
		});
		await host.activate();
		const issue = await createWork('issue', { priority: 'p3' });
		const { items } = await host.poll();
		expect(items).toEqual([
			expect.objectContaining({
				id: issue.id,
				display_id: issue.display_id,
				type: 'issue',
				title: issue.title,
				priority: 'p3',
				stage: issue.stage.name,
				part_id: issue.applies_to_part.id,
				owned_by_ids: issue.owned_by.map((owner: { id: string }) => owner.id),
				created_date: issue.created_date,
			}),
		]);
		expect(Object.keys(items?.[0] ?? {})).not.toContain('created_by');
	});
});

describe('DevRev Polling Trigger: accounts, rev orgs, rev users', () => {
	test('an account created: the account, and its default rev org for rev orgs created', async () => {
		const accounts = ctx.host({ resource: 'account', triggerWhen: 'created' });
		const orgs = ctx.host({ resource: 'revOrg', triggerWhen: 'created' });
		await accounts.activate();
		await orgs.activate();
		ctx.tick();
		const { account } = await ctx.devRev('/accounts.create', { display_name: 'Acme' });
		expect((await accounts.poll()).items).toEqual([account]);
		const { items } = await orgs.poll();
		expect(items?.map((org) => [org.display_name, (org.account as any)?.id])).toEqual([
			['Acme', account.id],
		]);
		expect(ctx.bodies('/accounts.list').at(-1)).toEqual({
			sort_by: ['created_date:asc'],
			created_date: { after: newest(ctx.emu.accounts.slice(0, -1), 'created_date').created_date },
			limit: 100,
		});
	});

	test('accounts filtered by tier, with Simplify: the flat record', async () => {
		const tiered = ctx.host({
			resource: 'account',
			triggerWhen: 'createdOrUpdated',
			filters: { tier: 'Tier 1' },
			options: { simplify: true },
		});
		await tiered.activate();
		ctx.tick();
		await ctx.devRev('/accounts.create', { display_name: 'Plain' });
		const { account } = await ctx.devRev('/accounts.create', {
			display_name: 'Gold',
			tier: 'Tier 1',
		});
		const { items } = await tiered.poll();
		expect(items).toEqual([
			{
				id: account.id,
				display_id: account.display_id,
				display_name: 'Gold',
				domains: [],
				websites: [],
				external_refs: [],
				tier: 'Tier 1',
				owned_by_ids: [ctx.emu.devUser.id],
				created_date: account.created_date,
				modified_date: account.modified_date,
			},
		]);
		expect(ctx.bodies('/accounts.list').at(-1)).toMatchObject({ tier: ['Tier 1'] });
	});

	test('rev users filtered by rev org', async () => {
		const org = ctx.emu.revOrgs[0].id;
		const host = ctx.host({
			resource: 'revUser',
			triggerWhen: 'created',
			filters: { revOrg: ` ${org} , ` },
		});
		await host.activate();
		ctx.tick();
		const inOrg = (await ctx.devRev('/rev-users.create', { display_name: 'In', rev_org: org }))
			.rev_user;
		await ctx.createRevUser('Out');
		expect((await host.poll()).items?.map((user) => user.id)).toEqual([inOrg.id]);
		expect(ctx.bodies('/rev-users.list').at(-1)).toMatchObject({ rev_org: [org] });
	});
});

describe('DevRev Polling Trigger: where the first poll starts', () => {
	test('DevRev has none of the objects yet: the trigger starts from the beginning, so the first one is emitted', async () => {
		ctx.emu.store.works.splice(0); // no works at all
		const host = ctx.host({ resource: 'ticket', triggerWhen: 'created' });
		await host.activate();
		expect(host.saved).toEqual({ watching: 'ticket:created', mark: null, idsAtMark: [] });
		const ticket = await createWork('ticket', { severity: 'low' });
		expect((await host.poll()).items?.map((work) => work.id)).toEqual([ticket.id]);
		expect(ctx.bodies('/works.list').slice(1)).toEqual([
			{ type: ['ticket'], sort_by: ['created_date:asc'], limit: 100 },
		]);
		expect(await host.poll()).toEqual({ items: null });
	});

	test('more than a page of objects share the newest date: all of them count as existing', async () => {
		ctx.tick();
		for (let i = 1; i <= 101; i++) await ctx.createRevUser(`same date ${i}`);
		const host = ctx.host({ resource: 'revUser', triggerWhen: 'created' });
		ctx.emu.clearRequests();
		await host.activate();
		const date = new Date(Date.parse(T0) + 1000).toISOString();
		const exactly = { created_date: { after: date, before: date }, sort_by: ['created_date:asc'] };
		expect(ctx.bodies('/rev-users.list')).toEqual([
			{ sort_by: ['created_date:desc'], limit: 100 },
			{ ...exactly, limit: 100 },
			{ ...exactly, cursor: expect.any(String), limit: 100 },
		]);
		expect(host.saved.idsAtMark).toHaveLength(101);
		expect(await host.poll()).toEqual({ items: null });
	});
});
