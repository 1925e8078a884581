// ESLint flat config.
//  - nodes/, credentials/ and package.json: what n8n checks before it lists or verifies a
//    community node. The rule set mirrors `n8n-node lint` (@n8n/node-cli) and the source leg
//    of @n8n/scan-community-package: @n8n/eslint-plugin-community-nodes (recommended) plus the
//    nodes / credentials / community rule sets of eslint-plugin-n8n-nodes-base.
//  - everything else (test/, scripts/, bench/, config files): typescript-eslint recommended.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// eslint-plugin-n8n-nodes-base swaps in fixture file names when NODE_ENV is "test" (read when it
// loads), which turns its file-name rules upside down: load it as n8n's tools do.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
const { default: n8nNodesBase } = await import('eslint-plugin-n8n-nodes-base');

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;
const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default defineConfig(
	globalIgnores([
		'dist/**',
		'coverage/**',
		'**/node_modules/**',
		'.n8n-runtime/**',
		'.bench/**',
		'docs/**',
	]),

	// Every TypeScript file: ESLint's and typescript-eslint's recommended rules.
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node } },
		rules: {
			'prefer-spread': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
			],
		},
	},

	// Plain JavaScript (CommonJS scripts, the emulator, config files).
	{
		files: ['**/*.js'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
		rules: {
			'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['**/*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'module', globals: { ...globals.node } },
	},
	{
		files: ['test/**/*.{ts,js}'],
		languageOptions: { globals: { ...globals.jest } },
	},

	// What ships: n8n's community-node rules.
	{
		files: shipped,
		extends: [communityRecommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { 'no-console': 'error' },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Not valid for community nodes (n8n-node lint turns these off too).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Inputs and outputs may be NodeConnectionTypes instead of "main" (as in n8n-node lint).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['package.json'],
		extends: [communityRecommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
);
