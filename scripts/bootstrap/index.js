#!/usr/bin/env node
'use strict';
/**
 * Runs first in `npm start`, `npm test` and `npm run test:engine` (package.json), so that each
 * works as the first command after `git clone`:
 *   1. cheap checks (Node version, disk, compilers, memory, a way to install Chromium), all
 *      reported at once, before anything long starts;
 *   2. the project's dependencies (`npm ci` when node_modules is missing or stale, see deps.js);
 *   3. the cached Node 24 + n8n runtime (runtime/install.js; first time about 8 minutes);
 *   4. for `test`: Chromium for the browser tests (browser/chromium.js).
 * Steps 3 and 4 are skipped for `engine` (the tests that need neither n8n nor a browser) and with
 * SKIP_N8N_E2E=1 (`test`). Each step is a no-op when done; Ctrl-C stops what a step started.
 *
 *   node scripts/bootstrap start|test|engine
 *
 * Plain Node, no dependencies: it runs before node_modules exists.
 */
const fs = require('fs');
const path = require('path');

const P = require('../runtime/paths');
const { installRuntime, isInstalled } = require('../runtime/install');
const { findChromium, canInstallChromium, ensureChromium } = require('../browser/chromium');
const { depsProblem, ensureDeps } = require('./deps');
const { prerequisiteProblems } = require('./prereqs');

const log = (line) => process.stderr.write(`[bootstrap] ${line}\n`);

async function bootstrap(command) {
	const withN8n = command === 'start' || (command === 'test' && !process.env.SKIP_N8N_E2E);
	const need = {
		engines: JSON.parse(fs.readFileSync(path.join(P.ROOT, 'package.json'), 'utf8')).engines.node,
		root: P.ROOT,
		runtimeDir: P.RUNTIME_DIR,
		deps: !!depsProblem(),
		runtime: withN8n && !isInstalled(),
		browser: command === 'test' && withN8n && !findChromium(),
		canInstallBrowser: canInstallChromium,
	};
	const problems = prerequisiteProblems(need);
	if (problems.length) throw new Error(`cannot ${command} yet:\n  - ${problems.join('\n  - ')}`);
	await ensureDeps({ log });
	if (need.runtime) await installRuntime();
	if (need.browser) await ensureChromium({ log });
}

if (require.main === module) {
	const command = process.argv[2];
	if (!['start', 'test', 'engine'].includes(command)) {
		process.stderr.write('usage: node scripts/bootstrap start|test|engine\n');
		process.exit(2);
	}
	bootstrap(command).catch((e) => {
		log(e.message);
		process.exitCode = 1;
	});
}

module.exports = { bootstrap };
