#!/usr/bin/env node
'use strict';
/**
 * The n8n 1.x engine for the compatibility tests: installs test/compat/n8n1 (n8n-core and
 * n8n-workflow of the newest n8n 1.x, pinned in its package.json and package-lock.json) into
 * test/compat/n8n1/node_modules (git-ignored), which the "n8n 1.x" Jest project maps
 * `n8n-core` / `n8n-workflow` to (see jest.config.js).
 *
 * A no-op (well under a second) when the installed versions already match the pins, so every
 * `npm test` calls it; the first install takes about half a minute. CI caches the folder.
 *
 *   node test/compat/install-n8n1.js           install if needed, print the versions
 *   node test/compat/install-n8n1.js --check   exit 1 (and say why) instead of installing
 *
 * Also the Jest globalSetup of the "n8n 1.x" project (exported function).
 */
const path = require('path');

const { withLock } = require('../../scripts/lib/lock');
const { npmSync, readJson } = require('../../scripts/lib/packages');

const DIR = path.join(__dirname, 'n8n1');
const log = (line) => process.stderr.write(`[compat-n8n1] ${line}\n`);

/** Pinned versions of the compat folder: { 'n8n-core': '1.x.y', 'n8n-workflow': '1.x.y' }. */
const pinned = () => readJson(path.join(DIR, 'package.json')).dependencies;
const versions = () => Object.entries(pinned()).map(([name, version]) => `${name}@${version}`);

/** Names whose installed version differs from the pin (empty when the install is current). */
const outdated = () =>
	versions().filter((spec) => {
		const [, name, version] = /^(.+)@(.+)$/.exec(spec);
		return (
			(readJson(path.join(DIR, 'node_modules', name, 'package.json')) || {}).version !== version
		);
	});

/** Installs the pinned n8n 1.x engine unless it is already there (one installer at a time). */
async function ensure() {
	if (outdated().length === 0) return;
	await withLock(path.join(DIR, '.install.lock'), async () => {
		const missing = outdated();
		if (missing.length === 0) return;
		log(
			`installing ${missing.join(', ')} into ${path.relative(process.cwd(), DIR)}/node_modules ...`,
		);
		const started = Date.now();
		// Not the settings of an enclosing `npm test` (prefix, lifecycle, ...): the folder's own .npmrc.
		npmSync(['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
			cwd: DIR,
		});
		const still = outdated();
		if (still.length) throw new Error(`after npm ci, still not installed: ${still.join(', ')}`);
		log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	});
}

module.exports = ensure;

if (require.main === module) {
	const check = process.argv.includes('--check');
	const missing = check ? outdated() : [];
	(check ? Promise.resolve() : ensure())
		.then(() => {
			if (missing.length)
				throw new Error(`not installed: ${missing.join(', ')} (run npm run compat:n8n1)`);
			process.stdout.write(`[compat-n8n1] ready: ${versions().join(', ')}\n`);
		})
		.catch((error) => {
			log(error.message);
			process.exitCode = 1;
		});
}
