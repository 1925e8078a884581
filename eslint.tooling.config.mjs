// The project's own lint of what does not ship: tests, scripts, benches and config files.
// They run on Node (files, processes, timers), so n8n's community-node rules, which
// `n8n-node lint` applies through eslint.config.mjs, do not fit them; typescript-eslint's and
// ESLint's recommended rules do. Run by `npm run lint` beside `n8n-node lint`.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const unusedVars = {
	argsIgnorePattern: '^_',
	varsIgnorePattern: '^_',
	caughtErrorsIgnorePattern: '^_',
	destructuredArrayIgnorePattern: '^_',
};

export default defineConfig(
	globalIgnores([
		'dist/**',
		'coverage/**',
		'**/node_modules/**',
		'.n8n-runtime/**',
		'.bench/**',
		'docs/**',
		'nodes/**',
		'credentials/**',
	]),
	{
		// Test files name the n8n Cloud rules they step over for `n8n-node lint`; here those rules are off.
		linterOptions: { reportUnusedDisableDirectives: 'off' },
		plugins: { '@n8n/community-nodes': n8nCommunityNodesPlugin },
		languageOptions: { globals: { ...globals.node } },
	},
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			'prefer-spread': 'off',
			'@typescript-eslint/no-unused-vars': ['error', unusedVars],
		},
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'commonjs' },
		rules: { 'no-unused-vars': ['error', unusedVars] },
	},
	{
		files: ['**/*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'module' },
	},
	{
		files: ['test/**/*.{ts,js}'],
		languageOptions: { globals: { ...globals.jest } },
	},
);
