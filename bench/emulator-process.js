// @ts-check
'use strict';

const { spawn } = require('child_process');
const http = require('http');
const path = require('path');

/**
 * Starts bench/emulator.js in its own process with this seed (see its header); resolves
 * {url, stop} once it listens.
 * @param {Record<string, unknown>} seed @returns {Promise<{url: string, stop: () => void}>}
 */
function startEmulator(seed) {
	const child = spawn(
		process.execPath,
		[path.join(__dirname, 'emulator.js'), JSON.stringify(seed)],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			if (!out.includes('\n')) return;
			child.removeAllListeners('exit');
			resolve({ url: JSON.parse(out).url, stop: () => child.stdin.end() });
		});
	});
}

/** @param {string} url @param {string} [method] @returns {Promise<any>} */
function requestJson(url, method = 'GET') {
	return new Promise((resolve, reject) => {
		http
			.request(url, { method }, (res) => {
				let text = '';
				res
					.setEncoding('utf8')
					.on('data', (c) => (text += c))
					.on('end', () => resolve(JSON.parse(text)));
			})
			.on('error', reject)
			.end();
	});
}

module.exports = { startEmulator, requestJson };
