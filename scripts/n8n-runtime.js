#!/usr/bin/env node
'use strict';
/**
 * Real n8n for this repo, from the command line: the cached Node 24 + n8n runtime (runtime/),
 * the packed package (n8n/package.js) and n8n itself (n8n/n8n.js).
 *
 *   node scripts/n8n-runtime.js ensure          install (or verify) the cached runtime
 *   node scripts/n8n-runtime.js info            print the runtime paths as JSON
 *   node scripts/n8n-runtime.js pack            build + npm pack, print the tarball path
 *   node scripts/n8n-runtime.js n8n -- <args>   run the cached n8n with the n8n user folder of `npm start`
 *
 * CommonJS, no dependencies: it runs on the machine's Node 20 and spawns Node 24 for n8n.
 */
const fs = require('fs');
const { spawnSync } = require('child_process');

const P = require('./runtime/paths');
const { log } = require('./runtime/install');
const { ensureRuntime, n8nEnv, runtimeInfo } = require('./n8n/n8n');
const { packPackage } = require('./n8n/package');

const commands = {
	async ensure() {
		const started = Date.now();
		const { marker } = await ensureRuntime();
		const took = ((Date.now() - started) / 1000).toFixed(1);
		log(`ok in ${took} s: node ${marker.nodeVersion}, n8n ${marker.n8nVersion}`);
	},
	info: () => console.log(JSON.stringify(runtimeInfo(), null, 2)),
	pack: (args) => console.log(packPackage({ build: !args.includes('--no-build') })),
	async n8n(args) {
		await ensureRuntime();
		const userFolder = P.START_USER_FOLDER;
		fs.mkdirSync(userFolder, { recursive: true });
		const r = spawnSync(P.NODE24, [P.N8N_BIN, ...(args[0] === '--' ? args.slice(1) : args)], {
			stdio: 'inherit',
			cwd: userFolder,
			env: n8nEnv(userFolder),
		});
		process.exitCode = r.status ?? 1;
	},
};

const [command = 'ensure', ...rest] = process.argv.slice(2);
if (!commands[command]) {
	console.error('usage: n8n-runtime.js [ensure|info|pack|n8n -- <args>]');
	process.exitCode = 2;
} else {
	Promise.resolve(commands[command](rest)).catch((e) => {
		console.error(e && e.stack ? e.stack : e);
		process.exitCode = 1;
	});
}
