/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * The endpoint table (nodes/DevRev/shared/endpoints.ts) held to DevRev's specs: every endpoint the
 * package names is in it; `beta` is exactly "absent from the public spec"; what may be resent
 * after an unclear answer follows what the endpoint does by the spec: a create (201 Created) or
 * a membership change is `check`, never resent blindly; reads, updates and deletes are `safe`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parse } from 'yaml';

import { endpointOf, endpointTable } from '../../nodes/DevRev/shared/endpoints';

const SPEC_DIR = path.join(__dirname, '..', 'emulator', 'spec', 'devrev');
const ROOT = path.join(__dirname, '..', '..');

type Paths = Record<string, { post?: { responses?: Record<string, unknown> } }>;

function specPaths(file: string): Paths {
	return parse(fs.readFileSync(path.join(SPEC_DIR, file), 'utf8'), { maxAliasCount: -1 }).paths;
}

/** DevRev endpoints named in the package's sources, e.g. '/rev-users.link' or `/webhooks.${…}`. */
function endpointsInSources(): string[] {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (file.endsWith('.ts') && !file.endsWith('endpoints.ts')) {
				const text = fs.readFileSync(file, 'utf8');
				for (const match of text.matchAll(/'(\/[a-z-]+(?:\.[a-z-]+)+)'/g)) found.add(match[1]);
				for (const match of text.matchAll(/`\/([a-z-]+)\.\$\{/g)) found.add(`/${match[1]}.*`);
			}
		}
	};
	walk(path.join(ROOT, 'nodes'));
	walk(path.join(ROOT, 'credentials'));
	return [...found].sort();
}

const MEMBERSHIP_CHANGES = [
	'/rev-users.link',
	'/rev-users.unlink',
	'/rev-users.associations.remove',
];

describe('The endpoint table', () => {
	const table = endpointTable();
	const publicPaths = specPaths('openapi-public.yaml');
	const betaPaths = specPaths('openapi-beta.yaml');

	test('every endpoint the package names is in it (a family such as webhooks.* wholly)', () => {
		const listed = Object.keys(table);
		for (const endpoint of endpointsInSources()) {
			const family = endpoint.endsWith('.*') ? endpoint.slice(0, -1) : undefined;
			if (family) expect(listed.some((url) => url.startsWith(family))).toBe(true);
			else expect(() => endpointOf(endpoint)).not.toThrow();
		}
		expect(() => endpointOf('/works.export')).toThrow(/not in the endpoint table/);
	});

	test('beta is exactly "absent from the public spec and present in the beta spec"', () => {
		for (const [url, endpoint] of Object.entries(table)) {
			expect([url, !!endpoint.beta]).toEqual([url, !(url in publicPaths)]);
			expect([url, url in (endpoint.beta ? betaPaths : publicPaths)]).toEqual([url, true]);
		}
	});

	test('creates (201 Created in the spec) and membership changes are never resent blindly; the rest may be', () => {
		for (const [url, endpoint] of Object.entries(table)) {
			const responses = (endpoint.beta ? betaPaths : publicPaths)[url]?.post?.responses ?? {};
			const creates = '201' in responses;
			const check = creates || MEMBERSHIP_CHANGES.includes(url);
			expect([url, endpoint.resend]).toEqual([url, check ? 'check' : 'safe']);
			expect([url, !!endpoint.deletes]).toEqual([url, url.endsWith('.delete')]);
		}
	});
});
