/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
/**
 * What the DevRev Polling Trigger guarantees, on n8n-core's PollContext against the emulator
 * (rev users, Created or Updated; the other resources in resources.test.ts): it starts from the
 * moment it is published, emits every change once in its latest state, oldest first, keeps its
 * place by DevRev's dates across page boundaries, caps and restarts, and costs one request when
 * nothing changed. Every list request is asserted as sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { until } from '../wait';
import { T0, at, names, usePolling } from './setup';

const ctx = usePolling();
const WATCH = { resource: 'revUser', triggerWhen: 'createdOrUpdated' };
const LIST = '/rev-users.list';

/** The seeded rev user DevRev changed last (the first poll's mark). */
function newestSeeded(): any {
	const users = [...ctx.emu.revUsers].sort((a, b) =>
		b.modified_date.localeCompare(a.modified_date),
	);
	return users[0];
}

/** The body of a poll reading the changes since `mark`. */
const since = (mark: string, extra: Record<string, unknown> = {}) => ({
	modified_date: { after: mark },
	sort_by: ['modified_date:asc'],
	limit: 100,
	...extra,
});

/** Creates rev users `prefix 1` … `prefix n`, DevRev's clock moving 1 ms between them. */
async function createMany(n: number, prefix: string): Promise<any[]> {
	const made = [];
	for (let i = 1; i <= n; i++) {
		ctx.tick(1);
		made.push(await ctx.createRevUser(`${prefix} ${i}`));
	}
	return made;
}

/** A trigger published (its first poll done), and the request log cleared after it. */
async function published(parameters: IDataObject = WATCH) {
	const host = ctx.host(parameters);
	expect(await host.activate()).toEqual({ items: null });
	ctx.emu.clearRequests();
	return host;
}

