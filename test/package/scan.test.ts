/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * n8n's community-package scanner (@n8n/scan-community-package's analyzer) finds nothing in the
 * packed tarball nor in the sources it would lint: scripts/scan-package.mjs, as `npm run scan`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import type { Packed } from './packed';
import { PACK_TIMEOUT_MS, ROOT, packed } from './packed';

interface Leg {
	name: string;
	passed: boolean;
	verdict: { passed: boolean; message?: string; details?: string };
	files: string[];
	findings: Array<{ file: string; line: number; severity: string; rule: string; message: string }>;
}

describe('n8n community-package scan', () => {
	let pack: Packed;
	let report: { passed: boolean; legs: Leg[] };
	beforeAll(async () => {
		pack = await packed();
		const res = spawnSync(
			process.execPath,
			[path.join(ROOT, 'scripts', 'scan-package.mjs'), '--tarball', pack.tarball, '--json'],
			{
				cwd: ROOT,
				encoding: 'utf8',
			},
		);
		if (res.status === 2 || !res.stdout.trim())
			throw new Error(`scan-package.mjs could not run:\n${res.stderr}`);
		report = JSON.parse(res.stdout);
	}, PACK_TIMEOUT_MS);
	afterAll(() => pack?.cleanup());

	test.each(['tarball', 'source'])('the %s leg has zero findings', (name) => {
		const leg = report.legs.find((l) => l.name === name) as Leg;
		expect(leg.findings).toEqual([]);
		expect(leg.verdict.passed).toBe(true);
		expect(leg.passed).toBe(true);
	});

	test('the tarball leg lints every compiled file and the published package.json', () => {
		const leg = report.legs.find((l) => l.name === 'tarball') as Leg;
		const expected = pack.files.filter((file) => file.endsWith('.js') || file === 'package.json');
		expect(leg.files).toEqual(expected.sort());
	});

	test("the source leg lints package.json and the nodes' and credential's sources", () => {
		const leg = report.legs.find((l) => l.name === 'source') as Leg;
		expect(leg.files).toContain('package.json');
		expect(leg.files).toContain('nodes/DevRev/DevRev.node.ts');
		expect(leg.files).toContain('nodes/DevRev/DevRev.node.json');
		expect(leg.files).toContain('nodes/DevRevTrigger/DevRevTrigger.node.ts');
		expect(leg.files).toContain('nodes/DevRevTrigger/DevRevTrigger.node.json');
		expect(leg.files).toContain('credentials/DevRevApi.credentials.ts');
	});
});
