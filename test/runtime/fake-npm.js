#!/usr/bin/env node
'use strict';
/**
 * Stands in for `npm install <spec>` in the runtime install tests (N8N_RUNTIME_NPM): lays out what
 * the real install of `node@24` or `n8n@<version>` leaves that the installer checks, in seconds.
 * Like npm it starts a child of its own (a build, say), so a test can see the whole group stopped.
 *
 * FAKE_NPM_LOG      file: one JSON line per start ({event, spec, pid, helper, cwd}) and per finish
 * FAKE_NPM_SLOW     a spec prefix ("n8n") that takes FAKE_NPM_DELAY_MS before finishing
 * FAKE_NPM_FAIL     a spec prefix that fails (exit 1) after writing part of its files
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const spec = process.argv[process.argv.length - 1];
const log = (entry) => fs.appendFileSync(process.env.FAKE_NPM_LOG, `${JSON.stringify(entry)}\n`);
const matches = (prefix) => !!prefix && spec.startsWith(prefix);

function write(file, text, mode) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text, { mode });
}

function layOut() {
	const modules = path.join(process.cwd(), 'node_modules');
	if (spec.startsWith('node@')) {
		// Node 24 of the runtime: says it is, and runs scripts (this fake, under n8n's PATH) with this Node.
		const node = `#!/bin/sh\n[ "$1" = --version ] && echo v24.0.0 && exit 0\nexec ${process.execPath} "$@"\n`;
		write(path.join(modules, 'node', 'bin', 'node'), node, 0o755);
		const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
		write('package.json', JSON.stringify({ ...pkg, dependencies: { node: '^24.0.0' } }));
	} else {
		const version = spec.split('@')[1];
		write(path.join(modules, 'n8n', 'package.json'), JSON.stringify({ name: 'n8n', version }));
		write(path.join(modules, 'n8n', 'bin', 'n8n'), '// fake\n');
	}
}

const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)'], { stdio: 'ignore' });
log({ event: 'start', spec, pid: process.pid, helper: helper.pid, cwd: process.cwd() });
write(path.join(process.cwd(), 'node_modules', '.partial'), 'half-way');
const delay = matches(process.env.FAKE_NPM_SLOW) ? Number(process.env.FAKE_NPM_DELAY_MS || 0) : 0;
setTimeout(() => {
	helper.kill('SIGKILL');
	if (matches(process.env.FAKE_NPM_FAIL)) process.exit(1);
	layOut();
	log({ event: 'done', spec, pid: process.pid });
}, delay);
