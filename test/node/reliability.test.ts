import { RETRY_POLICY } from '../../nodes/DevRev/shared/retry';
import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({ revUsers: 1000, revOrgs: 2, accounts: 1, sysUsers: 20 }),
);
const listSysUsers = { resource: 'sysUser', operation: 'list', limit: 5 };
const statuses = (path: string) => ctx.emulator.requestsTo(path).map((request) => request.status);
const arrivals = (path: string) =>
	ctx.emulator.requestsTo(path).map((request) => request.at as number);

describe('Retries', () => {
	beforeEach(() => {
		ctx.emulator.scanPageSize = 50;
	});

	test('429 waits the Retry-After header, then succeeds', async () => {
		ctx.emulator.injectFault({
			kind: 'rate_limit',
			retryAfter: 0.3,
			count: 2,
			path: '/sys-users.list',
		});
		const result = await ctx.run(listSysUsers);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(statuses('/sys-users.list')).toEqual([429, 429, 200]);
		const [first, second, third] = arrivals('/sys-users.list');
		expect(second - first).toBeGreaterThanOrEqual(295);
		expect(third - second).toBeGreaterThanOrEqual(295);
	});

	test("429 without the header waits the body's retry_after", async () => {
		ctx.emulator.injectFault({
			kind: 'rate_limit',
			retryAfter: 0.25,
			header: false,
			path: '/sys-users.list',
		});
		const result = await ctx.run(listSysUsers);
		expect(result.items).toHaveLength(5);
		const [first, second] = arrivals('/sys-users.list');
		expect(statuses('/sys-users.list')).toEqual([429, 200]);
		expect(second - first).toBeGreaterThanOrEqual(245);
	});

	test('429 beyond the retry bound fails with DevRev message', async () => {
		ctx.emulator.injectFault({
			kind: 'rate_limit',
			retryAfter: 0.01,
			count: -1,
			path: '/sys-users.list',
		});
		const result = await ctx.run(listSysUsers);
		expect(statuses('/sys-users.list')).toHaveLength(RETRY_POLICY.rateLimitRetries + 1);
		expect(result.error?.httpCode).toBe('429');
		expect(result.error?.message).toBe('Rate limit exceeded; retry after 0.01 seconds.');
		expect(result.error?.description).toBe('type: too_many_requests\nretry_after: 0.01');
	});

	test('a Retry-After longer than Options › Rate Limit › Max Wait is not waited for', async () => {
		ctx.emulator.injectFault({ kind: 'rate_limit', retryAfter: 3 });
		const result = await ctx.run({
			...listSysUsers,
			options: { rateLimit: { pacing: { maxWait: 2 } } },
		});
		expect(statuses('/sys-users.list')).toEqual([429]);
		expect(result.error?.httpCode).toBe('429');
		expect(result.error?.message).toBe('Rate limit exceeded; retry after 3 seconds.');
	});

	test.each([500, 502, 503, 504])('%i is retried with backoff, then succeeds', async (status) => {
		ctx.emulator.injectFault({ kind: 'server_error', status, count: 2, path: '/sys-users.list' });
		const result = await ctx.run(listSysUsers);
		expect(result.items).toHaveLength(5);
		expect(statuses('/sys-users.list')).toEqual([status, status, 200]);
		const [first, second, third] = arrivals('/sys-users.list');
		expect(second - first).toBeGreaterThanOrEqual(RETRY_POLICY.backoffBaseMs / 2 - 5);
		expect(third - second).toBeGreaterThanOrEqual(RETRY_POLICY.backoffBaseMs - 5);
	});

	test('500 after every retry fails with the reference_id in the description', async () => {
		ctx.emulator.injectFault({
			kind: 'server_error',
			status: 500,
			count: -1,
			path: '/sys-users.list',
		});
		const result = await ctx.run(listSysUsers);
		expect(statuses('/sys-users.list')).toHaveLength(RETRY_POLICY.serverErrorRetries + 1);
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.message).toBe('Internal server error.');
		expect(result.error?.description).toMatch(
			/^type: internal_error\nreference_id: emu-ref-\d{6}$/,
		);
	}, 20_000);

	test('other 4xx are never retried', async () => {
		ctx.emulator.injectFault({
			kind: 'error',
			status: 400,
			error: { type: 'invalid_field', message: 'field "limit" is wrong', field_name: 'limit' },
		});
		const result = await ctx.run(listSysUsers);
		expect(statuses('/sys-users.list')).toEqual([400]);
		expect(result.error?.message).toBe('field "limit" is wrong');
		expect(result.error?.description).toBe('type: invalid_field\nfield_name: limit');
	});

	test('a dropped connection is retried', async () => {
		ctx.emulator.injectFault({ kind: 'drop_connection', path: '/sys-users.list' });
		const result = await ctx.run(listSysUsers);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(statuses('/sys-users.list')).toEqual([0, 200]);
	});

	test('1,000-user Return All under 429s and 503s returns every user exactly once', async () => {
		ctx.emulator.injectFault({ kind: 'rate_limit', retryAfter: 0.2, count: 2, after: 4 });
		ctx.emulator.injectFault({ kind: 'server_error', status: 503, count: 1, after: 9 });
		ctx.emulator.injectFault({
			kind: 'rate_limit',
			retryAfter: 0.15,
			header: false,
			count: 1,
			after: 14,
		});
		const result = await ctx.run({ resource: 'revUser', operation: 'scan', returnAll: true });
		expect(result.error).toBeUndefined();
		const ids = result.items.map((user) => user.id);
		expect(ids).toHaveLength(1000);
		expect(new Set(ids).size).toBe(1000);
		expect(ids).toEqual(ctx.emulator.revUsers.map((user) => user.id));
		const requests = ctx.emulator.requestsTo('/rev-users.scan');
		expect(requests.map((request) => request.status)).toEqual([
			200,
			200,
			200,
			200,
			429,
			429,
			200,
			200,
			200,
			503,
			200,
			200,
			200,
			200,
			429,
			...Array(20 - 11).fill(200),
		]);
		// Each retry repeats the page it failed on: same cursor, and waits what DevRev asked.
		for (const index of [4, 5, 9, 14]) {
			expect(requests[index + 1].body).toEqual(requests[index].body);
		}
		expect(requests[5].at - requests[4].at).toBeGreaterThanOrEqual(195);
		expect(requests[6].at - requests[5].at).toBeGreaterThanOrEqual(195);
		expect(requests[15].at - requests[14].at).toBeGreaterThanOrEqual(145);
	});
});

