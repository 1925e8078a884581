import { testCredential } from '../harness/engine';
import { TOKEN, useEmulator } from './context';

const ctx = useEmulator();

describe('DevRev API credential', () => {
	test('the Test button calls GET /auth-tokens.info with the bearer token and succeeds', async () => {
		const result = await testCredential({
			apiToken: TOKEN,
			baseUrl: `${ctx.credentials.baseUrl}/`,
		});
		expect(result.error).toBeUndefined();
		const requests = ctx.emulator.requestsTo('/auth-tokens.info');
		expect(requests.map((request) => [request.method, request.status])).toEqual([['GET', 200]]);
		expect(requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(Object.keys(result.items[0]).sort()).toEqual(['organization', 'token', 'user']);
	});

	test('a wrong token fails the test with DevRev 401', async () => {
		const result = await testCredential({
			apiToken: 'wrong-token',
			baseUrl: ctx.credentials.baseUrl,
		});
		// n8n's own helper re-sends once after a 401 to refresh credentials; every answer is 401.
		const statuses = ctx.emulator.requestsTo('/auth-tokens.info').map((request) => request.status);
		expect(statuses.length).toBeGreaterThanOrEqual(1);
		expect(new Set(statuses)).toEqual(new Set([401]));
		expect(result.error?.httpCode).toBe('401');
	});

	test('the node sends the Authorization header built by the credential', async () => {
		await ctx.run({ resource: 'sysUser', operation: 'list', limit: 1 });
		const [request] = ctx.emulator.requestsTo('/sys-users.list');
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	test('a trailing slash on the Base URL is tolerated', async () => {
		const result = await ctx.run(
			{ resource: 'sysUser', operation: 'list', limit: 1 },
			{ credentials: { apiToken: TOKEN, baseUrl: `${ctx.credentials.baseUrl}//` } },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.emulator.requests.map((request) => request.path)).toEqual(['/sys-users.list']);
	});

	test('the Test button and the node apply one Base URL rule: both refuse plain http to another host', async () => {
		const baseUrl = 'http://10.1.2.3:8787';
		const tested = await testCredential({ apiToken: TOKEN, baseUrl });
		expect(tested.error?.message).toContain(`Base URL: "${baseUrl}" is not an https:// URL`);
		const run = await ctx.run(
			{ resource: 'sysUser', operation: 'list', limit: 1 },
			{ credentials: { apiToken: TOKEN, baseUrl } },
		);
		expect(run.error?.message).toBe(`Base URL: "${baseUrl}" is not an https:// URL`);
		const noScheme = await testCredential({ apiToken: TOKEN, baseUrl: 'api.devrev.ai' });
		expect(noScheme.error?.message).toContain('Base URL: "api.devrev.ai" is not an https:// URL');
		expect(noScheme.error?.message).toContain('scheme included');
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('and both accept this machine in any spelling (IPv4-mapped loopback included)', async () => {
		const port = new URL(ctx.credentials.baseUrl).port;
		const baseUrl = `http://[::ffff:7f00:1]:${port}`;
		const tested = await testCredential({ apiToken: TOKEN, baseUrl });
		expect(tested.error).toBeUndefined();
		const run = await ctx.run(
			{ resource: 'sysUser', operation: 'list', limit: 1 },
			{ credentials: { apiToken: TOKEN, baseUrl } },
		);
		expect(run.error).toBeUndefined();
		expect(ctx.emulator.requests.map((request) => request.path)).toEqual([
			'/auth-tokens.info',
			'/sys-users.list',
		]);
	});
});
