'use strict';
/**
 * The package as users get it: built and packed once per source state, installed into an n8n
 * user folder as n8n installs a community package, and checked to load as in a user's n8n.
 *
 * CommonJS, no dependencies.
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const P = require('../runtime/paths');
const { log, npmInstallEnv, runtimePath } = require('../runtime/install');
const { withLock } = require('../lib/lock');
const { cleanNpmEnv, npmSync } = require('../lib/packages');

/** What decides the output of `npm run build && npm pack`, besides nodes/, credentials/ and icons/. */
const ROOT_INPUTS = [
	'package.json',
	'gulpfile.js',
	'index.js',
	'tsconfig.json',
	'tsconfig.build.json',
	'README.md',
	'LICENSE',
	'LICENSE.md',
	'.npmignore',
];

/** `npm run build` (unless `build: false`) then `npm pack` into `outDir`; returns the tarball path. */
function packPackage({ build = true, outDir } = {}) {
	const dest = outDir || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-devrev-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	// npm's logs and cache stay out of the home folder too.
	const env = { ...cleanNpmEnv(), npm_config_cache: P.NPM_CACHE };
	if (build) npmSync(['run', 'build', '--silent'], { cwd: P.ROOT, env });
	const args = ['pack', '--json', '--loglevel=error', '--pack-destination', dest];
	const out = npmSync(args, { cwd: P.ROOT, env });
	return path.join(dest, JSON.parse(out.slice(out.indexOf('[')))[0].filename);
}

/** A hash of every file that decides what the package is. */
function packageHash() {
	const files = ROOT_INPUTS.filter((f) => fs.existsSync(path.join(P.ROOT, f)));
	for (const dir of ['nodes', 'credentials', 'icons']) {
		if (!fs.existsSync(path.join(P.ROOT, dir))) continue;
		for (const e of fs.readdirSync(path.join(P.ROOT, dir), {
			recursive: true,
			withFileTypes: true,
		}))
			if (e.isFile()) files.push(path.relative(P.ROOT, path.join(e.parentPath ?? e.path, e.name)));
	}
	const h = crypto.createHash('sha256');
	for (const f of files.sort())
		h.update(`${f}\0`)
			.update(fs.readFileSync(path.join(P.ROOT, f)))
			.update('\0');
	return h.digest('hex').slice(0, 16);
}

/**
 * Build + pack once per source state: the tarball is kept in `<runtime>/pack/<hash>/`, so
 * parallel test files (and reruns without changes) share one build. Returns the tarball path.
 */
async function preparePackage() {
	const packRoot = path.join(P.RUNTIME_DIR, 'pack');
	const prepare = async () => {
		const hash = packageHash();
		const dir = path.join(packRoot, hash);
		const existing = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
		if (existing) return path.join(dir, existing);
		// Drop tarballs of older sources (not the fresh ones another process may be installing).
		for (const old of fs.existsSync(packRoot) ? fs.readdirSync(packRoot) : []) {
			const p = path.join(packRoot, old);
			if (old !== hash && Date.now() - fs.statSync(p).mtimeMs > 10 * 60 * 1000)
				fs.rmSync(p, { recursive: true, force: true });
		}
		fs.rmSync(dir, { recursive: true, force: true });
		const started = Date.now();
		const tarball = packPackage({ outDir: dir });
		log(
			`built and packed ${path.basename(tarball)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		return tarball;
	};
	return withLock(path.join(P.RUNTIME_DIR, '.pack.lock'), prepare, { log });
}

/**
 * Installs the tarball in `<userFolder>/.n8n/nodes` the way n8n's community-package install does
 * (a package.json there, the package in its node_modules): node type `n8n-nodes-devrev.devRev`,
 * credential type `devRevApi`. Then checks that it loads as in a user's n8n (checkLoadsAsInN8n).
 */
function installPackage(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		const pkg = { name: 'installed-nodes', private: true, dependencies: {} };
		fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
	}
	// Next to package.json, so that its `file:` dependency stays valid.
	fs.copyFileSync(tarball, path.join(nodesDir, 'n8n-nodes-devrev.tgz'));
	// A fresh copy each time: same name and version, npm would otherwise keep the old files.
	const installed = path.join(nodesDir, 'node_modules', 'n8n-nodes-devrev');
	fs.rmSync(installed, { recursive: true, force: true });
	// n8n-workflow is a peer provided by n8n itself: not resolved or fetched (--legacy-peer-deps).
	const args = ['install', '--no-audit', '--no-fund', '--omit=dev', '--legacy-peer-deps'];
	const env = npmInstallEnv({ PATH: runtimePath() });
	npmSync([...args, '--ignore-scripts', '--loglevel=error', './n8n-nodes-devrev.tgz'], {
		cwd: nodesDir,
		env,
	});
	if (!fs.existsSync(path.join(installed, 'package.json')))
		throw new Error(`package not installed in ${nodesDir}`);
	checkLoadsAsInN8n(installed);
	return nodesDir;
}

/**
 * The installed package must get n8n's own `n8n-workflow`, as in a user's n8n: n8n puts its module
 * folders on NODE_PATH, which Node reads only after the node_modules folders above the package.
 * Another copy there (the repository's, when the user folder is inside it) fails n8n's instanceof
 * checks, and the editor shows every error of the node as "From DevRev · Error code: none".
 */
function checkLoadsAsInN8n(installed) {
	const n8nCli = path.join(P.N8N_DIR, 'node_modules', 'n8n', 'dist');
	const resolved = require.resolve('n8n-workflow', { paths: [installed, n8nCli] });
	const own = path.join(P.N8N_DIR, 'node_modules') + path.sep;
	if (!resolved.startsWith(own))
		throw new Error(
			`the package installed in ${installed} would load n8n-workflow from ${resolved}, not n8n's own ` +
				`(${own}): n8n would show its errors as "Error code: none". Use a user folder with no ` +
				'node_modules/n8n-workflow in a folder above it.',
		);
	return resolved;
}

module.exports = { packPackage, packageHash, preparePackage, installPackage, checkLoadsAsInN8n };
