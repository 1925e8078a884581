'use strict';
/**
 * Installing what the tooling needs: npm (the project's own dependencies, the runtime, the packed
 * package, the n8n 1.x test engine) and apt-get (Chromium, redis, PostgreSQL). CommonJS, no
 * dependencies.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const { runGroup } = require('./proc');

/** The executable `command` names on PATH, or undefined. */
function which(command) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const file = path.join(dir, command);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			if (fs.statSync(file).isFile()) return file;
		} catch {
			/* not here */
		}
	}
	return undefined;
}

/** A JSON file's content, or undefined when it is missing or unreadable. */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** `env` without what an enclosing `npm start` / `npm test` passes to its scripts (npm_*). */
function cleanNpmEnv(env = process.env) {
	return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

/** `npm <args>` to its end, output captured; throws with that output when it fails. */
function npmSync(args, { cwd, env = cleanNpmEnv() }) {
	const res = spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
	if (res.status !== 0)
		throw new Error(`npm ${args.join(' ')} in ${cwd} failed:\n${res.stdout}\n${res.stderr}`);
	return res.stdout;
}

/** How to run apt-get as root here: [] as root, through password-less sudo, else undefined. */
function aptPrefix() {
	if (!which('apt-get')) return undefined;
	if (process.getuid && process.getuid() === 0) return [];
	if (which('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0)
		return ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
	return undefined;
}

/**
 * Installs Debian packages with apt-get (after `apt-get update` when the first try fails: stale
 * package lists), in a process group that Ctrl-C stops; an error says what to run where it cannot.
 */
async function aptInstall(packages, { log = () => {} } = {}) {
	const prefix = aptPrefix();
	const command = `apt-get install -y ${packages.join(' ')}`;
	if (!prefix) throw new Error(`${packages.join(', ')} missing: run sudo ${command}`);
	const [cmd, ...rest] = [...prefix, 'apt-get'];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = async (...args) =>
		(await runGroup(cmd, [...rest, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] }))
			.code === 0;
	const install = ['install', '-y', '-q', '--no-install-recommends', ...packages];
	log(`installing ${packages.join(' ')} with apt-get ...`);
	if (!(await apt(...install)) && !((await apt('update', '-q')) && (await apt(...install))))
		throw new Error(`${command} failed (see above)`);
}

module.exports = { which, readJson, cleanNpmEnv, npmSync, aptPrefix, aptInstall };
