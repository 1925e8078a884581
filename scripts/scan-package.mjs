#!/usr/bin/env node
/**
 * npm run scan [-- --tarball <file.tgz>] [--json]
 * n8n's community-package scanner on this package before it is published. Its CLI only scans a
 * package already on npm (provenance, tarball, attested source); this runs the same analyzer
 * (`analyzePackage` and the ESLint configuration `buildScanConfig` of
 * @n8n/scan-community-package/scanner/scanner.mjs) on its two legs:
 *   tarball  what `npm pack` produces here (built and cached per source state, see n8n/package.js,
 *            or --tarball), extracted: compiled `**\/*.js` and the published package.json
 *   source   what the provenance attestation would point at: package.json and the nodes' and
 *            credential's sources (the scanner's SOURCE_FILE_PATTERNS)
 * A leg passes with the scanner's verdict and no finding at all, warnings included. --json prints
 * { passed, tarball, legs: [{ name, passed, verdict, files, findings }] }. Exit code: 0 with zero
 * findings, 1 with findings, 2 when the scan could not run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import glob from 'fast-glob';

const require = createRequire(import.meta.url);
const { parseFlags, runMain } = require('./lib/cli.js');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const IGNORE = ['node_modules/**', '**/package-lock.json'];

/** Extracts the tarball the way the scanner (and n8n's installer) does: package/ stripped. */
function extract(tarball) {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-devrev-scan-'));
	const res = spawnSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (res.status !== 0) throw new Error(`tar -xzf ${tarball} failed: ${res.stderr}`);
	return dir;
}

/** Every ESLint message of the scanner's configuration on these files (errors and warnings). */
async function findings(dir, patterns, buildScanConfig) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: IGNORE });
	const results = files.length ? await eslint.lintFiles(files) : [];
	return {
		files: files.map((file) => relative(dir, file)).sort(),
		messages: results.flatMap((result) =>
			result.messages.map((m) => ({
				file: relative(dir, result.filePath),
				line: m.line,
				column: m.column,
				severity: m.severity === 2 ? 'error' : 'warning',
				rule: m.ruleId,
				message: m.message,
			})),
		),
	};
}

async function scanLeg(name, dir, patterns, scanner) {
	const verdict = await scanner.analyzePackage(dir, patterns);
	const { files, messages } = await findings(dir, patterns, scanner.buildScanConfig);
	return {
		name,
		passed: verdict.passed === true && messages.length === 0 && files.length > 0,
		verdict: { passed: verdict.passed, message: verdict.message, details: verdict.details },
		files,
		findings: messages,
	};
}

/** The findings, leg by leg, and the verdict, as text. */
function report(legs, passed, tarball) {
	const lines = legs.flatMap((leg) => [
		`${leg.passed ? 'ok  ' : 'FAIL'} ${leg.name}: ${leg.files.length} files, ${leg.findings.length} findings`,
		...leg.findings.map(
			(f) => `     ${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} (${f.rule})`,
		),
		...(!leg.verdict.passed && leg.verdict.message ? [`     scanner: ${leg.verdict.message}`] : []),
	]);
	const verdict = passed
		? `n8n community-package scan passed: ${relative(process.cwd(), tarball)}`
		: 'n8n community-package scan FAILED';
	return `${[...lines, verdict].join('\n')}\n`;
}

async function main() {
	const flags = { '--tarball': ['tarball', 'path'], '--json': ['json', 'switch'] };
	const options = parseFlags(process.argv.slice(2), flags, fileURLToPath(import.meta.url));
	// eslint-plugin-n8n-nodes-base swaps in fixture file names when NODE_ENV is "test" (read when
	// it loads): run it as n8n's scanner runs, whatever the caller (e.g. Jest) set.
	if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const tarball = options.tarball ?? (await require('./n8n/package.js').preparePackage());
	const extracted = extract(tarball);
	try {
		const legs = [
			await scanLeg('tarball', extracted, TARBALL_PATTERNS, scanner),
			await scanLeg('source', ROOT, scanner.SOURCE_FILE_PATTERNS, scanner),
		];
		const passed = legs.every((leg) => leg.passed);
		const json = `${JSON.stringify({ passed, tarball, legs }, null, 2)}\n`;
		process.stdout.write(options.json ? json : report(legs, passed, tarball));
		process.exitCode = passed ? 0 : 1;
	} finally {
		rmSync(extracted, { recursive: true, force: true });
	}
}

runMain(main, { prefix: 'scan-package: ', code: 2 });
