/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * The first-contact path, end to end (test/fresh-clone/check.js): a clone of HEAD in a
 * temporary folder, `npm start` there until the editor answers and Ctrl-C stops it, then
 * `npm test` there, with no other command. It runs the whole suite a second time, so it runs in
 * CI (CI=true) and on demand (FRESH_CLONE_CHECK=1, `npm run check:fresh-clone` without jest);
 * a local `npm test` skips it, and so does the clone's own `npm test` (FRESH_CLONE_INNER).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ENABLED =
	(process.env.CI === 'true' || process.env.FRESH_CLONE_CHECK === '1') &&
	!process.env.FRESH_CLONE_INNER &&
	!process.env.SKIP_N8N_E2E;
const describeFreshClone = ENABLED ? describe : describe.skip;

const SCRIPT = path.join(__dirname, 'check.js');

describeFreshClone('a fresh clone', () => {
	it(
		'npm start brings up the editor and Ctrl-C stops it; npm test passes',
		async () => {
			const child = spawn(process.execPath, [SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
			let stdout = '';
			child.stdout.on('data', (d) => (stdout += d));
			const code = await new Promise((resolve) => child.on('exit', resolve));
			const result = JSON.parse(stdout.trim().split('\n').pop() as string);
			expect({ code, error: result.error }).toEqual({ code: 0, error: undefined });
			expect(result).toMatchObject({
				testExit: 0,
				start: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
			});
		},
		90 * 60 * 1000,
	);
});
