import type { INodeParameters, INodeParameterResourceLocator } from 'n8n-workflow';

import { searchList } from '../harness/engine';
import { useEmulator } from './context';

const ctx = useEmulator((emulator) => {
	emulator.seed({ accounts: 2, revOrgs: 0, revUsers: 0, sysUsers: 0 });
	for (const name of ['Zeta Labs', 'Acme Corp', 'Mango Media', 'Acme Retail'])
		emulator.addRevOrg({ display_name: name });
	emulator.seed({ revUsers: 120 });
});
type Locator = INodeParameterResourceLocator;
const link = (revUserId: Locator, revOrgId: Locator): INodeParameters => ({
	resource: 'revUser',
	operation: 'link',
	revUserId,
	revOrgId,
});
const rl = (mode: string, value: string): Locator => ({ __rl: true, mode, value });

describe('Rev User ID and Rev Org ID pickers', () => {
	test('From List, By ID and By URL all send the ID', async () => {
		const [a, b, c] = ctx.emulator.revUsers;
		const org = ctx.emulator.revOrgs[1];
		await ctx.run(link(rl('list', a.id), rl('list', org.id)));
		await ctx.run(link(rl('id', b.display_id), rl('id', org.display_id)));
		const byUrl = await ctx.run(
			link(
				rl('url', `https://app.devrev.ai/acme/contacts/${c.display_id}`),
				rl('url', `https://app.devrev.ai/acme/customers/${org.display_id}?tab=people`),
			),
		);
		expect(byUrl.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.link')).toEqual([
			{ id: a.id, rev_org: org.id },
			{ id: b.display_id, rev_org: org.display_id },
			{ id: c.display_id, rev_org: org.display_id },
		]);
		expect(ctx.emulator.requestsTo('/rev-users.link').map((request) => request.status)).toEqual([
			200, 200, 200,
		]);
	});

	test('By ID: n8n itself refuses a typed value that is not a DevRev ID', async () => {
		const result = await ctx.run(link(rl('id', 'jane@example.com'), rl('id', 'REV-AbC')));
		expect(result.error?.message).toBe(
			"The 'DevRev' node has issues:\n- Rev User ID: not a valid rev user ID, e.g. don:identity:dvrv-us-1:devo/1abc:revu/XyZ123 or REVU-XyZ123",
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('By ID: the node refuses an expression that gives no DevRev ID', async () => {
		const result = await ctx.run(link(rl('id', '={{ "jane@example.com" }}'), rl('id', 'REV-AbC')));
		expect(result.error?.message).toBe(
			'Rev User ID: "jane@example.com" is not a valid rev user ID',
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('By URL: a URL without a DevRev ID is refused before any request', async () => {
		const result = await ctx.run(
			link(rl('url', 'https://example.com/nothing'), rl('id', 'REV-AbC')),
		);
		expect(result.error?.message).toBe(
			"The 'DevRev' node has issues:\n- Rev User ID: not a DevRev app URL of a rev user",
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('By URL from an expression: n8n names the field when nothing can be extracted', async () => {
		const result = await ctx.run(
			link(rl('url', '={{ "https://example.com/x" }}'), rl('id', 'REV-AbC')),
		);
		expect(result.error?.message).toContain('Rev User ID');
		expect(result.error?.message).toContain('URL entered is incorrect');
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	test('List Associations takes the picker too', async () => {
		const user = ctx.emulator.revUsers[0];
		await ctx.run({
			resource: 'revUser',
			operation: 'listAssociations',
			revUserId: rl('id', user.display_id),
			limit: 2,
		});
		expect(ctx.bodies('/rev-users.associations.list')).toEqual([
			{ rev_user_id: user.display_id, limit: 2 },
		]);
	});
});

describe('From List searches', () => {
	test('rev users: browsed a page of 100 at a time in name order, with a pagination token', async () => {
		const byName = [...ctx.emulator.revUsers].sort(
			(a, b) =>
				String(a.display_name).localeCompare(String(b.display_name)) ||
				ctx.emulator.revUsers.indexOf(a) - ctx.emulator.revUsers.indexOf(b),
		);
		const first = await searchList('searchRevUsers', { credentials: ctx.credentials });
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: `${byName[0].display_name} <${byName[0].email}> · ${byName[0].display_id}`,
			value: byName[0].id,
		});
		const second = await searchList('searchRevUsers', {
			credentials: ctx.credentials,
			paginationToken: first.paginationToken,
		});
		expect([...first.results, ...second.results].map((result) => result.value)).toEqual(
			byName.map((user) => user.id),
		);
		expect(second.paginationToken).toBeUndefined();
		expect(ctx.bodies('/rev-users.list')).toEqual([
			{ limit: 100, sort_by: ['display_name:asc'] },
			{ limit: 100, sort_by: ['display_name:asc'], cursor: first.paginationToken },
		]);
	});

	test('rev users: typed text is searched by DevRev (search.core, beta), every match at once', async () => {
		// 120 seeded users: surnames change every 40, so "Turing" is users 41–80, beyond the first page.
		const turings = ctx.emulator.revUsers.filter((user) =>
			String(user.display_name).endsWith(' Turing'),
		);
		expect(turings).toHaveLength(40);
		const found = await searchList('searchRevUsers', {
			credentials: ctx.credentials,
			filter: '  turing ',
		});
		expect(found.results.map((result) => result.value)).toEqual(turings.map((user) => user.id));
		expect(found.results[0].name).toBe(
			`${turings[0].display_name} <${turings[0].email}> · ${turings[0].display_id}`,
		);
		expect(found.paginationToken).toBeUndefined();
		const [request] = ctx.emulator.requestsTo('/search.core');
		expect(request.body).toEqual({ query: 'turing', namespaces: ['rev_user'], limit: 50 });
		expect(request.headers['x-devrev-scope']).toBe('beta');
	});

	test('rev users: a search with more matches than a page hands n8n the next cursor', async () => {
		const first = await searchList('searchRevUsers', { credentials: ctx.credentials, filter: 'a' });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await searchList('searchRevUsers', {
			credentials: ctx.credentials,
			filter: 'a',
			paginationToken: first.paginationToken,
		});
		const ids = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ctx.bodies('/search.core')[1]).toEqual({
			query: 'a',
			namespaces: ['rev_user'],
			limit: 50,
			cursor: first.paginationToken,
		});
		expect(ids).toHaveLength(100);
	});

	test('rev users: an email finds its rev user', async () => {
		const user = ctx.emulator.revUsers[77];
		const found = await searchList('searchRevUsers', {
			credentials: ctx.credentials,
			filter: user.email,
		});
		expect(found.results.map((result) => result.value)).toEqual([user.id]);
	});

	test('rev orgs: browsed sorted by name, searched by name', async () => {
		const all = await searchList('searchRevOrgs', { credentials: ctx.credentials });
		const orgName = (name: string) => {
			const org = ctx.emulator.revOrgs.find((entry) => entry.display_name === name);
			return `${name} · ${org?.display_id}`;
		};
		// The display ID tells apart rev orgs of the same name.
		expect(all.results.map((result) => result.name)).toEqual(
			['Acme Corp', 'Acme Retail', 'Mango Media', 'Zeta Labs'].map(orgName),
		);
		expect(ctx.bodies('/rev-orgs.list')).toEqual([{ limit: 100, sort_by: ['display_name:asc'] }]);
		const acme = await searchList('searchRevOrgs', {
			credentials: ctx.credentials,
			filter: 'acme',
		});
		expect(acme.results.map((result) => result.name)).toEqual(
			['Acme Corp', 'Acme Retail'].map(orgName),
		);
		expect(ctx.bodies('/search.core')).toEqual([
			{ query: 'acme', namespaces: ['rev_org'], limit: 50 },
		]);
	});

	test('entries without a display name show their email, display ID or ID, never "undefined"', async () => {
		const nameless = ctx.emulator.addRevUser({
			display_name: undefined,
			full_name: undefined,
			email: 'no.name@example.com',
		});
		const bare = ctx.emulator.addRevUser({
			display_name: undefined,
			full_name: undefined,
			email: undefined,
		});
		const org = ctx.emulator.addRevOrg({ display_name: undefined });
		try {
			const found = await searchList('searchRevUsers', {
				credentials: ctx.credentials,
				filter: 'no.name@example.com',
			});
			expect(found.results).toEqual([
				{ name: `no.name@example.com · ${nameless.display_id}`, value: nameless.id },
			]);
			ctx.emulator.scanPageSize = 500;
			const all = await searchList('searchRevUsers', { credentials: ctx.credentials });
			expect(all.results.find((result) => result.value === bare.id)).toEqual({
				name: bare.display_id,
				value: bare.id,
			});
			expect(all.results.map((result) => result.name).join('\n')).not.toContain('undefined');
			const orgs = await searchList('searchRevOrgs', { credentials: ctx.credentials });
			expect(orgs.results.find((result) => result.value === org.id)).toEqual({
				name: org.display_id,
				value: org.id,
			});
		} finally {
			ctx.emulator.scanPageSize = 50;
			for (const [list, entry] of [
				[ctx.emulator.revUsers, nameless],
				[ctx.emulator.revUsers, bare],
				[ctx.emulator.revOrgs, org],
			]) {
				list.splice(list.indexOf(entry), 1);
			}
		}
	});

	test('a wrong token shows DevRev message in the picker', async () => {
		await expect(
			searchList('searchRevOrgs', {
				credentials: { apiToken: 'nope', baseUrl: ctx.credentials.baseUrl },
			}),
		).rejects.toThrow('invalid or expired token');
	});
});
