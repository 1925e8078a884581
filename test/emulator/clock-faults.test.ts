import { DevRevEmulator } from './index';
import { call, control } from './kit';

describe('emulator clock', () => {
	let emu: DevRevEmulator;
	beforeEach(async () => {
		emu = new DevRevEmulator().seed({ accounts: 1, revOrgs: 1 });
		await emu.start();
	});
	afterEach(async () => {
		expect(emu.specViolations).toEqual([]);
		await emu.stop();
	});

	it('frozen, several objects share one exact created and modified date; advance moves it', async () => {
		emu.clock.freeze('2025-03-01T10:00:00.000Z');
		const a = await call(emu, '/rev-users.create', { display_name: 'A' });
		const b = await call(emu, '/rev-users.create', { display_name: 'B' });
		expect(a.json.rev_user.created_date).toBe('2025-03-01T10:00:00.000Z');
		expect(b.json.rev_user.modified_date).toBe('2025-03-01T10:00:00.000Z');
		emu.clock.advance(1500);
		const u = await call(emu, '/rev-users.update', { id: a.json.rev_user.id, display_name: 'A2' });
		expect(u.json.rev_user.modified_date).toBe('2025-03-01T10:00:01.500Z');
		expect(emu.events.at(-1)?.at).toBe('2025-03-01T10:00:01.500Z');
	});

	it('release runs on from the frozen instant, never back; reset returns to the source', () => {
		const clock = new DevRevEmulator({ now: () => new Date('2020-01-01T00:00:00.000Z') }).clock;
		clock.freeze('2030-01-01T00:00:00.000Z');
		clock.advance(60_000);
		expect(clock.release().now).toBe('2030-01-01T00:01:00.000Z');
		expect(clock.view().frozen).toBe(false);
		expect(clock.reset().now).toBe('2020-01-01T00:00:00.000Z');
		expect(() => clock.freeze('not a date')).toThrow();
		expect(() => clock.advance(-1)).toThrow();
	});

	it('is driven through the control API', async () => {
		expect(
			(await control(emu, 'clock', { freeze: '2025-05-05T05:05:05.000Z', advance: 5 })).json,
		).toEqual({ now: '2025-05-05T05:05:05.005Z', frozen: true });
		expect((await control(emu, 'clock')).json.now).toBe('2025-05-05T05:05:05.005Z');
		const created = await call(emu, '/accounts.create', { display_name: 'Clocked' });
		expect(created.json.account.created_date).toBe('2025-05-05T05:05:05.005Z');
		expect((await control(emu, 'clock', { release: true })).json.frozen).toBe(false);
		expect((await control(emu, 'clock', { nope: 1 })).status).toBe(400);
	});
});

describe('save_then_fail fault', () => {
	let emu: DevRevEmulator;
	beforeEach(async () => {
		emu = new DevRevEmulator({ multiAssociation: true }).seed({ accounts: 2, revOrgs: 2 });
		await emu.start();
	});
	afterEach(async () => {
		expect(emu.specViolations).toEqual([]);
		await emu.stop();
	});

	it('saves the rev user, emits its event, then answers 502 (default); the next call is normal', async () => {
		emu.injectFault({ kind: 'save_then_fail', path: '/rev-users.create' });
		const r = await call(emu, '/rev-users.create', { email: 'saved@example.com' });
		expect(r.status).toBe(502);
		expect(r.json).toEqual({ type: 'service_unavailable', message: 'Bad gateway.' });
		expect(emu.revUsers.find((u) => u.email === 'saved@example.com')).toBeDefined();
		expect(emu.events.at(-1)?.type).toBe('rev_user_created');
		const again = await call(emu, '/rev-users.create', { email: 'saved@example.com' });
		expect(again.status).toBe(409);
	});

	it('answers a chosen 5xx or drops the connection, for count calls', async () => {
		emu.injectFault({ kind: 'save_then_fail', path: '/accounts.create', status: 500, count: 2 });
		for (const name of ['One', 'Two']) {
			const r = await call(emu, '/accounts.create', { display_name: name });
			expect(r.status).toBe(500);
			expect(r.json).toMatchObject({ type: 'internal_error', reference_id: expect.any(String) });
		}
		expect((await call(emu, '/accounts.create', { display_name: 'Three' })).status).toBe(201);
		expect(emu.accounts.map((a) => a.display_name)).toEqual(
			expect.arrayContaining(['One', 'Two', 'Three']),
		);
		emu.injectFault({ kind: 'save_then_fail', path: '/webhooks.create', drop: true });
		await expect(call(emu, '/webhooks.create', { url: 'http://127.0.0.1:9/x' })).rejects.toThrow();
		expect(emu.webhooks.list.map((w) => w.url)).toEqual(['http://127.0.0.1:9/x']);
		expect(emu.requestsTo('/webhooks.create')[0].status).toBe(0);
	});

	it('carries out updates, deletes and beta association adds before failing', async () => {
		const user = emu.addRevUser({ email: 'x@example.com' });
		emu.injectFault({ kind: 'save_then_fail', status: 503 });
		expect((await call(emu, '/rev-users.update', { id: user.id, display_name: 'Y' })).status).toBe(
			503,
		);
		expect(user.display_name).toBe('Y');
		emu.injectFault({ kind: 'save_then_fail', status: 504 });
		const add = await call(emu, '/rev-users.associations.add', {
			rev_user_id: user.id,
			associations: [{ associated_to: emu.accounts[0].id }],
		});
		expect(add.status).toBe(504);
		expect(emu.associationsOf(user).map((a) => a.id)).toEqual([emu.accounts[0].id]);
		emu.injectFault({ kind: 'save_then_fail', drop: true, path: '/rev-users.delete' });
		await expect(call(emu, '/rev-users.delete', { id: user.id })).rejects.toThrow();
		expect(emu.findRevUser(user.id)).toBeUndefined();
		expect((await call(emu, '/rev-users.delete', { id: user.id })).status).toBe(404);
	});

	it('a refused call is answered as usual; a bad status is refused', async () => {
		emu.injectFault({ kind: 'save_then_fail', path: '/rev-users.create' });
		expect((await call(emu, '/rev-users.create', { nope: 1 })).status).toBe(400);
		expect(() => emu.injectFault({ kind: 'save_then_fail', status: 418 })).toThrow();
		expect((await control(emu, 'faults', { kind: 'save_then_fail', drop: 'yes' })).status).toBe(
			400,
		);
	});
});
