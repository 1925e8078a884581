// @ts-check
'use strict';

/**
 * Events fired by hand (POST /__emulator/events, `npm start`'s guide): with a payload, that
 * payload is delivered as is; without one, the emulator makes the change the event stands for,
 * where it can, and delivers what DevRev would:
 *   rev_user_created / rev_org_created / account_created   a new object is added
 *   rev_user_updated / rev_org_updated / account_updated   `id` (default: the newest) gets a new
 *                                                           modified_date (and display_name, if given)
 * Other types need a payload.
 */

const { err } = require('./errors');
const { snapshot } = require('./store');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */

const KINDS = /** @type {const} */ ({
	rev_user: { list: 'revUsers', add: 'addRevUser' },
	rev_org: { list: 'revOrgs', add: 'addRevOrg' },
	account: { list: 'accounts', add: 'addAccount' },
});

/**
 * @param {Emu} emu @param {{type?: unknown, payload?: unknown, id?: unknown, display_name?: unknown, copies?: unknown}} body
 * @returns {{type: string, payload: Obj, webhooks: number}}
 */
function fireEvent(emu, body) {
	const { type, payload } = body;
	if (typeof type !== 'string' || !emu.spec.eventTypes().includes(type) || type === 'verify') {
		throw err.invalidField(
			'type',
			`"type" must be one of DevRev's webhook event types, got ${JSON.stringify(type)}`,
		);
	}
	const copies = body.copies === undefined ? undefined : Number(body.copies);
	if (copies !== undefined && !(Number.isInteger(copies) && copies >= 1 && copies <= 10)) {
		throw err.invalidField('copies', '"copies" must be an integer from 1 to 10');
	}
	const made = payload === undefined ? makeChange(emu, type, body) : payload;
	if (!made || typeof made !== 'object' || Array.isArray(made))
		throw err.invalidField('payload', '"payload" must be an object');
	emu.events.push({ type, payload: made, at: emu.now().toISOString() });
	const webhooks = emu.webhooks.dispatch(type, made, copies === undefined ? {} : { copies });
	return { type, payload: made, webhooks };
}

/** @param {Emu} emu @param {string} type @param {Obj} body */
function makeChange(emu, type, body) {
	const match = /^(rev_user|rev_org|account)_(created|updated)$/.exec(type);
	if (!match) throw err.missingField('payload');
	const kind = /** @type {keyof typeof KINDS} */ (match[1]);
	const { list, add } = KINDS[kind];
	const name = typeof body.display_name === 'string' ? { display_name: body.display_name } : {};
	if (match[2] === 'created') return { [kind]: snapshot(emu.store[add](name)) };
	const objects = /** @type {Obj[]} */ (emu.store[list]);
	const object =
		typeof body.id === 'string'
			? objects.find((o) => o.id === body.id || o.display_id === body.id)
			: objects[objects.length - 1];
	if (!object)
		throw err.notFound(`no ${kind} ${typeof body.id === 'string' ? `"${body.id}"` : 'to update'}`);
	const old = snapshot(object);
	Object.assign(object, name);
	emu.store.touch(object);
	return { [kind]: snapshot(object), [`old_${kind}`]: old };
}

module.exports = { fireEvent };
