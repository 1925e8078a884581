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
 *   node scripts/compat-n8n1.js           install if needed, print the versions
 *   node scripts/compat-n8n1.js --check   exit 1 (and say why) instead of installing
 *
 * Also the Jest globalSetup of the "n8n 1.x" project (exported function).
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, 'test', 'compat', 'n8n1');
const LOCK = path.join(DIR, '.install.lock');

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Pinned versions of the compat folder: { 'n8n-core': '1.x.y', 'n8n-workflow': '1.x.y' }. */
function pinned() {
	return readJson(path.join(DIR, 'package.json')).dependencies;
}

/** Names whose installed version differs from the pin (empty when the install is current). */
function outdated() {
	return Object.entries(pinned())
		.filter(
			([name, version]) =>
				readJson(path.join(DIR, 'node_modules', name, 'package.json'))?.version !== version,
		)
		.map(([name, version]) => `${name}@${version}`);
}

function sleep(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One installer at a time (parallel test runs share the folder). */
function withLock(fn) {
	const deadline = Date.now() + 10 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(LOCK);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const age = Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
			if (age > 10 * 60 * 1000) fs.rmSync(LOCK, { recursive: true, force: true });
			else if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
			else sleep(500);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(LOCK, { recursive: true, force: true });
	}
}

function install() {
	const env = { ...process.env };
	// Not the settings of an enclosing `npm test` (prefix, lifecycle, ...): the folder's own .npmrc.
	for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
	const started = Date.now();
	const res = spawnSync(
		'npm',
		['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
		{
			cwd: DIR,
			env,
			encoding: 'utf8',
		},
	);
	if (res.status !== 0) {
		throw new Error(`npm ci in ${path.relative(ROOT, DIR)} failed:\n${res.stdout}\n${res.stderr}`);
	}
	return Date.now() - started;
}

/** Installs the pinned n8n 1.x engine unless it is already there. Returns what it did. */
function ensure({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
	if (outdated().length === 0) return { installed: false, versions: pinned() };
	return withLock(() => {
		const missing = outdated();
		if (missing.length === 0) return { installed: false, versions: pinned() };
		log(
			`[compat-n8n1] installing ${missing.join(', ')} into ${path.relative(ROOT, DIR)}/node_modules ...`,
		);
		const ms = install();
		const still = outdated();
		if (still.length) throw new Error(`after npm ci, still not installed: ${still.join(', ')}`);
		log(`[compat-n8n1] installed in ${(ms / 1000).toFixed(1)} s`);
		return { installed: true, versions: pinned() };
	});
}

module.exports = async function globalSetup() {
	ensure();
};
module.exports.ensure = ensure;
module.exports.outdated = outdated;
module.exports.pinned = pinned;
module.exports.DIR = DIR;

if (require.main === module) {
	try {
		if (process.argv.includes('--check')) {
			const missing = outdated();
			if (missing.length) {
				process.stderr.write(
					`[compat-n8n1] not installed: ${missing.join(', ')} (run npm run compat:n8n1)\n`,
				);
				process.exit(1);
			}
		} else {
			ensure();
		}
		const versions = Object.entries(pinned()).map(([name, version]) => `${name}@${version}`);
		process.stdout.write(`[compat-n8n1] ready: ${versions.join(', ')}\n`);
	} catch (error) {
		process.stderr.write(`[compat-n8n1] ${error.message}\n`);
		process.exit(1);
	}
}
