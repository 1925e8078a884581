'use strict';
/**
 * Command-line flags of the scripts and benches. CommonJS, no dependencies.
 */
const fs = require('fs');
const path = require('path');

/** A script's header comment (its first /** ... *\/ block), as its --help. */
function headerOf(file) {
	const text = fs.readFileSync(file, 'utf8');
	const body = text.slice(text.indexOf('/**') + 3, text.indexOf('*/'));
	return `${body.replace(/^\s*\* ?/gm, '').trim()}\n`;
}

/**
 * Parses `--flag value` and `--flag=value`. `spec` maps each flag to [option, kind], the kind
 * 'number', 'path' (resolved), 'string' or 'switch' (no value). `--help` prints the header
 * comment of the file `help` names and exits.
 * @param {string[]} argv
 * @param {Record<string, [string, 'number' | 'path' | 'string' | 'switch']>} spec
 * @param {{ defaults?: Record<string, unknown>, help?: string }} [options]
 * @returns {Record<string, any>}
 */
function parseFlags(argv, spec, { defaults = {}, help } = {}) {
	/** @type {Record<string, any>} */
	const options = { ...defaults };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		if (flag === '--help' || flag === '-h') {
			process.stdout.write(help ? headerOf(help) : `options: ${Object.keys(spec).join(' ')}\n`);
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
		options[key] =
			kind === 'number' ? Number(value) : kind === 'path' ? path.resolve(value) : value;
	}
	return options;
}

module.exports = { parseFlags };
