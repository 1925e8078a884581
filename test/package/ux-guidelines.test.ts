/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * n8n's UX guidelines for node and credential descriptions, checked on the description n8n
 * loads. The lint rules (eslint-plugin-n8n-nodes-base) only see literal objects; most of this
 * node's fields come from helpers, so the same conventions are checked here on the result.
 * https://docs.n8n.io/integrations/creating-nodes/build/reference/ux-guidelines/
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { DevRevApi } from '../../credentials/DevRevApi.credentials';
import { DevRev } from '../../nodes/DevRev/DevRev.node';
import { DevRevPollingTrigger } from '../../nodes/DevRevPollingTrigger/DevRevPollingTrigger.node';
import { DevRevTrigger } from '../../nodes/DevRevTrigger/DevRevTrigger.node';

type Property = INodeProperties;
const description = new DevRev().description;
const trigger = new DevRevTrigger().description;
const polling = new DevRevPollingTrigger().description;
const credential = new DevRevApi();

/** Words Title Case leaves lower case, and names with their own casing. */
const MINOR = new Set([
	'a',
	'an',
	'and',
	'as',
	'at',
	'by',
	'for',
	'from',
	'in',
	'of',
	'on',
	'or',
	'the',
	'to',
	'with',
]);
const OWN_CASING = new Set(['DevRev', 'ID', 'IDs', 'URL', 'API', 'DON', 'E.164', 'AI', 'SLA']);

function isTitleCase(text: string): boolean {
	return text.split(/\s+/).every((word, i) => {
		const bare = word.replace(/^[("]+|[)",:]+$/g, '');
		if (bare === '' || OWN_CASING.has(bare)) return true;
		if (i > 0 && MINOR.has(bare)) return true;
		return /^[A-Z0-9]/.test(bare);
	});
}

/** Sentence case: capital first letter, no other capitalised word but names with their own casing. */
function isSentenceCase(text: string): boolean {
	const [first, ...rest] = text.split(/\s+/);
	return (
		/^[A-Z]/.test(first) &&
		rest.every((word) => OWN_CASING.has(word.replace(/[,.:)]+$/, '')) || !/^[A-Z]/.test(word))
	);
}

/** Every parameter, with the path of display names that leads to it. */
function walk(
	properties: Property[],
	trail: string[] = [],
): Array<{ property: Property; path: string }> {
	return properties.flatMap((property) => {
		const path = [...trail, property.displayName].join(' › ');
		const nested = (property.options ?? []).flatMap((option) => {
			if ('values' in option)
				return walk((option as INodePropertyCollection).values, [
					...trail,
					property.displayName,
					option.displayName,
				]);
			if ('type' in option) return walk([option as Property], [...trail, property.displayName]);
			return [];
		});
		return [{ property, path }, ...nested];
	});
}

const all = [
	...walk(description.properties),
	...walk(trigger.properties, ['(Trigger)']),
	...walk(polling.properties, ['(Polling Trigger)']),
];
const byType = (type: string) => all.filter(({ property }) => property.type === type);

