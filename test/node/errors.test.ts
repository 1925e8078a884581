import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({ revUsers: 3, revOrgs: 1, accounts: 1, sysUsers: 1 }),
);

describe('DevRev errors reach the user with DevRev message', () => {
	test('401: DevRev message, HTTP code, and a pointer to the credential', async () => {
		const result = await ctx.run(
			{ resource: 'revUser', operation: 'scan', limit: 1 },
			{ credentials: { apiToken: 'expired-token', baseUrl: ctx.credentials.baseUrl } },
		);
		expect(result.error?.message).toBe('invalid or expired token');
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.description).toBe(
			'The API token is invalid or expired: open the DevRev API credential of this node and enter a valid token.\ntype: unauthenticated',
		);
	});

	test('400: DevRev message with type and field_name in the description', async () => {
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'listAssociations',
			revUserId: ctx.emulator.revUsers[0].id,
			limit: 5,
			options: { cursor: 'not-a-real-cursor' },
		});
		const [request] = ctx.emulator.requestsTo('/rev-users.associations.list');
		expect(request.status).toBe(400);
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toMatch(/cursor/);
		expect(result.error?.description).toBe('type: invalid_field\nfield_name: cursor');
	});
});
