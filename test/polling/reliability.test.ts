/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's JSON answers are read as untyped data here */
/**
 * The DevRev Polling Trigger across n8n restarts (static data read back from n8n's database),
 * DevRev's errors (the poll fails with DevRev's message, the position stays, the next poll reads
 * the same span) and its rate limit (waited out through the shared transport).
 */
import { names, usePolling } from './setup';

const ctx = usePolling();
const WATCH = { resource: 'revUser', triggerWhen: 'createdOrUpdated' };
const LIST = '/rev-users.list';

const since = (mark: string, extra: Record<string, unknown> = {}) => ({
	modified_date: { after: mark },
	sort_by: ['modified_date:asc'],
	limit: 100,
	...extra,
});

describe('DevRev Polling Trigger: restarts', () => {
	test('after a restart nothing emitted is emitted again; changes made while n8n was down come at the first poll', async () => {
		const host = ctx.host(WATCH);
		await host.activate();
		ctx.tick();
		const ada = await ctx.createRevUser('Ada');
		expect(names((await host.poll()).items)).toEqual(['Ada']);
		ctx.tick();
		await ctx.createRevUser('Grace');
		expect(names((await host.poll()).items)).toEqual(['Grace']);
		expect(await host.poll()).toEqual({ items: null });
		// n8n is down: a rev user is created and Ada is changed.
		ctx.tick();
		await ctx.createRevUser('Edsger');
		ctx.tick();
		await ctx.updateRevUser(ada.id, { display_name: 'Ada Lovelace' });
		const restarted = host.restarted();
		// n8n polls once as it starts with the workflow published, then at the Poll Times.
		expect(names((await restarted.activate()).items)).toEqual(['Edsger', 'Ada Lovelace']);
		expect(await restarted.poll()).toEqual({ items: null });
		const all = [...host.executions, ...restarted.executions].map(names);
		expect(all).toEqual([['Ada'], ['Grace'], ['Edsger', 'Ada Lovelace']]);
	});

	test('a restart right after publishing: the position saved with the publication holds', async () => {
		const host = ctx.host(WATCH);
		await host.activate();
		const saved = host.saved;
		ctx.tick();
		await ctx.createRevUser('Ada');
		const restarted = host.restarted();
		expect(restarted.saved).toEqual(saved);
		expect(names((await restarted.activate()).items)).toEqual(['Ada']);
	});

	test('the position is plain JSON in the workflow’s static data', async () => {
		const host = ctx.host(WATCH);
		await host.activate();
		ctx.tick();
		const ada = await ctx.createRevUser('Ada');
		await host.poll();
		expect(JSON.parse(host.database)).toMatchObject({
			'node:DevRev Polling Trigger': {
				watching: 'revUser:createdOrUpdated',
				mark: ada.modified_date,
				idsAtMark: [ada.id],
			},
		});
	});
});

describe('DevRev Polling Trigger: DevRev errors and the rate limit', () => {
	test("a DevRev error fails the poll with DevRev's message; the position stays and the next poll reads the same span", async () => {
		const host = ctx.host(WATCH);
		await host.activate();
		const saved = host.saved;
		ctx.tick();
		await ctx.createRevUser('Ada');
		ctx.emu.clearRequests();
		ctx.emu.injectFault({
			kind: 'error',
			path: LIST,
			status: 403,
			error: { type: 'forbidden', message: 'Missing permission: read rev_user' },
		});
		const failed = await host.poll();
		expect(failed.items).toBeNull();
		expect([failed.error?.message, failed.error?.httpCode]).toEqual([
			'Missing permission: read rev_user',
			'403',
		]);
		expect(host.saved).toEqual(saved);
		expect(names((await host.poll()).items)).toEqual(['Ada']);
		const mark = saved.mark as string;
		expect(ctx.bodies(LIST)).toEqual([since(mark), since(mark)]);
	});

	test('a failure on the second page: nothing emitted, nothing moved; the next poll emits every change', async () => {
		const host = ctx.host(WATCH);
		await host.activate();
		for (let i = 1; i <= 150; i++) {
			ctx.tick(1);
			await ctx.createRevUser(`user ${i}`);
		}
		const saved = host.saved;
		ctx.emu.clearRequests();
		ctx.emu.injectFault({ kind: 'error', path: LIST, after: 1, status: 400 });
		const failed = await host.poll();
		expect([failed.items, failed.error?.message]).toEqual([null, 'Bad request.']);
		expect(host.saved).toEqual(saved);
		expect(host.executions).toEqual([]);
		expect((await host.poll()).items).toHaveLength(150);
		expect(ctx.bodies(LIST).map((body: any) => body.cursor === undefined)).toEqual([
			true,
			false,
			true,
			false,
		]);
	});

	test('a 429 is waited out as DevRev asks and the poll goes on', async () => {
		const host = ctx.host(WATCH);
		await host.activate();
		ctx.tick();
		await ctx.createRevUser('Ada');
		ctx.emu.clearRequests();
		ctx.emu.injectFault({ kind: 'rate_limit', path: LIST, retryAfter: 0.05 });
		expect(names((await host.poll()).items)).toEqual(['Ada']);
		expect(ctx.emu.requestsTo(LIST).map((request: any) => request.status)).toEqual([429, 200]);
	});

	test('bad options fail the poll naming the field, before any request; the mark stays', async () => {
		const host = ctx.host(WATCH);
		await host.activate();
		const saved = host.saved;
		ctx.emu.clearRequests();
		host.setParameters({ ...WATCH, options: { maxPerPoll: 0 } });
		expect((await host.poll()).error?.message).toBe(
			'Max Changes Per Poll: must be a whole number of at least 1, got 0',
		);
		host.setParameters({ ...WATCH, options: { startDate: 'yesterday' } });
		expect((await host.poll()).error?.message).toBe(
			'Start Date: "yesterday" is not an ISO date-time',
		);
		expect(ctx.emu.requests).toEqual([]);
		expect(host.saved).toEqual(saved);
	});
});
