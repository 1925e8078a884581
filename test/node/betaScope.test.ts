/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { betaOnlyEndpoints } from '../../nodes/DevRev/shared/endpoints';
import { searchList, testCredential } from '../harness/engine';
import { TOKEN, useEmulator } from './context';

const ctx = useEmulator((emulator) => {
	emulator.seed({ accounts: 2, revOrgs: 3, sysUsers: 3, revUsers: 5 });
	emulator.multiAssociation = true;
});

const SPEC_DIR = path.join(__dirname, '..', 'emulator', 'spec', 'devrev');
const NODES_DIR = path.join(__dirname, '..', '..', 'nodes');

/** The paths a DevRev OpenAPI spec defines (top-level keys under `paths:`). */
function specPaths(file: string): Set<string> {
	const text = fs.readFileSync(path.join(SPEC_DIR, file), 'utf8');
	return new Set([...text.matchAll(/^ {2}(\/[a-z0-9.-]+):$/gm)].map((match) => match[1]));
}

/** Every DevRev endpoint the node's sources name, e.g. '/rev-users.link'. */
function endpointsInSources(): Set<string> {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (file.endsWith('.ts')) {
				for (const match of fs.readFileSync(file, 'utf8').matchAll(/'(\/[a-z-]+(?:\.[a-z-]+)+)'/g))
					found.add(match[1]);
			}
		}
	};
	walk(NODES_DIR);
	return found;
}

