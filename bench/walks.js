'use strict';

/** DevRev's largest page for endpoints that take a `limit` (MAX_PAGE_SIZE in nodes/DevRev/shared/transports.ts). */
const MAX_LIMIT = 100;

// What both sides call, the answer's list, which seeded collection it walks, and the node's resource.
const SCAN = { path: '/rev-users.scan', list: 'rev_users', kind: 'revUsers', resource: 'revUser' };
const SYS_LIST = {
	path: '/sys-users.list',
	list: 'sys_users',
	kind: 'sysUsers',
	resource: 'sysUser',
};

/**
 * A walk: `limit` Infinity for Return All, `params` the node's (side A). Simplify off: side A
 * returns DevRev's objects as they come, as side B does.
 */
function walk(name, endpoint, limit) {
	const operation = endpoint === SCAN ? 'scan' : 'list';
	const paging = limit === Infinity ? { returnAll: true } : { limit };
	const params = { resource: endpoint.resource, operation, simplify: false, ...paging };
	return { name, ...endpoint, acceptsLimit: endpoint === SYS_LIST, limit, params };
}

const WALKS = [
	walk('Scan, Return All', SCAN, Infinity),
	walk('Sys User List, Return All', SYS_LIST, Infinity),
	walk('Scan, Limit 10', SCAN, 10),
	walk('Scan, Limit 250', SCAN, 250),
	walk('Sys User List, Limit 10', SYS_LIST, 10),
];

/**
 * The fewest requests a walk can take, as the `limit` each one should ask for (null where the
 * endpoint takes none and the server picks the page size).
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
