'use strict';
/**
 * The DevRev emulator as a process of its own (its CPU and memory apart from ours): npm start,
 * the queue stack and the bench start it here. CommonJS, no dependencies.
 */
const path = require('path');

const { spawnGroup } = require('./proc');
const { until } = require('./wait');

const ROOT = path.resolve(__dirname, '..', '..');
const EMULATOR_CLI = path.join(ROOT, 'test', 'emulator', 'cli.js');

/**
 * Starts `script` (test/emulator/cli.js, whose flags `args` are, or another script that prints
 * `{"url", "token"}` on its first line once it listens) in its own process group; resolves the
 * service (proc.js spawnGroup) with `url` and `token` once it listens.
 * @param {string[]} args @param {{ script?: string, logFile?: string }} [options]
 */
async function startEmulator(args, { script = EMULATOR_CLI, logFile } = {}) {
	/** @type {{ url: string, token: string } | undefined} */
	let address;
	const service = spawnGroup(process.execPath, [script, ...args], {
		cwd: ROOT,
		stdin: 'pipe', // closes when we die: a script may stop on it
		logFile,
		onLine: (line) => {
			if (!address && line.startsWith('{')) address = JSON.parse(line);
		},
	});
	const exited = () => {
		const info = service.exitInfo();
		return info && `it exited (${JSON.stringify(info)}): ${service.logs().slice(-2000)}`;
	};
	try {
		const { url, token } = await until('the DevRev emulator to listen', () => address, {
			timeoutMs: 30000,
			intervalMs: 50,
			unless: exited,
		});
		return { ...service, url, token };
	} catch (e) {
		await service.stop();
		throw e;
	}
}

module.exports = { startEmulator, EMULATOR_CLI };
