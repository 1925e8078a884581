'use strict';
/**
 * Cheap checks before any long install, so that a missing compiler or a full disk is reported in
 * the first second rather than ten minutes into an install. Each problem says what to do.
 *
 * CommonJS, no dependencies.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { which } = require('../lib/packages');

const GB = 1024 ** 3;
/** npm ci of the project (about 0.5 GB) with room to spare. */
const DEPS_DISK = 1 * GB;
/** n8n's node_modules (about 3 GB) and the npm cache of its install (about 0.8 GB). */
const RUNTIME_DISK = 4.5 * GB;
/** npm's install of n8n peaks at about 4.3 GB of memory. */
const RUNTIME_MEMORY = 4 * GB;

/** Free bytes on the file system of `dir` (or of its nearest existing parent). */
function freeBytes(dir) {
	let d = path.resolve(dir);
	while (!fs.existsSync(d)) d = path.dirname(d);
	const s = fs.statfsSync(d);
	return s.bavail * s.bsize;
}

const gb = (bytes) => `${(bytes / GB).toFixed(1)} GB`;

function nodeProblem(engines) {
	const min = /^>=\s*(\d+)\.(\d+)/.exec(engines || '');
	if (!min) return undefined;
	const [major, minor] = process.versions.node.split('.').map(Number);
	const ok = major > Number(min[1]) || (major === Number(min[1]) && minor >= Number(min[2]));
	return ok
		? undefined
		: `Node.js ${engines} is needed, this is ${process.version}: install a newer Node.js (e.g. from nodejs.org or nvm).`;
}

function diskProblem(dir, need, what) {
	const free = freeBytes(dir);
	return free >= need
		? undefined
		: `${what} needs about ${gb(need)} free in ${dir}, there are ${gb(free)}: free some space.`;
}

/**
 * @param {{ engines?: string, root: string, runtimeDir: string, deps: boolean, runtime: boolean,
 *   browser: boolean, canInstallBrowser: () => boolean }} need
 * @returns {string[]} what is wrong, one sentence each
 */
function prerequisiteProblems(need) {
	const problems = [nodeProblem(need.engines)];
	if (need.deps)
		problems.push(diskProblem(need.root, DEPS_DISK, "Installing the project's dependencies"));
	if (need.runtime) {
		problems.push(diskProblem(need.runtimeDir, RUNTIME_DISK, 'Installing n8n'));
		const tools = ['python3', 'make', 'g++'].filter((t) => !which(t));
		if (tools.length) {
			problems.push(
				`Installing n8n builds native modules and needs ${tools.join(', ')}: sudo apt-get install python3 make g++`,
			);
		}
		if (os.totalmem() < RUNTIME_MEMORY) {
			problems.push(
				`Installing n8n takes about 4.3 GB of memory; this machine has ${gb(os.totalmem())}.`,
			);
		}
	}
	if (need.browser && !need.canInstallBrowser()) {
		problems.push(
			'The browser tests need Chromium (/usr/bin/chromium), which is missing and cannot be installed from here ' +
				'(apt-get as root or with password-less sudo): run sudo apt-get install chromium, or set CHROMIUM_PATH ' +
				'to a Chromium or Chrome binary, or skip the n8n tests with SKIP_N8N_E2E=1.',
		);
	}
	return problems.filter(Boolean);
}

module.exports = { prerequisiteProblems };
