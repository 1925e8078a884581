/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * The package as npm publishes it: `npm run build` + `npm pack` (once per source state, shared
 * with the e2e tests through scripts/n8n/package.js), extracted the way n8n's installer does.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { preparePackage } from '../../scripts/n8n/package';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Build + pack on a cold cache (tsc, gulp, npm pack). */
export const PACK_TIMEOUT_MS = 3 * 60 * 1000;

export interface Packed {
	tarball: string;
	/** The extracted package root (the tarball's package/ folder). */
	dir: string;
	/** Paths inside the package, sorted, as `tar -t` lists them (without the package/ prefix). */
	files: string[];
	cleanup: () => void;
}

export async function packed(): Promise<Packed> {
	const tarball = await preparePackage();
	const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter((entry) => entry !== '' && !entry.endsWith('/'))
		.map((entry) => entry.replace(/^package\//, ''))
		.sort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-devrev-packed-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return { tarball, dir, files, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
