'use strict';
/**
 * The project's own dependencies: `npm ci` when node_modules is missing or does not hold what
 * package-lock.json pins. The comparison reads npm's record of what it installed
 * (node_modules/.package-lock.json) against the lock file: a few milliseconds, and right after
 * any `npm ci` or `npm install` (e.g. the one in .ci/run), where it finds nothing to do.
 *
 * CommonJS, no dependencies (it runs before there are any).
 */
const fs = require('fs');
const path = require('path');

const { runGroup } = require('../runtime/groups');
const { withLock } = require('../runtime/lock');
const { LOCAL_DIR, ROOT } = require('../runtime/paths');

function packages(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')).packages || {};
	} catch {
		return undefined;
	}
}

/** Why node_modules does not match package-lock.json, or undefined when it does. */
function depsProblem(root = ROOT) {
	const wanted = packages(path.join(root, 'package-lock.json'));
	if (!wanted) return 'package-lock.json is missing or unreadable';
	const installed = packages(path.join(root, 'node_modules', '.package-lock.json'));
	if (!installed) return 'node_modules is missing';
	for (const [name, entry] of Object.entries(wanted)) {
		if (name === '') continue;
		const have = installed[name];
		// Optional packages of other platforms are never installed.
		if (!have && !entry.optional)
			return `${name.replace(/^.*node_modules\//, '')} is not installed`;
		if (have && have.version !== entry.version)
			return `${name.replace(/^.*node_modules\//, '')} is ${have.version}, the lock file pins ${entry.version}`;
	}
	const extra = Object.keys(installed).find((name) => !(name in wanted));
	return extra
		? `${extra.replace(/^.*node_modules\//, '')} is installed but not in the lock file`
		: undefined;
}

/** The environment without what an enclosing `npm start` / `npm test` passes to its scripts. */
function cleanNpmEnv(env = process.env) {
	return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

/** Runs `npm ci` (dev dependencies included) when needed; one run at a time per checkout. */
async function ensureDeps({ log = () => {} } = {}) {
	if (!depsProblem()) return false;
	return withLock(
		path.join(LOCAL_DIR, '.deps.lock'),
		async (lock) => {
			const problem = depsProblem();
			if (!problem) return false;
			const t0 = Date.now();
			log(`installing the project's dependencies with npm ci (${problem}) ...`);
			const { code, signal } = await runGroup(
				'npm',
				['ci', '--include=dev', '--no-audit', '--no-fund'],
				{
					cwd: ROOT,
					env: cleanNpmEnv(),
					stdio: ['ignore', 'inherit', 'inherit'],
					onStart: (pgid) => lock.recordGroup(pgid),
				},
			);
			if (code !== 0) throw new Error(`npm ci failed (${signal || code})`);
			log(`dependencies installed in ${Math.round((Date.now() - t0) / 1000)} s`);
			return true;
		},
		{ log },
	);
}

module.exports = { ensureDeps, depsProblem, cleanNpmEnv };
