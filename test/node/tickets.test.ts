import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({
		accounts: 2,
		revOrgs: 3,
		revUsers: 6,
		devUsers: 4,
		parts: 5,
		tags: 3,
		tickets: 250,
		issues: 5,
	}),
);

const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const ticket = (operation: string, parameters: IDataObject = {}) => ({
	resource: 'ticket',
	operation,
	...parameters,
});

/** The flat ticket Simplify returns, from the emulator's object. */
function flat(work: IDataObject): IDataObject {
	const summary = (value: unknown) => value as IDataObject;
	const ids = (list: unknown) => ((list ?? []) as IDataObject[]).map((entry) => entry.id);
	const simple: IDataObject = {
		id: work.id,
		display_id: work.display_id,
		type: 'ticket',
		title: work.title,
		body: work.body,
		severity: work.severity,
		target_close_date: work.target_close_date,
		stage: summary(work.stage).name,
		owned_by_ids: ids(work.owned_by),
		reported_by_ids: ids(work.reported_by),
		tag_ids: ((work.tags ?? []) as IDataObject[]).map((tag) => summary(tag.tag).id),
		part_id: summary(work.applies_to_part).id,
		part_name: summary(work.applies_to_part).name,
		rev_org_id: summary(work.rev_org)?.id,
		rev_org_name: summary(work.rev_org)?.display_name,
		account_id: summary(work.account)?.id,
		account_name: summary(work.account)?.display_name,
		created_date: work.created_date,
		modified_date: work.modified_date,
	};
	for (const key of Object.keys(simple)) if (simple[key] === undefined) delete simple[key];
	return simple;
}

