/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * What `npm start` / `npm test` decide before anything long starts (scripts/bootstrap/): whether
 * node_modules matches the lock file, and which prerequisites are missing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { depsProblem } from '../../scripts/bootstrap/deps';
import { cleanNpmEnv } from '../../scripts/lib/packages';
import { prerequisiteProblems } from '../../scripts/bootstrap/prereqs';

describe('node_modules against package-lock.json', () => {
	let root = '';
	const lock = {
		packages: {
			'': { name: 'x', devDependencies: { a: '1.0.0', b: '2.0.0' } },
			'node_modules/a': { version: '1.0.0' },
			'node_modules/b': { version: '2.0.0' },
			'node_modules/b/node_modules/c': { version: '3.0.0' },
			'node_modules/d-other-platform': { version: '1.0.0', optional: true, os: ['darwin'] },
		},
	};
	const installed = (packages: Record<string, { version: string }>) => {
		fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
		fs.writeFileSync(
			path.join(root, 'node_modules', '.package-lock.json'),
			JSON.stringify({ packages }),
		);
	};
	const omit = <T extends object>(from: T, ...keys: string[]) =>
		Object.fromEntries(Object.entries(from).filter(([key]) => !keys.includes(key)));
	const asInstalled = omit(lock.packages, '', 'node_modules/d-other-platform');

	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-deps-'));
		fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
	});
	afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

	test('matching (optional packages of other platforms absent): nothing to do', () => {
		installed(asInstalled);
		expect(depsProblem(root)).toBeUndefined();
	});

	test('no node_modules, a missing package, another version, an extra package: each is named', () => {
		expect(depsProblem(root)).toBe('node_modules is missing');
		const withoutC = omit(asInstalled, 'node_modules/b/node_modules/c');
		installed(withoutC);
		expect(depsProblem(root)).toBe('c is not installed');
		installed({ ...asInstalled, 'node_modules/a': { version: '1.0.1' } });
		expect(depsProblem(root)).toBe('a is 1.0.1, the lock file pins 1.0.0');
		installed({ ...asInstalled, 'node_modules/e': { version: '1.0.0' } });
		expect(depsProblem(root)).toBe('e is installed but not in the lock file');
	});

	test("npm's variables of the enclosing npm run are not passed on", () => {
		expect(
			cleanNpmEnv({ PATH: '/bin', npm_config_ignore_scripts: 'true', NPM_CONFIG_PREFIX: '/x' }),
		).toEqual({ PATH: '/bin' });
	});
});

describe('prerequisites', () => {
	const base = {
		engines: '>=20.15',
		root: os.tmpdir(),
		runtimeDir: path.join(os.tmpdir(), 'not-yet-there', 'runtime'),
		deps: true,
		runtime: true,
		browser: false,
		canInstallBrowser: () => true,
	};
	let bin = '';
	const savedPath = process.env.PATH;

	beforeEach(() => {
		// A PATH holding exactly the tools named.
		bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-bin-'));
		for (const tool of ['python3', 'make', 'g++'])
			fs.writeFileSync(path.join(bin, tool), '#!/bin/sh\n', { mode: 0o755 });
		process.env.PATH = bin;
	});
	afterEach(() => {
		process.env.PATH = savedPath;
		fs.rmSync(bin, { recursive: true, force: true });
	});

	test('all there: no problem', () => {
		expect(prerequisiteProblems(base)).toEqual([]);
	});

	test('missing compilers are named with the command that installs them, only when n8n must be installed', () => {
		fs.rmSync(path.join(bin, 'make'));
		fs.rmSync(path.join(bin, 'g++'));
		expect(prerequisiteProblems(base)).toEqual([
			'Installing n8n builds native modules and needs make, g++: sudo apt-get install python3 make g++',
		]);
		expect(prerequisiteProblems({ ...base, runtime: false })).toEqual([]);
	});

	test('an old Node.js and no way to install Chromium are reported together', () => {
		const problems = prerequisiteProblems({
			...base,
			engines: '>=99.1',
			browser: true,
			canInstallBrowser: () => false,
		});
		expect(problems).toHaveLength(2);
		expect(problems[0]).toBe(
			`Node.js >=99.1 is needed, this is ${process.version}: install a newer Node.js (e.g. from nodejs.org or nvm).`,
		);
		expect(problems[1]).toMatch(
			/^The browser tests need Chromium .* sudo apt-get install chromium/,
		);
	});
});
