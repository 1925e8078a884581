/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * The published tarball holds exactly what n8n needs to load the node, and nothing else: no
 * sources, tests, emulator, examples, source maps or type declarations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Packed } from './packed';
import { PACK_TIMEOUT_MS, ROOT, packed } from './packed';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Every TypeScript module of the node and the credential, as the build compiles it. */
function compiledModules(): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
			const rel = path.posix.join(dir, entry.name);
			if (entry.isDirectory()) walk(rel);
			else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
				out.push(`dist/${rel.replace(/\.ts$/, '.js')}`);
		}
	};
	walk('nodes');
	walk('credentials');
	return out;
}

describe('the packed tarball', () => {
	let pack: Packed;
	beforeAll(async () => {
		pack = await packed();
	}, PACK_TIMEOUT_MS);
	afterAll(() => pack?.cleanup());

	test('contains exactly the compiled nodes and credential, codex, icons, package.json, README, LICENSE', () => {
		const expected = [
			...compiledModules(),
			'dist/nodes/DevRev/DevRev.node.json',
			'dist/nodes/DevRevTrigger/DevRevTrigger.node.json',
			'dist/nodes/DevRevPollingTrigger/DevRevPollingTrigger.node.json',
			'dist/icons/devrev.svg',
			'dist/icons/devrev.dark.svg',
			'package.json',
			'README.md',
			'LICENSE',
		].sort();
		expect(pack.files).toEqual(expected);
	});

	test('holds no sources, tests, emulator, examples, maps or declarations', () => {
		const unwanted = pack.files.filter(
			(file) =>
				/(^|\/)(test|tests|__tests__|emulator|examples|scripts|bench|docs|coverage|node_modules)\//.test(
					file,
				) ||
				/\.(ts|map|tsbuildinfo|tgz)$/.test(file) ||
				/(^|\/)\.[^/]+$/.test(file),
		);
		expect(unwanted).toEqual([]);
	});

	test('every file n8n loads from package.json is in it', () => {
		const entries: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(entries.length).toBeGreaterThan(0);
		for (const entry of entries) expect(pack.files).toContain(entry);
		for (const node of pkg.n8n.nodes as string[])
			expect(pack.files).toContain(node.replace(/\.js$/, '.json'));
	});

	test('the published package.json has no runtime dependencies and only n8n-workflow as peer', () => {
		const published = JSON.parse(fs.readFileSync(path.join(pack.dir, 'package.json'), 'utf8'));
		expect(published.dependencies ?? {}).toEqual({});
		expect(published.optionalDependencies ?? {}).toEqual({});
		expect(published.bundleDependencies ?? published.bundledDependencies ?? []).toEqual([]);
		expect(published.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(published.scripts ?? {}).not.toHaveProperty('postinstall');
		expect(published.scripts ?? {}).not.toHaveProperty('preinstall');
		expect(published.scripts ?? {}).not.toHaveProperty('install');
		expect(published.keywords).toContain('n8n-community-node-package');
		expect(published.n8n.n8nNodesApiVersion).toBe(1);
	});

	test('the light and dark icons differ', () => {
		const light = fs.readFileSync(path.join(pack.dir, 'dist/icons/devrev.svg'), 'utf8');
		const dark = fs.readFileSync(path.join(pack.dir, 'dist/icons/devrev.dark.svg'), 'utf8');
		expect(light).toMatch(/<svg[\s>]/);
		expect(dark).toMatch(/<svg[\s>]/);
		expect(dark).not.toEqual(light);
	});
});