describe('Failures users understand', () => {
	test('a body that is not JSON', async () => {
		ctx.emulator.injectFault({
			kind: 'non_json',
			status: 400,
			body: 'upstream said no',
			contentType: 'text/plain',
		});
		const result = await ctx.run(listSysUsers);
		expect(result.error?.message).toBe('DevRev answered HTTP 400 with a body that is not JSON');
		expect(result.error?.description).toBe('body: upstream said no');
	});

	test('a refused connection', async () => {
		const result = await ctx.run(listSysUsers, {
			credentials: { apiToken: ctx.credentials.apiToken, baseUrl: 'http://127.0.0.1:9' },
		});
		expect(result.error?.message).toBe(
			'Could not connect to DevRev at http://127.0.0.1:9: the connection was refused',
		);
	});

	test('a timeout', async () => {
		ctx.emulator.injectFault({ kind: 'slow', delayMs: 1500, path: '/sys-users.list' });
		const result = await ctx.run({ ...listSysUsers, requestOptions: { timeout: 300 } });
		expect(result.error?.message).toBe('DevRev did not answer within 0.3 seconds');
	});

	test('a repeated cursor stops the walk instead of looping', async () => {
		ctx.emulator.scanPageSize = 50;
		ctx.emulator.injectFault({ kind: 'repeat_cursor', after: 1, path: '/rev-users.scan' });
		const result = await ctx.run({ resource: 'revUser', operation: 'scan', returnAll: true });
		expect(result.error?.message).toBe(
			'DevRev returned a cursor it had already returned: stopped to avoid an endless loop',
		);
		expect(ctx.emulator.requestsTo('/rev-users.scan')).toHaveLength(2);
	});

	test('403 keeps the permission DevRev names', async () => {
		ctx.emulator.injectFault({
			kind: 'error',
			status: 403,
			error: { type: 'forbidden', message: 'missing permission: rev_user:update' },
		});
		const user = ctx.emulator.revUsers[0];
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'link',
			revUserId: user.id,
			revOrgId: ctx.emulator.revOrgs[1].id,
		});
		expect(result.error?.message).toBe('missing permission: rev_user:update');
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.description).toBe(
			'The token is valid but its user lacks the permission for this call in DevRev.\ntype: forbidden',
		);
	});

	test('Continue On Fail: the failing item becomes an error item with DevRev details, others run', async () => {
		const [first, second] = ctx.emulator.revUsers;
		const missing = 'don:identity:dvrv-us-1:devo/1emu:revu/Missing1';
		const org = ctx.emulator.revOrgs[0].id;
		const result = await ctx.run(
			{ resource: 'revUser', operation: 'link', revUserId: '={{ $json.user }}', revOrgId: org },
			{ items: [{ user: first.id }, { user: missing }, { user: second.id }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.id ?? item.error)).toEqual([
			first.id,
			`rev user "${missing}" not found`,
			second.id,
		]);
		expect(result.items[1]).toEqual({
			error: `rev user "${missing}" not found`,
			details: {
				description: `DevRev found no object with id = ${missing}; rev_org = ${org}: check the ID, or pick it from the list.\ntype: not_found`,
				httpCode: '404',
				type: 'not_found',
			},
		});
		expect(ctx.emulator.requestsTo('/rev-users.link')).toHaveLength(3);
	});
});
