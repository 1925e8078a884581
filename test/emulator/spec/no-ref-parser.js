// @ts-check
'use strict';

/**
 * Jest maps @apidevtools/json-schema-ref-parser here (jest.config.js): that package is ESM-only
 * and jest's module loader cannot require() it, while Node can. The emulator hands openapi-backend
 * the cut spec as an object in quick mode: openapi-backend then only asks the parser to parse that
 * object (which returns it as it is) and dereferences it itself. Anything else is not supported.
 */
/** @param {unknown} document */
function parse(document) {
	if (document && typeof document === 'object') return Promise.resolve(document);
	return Promise.reject(
		new Error('json-schema-ref-parser stub: only already-parsed specs are supported under jest'),
	);
}
const unsupported = () =>
	Promise.reject(new Error('json-schema-ref-parser stub: not supported under jest'));

const parser = { parse, dereference: unsupported, resolve: unsupported };
module.exports = { ...parser, default: parser };
