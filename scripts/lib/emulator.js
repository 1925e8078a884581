'use strict';
/**
 * The DevRev emulator as a process of its own (its CPU and memory apart from ours): npm start,
 * the queue stack and the bench start it here. CommonJS, no dependencies.
 */
const path = require('path');

const { spawnGroup } = require('./proc');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts `script` (test/emulator/cli.js, whose flags `args` are, or another script that prints
 * `{"url", "token"}` on its first line once it listens) in its own process group; resolves the
 * service (proc.js spawnGroup) with `url` and `token` once it listens.
 */
async function startEmulator(
	args,
	{ script = path.join(ROOT, 'test', 'emulator', 'cli.js'), logFile } = {},
) {
	let address;
	const service = spawnGroup(process.execPath, [script, ...args], {
		cwd: ROOT,
		stdin: 'pipe', // closes when we die: a script may stop on it
		logFile,
		onLine: (line) => {
			if (!address && line.startsWith('{')) address = JSON.parse(line);
		},
	});
	try {
		const options = { timeoutMs: 30000, intervalMs: 50 };
		const { url, token } = await service.ready(
			'the DevRev emulator to listen',
			() => address,
			options,
		);
		return { ...service, url, token };
	} catch (e) {
		await service.stop();
		throw e;
	}
}

module.exports = { startEmulator };
