'use strict';
/**
 * Chromium for the browser tests and the README's screenshots: Debian's `chromium` package
 * (/usr/bin/chromium), installed with apt-get when missing, or the binary CHROMIUM_PATH names.
 * Driven by playwright-core, which never downloads a browser of its own.
 */
const fs = require('fs');

const { aptInstall, aptPrefix } = require('../lib/packages');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
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

/** The Chromium to use, or undefined when there is none. */
function findChromium() {
	const file = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return file;
	} catch {
		return undefined;
	}
}

const canInstallChromium = () =>
	!!findChromium() || (!process.env.CHROMIUM_PATH && aptPrefix() !== undefined);

/** Finds Chromium, or installs Debian's package. */
async function ensureChromium({ log = () => {} } = {}) {
	const found = findChromium();
	if (found) return found;
	const wanted = process.env.CHROMIUM_PATH;
	if (wanted)
		throw new Error(
			`Chromium is missing at CHROMIUM_PATH=${wanted}: run sudo apt-get install chromium`,
		);
	const started = Date.now();
	log('installing Chromium for the browser tests (apt-get install chromium) ...');
	await aptInstall(['chromium']);
	if (!findChromium())
		throw new Error(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is missing`);
	log(`Chromium installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return DEBIAN_CHROMIUM;
}

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