describe('DevRev API scope: X-Devrev-Scope: beta on beta-only endpoints, and only there', () => {
	const publicPaths = specPaths('openapi-public.yaml');
	const betaPaths = specPaths('openapi-beta.yaml');

	test("the node's beta list is exactly the endpoints it calls that DevRev's public spec lacks", () => {
		const used = [...endpointsInSources()];
		expect(used.length).toBeGreaterThan(5);
		for (const endpoint of used)
			expect(publicPaths.has(endpoint) || betaPaths.has(endpoint)).toBe(true);
		expect(used.filter((endpoint) => !publicPaths.has(endpoint)).sort()).toEqual(
			betaOnlyEndpoints()
				.filter((endpoint) => used.includes(endpoint))
				.sort(),
		);
		for (const endpoint of betaOnlyEndpoints()) {
			expect([endpoint, publicPaths.has(endpoint), betaPaths.has(endpoint)]).toEqual([
				endpoint,
				false,
				true,
			]);
		}
	});

	const user = () => ctx.emulator.revUsers[0];
	const org = () => ctx.emulator.revOrgs[1];
	const operations: Array<[string, () => INodeParameters, string]> = [
		[
			'Link',
			() => ({ resource: 'revUser', operation: 'link', revUserId: user().id, revOrgId: org().id }),
			'/rev-users.link',
		],
		[
			'Unlink',
			() => ({
				resource: 'revUser',
				operation: 'unlink',
				revUserId: user().id,
				revOrgId: org().id,
			}),
			'/rev-users.unlink',
		],
		[
			'List Associations',
			() => ({ resource: 'revUser', operation: 'listAssociations', revUserId: user().id }),
			'/rev-users.associations.list',
		],
		[
			'Add Associations',
			() => ({
				resource: 'revUser',
				operation: 'addAssociations',
				revUserId: user().id,
				associations: org().id,
			}),
			'/rev-users.associations.add',
		],
		[
			'Remove Associations',
			() => ({
				resource: 'revUser',
				operation: 'removeAssociations',
				revUserId: user().id,
				associations: org().id,
			}),
			'/rev-users.associations.remove',
		],
		['Scan', () => ({ resource: 'revUser', operation: 'scan', limit: 2 }), '/rev-users.scan'],
		[
			'Rev User Create',
			() => ({ resource: 'revUser', operation: 'create', email: 'scope@example.com' }),
			'/rev-users.create',
		],
		[
			'Rev User Create or Update',
			() => ({ resource: 'revUser', operation: 'upsert', email: 'scope@example.com' }),
			'/rev-users.update',
		],
		[
			'Rev User Get',
			() => ({ resource: 'revUser', operation: 'get', revUserId: user().id }),
			'/rev-users.get',
		],
		[
			'Rev User Get Many',
			() => ({ resource: 'revUser', operation: 'getAll', limit: 2 }),
			'/rev-users.list',
		],
		[
			'Rev User Update',
			() => ({
				resource: 'revUser',
				operation: 'update',
				revUserId: user().id,
				updateFields: { description: 'x' },
			}),
			'/rev-users.update',
		],
		[
			'Rev User Delete',
			() => ({ resource: 'revUser', operation: 'delete', revUserId: ctx.emulator.revUsers[4].id }),
			'/rev-users.delete',
		],
		[
			'Account Create',
			() => ({ resource: 'account', operation: 'create', displayName: 'Scope Inc' }),
			'/accounts.create',
		],
		[
			'Account Get',
			() => ({ resource: 'account', operation: 'get', accountId: ctx.emulator.accounts[0].id }),
			'/accounts.get',
		],
		[
			'Account Get Many',
			() => ({ resource: 'account', operation: 'getAll', limit: 2 }),
			'/accounts.list',
		],
		[
			'Account Update',
			() => ({
				resource: 'account',
				operation: 'update',
				accountId: ctx.emulator.accounts[0].id,
				updateFields: { tier: 'Tier 1' },
			}),
			'/accounts.update',
		],
		[
			'Account Delete',
			() => ({
				resource: 'account',
				operation: 'delete',
				accountId: ctx.emulator.accounts.at(-1)?.id,
			}),
			'/accounts.delete',
		],
		[
			'Rev Org Get',
			() => ({ resource: 'revOrg', operation: 'get', revOrgId: org().id }),
			'/rev-orgs.get',
		],
		[
			'Rev Org Get Many',
			() => ({ resource: 'revOrg', operation: 'getAll', limit: 2 }),
			'/rev-orgs.list',
		],
		[
			'Sys User List',
			() => ({ resource: 'sysUser', operation: 'list', limit: 2 }),
			'/sys-users.list',
		],
	];

	test.each(operations)('%s', async (_name, parameters, endpoint) => {
		const result = await ctx.run(parameters());
		expect(result.error).toBeUndefined();
		const requests = ctx.emulator.requestsTo(endpoint);
		expect(requests.length).toBeGreaterThan(0);
		const expected = betaOnlyEndpoints().includes(endpoint) ? 'beta' : undefined;
		for (const request of requests) expect(request.headers['x-devrev-scope']).toBe(expected);
		expect(requests.map((request) => request.status)).toEqual(
			requests.map(() => expect.any(Number)),
		);
		expect(requests.every((request) => (request.status as number) < 300)).toBe(true);
	});

	test('the pickers search with search.core (beta)', async () => {
		await searchList('searchRevUsers', { credentials: ctx.credentials, filter: 'a' });
		await searchList('searchRevOrgs', { credentials: ctx.credentials, filter: 'a' });
		await searchList('searchAccounts', { credentials: ctx.credentials, filter: 'a' });
		const searches = ctx.emulator.requestsTo('/search.core');
		expect(searches.map((request) => [request.status, request.headers['x-devrev-scope']])).toEqual([
			[200, 'beta'],
			[200, 'beta'],
			[200, 'beta'],
		]);
	});

	test('the credential test and the rev org and account pickers call GA endpoints without the header', async () => {
		await testCredential({ apiToken: TOKEN, baseUrl: ctx.credentials.baseUrl });
		await searchList('searchRevOrgs', { credentials: ctx.credentials });
		await searchList('searchAccounts', { credentials: ctx.credentials });
		const paths = ['/auth-tokens.info', '/rev-orgs.list', '/accounts.list'];
		const calls = ctx.emulator.requests.filter((request) => paths.includes(request.path));
		expect(calls.map((request) => request.path).sort()).toEqual([...paths].sort());
		for (const request of calls) expect(request.headers['x-devrev-scope']).toBeUndefined();
	});
});
