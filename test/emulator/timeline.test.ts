/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
import { DevRevEmulator } from './index';
import { call, walk } from './kit';

const NOW = '2025-06-01T12:00:00.000Z';

describe('comments: timeline entries', () => {
	let emu: DevRevEmulator;
	let ticket: any;
	beforeEach(async () => {
		emu = new DevRevEmulator().seed({ accounts: 1, revOrgs: 1, revUsers: 2, parts: 2, tickets: 2 });
		emu.clock.freeze(NOW);
		ticket = emu.works[0];
		await emu.start();
	});
	afterEach(async () => {
		expect(emu.specViolations).toEqual([]);
		await emu.stop();
	});

	const comment = (body: Record<string, unknown>) =>
		call(emu, '/timeline-entries.create', { type: 'timeline_comment', ...body });

	it('creates a comment on a work (by display ID): defaults, object fields, timeline_entry_created', async () => {
		const r = await comment({ object: ticket.display_id, body: 'Looking into it.' });
		expect(r.status).toBe(201);
		const entry = r.json.timeline_entry;
		expect(entry).toMatchObject({
			type: 'timeline_comment',
			object: ticket.id,
			object_display_id: ticket.display_id,
			object_type: 'ticket',
			body: 'Looking into it.',
			body_type: 'text',
			visibility: 'external',
			created_by: { display_id: 'DEVU-1' },
			created_date: NOW,
		});
		expect(entry.id.startsWith(`${ticket.id}:comment/`)).toBe(true);
		expect(emu.events).toEqual([{ type: 'timeline_entry_created', payload: { entry }, at: NOW }]);
		expect((await call(emu, '/timeline-entries.get', { id: entry.id })).json).toEqual({
			timeline_entry: entry,
		});
		expect(emu.works[0].modified_date).toBe(ticket.modified_date);
	});

	it('comments on rev users, accounts and parts; refuses an unknown object, visibility or type', async () => {
		const user = await comment({
			object: emu.revUsers[0].display_id,
			body: 'a',
			visibility: 'internal',
		});
		expect(user.json.timeline_entry).toMatchObject({
			object_type: 'rev_user',
			visibility: 'internal',
		});
		const account = await comment({ object: emu.accounts[0].id, body: 'b' });
		expect(account.status).toBe(201);
		expect(account.json.timeline_entry.object_type).toBeUndefined();
		expect((await comment({ object: 'PROD-1', body: 'c' })).json.timeline_entry.object_type).toBe(
			'product',
		);
		expect((await comment({ object: 'TKT-99', body: 'x' })).json).toMatchObject({
			type: 'invalid_id',
			field_name: 'object',
		});
		expect((await comment({ object: ticket.id, visibility: 'secret' })).json).toMatchObject({
			type: 'invalid_enum_value',
			field_name: 'visibility',
		});
		const untyped = await call(emu, '/timeline-entries.create', { object: ticket.id, body: 'x' });
		expect(untyped.json).toMatchObject({ type: 'missing_required_field', field_name: 'type' });
		expect((await comment({ object: ticket.id, private_to: ['DEVU-9'] })).json).toMatchObject({
			type: 'invalid_id',
			field_name: 'private_to',
		});
		expect(emu.comments).toHaveLength(3);
	});

	it('lists an object’s entries newest first, filters by visibility, pages both ways', async () => {
		for (let i = 1; i <= 5; i++) {
			emu.clock.advance(i === 3 ? 0 : 1000);
			await comment({
				object: ticket.id,
				body: `c${i}`,
				visibility: i % 2 ? 'external' : 'private',
			});
		}
		await comment({ object: emu.works[1].id, body: 'elsewhere' });
		const bodies = (items: any[]) => items.map((e) => e.body);
		const all = await walk(emu, '/timeline-entries.list', 'timeline_entries', {
			object: ticket.display_id,
			limit: 2,
		});
		expect(bodies(all.items)).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
		expect(all.pages).toBe(3);
		const priv = await call(emu, '/timeline-entries.list', {
			object: ticket.id,
			visibility: ['private'],
		});
		expect(bodies(priv.json.timeline_entries)).toEqual(['c4', 'c2']);
		const oldest = await call(emu, '/timeline-entries.list', {
			object: ticket.id,
			mode: 'before',
			limit: 2,
		});
		expect(bodies(oldest.json.timeline_entries)).toEqual(['c2', 'c1']);
		const unknown = await call(emu, '/timeline-entries.list', { object: 'TKT-404' });
		expect([unknown.status, unknown.json.type]).toEqual([404, 'not_found']);
	});

	it('update and delete: events with old_entry; unknown IDs are 400 invalid_id (no 404 in the spec)', async () => {
		const entry = (await comment({ object: ticket.id, body: 'v1' })).json.timeline_entry;
		emu.clock.advance(5000);
		const u = await call(emu, '/timeline-entries.update', {
			id: entry.id,
			type: 'timeline_comment',
			body: 'v2',
		});
		expect(u.json.timeline_entry).toMatchObject({
			body: 'v2',
			modified_date: '2025-06-01T12:00:05.000Z',
		});
		expect(emu.events.at(-1)).toMatchObject({
			type: 'timeline_entry_updated',
			payload: { entry: u.json.timeline_entry, old_entry: entry },
		});
		const d = await call(emu, '/timeline-entries.delete', { id: entry.id });
		expect([d.status, d.json]).toEqual([200, {}]);
		expect(emu.events.at(-1)).toMatchObject({
			type: 'timeline_entry_deleted',
			payload: { id: entry.id, old_entry: u.json.timeline_entry },
		});
		const again = await call(emu, '/timeline-entries.delete', { id: entry.id });
		expect([again.status, again.json.type, again.json.field_name]).toEqual([
			400,
			'invalid_id',
			'id',
		]);
		const upd = await call(emu, '/timeline-entries.update', {
			id: entry.id,
			type: 'timeline_comment',
			body: 'v3',
		});
		expect(upd.json).toMatchObject({ type: 'invalid_id', field_name: 'id' });
		expect((await call(emu, '/timeline-entries.get', { id: entry.id })).status).toBe(404);
	});

	it('expires_at: at least a minute ahead; an expired entry is gone', async () => {
		const soon = await comment({
			object: ticket.id,
			body: 'x',
			expires_at: '2025-06-01T12:00:30Z',
		});
		expect(soon.json).toMatchObject({ type: 'invalid_field', field_name: 'expires_at' });
		const e = await comment({ object: ticket.id, body: 'y', expires_at: '2025-06-01T12:05:00Z' });
		expect(e.status).toBe(201);
		emu.clock.advance(5 * 60000);
		expect(
			(await call(emu, '/timeline-entries.get', { id: e.json.timeline_entry.id })).status,
		).toBe(404);
		const list = await call(emu, '/timeline-entries.list', { object: ticket.id });
		expect(list.json.timeline_entries).toEqual([]);
	});

	it('save_then_fail: the comment is saved though the connection drops', async () => {
		emu.injectFault({ kind: 'save_then_fail', path: '/timeline-entries.create', drop: true });
		await expect(comment({ object: ticket.id, body: 'kept' })).rejects.toThrow();
		const list = await call(emu, '/timeline-entries.list', { object: ticket.id });
		expect(list.json.timeline_entries.map((e: any) => e.body)).toEqual(['kept']);
		expect(emu.events.map((e) => e.type)).toEqual(['timeline_entry_created']);
	});
});
