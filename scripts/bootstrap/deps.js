'use strict';
/**
 * The project's own dependencies: `npm ci` when node_modules is missing or does not hold what
 * package-lock.json pins. The comparison reads npm's record of what it installed
 * (node_modules/.package-lock.json) against the lock file: a few milliseconds, and right after
 * any `npm ci` or `npm install` (e.g. the one in .ci/run), where it finds nothing to do.
 *
 * CommonJS, no dependencies (it runs before there are any).
 */
const path = require('path');

const { LOCAL_DIR, ROOT } = require('../runtime/paths');
const { withLock } = require('../lib/lock');
const { cleanNpmEnv, readJson } = require('../lib/packages');
const { runGroup } = require('../lib/proc');

/** The `packages` of a lock file, or undefined when it is missing or unreadable. */
const packages = (file) => {
	const lock = readJson(file);
	return lock && (lock.packages || {});
};
const short = (name) => name.replace(/^.*node_modules\//, '');

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
		if (!have && !entry.optional) return `${short(name)} is not installed`;
		if (have && have.version !== entry.version)
			return `${short(name)} is ${have.version}, the lock file pins ${entry.version}`;
	}
	const extra = Object.keys(installed).find((name) => !(name in wanted));
	return extra ? `${short(extra)} is installed but not in the lock file` : undefined;
}

/** Runs `npm ci` (dev dependencies included) when needed; one run at a time per checkout. */
async function ensureDeps({ log = () => {} } = {}) {
	if (!depsProblem()) return false;
	const install = async (lock) => {
		const problem = depsProblem();
		if (!problem) return false;
		const started = Date.now();
		log(`installing the project's dependencies with npm ci (${problem}) ...`);
		const args = ['ci', '--include=dev', '--no-audit', '--no-fund'];
		const { code, signal } = await runGroup('npm', args, {
			cwd: ROOT,
			env: cleanNpmEnv(),
			stdio: ['ignore', 'inherit', 'inherit'],
			onStart: (pgid) => lock.recordGroup(pgid),
		});
		if (code !== 0) throw new Error(`npm ci failed (${signal || code})`);
		log(`dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
		return true;
	};
	return withLock(path.join(LOCAL_DIR, '.deps.lock'), install, { log });
}

module.exports = { ensureDeps, depsProblem };
