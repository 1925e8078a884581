/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	testTimeout: 30_000,
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};
