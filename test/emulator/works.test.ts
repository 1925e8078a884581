/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
import { DevRevEmulator } from './index';
import { call, walk } from './kit';

const NOW = '2025-06-01T12:00:00.000Z';

describe('works: tickets and issues', () => {
	let emu: DevRevEmulator;
	let base: Record<string, unknown>;
	beforeEach(async () => {
		emu = new DevRevEmulator().seed({
			accounts: 2,
			revOrgs: 2,
			revUsers: 4,
			devUsers: 3,
			tags: 8,
			parts: 12,
		});
		emu.clock.freeze(NOW);
		await emu.start();
		base = { title: 'Login fails', applies_to_part: 'PROD-1', owned_by: ['DEVU-2'] };
	});
	afterEach(async () => {
		expect(emu.specViolations).toEqual([]);
		await emu.stop();
	});

	const create = (body: Record<string, unknown>) =>
		call(emu, '/works.create', { ...base, ...body });

	it('creates a ticket: 201, TKT-<n>, default stage, every ID as DON or display ID, work_created', async () => {
		const user = emu.revUsers[0];
		const r = await create({
			type: 'ticket',
			reported_by: [user.display_id],
			rev_org: emu.revOrgs[0].display_id,
			account: emu.accounts[0].id,
			severity: 'high',
			tags: [{ id: 'TAG-1' }, { id: emu.tags[7].id, value: 'high' }],
			body: 'It fails.',
		});
		expect(r.status).toBe(201);
		const work = r.json.work;
		expect(work).toMatchObject({
			type: 'ticket',
			display_id: 'TKT-1',
			title: 'Login fails',
			body: 'It fails.',
			stage: { name: 'queued' },
			severity: 'high',
			applies_to_part: { type: 'product', display_id: 'PROD-1', name: emu.parts[0].name },
			owned_by: [{ type: 'dev_user', display_id: 'DEVU-2' }],
			reported_by: [{ type: 'rev_user', id: user.id }],
			rev_org: { type: 'rev_org', id: emu.revOrgs[0].id },
			account: { id: emu.accounts[0].id, display_name: emu.accounts[0].display_name },
			tags: [
				{ tag: { display_id: 'TAG-1', name: 'bug' } },
				{ tag: { name: 'impact' }, value: 'high' },
			],
			created_date: NOW,
			modified_date: NOW,
			created_by: { display_id: 'DEVU-1' },
		});
		expect(work.id).toBe('don:core:dvrv-us-1:devo/1emu:ticket/1');
		expect(emu.events).toEqual([{ type: 'work_created', payload: { work }, at: NOW }]);
		expect((await call(emu, '/works.get', { id: 'TKT-1' })).json.work).toEqual(work);
		const byGet = await call(emu, `/works.get?id=${encodeURIComponent(work.id)}`, undefined, {
			method: 'GET',
		});
		expect(byGet.json.work).toEqual(work);
	});

	it('creates an issue: ISS-<n>, stage triage, priority and priority_v2 in step, developed_with', async () => {
		const r = await create({ type: 'issue', priority: 'p1', developed_with: ['FEAT-5'] });
		expect(r.status).toBe(201);
		expect(r.json.work).toMatchObject({
			type: 'issue',
			display_id: 'ISS-1',
			stage: { name: 'triage' },
			priority: 'p1',
			priority_v2: { id: 2, label: 'P1', ordinal: 2 },
			developed_with: [{ type: 'feature', display_id: 'FEAT-5' }],
		});
		const v2 = await create({ type: 'issue', priority_v2: 1 });
		expect(v2.json.work).toMatchObject({ display_id: 'ISS-2', priority: 'p0' });
		expect((await create({ type: 'issue', priority_v2: 9 })).json).toMatchObject({
			type: 'value_not_permitted',
			field_name: 'priority_v2',
		});
	});

	it('requires type, title, applies_to_part and owned_by; type-only fields need their type', async () => {
		for (const field of ['title', 'applies_to_part', 'owned_by']) {
			const body: Record<string, unknown> = { ...base, type: 'ticket' };
			delete body[field];
			expect((await call(emu, '/works.create', body)).json).toMatchObject({
				type: 'missing_required_field',
				field_name: field,
			});
		}
		expect((await call(emu, '/works.create', base)).json).toMatchObject({
			type: 'missing_required_field',
			field_name: 'type',
		});
		expect((await create({ type: 'ticket', title: '' })).json).toMatchObject({
			type: 'invalid_field',
			field_name: 'title',
		});
		expect((await create({ type: 'issue', severity: 'high' })).json).toMatchObject({
			type: 'invalid_field',
			field_name: 'severity',
		});
		expect((await create({ type: 'ticket', priority: 'p0' })).json).toMatchObject({
			field_name: 'priority',
		});
		expect((await create({ type: 'ticket', severity: 'huge' })).json).toMatchObject({
			type: 'invalid_enum_value',
			allowed_values: ['blocker', 'high', 'low', 'medium'],
		});
		const task = await call(emu, '/works.create', { ...base, type: 'task' }, { beta: true });
		expect(task.json).toMatchObject({ type: 'bad_request' });
		expect(emu.works).toHaveLength(0);
	});

	it('refuses IDs that do not exist (invalid_id) or name another kind (unexpected_id_type); nothing is made', async () => {
		const cases: [Record<string, unknown>, string, string][] = [
			[{ applies_to_part: 'PROD-999' }, 'invalid_id', 'applies_to_part'],
			[{ applies_to_part: 'DEVU-2' }, 'unexpected_id_type', 'applies_to_part'],
			[{ owned_by: [emu.revUsers[0].id] }, 'unexpected_id_type', 'owned_by'],
			[{ owned_by: [] }, 'invalid_field', 'owned_by'],
			[{ reported_by: ['REVU-nope'] }, 'invalid_id', 'reported_by'],
			[{ tags: [{ id: 'TAG-99' }] }, 'invalid_id', 'tags[0].id'],
			[{ tags: [{ id: 'TAG-1', value: 'x' }] }, 'value_not_permitted', 'tags[0].value'],
			[{ rev_org: emu.accounts[0].id }, 'unexpected_id_type', 'rev_org'],
			[{ account: 'ACC-nope' }, 'invalid_id', 'account'],
			[{ artifacts: ['don:core:dvrv-us-1:devo/1emu:artifact/1'] }, 'invalid_id', 'artifacts'],
		];
		for (const [body, type, field] of cases) {
			const r = await create({ type: 'ticket', ...body });
			expect([r.status, r.json.type, r.json.field_name]).toEqual([400, type, field]);
		}
		const sprint = await create({ type: 'issue', sprint: 'don:core:dvrv-us-1:devo/1emu:sprint/1' });
		expect(sprint.json).toMatchObject({ type: 'invalid_id', field_name: 'sprint' });
		expect(emu.works).toHaveLength(0);
		expect(emu.events).toHaveLength(0);
	});

	it('stages: stock names only; a create starts in an open stage unless allow_non_start', async () => {
		const unknown = await create({ type: 'ticket', stage: { name: 'triage' } });
		expect(unknown.json).toMatchObject({ type: 'value_not_permitted', field_name: 'stage.name' });
		expect(unknown.json.allowed_values).toEqual(expect.arrayContaining(['queued', 'resolved']));
		const closed = await create({ type: 'issue', stage: { name: 'completed' } });
		expect(closed.json).toMatchObject({ type: 'value_not_permitted', field_name: 'stage.name' });
		const allowed = await create({
			type: 'issue',
			stage: { name: 'completed' },
			stage_validation_options: ['allow_non_start'],
		});
		expect(allowed.json.work.stage).toEqual({ name: 'completed' });
		expect((await create({ type: 'issue', stage: { name: 'backlog' } })).status).toBe(201);
	});

	it('update changes only what is sent, in set forms, and emits work_updated with old_work', async () => {
		const work = (await create({ type: 'ticket', severity: 'low', tags: [{ id: 'TAG-2' }] })).json
			.work;
		emu.clearEvents();
		emu.clock.advance(1000);
		const r = await call(emu, '/works.update', {
			id: work.display_id,
			type: 'ticket',
			severity: 'blocker',
			stage: { name: 'work_in_progress' },
			owned_by: { set: ['DEVU-3', 'DEVU-4'] },
			reported_by: { set: [emu.revUsers[1].id] },
			tags: { set: [] },
		});
		expect(r.status).toBe(200);
		expect(r.json.work).toMatchObject({
			title: 'Login fails',
			severity: 'blocker',
			stage: { name: 'work_in_progress' },
			owned_by: [{ display_id: 'DEVU-3' }, { display_id: 'DEVU-4' }],
			reported_by: [{ id: emu.revUsers[1].id }],
			tags: [],
			modified_date: '2025-06-01T12:00:01.000Z',
			created_date: NOW,
		});
		expect(emu.events).toEqual([
			{
				type: 'work_updated',
				payload: { work: r.json.work, old_work: work },
				at: '2025-06-01T12:00:01.000Z',
			},
		]);
		emu.clock.advance(1000);
		const same = await call(emu, '/works.update', { id: work.id, title: 'Login fails' });
		expect(same.json.work.modified_date).toBe('2025-06-01T12:00:01.000Z');
		expect(emu.events).toHaveLength(1);
	});

	it('update refuses what DevRev refuses; unknown IDs are 404', async () => {
		const id = (await create({ type: 'ticket' })).json.work.id;
		const bad: [Record<string, unknown>, string, string][] = [
			[{ severity: 'high' }, 'invalid_field', 'severity'],
			[{ type: 'issue', priority: 'p1' }, 'invalid_field', 'type'],
			[{ owned_by: { set: [] } }, 'invalid_field', 'owned_by'],
			[{ stage: { name: 'nope' } }, 'value_not_permitted', 'stage.name'],
			[{ applies_to_part: 'PROD-404' }, 'invalid_id', 'applies_to_part'],
		];
		for (const [body, type, field] of bad) {
			const r = await call(emu, '/works.update', { id, ...body });
			expect([r.status, r.json.type, r.json.field_name]).toEqual([400, type, field]);
		}
		for (const path of ['/works.update', '/works.get', '/works.delete']) {
			const r = await call(emu, path, { id: 'TKT-404' });
			expect([r.status, r.json.type]).toEqual([404, 'not_found']);
		}
	});

	it('delete answers {}, emits work_deleted, takes its comments; a second delete is 404', async () => {
		const work = (await create({ type: 'issue' })).json.work;
		emu.addComment(work.id, { body: 'note' });
		const r = await call(emu, '/works.delete', { id: work.display_id });
		expect([r.status, r.json]).toEqual([200, {}]);
		expect(emu.events.at(-1)).toEqual({
			type: 'work_deleted',
			payload: { id: work.id, old_work: work },
			at: NOW,
		});
		expect(emu.comments).toHaveLength(0);
		expect((await call(emu, '/works.delete', { id: work.id })).status).toBe(404);
		expect((await call(emu, '/works.get', { id: work.display_id })).status).toBe(404);
		expect((await create({ type: 'issue' })).json.work.display_id).toBe('ISS-2');
	});

	it('save_then_fail: the work is saved (and announced) though the answer is a 5xx', async () => {
		emu.injectFault({ kind: 'save_then_fail', path: '/works.create', status: 503 });
		const r = await create({ type: 'ticket', title: 'Saved anyway' });
		expect(r.status).toBe(503);
		const listed = await call(emu, '/works.list', { type: ['ticket'] });
		expect(listed.json.works.map((w: any) => w.title)).toEqual(['Saved anyway']);
		expect(emu.events.map((e) => e.type)).toEqual(['work_created']);
	});

	describe('works.list', () => {
		beforeEach(() => {
			emu.seed({ tickets: 12, issues: 8 });
		});
		const list = async (body: Record<string, unknown>) =>
			(await walk(emu, '/works.list', 'works', body)).items.map((w: any) => w.display_id);

		it('filters by type, part, owner, reporter, creator, stage, state, tags (any of, AND across)', async () => {
			const tickets = emu.works.filter((w) => w.type === 'ticket');
			expect(await list({ type: ['issue'] })).toHaveLength(8);
			const part = tickets[0].applies_to_part;
			expect(await list({ applies_to_part: [part.display_id] })).toEqual(
				emu.works.filter((w) => w.applies_to_part.id === part.id).map((w) => w.display_id),
			);
			const owner = tickets[0].owned_by[0];
			expect(await list({ owned_by: [owner.display_id], type: ['ticket'] })).toEqual(
				tickets.filter((w) => w.owned_by[0].id === owner.id).map((w) => w.display_id),
			);
			const reporter = tickets[1].reported_by[0];
			expect(await list({ reported_by: [reporter.id] })).toContain(tickets[1].display_id);
			expect(await list({ created_by: ['DEVU-1'] })).toHaveLength(20);
			expect(await list({ created_by: ['DEVU-2'] })).toEqual([]);
			expect(await list({ stage: { name: ['queued', 'triage'] } })).toEqual([
				'TKT-1',
				'TKT-6',
				'TKT-11',
				'ISS-1',
				'ISS-6',
			]);
			expect(await list({ state: ['closed'], type: ['ticket'] })).toEqual(
				tickets
					.filter((w) => ['resolved', 'canceled'].includes(w.stage.name))
					.map((w) => w.display_id),
			);
			const tagged = tickets.filter((w) => w.tags?.length);
			expect(await list({ tags: [tagged[0].tags[0].tag.display_id] })).toContain(
				tagged[0].display_id,
			);
		});

		it('filters tickets by severity and rev org, issues by priority; date filters are typed', async () => {
			expect(await list({ ticket: { severity: ['blocker'] } })).toEqual([
				'TKT-4',
				'TKT-8',
				'TKT-12',
			]);
			const org = emu.works[0].rev_org;
			const byOrg = await list({ ticket: { rev_org: [org.display_id] } });
			expect(byOrg).toEqual(
				emu.works.filter((w) => w.rev_org?.id === org.id).map((w) => w.display_id),
			);
			expect(await list({ issue: { priority: ['p0', 'p3'] } })).toEqual([
				'ISS-1',
				'ISS-4',
				'ISS-5',
				'ISS-8',
			]);
			const range = {
				type: 'range',
				after: '2024-01-01T02:00:00.000Z',
				before: '2024-01-01T06:00:00.000Z',
			};
			expect(await list({ created_date: range })).toEqual(['TKT-2', 'TKT-3', 'TKT-4']);
			const untyped = await call(emu, '/works.list', { created_date: { after: range.after } });
			expect(untyped.json).toMatchObject({
				type: 'missing_required_field',
				field_name: 'created_date.type',
			});
			emu.clock.freeze('2024-01-02T00:00:00.000Z');
			const preset = { type: 'preset', preset_type: 'last_n_days', days: 1 };
			expect(await list({ created_date: preset, type: ['ticket'] })).toHaveLength(12);
			expect(
				await list({ ticket: { group: ['don:identity:dvrv-us-1:devo/1emu:group/1'] } }),
			).toEqual([]);
		});

		it('sorts, pages with limit (1..100) in both modes', async () => {
			const r = await call(emu, '/works.list', {
				sort_by: ['stage.name:asc', 'created_date:desc'],
				type: ['issue'],
				limit: 3,
			});
			expect(r.json.works.map((w: any) => w.display_id)).toEqual(['ISS-7', 'ISS-2', 'ISS-5']);
			const before = await call(emu, '/works.list', { mode: 'before', limit: 2 });
			expect(before.json.works.map((w: any) => w.display_id)).toEqual(['ISS-7', 'ISS-8']);
			expect(before.json.prev_cursor).toEqual(expect.any(String));
			expect((await call(emu, '/works.list', { limit: 101 })).json).toMatchObject({
				type: 'invalid_field',
				field_name: 'limit',
			});
			expect((await call(emu, '/works.list', { sort_by: ['color:asc'] })).json).toMatchObject({
				field_name: 'sort_by',
			});
			const all = await walk(emu, '/works.list', 'works', { limit: 7 });
			expect(all.pages).toBe(3);
			expect(all.items).toHaveLength(20);
		});
	});
});
