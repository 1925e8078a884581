// @ts-check
'use strict';

/** DevRev's largest page for endpoints that take a `limit` (as in nodes/DevRev/shared/paginate.ts). */
const MAX_LIMIT = 100;

/**
 * @typedef {object} Walk
 * @property {string} name
 * @property {Record<string, unknown>} params  the node's parameters (side A)
 * @property {string} path                     the DevRev endpoint both sides call
 * @property {string} list                     the answer's list property
 * @property {'revUsers' | 'sysUsers'} kind    which seeded collection it walks
 * @property {boolean} acceptsLimit            whether the endpoint takes `limit`
 * @property {number} limit                    Infinity for Return All
 */

const SCAN = {
	path: '/rev-users.scan',
	list: 'rev_users',
	kind: /** @type {const} */ ('revUsers'),
	acceptsLimit: false,
};
const SYS_LIST = {
	path: '/sys-users.list',
	list: 'sys_users',
	kind: /** @type {const} */ ('sysUsers'),
	acceptsLimit: true,
};
// Simplify off: side A returns DevRev's objects as they come, as side B does.
const scan = (/** @type {object} */ paging) => ({
	resource: 'revUser',
	operation: 'scan',
	simplify: false,
	...paging,
});
const list = (/** @type {object} */ paging) => ({
	resource: 'sysUser',
	operation: 'list',
	simplify: false,
	...paging,
});

/** @type {Walk[]} */
const WALKS = [
	{ name: 'Scan, Return All', params: scan({ returnAll: true }), ...SCAN, limit: Infinity },
	{
		name: 'Sys User List, Return All',
		params: list({ returnAll: true }),
		...SYS_LIST,
		limit: Infinity,
	},
	{ name: 'Scan, Limit 10', params: scan({ limit: 10 }), ...SCAN, limit: 10 },
	{ name: 'Scan, Limit 250', params: scan({ limit: 250 }), ...SCAN, limit: 250 },
	{ name: 'Sys User List, Limit 10', params: list({ limit: 10 }), ...SYS_LIST, limit: 10 },
];

/**
 * The fewest requests a walk can take, as the `limit` each one should ask for (null where the
 * endpoint takes none and the server picks the page size).
 * @param {Walk} walk @param {{revUsers: number, sysUsers: number}} counts @param {number} scanPageSize
 * @returns {(number | null)[]}
 */
function minimalRequests(walk, counts, scanPageSize) {
	const total = Math.min(walk.limit, counts[walk.kind]);
	const pageSize = walk.acceptsLimit ? MAX_LIMIT : scanPageSize;
	const asks = [];
	for (let got = 0; asks.length === 0 || got < total; got += pageSize) {
		asks.push(walk.acceptsLimit ? Math.min(walk.limit - got, MAX_LIMIT) : null);
	}
	return asks;
}

module.exports = { WALKS, MAX_LIMIT, minimalRequests };
