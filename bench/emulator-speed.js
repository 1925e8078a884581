// @ts-check
'use strict';

/**
 * How fast the DevRev emulator itself is (the test double every test leans on): seeding, and
 * walking every scan page with and without filters over loopback. Figures for `npm run bench`;
 * the tests check only what the emulator answers (test/emulator).
 */

const { DevRevEmulator } = require('../test/emulator');
const { table } = require('./common');

const TOKEN = 'bench-token';

/** @param {string} url @param {Record<string, unknown>} filter */
async function walkScan(url, filter) {
	let cursor;
	let items = 0;
	let pages = 0;
	do {
		const res = await fetch(`${url}/rev-users.scan`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...filter, ...(cursor ? { cursor } : {}) }),
		});
		if (res.status !== 200) throw new Error(`rev-users.scan answered ${res.status}`);
		const answer = /** @type {{ rev_users: unknown[], next_cursor?: string }} */ (await res.json());
		items += answer.rev_users.length;
		cursor = answer.next_cursor;
		pages++;
	} while (cursor);
	return { items, pages };
}

/**
 * @param {string} what @param {() => Promise<{items: number, pages?: number}> | {items: number}} fn
 * @returns {Promise<{ what: string, items: number, pages?: number, ms: number }>}
 */
async function timed(what, fn) {
	const start = performance.now();
	const result = await fn();
	return { what, ...result, ms: performance.now() - start };
}

/** @param {{ revUsers: number, scanPageSize?: number }} o */
async function emulatorSpeed({ revUsers, scanPageSize = 50 }) {
	const emu = new DevRevEmulator({ tokens: [TOKEN], scanPageSize });
	const seeded = await timed(`seed ${revUsers} rev users`, () => {
		emu.seed({ revOrgs: 4, revUsers });
		return { items: emu.revUsers.length };
	});
	const url = await emu.start(0, '127.0.0.1');
	try {
		const filter = { is_verified: true, rev_org: [emu.revOrgs[0].id] };
		return [
			seeded,
			await timed(`scan every page (${scanPageSize} a page)`, () => walkScan(url, {})),
			await timed('scan, filtered (is_verified, rev_org)', () => walkScan(url, filter)),
		];
	} finally {
		await emu.stop();
	}
}

/** @param {{ what: string, items: number, pages?: number, ms: number }[]} rows */
function formatEmulatorTable(rows) {
	return table(rows, [
		['emulator', (r) => r.what],
		['items', (r) => r.items],
		['pages', (r) => r.pages ?? ''],
		['ms', (r) => r.ms.toFixed(0)],
	]);
}

module.exports = { emulatorSpeed, formatEmulatorTable };
