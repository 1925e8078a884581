// `npm run lint`: n8n's official `n8n-node lint` (strict mode: its default eslint.config.mjs, the
// n8n Cloud rules) on the whole repository, failing on warnings too, which the CLI lets pass;
// then the project's own lint of tests and tooling, and Prettier's check of every source file.
'use strict';

const { spawnSync } = require('node:child_process');

const fix = process.argv.includes('--fix');
const steps = [
	['n8n-node', ['lint', ...(fix ? ['--fix'] : [])], { failOnProblems: true }],
	[
		'eslint',
		['-c', 'eslint.tooling.config.mjs', '--max-warnings', '0', ...(fix ? ['--fix'] : []), '.'],
	],
	['prettier', [fix ? '--write' : '--check', '--log-level', 'warn', '.']],
];

for (const [command, args, { failOnProblems = false } = {}] of steps) {
	const run = spawnSync('npx', ['--no-install', command, ...args], {
		encoding: 'utf8',
		stdio: ['inherit', 'pipe', 'inherit'],
	});
	process.stdout.write(run.stdout ?? '');
	// ESLint's summary line ("✖ 2 problems (0 errors, 2 warnings)") appears for warnings alone.
	if (run.status !== 0 || (failOnProblems && /\u2716 \d+ problems?/.test(run.stdout ?? ''))) {
		console.error(`lint: ${command} ${args.join(' ')} found problems`);
		process.exit(run.status || 1);
	}
}
