import type { IDataObject } from 'n8n-workflow';

import { searchList } from '../harness/engine';
import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({
		accounts: 1,
		revOrgs: 2,
		revUsers: 4,
		devUsers: 3,
		parts: 150,
		tickets: 3,
		issues: 12,
	}),
);

const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const run = (resource: string, operation: string, parameters: IDataObject = {}) =>
	ctx.run({ resource, operation, ...parameters });
const firstTicket = () => ctx.emulator.works.find((work) => work.type === 'ticket') as IDataObject;

describe('Issue', () => {
	test('Create: priority, target start, the type issue; Get Many by priority', async () => {
		const part = ctx.emulator.parts[3];
		const owner = ctx.emulator.devUsers[1];
		const result = await run('issue', 'create', {
			title: 'Search is slow',
			part: rl(part.id),
			ownedBy: rl(owner.id),
			additionalFields: {
				priority: 'p1',
				targetStartDate: '2031-01-02T03:04:05Z',
				stage: 'backlog',
			},
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/works.create')).toEqual([
			{
				type: 'issue',
				title: 'Search is slow',
				applies_to_part: part.id,
				owned_by: [owner.id],
				priority: 'p1',
				target_start_date: '2031-01-02T03:04:05.000Z',
				stage: { name: 'backlog' },
				stage_validation_options: ['allow_non_start'],
			},
		]);
		expect(result.items[0]).toMatchObject({
			type: 'issue',
			title: 'Search is slow',
			priority: 'p1',
			stage: 'backlog',
			part_id: part.id,
			part_name: part.name,
			owned_by_ids: [owner.id],
		});
		const listed = await run('issue', 'getAll', { returnAll: true, filters: { priority: ['p1'] } });
		expect(ctx.bodies('/works.list')).toEqual([
			{ type: ['issue'], issue: { priority: ['p1'] }, limit: 100 },
		]);
		const p1 = ctx.emulator.works.filter((work) => work.type === 'issue' && work.priority === 'p1');
		expect(listed.items.map((item) => item.id).sort()).toEqual(p1.map((work) => work.id).sort());
	});

	test('Update sends the type issue with an issue-only field', async () => {
		const issue = ctx.emulator.works.find((work) => work.type === 'issue') as IDataObject;
		const result = await run('issue', 'update', {
			workId: rl(String(issue.display_id), 'id'),
			updateFields: { priority: 'p0', body: 'Now urgent' },
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/works.update')).toEqual([
			{ type: 'issue', id: issue.display_id, priority: 'p0', body: 'Now urgent' },
		]);
		expect(result.items[0]).toMatchObject({ priority: 'p0', body: 'Now urgent' });
	});
});