describe('Ticket › Create', () => {
	test("sends every field in DevRev's shape (type, lists, stage, tags), answers the flat ticket, 201", async () => {
		const [part] = ctx.emulator.parts;
		const owner = ctx.emulator.devUsers[1];
		const reporter = ctx.emulator.revUsers[0];
		const org = ctx.emulator.revOrgs[1];
		const account = ctx.emulator.accounts[0];
		const [tag] = ctx.emulator.tags;
		const result = await ctx.run(
			ticket('create', {
				title: 'Export fails for large files',
				part: rl(part.id),
				ownedBy: rl(owner.display_id, 'id'),
				reportedBy: rl(reporter.id),
				body: 'Steps: export 2 GB.',
				revOrg: rl(org.id),
				additionalFields: {
					account: rl(account.display_id, 'id'),
					severity: 'high',
					stage: 'work_in_progress',
					tags: tag.display_id,
					targetCloseDate: '2030-05-01T12:00:00Z',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/works.create')).toEqual([
			{
				type: 'ticket',
				title: 'Export fails for large files',
				applies_to_part: part.id,
				owned_by: [owner.display_id],
				reported_by: [reporter.id],
				body: 'Steps: export 2 GB.',
				account: account.display_id,
				rev_org: org.id,
				severity: 'high',
				stage: { name: 'work_in_progress' },
				stage_validation_options: ['allow_non_start'],
				tags: [{ id: tag.display_id }],
				target_close_date: '2030-05-01T12:00:00.000Z',
			},
		]);
		const [request] = ctx.emulator.requestsTo('/works.create');
		expect([request.status, request.headers['x-devrev-scope']]).toEqual([201, undefined]);
		const created = ctx.emulator.works.find(
			(work) => work.title === 'Export fails for large files',
		);
		expect(result.items).toEqual([flat(created as IDataObject)]);
		expect(result.items[0]).toMatchObject({ owned_by_ids: [owner.id], stage: 'work_in_progress' });
	});

	test('the reporter a form just saved, by expression; an account as Rev Org stands for its default rev org', async () => {
		const reporter = ctx.emulator.revUsers[2];
		const account = ctx.emulator.accounts[1];
		const result = await ctx.run(
			ticket('create', {
				title: '={{ $json.subject }}',
				part: rl(ctx.emulator.parts[0].display_id, 'id'),
				ownedBy: rl(ctx.emulator.devUsers[0].id),
				reportedBy: '={{ $json.id }}',
				body: '={{ $json.message }}',
				revOrg: rl(account.id, 'id'),
			}),
			{ items: [{ id: reporter.id, subject: 'Refund', message: 'Please refund order 7.' }] },
		);
		expect(result.error).toBeUndefined();
		const defaultOrg = ctx.emulator.revOrgs.find((org) => org.account?.id === account.id);
		expect(ctx.bodies('/rev-orgs.get')).toEqual([{ account: account.id }]);
		expect(ctx.bodies('/works.create')[0]).toMatchObject({
			title: 'Refund',
			reported_by: [reporter.id],
			body: 'Please refund order 7.',
			rev_org: defaultOrg?.id,
		});
	});

	test('custom fields go with their schema to the beta API, where DevRev takes them on works', async () => {
		const result = await ctx.run(
			ticket('create', {
				title: 'Custom',
				part: rl(ctx.emulator.parts[0].id),
				ownedBy: rl(ctx.emulator.devUsers[0].id),
				additionalFields: { customFields: { field: [{ name: 'tnt__region', value: 'EMEA' }] } },
				simplify: false,
			}),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.emulator.requestsTo('/works.create');
		expect(request.headers['x-devrev-scope']).toBe('beta');
		expect(request.body).toMatchObject({
			custom_fields: { tnt__region: 'EMEA' },
			custom_schema_spec: { tenant_fragment: true },
		});
		expect(result.items[0].custom_fields).toEqual({ tnt__region: 'EMEA' });
	});

	test('a dev user given By Email is looked up and sent by ID', async () => {
		const owner = ctx.emulator.devUsers[2];
		const result = await ctx.run(
			ticket('create', {
				title: 'Owner by email',
				part: rl(ctx.emulator.parts[0].id),
				ownedBy: rl(owner.email, 'email'),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/dev-users.list')).toEqual([{ email: [owner.email] }]);
		expect(ctx.bodies('/works.create')[0].owned_by).toEqual([owner.id]);
		const unknown = await ctx.run(
			ticket('create', {
				title: 'x',
				part: rl(ctx.emulator.parts[0].id),
				ownedBy: rl('nobody@example.com', 'email'),
			}),
		);
		expect(unknown.error?.message).toBe(
			'Owned By: DevRev has no dev user with the email nobody@example.com',
		);
	});

	test("bad input is refused before any request; DevRev's refusal of an unknown part is shown", async () => {
		const base = { part: rl(ctx.emulator.parts[0].id), ownedBy: rl(ctx.emulator.devUsers[0].id) };
		const blank = await ctx.run(ticket('create', { ...base, title: '={{ "  " }}' }));
		expect(blank.error?.message).toBe('Title: must not be empty');
		const date = await ctx.run(
			ticket('create', { ...base, title: 'x', additionalFields: { targetCloseDate: 'soon' } }),
		);
		expect(date.error?.message).toBe('Target Close Date: "soon" is not an ISO date-time');
		expect(ctx.emulator.requests).toHaveLength(0);
		const unknown = await ctx.run(
			ticket('create', { ...base, title: 'x', part: rl('PROD-99999', 'id') }),
		);
		expect(unknown.error?.httpCode).toBe('400');
		expect(unknown.error?.message).toMatch(/PROD-99999/);
	});

	test('saved but answered 502: the new ticket is found by type, part and title, not opened twice', async () => {
		ctx.emulator.injectFault({ kind: 'save_then_fail', path: '/works.create' });
		const part = ctx.emulator.parts[1];
		const result = await ctx.run(
			ticket('create', {
				title: 'Opened once',
				part: rl(part.id),
				ownedBy: rl(ctx.emulator.devUsers[0].id),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.emulator.requestsTo('/works.create').map((request) => request.status)).toEqual([
			502,
		]);
		const opened = ctx.emulator.works.filter((work) => work.title === 'Opened once');
		expect(opened).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ id: opened[0].id, title: 'Opened once' });
	});
});

describe('Ticket › Get, Update, Delete', () => {
	test('Get by display ID, By URL too: the flat ticket', async () => {
		const work = ctx.emulator.works.find((entry) => entry.type === 'ticket') as IDataObject;
		const byId = await ctx.run(ticket('get', { workId: rl(String(work.display_id), 'id') }));
		expect(byId.items).toEqual([flat(work)]);
		const url = `https://app.devrev.ai/acme/works/${work.display_id}`;
		const byUrl = await ctx.run(ticket('get', { workId: rl(url, 'url') }));
		expect(byUrl.items).toEqual([flat(work)]);
		expect(ctx.bodies('/works.get')).toEqual([{ id: work.display_id }, { id: work.display_id }]);
	});

	test('Update sends only the fields added, lists in set form, with the type', async () => {
		const work = ctx.emulator.works.find((entry) => entry.type === 'ticket') as IDataObject;
		const owner = ctx.emulator.devUsers[3];
		const reporter = ctx.emulator.revUsers[4];
		const tag = ctx.emulator.tags[2];
		const result = await ctx.run(
			ticket('update', {
				workId: rl(String(work.id)),
				updateFields: {
					ownedBy: rl(owner.id),
					reportedBy: rl(reporter.id),
					severity: 'blocker',
					stage: 'resolved',
					tags: tag.id,
					title: 'Renamed',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/works.update')).toEqual([
			{
				type: 'ticket',
				id: work.id,
				owned_by: { set: [owner.id] },
				reported_by: { set: [reporter.id] },
				severity: 'blocker',
				stage: { name: 'resolved' },
				tags: { set: [{ id: tag.id }] },
				title: 'Renamed',
			},
		]);
		expect(result.items[0]).toMatchObject({
			title: 'Renamed',
			stage: 'resolved',
			severity: 'blocker',
		});
	});

	test('Update with nothing to change, or an issue ID, is refused', async () => {
		const work = ctx.emulator.works.find((entry) => entry.type === 'ticket') as IDataObject;
		const nothing = await ctx.run(
			ticket('update', { workId: rl(String(work.id)), updateFields: { title: ' ' } }),
		);
		expect(nothing.error?.message).toBe('Update Fields: add at least one field to change');
		expect(ctx.emulator.requests).toHaveLength(0);
		const issue = ctx.emulator.works.find((entry) => entry.type === 'issue') as IDataObject;
		const wrong = await ctx.run(
			ticket('update', { workId: rl(String(issue.id)), updateFields: { title: 'x' } }),
		);
		expect(wrong.error?.httpCode).toBe('400');
	});

	test('Delete answers {deleted, id}; Get then shows DevRev 404 naming the ID', async () => {
		const work = ctx.emulator.works.find((entry) => entry.type === 'ticket') as IDataObject;
		const deleted = await ctx.run(ticket('delete', { workId: rl(String(work.display_id), 'id') }));
		expect(deleted.items).toEqual([{ deleted: true, id: work.display_id }]);
		const gone = await ctx.run(ticket('get', { workId: rl(String(work.display_id), 'id') }));
		expect(gone.error?.httpCode).toBe('404');
		expect(gone.error?.description).toBe(
			`DevRev found no object with id = ${work.display_id}: check the ID, or pick it from the list.\ntype: not_found`,
		);
	});
});

describe('Ticket › Get Many', () => {
	test('filters, sort and Limit: exact body, the type fixed, dates as DevRev date-filters', async () => {
		const owner = ctx.emulator.devUsers[1];
		const result = await ctx.run(
			ticket('getAll', {
				limit: 3,
				filters: {
					severity: ['high', 'low'],
					stage: 'queued',
					ownedBy: owner.id,
					createdAfter: '2020-01-01T00:00:00Z',
					createdBefore: '2040-01-01T00:00:00Z',
				},
				options: { sortBy: { rule: [{ field: 'created_date', direction: 'desc' }] } },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/works.list')).toEqual([
			{
				type: ['ticket'],
				ticket: { severity: ['high', 'low'] },
				stage: { name: ['queued'] },
				owned_by: [owner.id],
				created_date: {
					type: 'range',
					after: '2020-01-01T00:00:00.000Z',
					before: '2040-01-01T00:00:00.000Z',
				},
				sort_by: ['created_date:desc'],
				limit: 3,
			},
		]);
		for (const item of result.items) {
			expect(item).toMatchObject({ type: 'ticket', stage: 'queued', owned_by_ids: [owner.id] });
			expect(['high', 'low']).toContain(item.severity);
		}
	});

	test('Return All: every ticket, pages of 100, the minimum of requests', async () => {
		const tickets = ctx.emulator.works.filter((work) => work.type === 'ticket');
		const result = await ctx.run(ticket('getAll', { returnAll: true }));
		expect(result.items.map((item) => item.id).sort()).toEqual(
			tickets.map((work) => work.id).sort(),
		);
		const pages = Math.ceil(tickets.length / 100);
		expect(ctx.bodies('/works.list').map((body) => body.limit)).toEqual(Array(pages).fill(100));
	});
});
