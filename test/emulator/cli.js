#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * node test/emulator/cli.js [--port N] [--host 127.0.0.1] [--token T] [--seed demo|none|N]
 *                           [--scan-page-size N] [--multi-association] [--rate-limit N] [--rate-window-ms MS]
 * Prints one JSON line {"url": "...", "token": "..."} once listening; stops on SIGINT/SIGTERM.
 * --token may repeat (the first one is printed). --seed demo = DEMO (2 accounts, 4 rev orgs, 25 sys
 * users, 300 rev users, 8 more dev users, 8 tags, 150 parts, 40 tickets, 25 issues, 120
 * comments); --seed N = the same with N rev users; --seed none = empty (default demo).
 */

const { DevRevEmulator } = require('./index');

const DEMO = {
	accounts: 2,
	revOrgs: 4,
	sysUsers: 25,
	revUsers: 300,
	devUsers: 8,
	tags: 8,
	parts: 150,
	tickets: 40,
	issues: 25,
	comments: 120,
};

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {string[]} */
	const tokens = [];
	const o = {
		port: 0,
		host: '127.0.0.1',
		tokens,
		seed: 'demo',
		scanPageSize: 50,
		multiAssociation: false,
		rateLimit: /** @type {number | undefined} */ (undefined),
		rateLimitWindowMs: /** @type {number | undefined} */ (undefined),
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=')
			? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
			: [a, undefined];
		const val = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		const int = () => {
			const v = val();
			if (!/^\d+$/.test(v)) throw new Error(`${flag} needs a non-negative integer, got ${v}`);
			return Number(v);
		};
		if (flag === '--port') o.port = int();
		else if (flag === '--host') o.host = val();
		else if (flag === '--token') o.tokens.push(val());
		else if (flag === '--seed') o.seed = val();
		else if (flag === '--scan-page-size') o.scanPageSize = int();
		else if (flag === '--multi-association') o.multiAssociation = true;
		else if (flag === '--rate-limit') o.rateLimit = int();
		else if (flag === '--rate-window-ms') o.rateLimitWindowMs = int();
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(
				'usage: cli.js [--port N] [--host H] [--token T] [--seed demo|none|N] ' +
					'[--scan-page-size N] [--multi-association] [--rate-limit N] [--rate-window-ms MS]\n',
			);
			process.exit(0);
		} else throw new Error(`unknown flag ${a}`);
	}
	if (!['demo', 'none'].includes(o.seed) && !/^\d+$/.test(o.seed))
		throw new Error('--seed takes demo, none or a number');
	if (o.scanPageSize < 1) throw new Error('--scan-page-size must be >= 1');
	if (o.tokens.length === 0) o.tokens.push('test-token');
	return o;
}

async function main() {
	let o;
	try {
		o = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${/** @type {Error} */ (e).message}\n`);
		process.exit(2);
	}
	const emu = new DevRevEmulator({
		tokens: o.tokens,
		scanPageSize: o.scanPageSize,
		multiAssociation: o.multiAssociation,
		rateLimit: o.rateLimit,
		rateLimitWindowMs: o.rateLimitWindowMs,
	});
	if (o.seed !== 'none') {
		emu.seed({ ...DEMO, revUsers: o.seed === 'demo' ? DEMO.revUsers : Number(o.seed) });
	}
	const url = await emu.start(o.port, o.host);
	process.stdout.write(`${JSON.stringify({ url, token: o.tokens[0] })}\n`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		emu.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module)
	main().catch((e) => {
		process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
		process.exit(1);
	});

module.exports = { DEMO };
