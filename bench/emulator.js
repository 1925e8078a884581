// @ts-check
'use strict';

/**
 * The bench's DevRev emulator, in its own process so its CPU and memory count for neither side.
 * node bench/emulator.js '{"revUsers":100000,"sysUsers":5000,"scanPageSize":100,"token":"t","latencyMs":0}'
 *   (optional "rateLimit" and "rateLimitWindowMs": the token's windowed limit, as DevRev's)
 * Prints {"url","token"} once listening; stops when its stdin closes (the bench exited) or on SIGTERM.
 */

const { DevRevEmulator } = require('../test/emulator');

async function main() {
	const o = JSON.parse(process.argv[2] || '{}');
	// The spec check of every answer is for tests; here it would slow both sides alike.
	const emu = new DevRevEmulator({
		tokens: [o.token],
		scanPageSize: o.scanPageSize,
		validateResponses: false,
		rateLimit: o.rateLimit,
		rateLimitWindowMs: o.rateLimitWindowMs,
	});
	emu.seed({ accounts: 2, revOrgs: 4, sysUsers: o.sysUsers, revUsers: o.revUsers });
	// Optional network-like delay on every answer (DevRev's own latency is tens to hundreds of ms).
	if (o.latencyMs) emu.injectFault({ kind: 'slow', delayMs: o.latencyMs, count: -1 });
	const url = await emu.start();
	process.stdout.write(`${JSON.stringify({ url, token: o.token })}\n`);
	const stop = () => emu.stop().then(() => process.exit(0));
	process.stdin.on('close', stop).resume();
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
	process.exit(1);
});