describe('DevRev Polling Trigger: what it emits', () => {
	test('the first poll starts from that moment: nothing that existed is emitted; it marks DevRev’s newest date', async () => {
		const host = ctx.host(WATCH);
		const newest = newestSeeded();
		expect(await host.activate()).toEqual({ items: null });
		expect(ctx.bodies(LIST)).toEqual([{ sort_by: ['modified_date:desc'], limit: 100 }]);
		expect(host.saved).toEqual({
			watching: 'revUser:createdOrUpdated',
			mark: newest.modified_date,
			idsAtMark: [newest.id],
		});
		expect(await host.poll()).toEqual({ items: null });
		expect(host.executions).toEqual([]);
	});

	test('a poll with no change costs one request and starts nothing', async () => {
		const host = await published();
		const mark = host.saved.mark as string;
		expect(await host.poll()).toEqual({ items: null });
		expect(await host.poll()).toEqual({ items: null });
		expect(ctx.bodies(LIST)).toEqual([since(mark), since(mark)]);
		expect(ctx.emu.requests).toHaveLength(2);
	});

	test('each object changed since the last poll once, in its latest state, oldest change first', async () => {
		const host = await published();
		ctx.tick();
		const ada = await ctx.createRevUser('Ada');
		ctx.tick();
		await ctx.createRevUser('Grace');
		ctx.tick();
		await ctx.updateRevUser(ada.id, { display_name: 'Ada L.' });
		ctx.tick();
		const latest = await ctx.updateRevUser(ada.id, { display_name: 'Ada Lovelace' });
		const { items } = await host.poll();
		expect(names(items)).toEqual(['Grace', 'Ada Lovelace']);
		expect(items?.[1]).toEqual(latest);
		expect(host.saved).toMatchObject({ mark: at(4000), idsAtMark: [ada.id] });
		expect(await host.poll()).toEqual({ items: null });
		ctx.tick();
		await ctx.updateRevUser(ada.id, { display_name: 'Ada King' });
		expect(names((await host.poll()).items)).toEqual(['Ada King']);
		expect(host.executions.map(names)).toEqual([['Grace', 'Ada Lovelace'], ['Ada King']]);
	});

	test('objects sharing the mark’s date: one emitted, the other changed later at that same date, each once', async () => {
		const host = await published();
		ctx.tick();
		const x = await ctx.createRevUser('X');
		expect(names((await host.poll()).items)).toEqual(['X']);
		expect(host.saved).toMatchObject({ mark: x.modified_date, idsAtMark: [x.id] });
		const y = await ctx.createRevUser('Y'); // DevRev's clock has not moved: the same date
		expect(y.modified_date).toBe(x.modified_date);
		expect(names((await host.poll()).items)).toEqual(['Y']);
		expect(host.saved).toMatchObject({ mark: x.modified_date, idsAtMark: [x.id, y.id] });
		expect(await host.poll()).toEqual({ items: null });
		expect(ctx.bodies(LIST).slice(1)).toEqual([since(x.modified_date), since(x.modified_date)]);
	});

	test('two changes with the same modified_date split by a page boundary: both emitted, neither repeated', async () => {
		const host = await published();
		const mark = host.saved.mark as string;
		// The poll lists the seeded user at the mark, 98 users, X: a page of 100; then Y.
		const before = await createMany(98, 'user');
		ctx.tick();
		const x = await ctx.createRevUser('X');
		const y = await ctx.createRevUser('Y');
		expect(y.modified_date).toBe(x.modified_date);
		const { items } = await host.poll();
		expect(items?.map((item) => item.id)).toEqual([...before.map((u) => u.id), x.id, y.id]);
		expect(ctx.bodies(LIST)).toEqual([since(mark), since(mark, { cursor: expect.any(String) })]);
		const firstPage = await ctx.devRev(LIST, since(mark));
		expect([firstPage.rev_users.at(-1).id, firstPage.rev_users.length]).toEqual([x.id, 100]);
		expect(host.saved).toMatchObject({ mark: x.modified_date, idsAtMark: [x.id, y.id] });
		ctx.emu.clearRequests();
		expect(await host.poll()).toEqual({ items: null });
		expect(ctx.bodies(LIST)).toEqual([since(x.modified_date)]);
	});

	test('an object changed again while the pages are read: one item, its latest state, at its latest place', async () => {
		const host = await published();
		const made = await createMany(150, 'user');
		// The second page waits a moment before DevRev reads it: user 1 is changed meanwhile.
		ctx.emu.injectFault({ kind: 'slow', path: LIST, after: 1, delayMs: 2000 });
		const polling = host.poll();
		await until('the second page asked for', () => ctx.emu.requestsTo(LIST).length === 2);
		ctx.tick();
		const changed = await ctx.updateRevUser(made[0].id, { display_name: 'user 1, renamed' });
		const { items } = await polling;
		const ids = [...made.slice(1), changed].map((user) => user.id);
		expect(items?.map((item) => item.id)).toEqual(ids);
		expect(items?.at(-1)).toEqual(changed);
		expect(await host.poll()).toEqual({ items: null });
	});

	test('250 changes between two polls: all 250 in one execution, in 3 requests (pages of 100), none twice', async () => {
		const host = await published();
		const mark = host.saved.mark as string;
		const made = await createMany(250, 'bulk');
		ctx.emu.clearRequests();
		const { items } = await host.poll();
		expect(items?.map((item) => item.id)).toEqual(made.map((user) => user.id));
		expect(new Set(items?.map((item) => item.id)).size).toBe(250);
		const cursor = { cursor: expect.any(String) };
		// 251 listed: the user already emitted at the mark comes again (DevRev's after is inclusive).
		expect(ctx.bodies(LIST)).toEqual([since(mark), since(mark, cursor), since(mark, cursor)]);
		expect(await host.poll()).toEqual({ items: null });
		expect(host.executions).toHaveLength(1);
	});

	test('Max Changes Per Poll: a backlog of 250 comes as 100, 100 and 50, oldest first, nothing skipped', async () => {
		const host = await published({ ...WATCH, options: { maxPerPoll: 100 } });
		const marks = [host.saved.mark as string];
		const made = await createMany(250, 'bulk');
		ctx.emu.clearRequests();
		const sizes = [];
		for (let poll = 0; poll < 4; poll++) {
			sizes.push((await host.poll()).items?.length ?? null);
			marks.push(host.saved.mark as string);
		}
		expect(sizes).toEqual([100, 100, 50, null]);
		expect(host.executions.flat().map((item) => item.id)).toEqual(made.map((user) => user.id));
		expect(marks.slice(1)).toEqual(
			[made[99], made[199], made[249], made[249]].map((u) => u.modified_date),
		);
		// Up to 100 changes and the one already emitted at the mark: 101 entries, a page and one more.
		const cursor = { cursor: expect.any(String) };
		expect(ctx.bodies(LIST)).toEqual([
			since(marks[0]),
			since(marks[0], { ...cursor, limit: 1 }),
			since(marks[1]),
			since(marks[1], { ...cursor, limit: 1 }),
			since(marks[2]),
			since(marks[3]),
		]);
	});

	test('Max Changes Per Poll between two changes of the same date: one now, the other at the next poll', async () => {
		const host = await published({ ...WATCH, options: { maxPerPoll: 1 } });
		ctx.tick();
		await ctx.createRevUser('X');
		await ctx.createRevUser('Y');
		expect(names((await host.poll()).items)).toEqual(['X']);
		expect(names((await host.poll()).items)).toEqual(['Y']);
		expect(await host.poll()).toEqual({ items: null });
	});

	test('Created only: updates are not emitted, the object as it is now is', async () => {
		const host = await published({ resource: 'revUser', triggerWhen: 'created' });
		ctx.tick();
		const ada = await ctx.createRevUser('Ada');
		ctx.tick();
		await ctx.updateRevUser(ada.id, { display_name: 'Ada Lovelace' });
		expect(names((await host.poll()).items)).toEqual(['Ada Lovelace']);
		ctx.tick();
		await ctx.updateRevUser(ada.id, { display_name: 'Ada King' });
		expect(await host.poll()).toEqual({ items: null });
		expect(ctx.bodies(LIST).at(-1)).toEqual({
			created_date: { after: ada.created_date },
			sort_by: ['created_date:asc'],
			limit: 100,
		});
	});

	test('Start Date: the first poll emits what changed since then', async () => {
		ctx.tick();
		await ctx.createRevUser('Ada');
		ctx.tick();
		await ctx.createRevUser('Grace');
		const host = ctx.host({ ...WATCH, options: { startDate: T0 } });
		expect(names((await host.activate()).items)).toEqual(['Ada', 'Grace']);
		expect(ctx.bodies(LIST)).toEqual([since(T0)]);
		expect(await host.poll()).toEqual({ items: null });
	});

	test('Fetch Test Event: the most recent change as a sample; no mark moves, nothing is skipped', async () => {
		const host = await published();
		ctx.tick();
		await ctx.createRevUser('Ada');
		ctx.tick();
		await ctx.createRevUser('Grace');
		const memory = host.memory;
		expect(names((await host.fetchTestEvent()).items)).toEqual(['Grace']);
		expect(ctx.bodies(LIST)).toEqual([{ sort_by: ['modified_date:desc'], limit: 1 }]);
		expect(host.afterTestEvent).toBe(memory);
		expect(host.executions).toEqual([]);
		expect(names((await host.poll()).items)).toEqual(['Ada', 'Grace']);
	});

	test('other filters keep the mark; another Resource or Trigger When starts afresh from that moment', async () => {
		const host = await published();
		ctx.tick();
		await ctx.createRevUser('Ada');
		host.setParameters({ ...WATCH, filters: { createdBy: ctx.emu.devUser.id } });
		expect(names((await host.activate()).items)).toEqual(['Ada']);
		host.setParameters({ resource: 'revUser', triggerWhen: 'created' });
		expect(await host.activate()).toEqual({ items: null });
		expect(host.saved).toMatchObject({ watching: 'revUser:created', mark: at(1000) });
		expect(await host.poll()).toEqual({ items: null });
	});
});
