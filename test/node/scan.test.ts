import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({ accounts: 2, revOrgs: 4, sysUsers: 3, revUsers: 120 }),
);
const scan = (extra: Record<string, unknown> = {}) => ({
	resource: 'revUser',
	operation: 'scan',
	...extra,
});

describe('Rev User › Scan', () => {
	beforeEach(() => {
		ctx.emulator.scanPageSize = 50;
	});

	test('sends {} when no filter is set and returns one item per rev user', async () => {
		const result = await ctx.run(scan({ limit: 5 }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((user) => user.id)).toEqual(
			ctx.emulator.revUsers.slice(0, 5).map((user) => user.id),
		);
		const [request] = ctx.emulator.requestsTo('/rev-users.scan');
		expect(request.rawBody).toBe('{}');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers.authorization).toBe(`Bearer ${ctx.credentials.apiToken}`);
	});

	test('Return All follows next_cursor over 3 pages with exactly one request per page', async () => {
		ctx.emulator.scanPageSize = 40;
		const result = await ctx.run(scan({ returnAll: true }));
		expect(result.items).toHaveLength(120);
		expect(result.items.map((user) => user.id)).toEqual(
			ctx.emulator.revUsers.map((user) => user.id),
		);
		const bodies = ctx.bodies('/rev-users.scan');
		expect(bodies).toHaveLength(3);
		expect(bodies[0]).toEqual({});
		expect(typeof bodies[1].cursor).toBe('string');
		expect(bodies[2].cursor).not.toBe(bodies[1].cursor);
	});

	test('Return All keeps every filter on every page', async () => {
		ctx.emulator.scanPageSize = 10;
		const org = ctx.emulator.revOrgs[0].id;
		const result = await ctx.run(
			scan({ returnAll: true, filters: { revOrg: org, isVerified: true } }),
		);
		const expected = ctx.emulator.revUsers.filter(
			(user) => user.rev_org?.id === org && user.is_verified,
		);
		expect(result.items.map((user) => user.id)).toEqual(expected.map((user) => user.id));
		const bodies = ctx.bodies('/rev-users.scan');
		expect(bodies).toHaveLength(Math.ceil(expected.length / 10));
		for (const body of bodies) {
			expect(body.rev_org).toEqual([org]);
			expect(body.is_verified).toBe(true);
		}
	});

	test.each([
		['below a page', 7, 1],
		['equal to a page', 50, 1],
		['above a page', 73, 2],
	])('Limit %s returns exactly that many items', async (_label, limit, requests) => {
		const result = await ctx.run(scan({ limit }));
		expect(result.items).toHaveLength(limit);
		expect(result.items.map((user) => user.id)).toEqual(
			ctx.emulator.revUsers.slice(0, limit).map((user) => user.id),
		);
		expect(ctx.bodies('/rev-users.scan')).toHaveLength(requests);
	});

	test('Limit above what exists returns all there are', async () => {
		const result = await ctx.run(scan({ limit: 500 }));
		expect(result.items).toHaveLength(120);
		expect(ctx.bodies('/rev-users.scan')).toHaveLength(3);
	});

	test('every filter arrives in the spec shape', async () => {
		const result = await ctx.run(
			scan({
				limit: 1,
				filters: {
					associations: 'ACC-1, ACC-2',
					createdBy: 'don:identity:dvrv-us-1:devo/0:devu/1',
					createdAfter: '2023-01-01T00:00:00Z',
					createdBefore: '2023-02-01T12:30:00+02:00',
					email: 'ada@example.com,\nalan@example.com',
					externalRef: 'user-000001',
					isVerified: false,
					modifiedAfter: '2023-01-02',
					modifiedBefore: '2023-03-01T00:00:00',
					phoneNumbers: '+15550000001, +442071838750',
					revOrg: 'REV-AbCdEfGh',
				},
			}),
			{ timezone: 'Europe/Berlin' },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.scan')).toEqual([
			{
				associations: ['ACC-1', 'ACC-2'],
				created_by: ['don:identity:dvrv-us-1:devo/0:devu/1'],
				created_date: { after: '2023-01-01T00:00:00.000Z', before: '2023-02-01T10:30:00.000Z' },
				email: ['ada@example.com', 'alan@example.com'],
				external_ref: ['user-000001'],
				is_verified: false,
				modified_date: { after: '2023-01-01T23:00:00.000Z', before: '2023-02-28T23:00:00.000Z' },
				phone_numbers: ['+15550000001', '+442071838750'],
				rev_org: ['REV-AbCdEfGh'],
			},
		]);
	});

	test('filters select the right rev users', async () => {
		const [first, second] = ctx.emulator.revUsers;
		const byEmail = await ctx.run(
			scan({ returnAll: true, filters: { email: `${first.email},${second.email}` } }),
		);
		expect(byEmail.items.map((user) => user.id)).toEqual([first.id, second.id]);
		const byPhone = await ctx.run(
			scan({ returnAll: true, filters: { phoneNumbers: second.phone_numbers[0] } }),
		);
		expect(byPhone.items.map((user) => user.id)).toEqual([second.id]);
		const byRef = await ctx.run(
			scan({ returnAll: true, filters: { externalRef: first.external_ref } }),
		);
		expect(byRef.items.map((user) => user.id)).toEqual([first.id]);
		const created = await ctx.run(
			scan({
				returnAll: true,
				filters: { createdAfter: first.created_date, createdBefore: second.created_date },
			}),
		);
		expect(created.items.map((user) => user.id)).toEqual([first.id, second.id]);
	});

	test('expressions work in filters and each input item runs its own scan', async () => {
		const emails = ctx.emulator.revUsers.slice(3, 6).map((user) => user.email);
		const result = await ctx.run(
			scan({ returnAll: true, filters: { email: '={{ $json.email }}' } }),
			{
				items: emails.map((email) => ({ email })),
			},
		);
		expect(result.items.map((user) => user.email)).toEqual(emails);
		expect(ctx.bodies('/rev-users.scan').map((body) => body.email)).toEqual(
			emails.map((email) => [email]),
		);
	});

	test('an expression may give a list as an array', async () => {
		const emails = ctx.emulator.revUsers.slice(0, 2).map((user) => user.email);
		const result = await ctx.run(
			scan({ returnAll: true, filters: { email: '={{ $json.emails }}' } }),
			{
				items: [{ emails }],
			},
		);
		expect(result.items).toHaveLength(2);
		expect(ctx.bodies('/rev-users.scan')).toEqual([{ email: emails }]);
	});
});
