import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DevRev } from '../../nodes/DevRev/DevRev.node';

import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({ revUsers: 3, revOrgs: 1, accounts: 1, sysUsers: 3 }),
);
const scan = (filters: INodeParameters, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'revUser',
	operation: 'scan',
	limit: 5,
	filters,
	...extra,
});

describe('Bad input is rejected before any request, naming the field', () => {
	test.each([
		[
			'blank Rev User ID on Link',
			{ resource: 'revUser', operation: 'link', revUserId: '  ', revOrgId: 'REV-1' },
			'Rev User ID: must not be empty',
		],
		[
			'blank Rev Org ID on Unlink',
			{ resource: 'revUser', operation: 'unlink', revUserId: 'x', revOrgId: '\t' },
			'Rev Org ID: must not be empty',
		],
		[
			'blank Rev Org ID from an expression',
			{ resource: 'revUser', operation: 'link', revUserId: 'x', revOrgId: '={{ "" }}' },
			'Rev Org ID: must not be empty',
		],
		[
			'blank Rev User ID on List Associations',
			{ resource: 'revUser', operation: 'listAssociations', revUserId: ' ' },
			'Rev User ID: must not be empty',
		],
		[
			'a date that is not ISO',
			scan({ createdAfter: 'yesterday' }),
			'Created After: "yesterday" is not an ISO date-time',
		],
		[
			'an impossible date',
			scan({ modifiedBefore: '2024-02-30T10:00:00Z' }),
			'Modified Before: "2024-02-30T10:00:00Z" is not a valid calendar date-time',
		],
		[
			'after later than before',
			scan({ createdAfter: '2024-05-02T00:00:00Z', createdBefore: '2024-05-01T00:00:00Z' }),
			'Created Before: the "after" date (2024-05-02T00:00:00.000Z) is later than the "before" date (2024-05-01T00:00:00.000Z)',
		],
		[
			'a phone number not in E.164',
			scan({ phoneNumbers: '+14155550100, 0041 79 123' }),
			'Phone Numbers: "0041 79 123" is not in E.164 format',
		],
		[
			'a list filter whose expression gives no value',
			scan({ email: '={{ " , " }}' }),
			'Email: must contain at least one value',
		],
		[
			'a date filter whose expression gives nothing',
			scan({ createdAfter: '={{ "" }}' }),
			'Created After: "" is not an ISO date-time',
		],
		[
			'Is Verified that is not a boolean',
			scan({ isVerified: '={{ "maybe" }}' }),
			'Is Verified: must be true or false, got "maybe"',
		],
		[
			'Limit 0',
			{ resource: 'sysUser', operation: 'list', limit: 0 },
			'Limit: must be a whole number of at least 1, got 0',
		],
		[
			'Limit 2.5 from an expression',
			{ resource: 'revUser', operation: 'scan', limit: '={{ 2.5 }}' },
			'Limit: must be a whole number of at least 1, got 2.5',
		],
		[
			'a Sort By field with a colon',
			{
				resource: 'sysUser',
				operation: 'list',
				options: { sortBy: { rule: [{ field: '={{ "created_date:desc" }}', direction: 'asc' }] } },
			},
			'Sort By: rule 1: "created_date:desc" is not a field name DevRev can sort by',
		],
		[
			'a Sort By field with spaces',
			{
				resource: 'sysUser',
				operation: 'list',
				options: {
					sortBy: {
						rule: [{ field: 'state' }, { field: '={{ "favourite colour" }}', direction: 'desc' }],
					},
				},
			},
			'Sort By: rule 2: "favourite colour" is not a field name DevRev can sort by',
		],
		[
			'a Start Cursor expression that gives nothing',
			{ resource: 'sysUser', operation: 'list', options: { cursor: '={{ " " }}' } },
			'Start Cursor: must not be empty',
		],
	])('%s', async (_label, parameters, message) => {
		const result = await ctx.run(parameters as INodeParameters);
		expect(result.error?.message).toBe(message);
		expect(ctx.emulator.requests).toHaveLength(0);
		// Read as the node's own error: no HTTP code, no raw DevRev message, so n8n's error panel shows
		// no "From DevRev" block and no "Error code: none".
		const error = result.error as unknown as {
			httpCode?: string | null;
			messages?: string[];
			context?: { data?: unknown };
		};
		expect(error.httpCode ?? null).toBeNull();
		expect(error.messages ?? []).toEqual([]);
		expect(error.context?.data).toBeUndefined();
	});

	test('filters and options added but left empty are not sent', async () => {
		const result = await ctx.run(
			scan({ email: ' , ', createdAfter: '', externalRef: '   ' }, { limit: 2 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.scan')).toEqual([{}]);
		await ctx.run({ resource: 'sysUser', operation: 'list', limit: 1, options: { cursor: ' ' } });
		expect(ctx.bodies('/sys-users.list')).toEqual([{ limit: 1 }]);
	});

	test('Sort By sends the picked fields and directions in order', async () => {
		await ctx.run({
			resource: 'sysUser',
			operation: 'list',
			limit: 2,
			options: {
				sortBy: {
					rule: [{ field: 'state', direction: 'desc' }, { field: '={{ "display_name" }}' }],
				},
			},
		});
		expect(ctx.bodies('/sys-users.list')).toEqual([
			{ limit: 2, sort_by: ['state:desc', 'display_name:asc'] },
		]);
	});

	test('a blank ID picked By ID is one issue in the editor, "is required", not also "not a valid ID"', () => {
		const node = {
			id: 'n',
			name: 'DevRev',
			type: 'n8n-nodes-devrev.devRev',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {
				resource: 'revUser',
				operation: 'link',
				revUserId: { __rl: true, mode: 'id', value: '' },
				revOrgId: { __rl: true, mode: 'url', value: 'https://example.com/x' },
			},
		};
		const properties = new DevRev().description.properties;
		const parameters = NodeHelpers.getNodeParameters(
			properties,
			node.parameters,
			true,
			false,
			node,
			null,
		);
		const issues = NodeHelpers.getNodeParametersIssues(
			properties,
			{ ...node, parameters: parameters ?? {} },
			null,
		);
		expect(issues?.parameters?.revUserId).toEqual(['Parameter "Rev User ID" is required.']);
		expect(issues?.parameters?.revOrgId).toEqual([
			'Rev Org ID: not a DevRev app URL of a rev org or account',
		]);
	});

	test('an empty required field is caught by n8n itself before the run starts', async () => {
		const result = await ctx.run({
			resource: 'revUser',
			operation: 'unlink',
			revUserId: 'x',
			revOrgId: '',
		});
		expect(result.error?.message).toContain("The 'DevRev' node has issues");
		expect(JSON.stringify(result.error)).toContain('Rev Org ID');
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('with Continue On Fail, a bad item fails alone and the others run', async () => {
		const [first, second] = ctx.emulator.revUsers;
		const result = await ctx.run(scan({ email: '={{ $json.email }}' }), {
			items: [{ email: first.email }, { email: '' }, { email: second.email }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.email ?? item.error)).toEqual([
			first.email,
			'Email: must contain at least one value',
			second.email,
		]);
		expect(ctx.emulator.requestsTo('/rev-users.scan')).toHaveLength(2);
	});
});

describe('Base URL of the credential', () => {
	test.each([
		['http://api.devrev.ai', 'Base URL: "http://api.devrev.ai" is not an https:// URL'],
		['ftp://127.0.0.1', 'Base URL: "ftp://127.0.0.1" is not an https:// URL'],
		['api.devrev.ai', 'Base URL: "api.devrev.ai" is not an https:// URL'],
	])('%s is refused', async (baseUrl, message) => {
		const result = await ctx.run(
			{ resource: 'sysUser', operation: 'list', limit: 1 },
			{
				credentials: { apiToken: ctx.credentials.apiToken, baseUrl },
			},
		);
		expect(result.error?.message).toBe(message);
	});

	test('http on a loopback host is allowed', async () => {
		const port = new URL(ctx.credentials.baseUrl).port;
		const result = await ctx.run(
			{ resource: 'sysUser', operation: 'list', limit: 1 },
			{
				credentials: { apiToken: ctx.credentials.apiToken, baseUrl: `http://localhost:${port}` },
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
	});
});