describe('Comment', () => {
	test('Add: a timeline comment on a ticket, markdown body, visibility; the flat comment', async () => {
		const work = firstTicket();
		const result = await run('comment', 'add', {
			object: work.display_id,
			body: '**Thanks**, we are on it.',
			visibility: 'internal',
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/timeline-entries.create')).toEqual([
			{
				type: 'timeline_comment',
				object: work.display_id,
				body: '**Thanks**, we are on it.',
				visibility: 'internal',
			},
		]);
		const entry = ctx.emulator.comments.find(
			(comment) => comment.body === '**Thanks**, we are on it.',
		);
		expect(result.items).toEqual([
			{
				id: entry?.id,
				object: work.id,
				object_display_id: work.display_id,
				body: '**Thanks**, we are on it.',
				visibility: 'internal',
				created_by_id: entry?.created_by.id,
				created_by_name: entry?.created_by.display_name,
				created_date: entry?.created_date,
				modified_date: entry?.modified_date,
			},
		]);
	});

	test('Get Many: the comments of an object, Limit and Return All with the fewest requests', async () => {
		const work = firstTicket();
		for (let index = 0; index < 130; index++)
			ctx.emulator.addComment(String(work.id), { body: `note ${index}` });
		const onTicket = ctx.emulator.comments.filter((comment) => comment.object === work.id);
		const limited = await run('comment', 'getAll', { object: work.id, limit: 7 });
		expect(limited.items).toHaveLength(7);
		expect(ctx.bodies('/timeline-entries.list')).toEqual([{ object: work.id, limit: 7 }]);
		ctx.emulator.clearRequests();
		const all = await run('comment', 'getAll', { object: work.id, returnAll: true });
		expect(all.items).toHaveLength(onTicket.length);
		expect(new Set(all.items.map((item) => item.id)).size).toBe(onTicket.length);
		expect(ctx.bodies('/timeline-entries.list')).toHaveLength(Math.ceil(onTicket.length / 100));
	});

	test('Update changes the body; Delete answers {deleted, id}; Get of it then is a 404', async () => {
		const work = firstTicket();
		const added = await run('comment', 'add', { object: work.id, body: 'first draft' });
		const id = String(added.items[0].id);
		const updated = await run('comment', 'update', { commentId: id, body: 'final text' });
		expect(ctx.bodies('/timeline-entries.update')).toEqual([
			{ type: 'timeline_comment', id, body: 'final text' },
		]);
		expect(updated.items[0]).toMatchObject({ id, body: 'final text' });
		const got = await run('comment', 'get', { commentId: id });
		expect(got.items[0]).toMatchObject({ id, body: 'final text' });
		const deleted = await run('comment', 'delete', { commentId: id });
		expect(deleted.items).toEqual([{ deleted: true, id }]);
		const gone = await run('comment', 'get', { commentId: id });
		expect(gone.error?.httpCode).toBe('404');
	});

	test('a malformed object or comment ID is refused before any request, with the expected form', async () => {
		const object = await run('comment', 'add', { object: '={{ "ticket 12" }}', body: 'x' });
		expect(object.error?.message).toBe(
			'Object ID: "ticket 12" is not a valid ticket, issue, rev user or account ID',
		);
		expect(object.error?.description).toBe('e.g. TKT-123, ISS-45, REVU-AbCdEf or ACC-12345');
		const comment = await run('comment', 'delete', { commentId: 'TKT-1' });
		expect(comment.error?.message).toBe('Comment ID: "TKT-1" is not a valid comment ID');
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('saved but answered 502: the comment is found by its body, not added twice', async () => {
		const work = firstTicket();
		ctx.emulator.injectFault({
			kind: 'save_then_fail',
			path: '/timeline-entries.create',
			drop: true,
		});
		const result = await run('comment', 'add', { object: work.id, body: 'Said once' });
		expect(result.error).toBeUndefined();
		const said = ctx.emulator.comments.filter((comment) => comment.body === 'Said once');
		expect(said).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ id: said[0].id, body: 'Said once' });
	});
});

describe('Pickers of parts, dev users, tickets and issues', () => {
	test('Part: browsed by name 100 at a time; a word of a name beyond the first page is found by DevRev', async () => {
		const first = await searchList('searchParts', { credentials: ctx.credentials });
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBeDefined();
		expect(ctx.bodies('/parts.list')).toEqual([{ limit: 100, sort_by: ['name:asc'] }]);
		const byName = [...ctx.emulator.parts].sort((a, b) =>
			String(a.name).localeCompare(String(b.name)),
		);
		const late = byName[140];
		const word = String(late.name).split(' ').pop() as string;
		const found = await searchList('searchParts', { credentials: ctx.credentials, filter: word });
		expect(found.results.map((result) => result.value)).toContain(late.id);
		expect(found.results.find((result) => result.value === late.id)?.name).toBe(
			`${late.name} · ${late.display_id}`,
		);
		expect(ctx.bodies('/search.core')[0]).toEqual({
			query: word,
			namespaces: ['product', 'capability', 'feature', 'enhancement'],
			limit: 50,
		});
	});

	test('Dev user, ticket and issue pickers name entries with their display ID', async () => {
		const devUsers = await searchList('searchDevUsers', { credentials: ctx.credentials });
		const [dev] = ctx.emulator.devUsers;
		expect(devUsers.results).toContainEqual({
			name: `${dev.display_name} <${dev.email}> · ${dev.display_id}`,
			value: dev.id,
		});
		const work = firstTicket();
		const tickets = await searchList('searchTickets', {
			credentials: ctx.credentials,
			filter: String(work.display_id),
		});
		expect(tickets.results).toEqual([
			{ name: `${work.title} · ${work.display_id}`, value: work.id },
		]);
		const issues = await searchList('searchIssues', { credentials: ctx.credentials });
		expect(issues.results.length).toBe(
			ctx.emulator.works.filter((entry) => entry.type === 'issue').length,
		);
		expect(ctx.bodies('/works.list')).toEqual([
			{ limit: 100, sort_by: ['created_date:desc'], type: ['issue'] },
		]);
	});
});
