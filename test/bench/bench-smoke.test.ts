/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import {
	HARNESS_DIR,
	checkTargets,
	compileHarness,
	emulatorSpeed,
	runBench,
} from '../../bench/bench';

// `npm run bench` on a small seed, one round: keeps the bench runnable and checks its exact
// figures (items, requests, asked limits). Timings and memory are not asserted here.
describe('bench smoke run', () => {
	let outDir = '';
	let harness = '';

	beforeAll(() => {
		// Where the bench compiles it (in node_modules, to resolve the dependencies); a folder of its
		// own so that a bench run at the same time keeps its build.
		mkdirSync(HARNESS_DIR, { recursive: true });
		outDir = mkdtempSync(join(HARNESS_DIR, 'smoke-'));
		harness = compileHarness(outDir);
	}, 120_000);

	afterAll(() => rmSync(outDir, { recursive: true, force: true }));

	test('2,000 rev users and 250 sys users: both sides return every item in the fewest requests', async () => {
		const rows = await runBench({
			revUsers: 2000,
			sysUsers: 250,
			scanPageSize: 100,
			rounds: 1,
			harness,
		});
		expect(
			rows.map((row) => [row.walk, row.a.items, row.b.items, row.a.requests, row.b.requests]),
		).toEqual([
			['Scan, Return All', 2000, 2000, 20, 20],
			['Sys User List, Return All', 250, 250, 3, 3],
			['Scan, Limit 10', 10, 10, 1, 1],
			['Scan, Limit 250', 250, 250, 3, 3],
			['Sys User List, Limit 10', 10, 10, 1, 1],
		]);
		expect(rows.map((row) => row.a.asks)).toEqual([
			Array(20).fill(null),
			[100, 100, 100],
			[null],
			[null, null, null],
			[10],
		]);
		expect(checkTargets(rows).filter((check) => check.exact && !check.pass)).toEqual([]);
	}, 180_000);

	test("the emulator's figures: 2,000 rev users seeded, every page walked, filtered or not", async () => {
		// Seeded rev users n = 1..2000: verified when n % 3 == 0, in the first rev org when (n - 1) % 4 == 0 and n % 5 != 0.
		let inFirstOrgVerified = 0;
		for (let n = 1; n <= 2000; n++)
			if (n % 3 === 0 && (n - 1) % 4 === 0 && n % 5 !== 0) inFirstOrgVerified++;
		const rows = await emulatorSpeed({ revUsers: 2000, scanPageSize: 50 });
		expect(rows.map((row) => [row.items, row.pages])).toEqual([
			[2000, undefined],
			[2000, 40],
			[inFirstOrgVerified, Math.max(1, Math.ceil(inFirstOrgVerified / 50))],
		]);
	});
});
