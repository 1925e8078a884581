'use strict';
/**
 * Chromium for the browser tests and the README's screenshots: Debian's `chromium` package
 * (/usr/bin/chromium), installed with apt-get when missing, or the binary CHROMIUM_PATH names.
 * Driven by playwright-core, which never downloads a browser of its own.
 */
const fs = require('fs');
const { spawnSync } = require('child_process');

const { runGroup } = require('../runtime/groups');
const { which } = require('../bootstrap/prereqs');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function executable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** The Chromium to use, or undefined when there is none. */
function findChromium() {
	const wanted = process.env.CHROMIUM_PATH;
	if (wanted) return executable(wanted) ? wanted : undefined;
	return executable(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

/** The command prefix that runs apt-get as root here ([] when we are root), or undefined. */
function aptPrefix() {
	if (!which('apt-get')) return undefined;
	if (process.getuid && process.getuid() === 0) return [];
	if (which('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0)
		return ['sudo', '-n'];
	return undefined;
}

const canInstallChromium = () =>
	!!findChromium() || (!process.env.CHROMIUM_PATH && aptPrefix() !== undefined);

async function apt(prefix, args) {
	const [command, ...rest] = [...prefix, 'apt-get', ...args];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	return (
		(await runGroup(command, rest, { env, stdio: ['ignore', 'inherit', 'inherit'] })).code === 0
	);
}

/** Finds Chromium, or installs Debian's package (apt-get update first when the package lists are stale). */
async function ensureChromium({ log = () => {} } = {}) {
	const found = findChromium();
	if (found) return found;
	const prefix = aptPrefix();
	if (process.env.CHROMIUM_PATH || prefix === undefined) {
		throw new Error(
			`Chromium is missing${process.env.CHROMIUM_PATH ? ` at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : ''}: run sudo apt-get install chromium`,
		);
	}
	const t0 = Date.now();
	log('installing Chromium for the browser tests (apt-get install chromium) ...');
	const install = ['install', '-y', '-q', '--no-install-recommends', 'chromium'];
	if (
		!(await apt(prefix, install)) &&
		!((await apt(prefix, ['update', '-q'])) && (await apt(prefix, install)))
	) {
		throw new Error('apt-get install chromium failed (see above)');
	}
	if (!findChromium())
		throw new Error(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is missing`);
	log(`Chromium installed in ${Math.round((Date.now() - t0) / 1000)} s`);
	return DEBIAN_CHROMIUM;
}

/** Flags for a headless Chromium on a closed network (no background calls to Google's hosts). */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** A headless Chromium through playwright-core. */
async function launchChromium() {
	const { chromium } = require('playwright-core');
	const executablePath = findChromium();
	if (!executablePath)
		throw new Error(
			'Chromium is missing: run npm test once (it installs it) or sudo apt-get install chromium',
		);
	return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

module.exports = { findChromium, canInstallChromium, ensureChromium, launchChromium };