describe('n8n UX guidelines', () => {
	test('display names are in Title Case', () => {
		const wrong = all
			.filter(({ property }) => property.type !== 'notice')
			.filter(({ property }) => !isTitleCase(property.displayName))
			.map(({ path }) => path);
		expect(wrong).toEqual([]);
		expect(isTitleCase(description.displayName)).toBe(true);
		expect(isTitleCase(trigger.displayName)).toBe(true);
		expect(isTitleCase(polling.displayName)).toBe(true);
		expect(isTitleCase(credential.displayName)).toBe(true);
	});

	test('operation names are in Title Case and their actions in sentence case', () => {
		const operations = all
			.filter(({ property }) => property.name === 'operation')
			.flatMap(
				({ property }) => property.options as Array<INodePropertyOptions & { action?: string }>,
			);
		expect(operations.length).toBeGreaterThan(0);
		for (const operation of operations) {
			expect(isTitleCase(operation.name)).toBe(true);
			expect(operation.action).toBeDefined();
			expect([operation.action, isSentenceCase(operation.action as string)]).toEqual([
				operation.action,
				true,
			]);
		}
		const actions = operations.map((operation) => operation.action);
		expect(actions).toContain('Scan rev users');
		expect(new Set(actions).size).toBe(actions.length);
	});

	/** Each resource's operations as the Operation list shows them: value, name, action. */
	const operationsOf = (resource: string) => {
		const selector = all.find(
			({ property }) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		);
		return (
			(selector?.property.options ?? []) as Array<INodePropertyOptions & { action?: string }>
		).map((option) => `${String(option.value)}: ${option.name} (${option.action})`);
	};
	const fieldsOf = (resource: string, operation: string) =>
		description.properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes(resource) &&
				property.displayOptions?.show?.operation?.includes(operation),
		);

	test("every resource offers its operations under n8n's standard names (Create, Get, Get Many, Update, Delete, Create or Update)", () => {
		expect(operationsOf('account')).toEqual([
			'create: Create (Create an account)',
			'delete: Delete (Delete an account)',
			'get: Get (Get an account)',
			'getAll: Get Many (Get many accounts)',
			'update: Update (Update an account)',
		]);
		expect(operationsOf('revOrg')).toEqual([
			'get: Get (Get a rev org)',
			'getAll: Get Many (Get many rev orgs)',
		]);
		expect(operationsOf('revUser')).toEqual([
			'addAssociations: Add Associations (Add associations to a rev user)',
			'create: Create (Create a rev user)',
			'upsert: Create or Update (Create or update a rev user)',
			'delete: Delete (Delete a rev user)',
			'get: Get (Get a rev user)',
			'getAll: Get Many (Get many rev users)',
			'link: Link (Link a rev user to a rev org)',
			'listAssociations: List Associations (List associations of a rev user)',
			'removeAssociations: Remove Associations (Remove associations from a rev user)',
			'scan: Scan (Scan rev users)',
			'unlink: Unlink (Unlink a rev user from a rev org)',
			'update: Update (Update a rev user)',
		]);
	});

	test.each([
		['account', 'getAll'],
		['revOrg', 'getAll'],
		['revUser', 'getAll'],
		['revUser', 'scan'],
		['revUser', 'listAssociations'],
		['sysUser', 'list'],
	])('%s › %s lists with Return All, Limit and Filters or Options', (resource, operation) => {
		const names = fieldsOf(resource, operation).map((property) => property.name);
		const at = names.indexOf('returnAll');
		expect(names.slice(at, at + 2)).toEqual(['returnAll', 'limit']);
		expect(names.some((name) => name === 'filters' || name === 'options')).toBe(true);
	});

	test.each([
		['account', 'create'],
		['account', 'get'],
		['account', 'getAll'],
		['account', 'update'],
		['revOrg', 'get'],
		['revOrg', 'getAll'],
		['revUser', 'create'],
		['revUser', 'get'],
		['revUser', 'getAll'],
		['revUser', 'update'],
		['revUser', 'upsert'],
	])(
		'%s › %s returns whole objects, so it offers Simplify, on by default',
		(resource, operation) => {
			const simplify = fieldsOf(resource, operation).find(
				(property) => property.name === 'simplify',
			);
			expect(simplify?.default).toBe(true);
		},
	);

	test.each([
		['account', 'update'],
		['revUser', 'update'],
	])('%s › %s keeps the fields to change in Update Fields', (resource, operation) => {
		const names = fieldsOf(resource, operation).map((property) => property.name);
		expect(names).toContain('updateFields');
		expect(
			fieldsOf(resource, operation).find((property) => property.name === 'updateFields')?.type,
		).toBe('collection');
	});

	test('Create or Update asks what to match by, and requires that field', () => {
		const fields = fieldsOf('revUser', 'upsert');
		expect(fields[0]).toMatchObject({ name: 'matchBy', default: 'email' });
		const email = fields.filter((property) => property.name === 'email');
		expect(
			email.map((property) => [property.required, property.displayOptions?.show?.matchBy]),
		).toEqual([
			[true, ['email']],
			[false, ['externalRef']],
		]);
	});

	test('booleans are described with "Whether …"', () => {
		const wrong = byType('boolean')
			.filter(({ property }) => !/^Whether /.test(property.description ?? ''))
			.map(({ path }) => path);
		expect(byType('boolean').length).toBeGreaterThan(0);
		expect(wrong).toEqual([]);
	});

	test('options and collection entries are sorted alphabetically', () => {
		const unsorted: string[] = [];
		for (const { property, path } of all) {
			if (!property.options || property.name === 'operation') continue;
			const labels = (property.options as Array<{ name: string; displayName?: string }>).map(
				(option) => option.displayName ?? option.name,
			);
			const sorted = [...labels].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
			if (labels.join('|') !== sorted.join('|')) unsorted.push(`${path}: ${labels.join(', ')}`);
		}
		for (const { property, path } of all.filter(({ property }) => property.name === 'operation')) {
			const names = (property.options as INodePropertyOptions[]).map((option) => option.name);
			if (names.join('|') !== [...names].sort().join('|'))
				unsorted.push(`${path}: ${names.join(', ')}`);
		}
		expect(unsorted).toEqual([]);
	});

	test('ID, date and phone fields carry a placeholder or hint', () => {
		const bare = all
			.filter(
				({ property }) =>
					/\bIDs?\b|Date|After|Before|Phone/.test(property.displayName) ||
					property.type === 'dateTime' ||
					/\bIDs?\b/.test(property.description ?? ''),
			)
			.filter(({ property }) => !['boolean', 'options', 'notice'].includes(property.type))
			.filter(({ property }) => {
				if (property.type === 'resourceLocator')
					return !(property.modes ?? []).every((mode) => mode.placeholder);
				return !property.placeholder && !property.hint;
			})
			.map(({ path }) => path);
		expect(bare).toEqual([]);
	});

	test("Limit defaults to 50 with n8n's standard wording, behind Return All", () => {
		const limits = all.filter(({ property }) => property.name === 'limit');
		expect(limits.length).toBeGreaterThan(0);
		for (const { property } of limits) {
			expect(property.default).toBe(50);
			expect(property.description).toBe('Max number of results to return');
			expect(property.typeOptions?.minValue).toBe(1);
			expect(property.displayOptions?.show?.returnAll).toEqual([false]);
		}
	});

	test.each(['link', 'unlink'])(
		'%s shows a notice that DevRev marks it deprecated',
		(operation) => {
			const notices = all.filter(
				({ property }) =>
					property.type === 'notice' &&
					property.displayOptions?.show?.operation?.includes(operation),
			);
			expect(notices.map(({ property }) => property.displayName).join(' ')).toMatch(/deprecated/i);
		},
	);

	test('the credential links its documentation and has light and dark icons', () => {
		expect(credential.documentationUrl).toMatch(/^https:\/\/developer\.devrev\.ai\//);
		expect(credential.icon).toEqual({
			light: expect.stringMatching(/^file:/),
			dark: expect.stringMatching(/^file:/),
		});
		expect(description.icon).toEqual({
			light: expect.stringMatching(/^file:/),
			dark: expect.stringMatching(/^file:/),
		});
		expect(trigger.icon).toEqual(description.icon);
		expect(polling.icon).toEqual(description.icon);
		expect(credential.test).toBeDefined();
	});

	test("documentation links survive n8n's tracking query: no #anchor, and the repository's pages exist", () => {
		const root = path.join(__dirname, '..', '..');
		const codex = ['DevRev', 'DevRevTrigger', 'DevRevPollingTrigger'].map((name) =>
			JSON.parse(fs.readFileSync(path.join(root, 'nodes', name, `${name}.node.json`), 'utf8')),
		);
		const urls: string[] = codex.flatMap((entry) =>
			Object.values(entry.resources as Record<string, Array<{ url: string }>>).flatMap((links) =>
				links.map((link) => link.url),
			),
		);
		expect(urls.length).toBeGreaterThan(6);
		for (const url of [...urls, credential.documentationUrl]) expect(url).not.toContain('#');
		const pages = urls
			.map((url) => /\/blob\/main\/(.+)$/.exec(url)?.[1])
			.filter((page): page is string => !!page);
		expect(pages.length).toBeGreaterThan(0);
		for (const page of pages) expect(fs.existsSync(path.join(root, page))).toBe(true);
	});

	test('the trigger: Title Case event names described in plain words, a working default, the public-URL notice', () => {
		const events = trigger.properties.find((property) => property.name === 'events') as Property;
		const options = events.options as INodePropertyOptions[];
		expect(events.default).toEqual(['rev_user_created']);
		expect(
			options.filter((option) => !isTitleCase(option.name)).map((option) => option.name),
		).toEqual([]);
		expect(
			options
				.filter((option) => !/^When (a|an) \S/.test(option.description ?? ''))
				.map((option) => option.name),
		).toEqual([]);
		expect(options.find((option) => option.value === 'rev_user_created')).toEqual({
			name: 'Rev User Created',
			value: 'rev_user_created',
			description: "When a rev user (a customer's contact) is created",
		});
		const notice = trigger.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/public https:\/\/ address/);
		expect(trigger.inputs).toEqual([]);
		expect(trigger.group).toEqual(['trigger']);
	});

	test('the polling trigger: a polling node without inputs, its notice on public URLs, restarts and deletions, a working default', () => {
		expect(polling).toMatchObject({ polling: true, inputs: [], group: ['trigger'] });
		expect(polling.description).toMatch(/no public URL/);
		expect(trigger.description).toMatch(/public URL/);
		const notice = polling.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/no public URL/);
		expect(notice?.displayName).toMatch(/Deleted objects are not seen by polling/);
		expect(notice?.displayName).toMatch(/DevRev Trigger's Deleted events/);
		const defaults = Object.fromEntries(
			polling.properties.map((property) => [property.name, property.default]),
		);
		expect([defaults.resource, defaults.triggerWhen]).toEqual(['revUser', 'created']);
		// Neither Event nor Trigger On: the nodes panel lists the trigger once ("On new DevRev
		// Polling event") instead of mixing its choices with the DevRev Trigger's events.
		const names = polling.properties.map((property) => property.displayName.toLowerCase());
		expect(names.filter((name) => ['event', 'events', 'trigger on'].includes(name))).toEqual([]);
	});
});
