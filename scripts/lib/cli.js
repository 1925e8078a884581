'use strict';
/** Command-line flags and entry points of the scripts and benches. CommonJS, no dependencies. */
const fs = require('fs');
const path = require('path');

/** A script's header comment (its first /** ... *\/ block), as its --help. */
function headerOf(file) {
	const text = fs.readFileSync(file, 'utf8');
	const body = text.slice(text.indexOf('/**') + 3, text.indexOf('*/'));
	return `${body.replace(/^\s*\* ?/gm, '').trim()}\n`;
}

/**
 * Parses `--flag value` and `--flag=value`. `spec` maps each flag to [option, kind, default], the
 * kind 'number', 'path' (resolved) or 'switch' (no value). `--help` prints the header comment of
 * `helpFile` and exits.
 * @returns {Record<string, any>}
 */
function parseFlags(argv, spec, helpFile) {
	const defaults = Object.values(spec).filter(([, , value]) => value !== undefined);
	const options = Object.fromEntries(defaults.map(([key, , value]) => [key, value]));
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		if (flag === '--help' || flag === '-h') {
			process.stdout.write(headerOf(helpFile));
			process.exit(0);
		}
		if (!spec[flag]) throw new Error(`unknown option ${argv[i]} (try --help)`);
		const [key, kind] = spec[flag];
		if (kind === 'switch') {
			options[key] = true;
			continue;
		}
		const value = inline ?? argv[++i];
		if (value === undefined || (kind === 'number' && !/^\d+(\.\d+)?$/.test(value)))
			throw new Error(`${flag} needs ${kind === 'number' ? 'a number' : 'a value'}`);
		options[key] = kind === 'number' ? Number(value) : path.resolve(value);
	}
	return options;
}

/** Runs a script's `main`; when it fails, prints why (`prefix` first) and exits with `code`. */
function runMain(main, { prefix = '', code = 1 } = {}) {
	main().catch((e) => {
		process.stderr.write(`${prefix}${(e && e.stack) || e}\n`);
		process.exit(code);
	});
}

module.exports = { parseFlags, runMain };
