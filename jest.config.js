/**
 * Two Jest projects, one per n8n line the node is tested with:
 *  - "n8n 2.x": every test, against the n8n-core / n8n-workflow of the devDependencies.
 *  - "n8n 1.x": the engine tests (test/node, test/trigger) and the load checks (test/compat) again, with
 *    `n8n-core` / `n8n-workflow` mapped to the newest n8n 1.x, installed in
 *    test/compat/n8n1/node_modules by test/compat/install-n8n1.js (the project's globalSetup; a no-op
 *    when already installed).
 * Both map the two packages explicitly, so code outside the repo (the extracted tarball in
 * test/compat) resolves them too, and always to the engine of its project.
 */
const path = require('path');

/** @param {string} nodeModules */
function engine(nodeModules) {
	return {
		'^n8n-core$': path.join(nodeModules, 'n8n-core'),
		'^n8n-workflow$': path.join(nodeModules, 'n8n-workflow'),
		// ESM-only, which jest cannot require; the emulator's validator never calls it (see the stub).
		'^@apidevtools/json-schema-ref-parser$': path.join(
			__dirname,
			'test',
			'emulator',
			'spec',
			'no-ref-parser.js',
		),
	};
}

/** The n8n-core / n8n-workflow versions a project must run with (checked in test/compat). */
function pins(packageJson, field) {
	const deps = require(packageJson)[field];
	return { 'n8n-core': deps['n8n-core'], 'n8n-workflow': deps['n8n-workflow'] };
}

/** @type {import('jest').Config} */
const common = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	setupFiles: ['<rootDir>/test/setup-env.js'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};

/** @type {import('jest').Config} */
module.exports = {
	testTimeout: 30_000,
	projects: [
		{
			...common,
			displayName: 'n8n 2.x',
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			moduleNameMapper: engine(path.join(__dirname, 'node_modules')),
			globals: { N8N_ENGINE_PINS: pins(path.join(__dirname, 'package.json'), 'devDependencies') },
		},
		{
			...common,
			displayName: 'n8n 1.x',
			testMatch: [
				'<rootDir>/test/node/*.test.ts',
				'<rootDir>/test/trigger/*.test.ts',
				'<rootDir>/test/compat/*.test.ts',
			],
			moduleNameMapper: engine(path.join(__dirname, 'test', 'compat', 'n8n1', 'node_modules')),
			globalSetup: '<rootDir>/test/compat/install-n8n1.js',
			globals: {
				N8N_ENGINE_PINS: pins(
					path.join(__dirname, 'test', 'compat', 'n8n1', 'package.json'),
					'dependencies',
				),
			},
		},
	],
};
