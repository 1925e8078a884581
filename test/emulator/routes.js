// @ts-check
'use strict';

const { err } = require('./errors');
const { orgSummary, snapshot } = require('./store');
const { LIFECYCLE_ROUTES } = require('./lifecycle');
const {
	commonChecks,
	creationOrder,
	cursorsOf,
	idSet,
	listPage,
	mustOrg,
	mustUser,
	page,
	pageLimit,
	scanList,
	ORG_SORT,
	SYS_SORT,
} = require('./lists');
const { searchCore } = require('./search');
const { WEBHOOK_ROUTES } = require('./webhooks');
const { PICKER_ROUTES } = require('./pickers');
const { WORK_ROUTES } = require('./works');
const { TIMELINE_ROUTES } = require('./timeline');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */
/** @typedef {{status?: number, json?: Obj, list?: string}} Result */
/** @typedef {(emu: Emu, q: Obj) => Result} Handler */

/**
 * A rev user's associations changed through the API: modified now, and DevRev's
 * rev_user_updated event (associations are part of the contact).
 * @param {Emu} emu @param {Obj} user @param {Obj} old
 */
function touched(emu, user, old) {
	emu.store.touch(user);
	emu.emitEvent('rev_user_updated', { rev_user: snapshot(user), old_rev_user: old });
}

/** @param {Obj} q */
function linkArgs(q) {
	const userKey = q.id || q.user_don;
	const orgKey = q.rev_org || q.rev_org_don;
	if (!userKey) throw err.missingField('id');
	if (!orgKey) throw err.missingField('rev_org');
	return { userKey, orgKey };
}

/**
 * The associations.add/remove endpoints exist only with DevRev's multi-association contact
 * feature. With it off we answer 403 `forbidden` (the feature gate is an authorization
 * decision on the Dev org, not a malformed request, so 400 types do not fit).
 * @param {Emu} emu
 */
function requireMultiAssociation(emu) {
	if (!emu.multiAssociation) {
		throw err.forbidden(
			'the multi-association contact feature is not enabled for this Dev organization; ' +
				'use rev-users.link / rev-users.unlink instead',
		);
	}
}

/**
 * The operations the emulator serves, by route (the spec cut, spec/cut.js, takes its paths from here). Which methods each takes, whether it is beta-only
 * and what its requests and answers look like come from DevRev's spec (spec/validator.js).
 * @type {Record<string, Handler>}
 */
const ROUTES = {
	...LIFECYCLE_ROUTES,

	'/rev-users.scan': (emu, q) => {
		const items = scanList(emu, q);
		const r = page(emu, items, 'ru', q, emu.scanPageSize, creationOrder(emu));
		return {
			list: r.list,
			json: { rev_users: r.page, ...(r.next_cursor ? { next_cursor: r.next_cursor } : {}) },
		};
	},

	'/rev-users.link': (emu, q) => {
		const { userKey, orgKey } = linkArgs(q);
		const user = mustUser(emu, userKey);
		const org = mustOrg(emu, orgKey);
		const old = snapshot(user);
		if (emu.store.associate(user, org, true)) touched(emu, user, old);
		return { json: { rev_user: user } };
	},

	'/rev-users.unlink': (emu, q) => {
		const { userKey, orgKey } = linkArgs(q);
		const user = mustUser(emu, userKey);
		const org = mustOrg(emu, orgKey);
		const old = snapshot(user);
		if (!emu.store.dissociate(user, org)) {
			throw err.badRequest(`rev user "${user.id}" is not linked to rev org "${org.id}"`);
		}
		touched(emu, user, old);
		return { json: { rev_user: user } };
	},

	'/rev-users.associations.list': (emu, q) => {
		const limit = pageLimit(q);
		const user = mustUser(emu, q.rev_user_id);
		// Bound to the rev user, however its ID is spelt (DON or display ID).
		const { rev_user_id: _id, ...paging } = q;
		const r = page(
			emu,
			emu.store.associationsOf(user),
			`as${emu.store.seqOf(user)}`,
			paging,
			limit,
		);
		return {
			list: r.list,
			json: {
				associations: r.page.map((o) => ({ associated_to: orgSummary(o) })),
				...cursorsOf(r),
			},
		};
	},

	'/rev-users.associations.add': (emu, q) => {
		requireMultiAssociation(emu);
		if (q.associations.length === 0) throw err.missingField('associations');
		const user = mustUser(emu, q.rev_user_id);
		const orgs = q.associations.map((/** @type {Obj} */ a) => mustOrg(emu, a.associated_to));
		const old = snapshot(user);
		let changed = false;
		for (const org of orgs) changed = emu.store.associate(user, org, !user.rev_org) || changed;
		if (changed) touched(emu, user, old);
		return { status: 201, json: {} };
	},

	'/rev-users.associations.remove': (emu, q) => {
		requireMultiAssociation(emu);
		if (q.associations.length === 0) throw err.missingField('associations');
		const user = mustUser(emu, q.rev_user_id);
		const orgs = q.associations.map((/** @type {string} */ id) => mustOrg(emu, id));
		const assoc = emu.store.metaOf(user).assoc || [];
		for (const org of orgs) {
			if (!assoc.includes(org.id))
				throw err.badRequest(`rev user "${user.id}" is not associated with "${org.id}"`);
		}
		const old = snapshot(user);
		for (const org of orgs) emu.store.dissociate(user, org);
		touched(emu, user, old);
		return { status: 204 };
	},

	'/sys-users.list': (emu, q) => {
		const r = listPage(emu, q, emu.store.sysUsers, 'su', [], SYS_SORT);
		return { list: r.list, json: { sys_users: r.page, ...r.cursors } };
	},

	'/rev-orgs.get': (emu, q) => {
		if (q.id) {
			const org = emu.store.findOrg(q.id);
			if (!org || org.__kind !== 'rev_org') throw err.notFound(`rev org "${q.id}" not found`);
			return { json: { rev_org: org } };
		}
		if (!q.account) throw err.missingField('id');
		const account = emu.store.findOrg(q.account);
		if (!account || account.__kind !== 'account')
			throw err.notFound(`account "${q.account}" not found`);
		const org = emu.store.defaultRevOrgOf(account);
		if (!org) throw err.notFound(`account "${account.id}" has no default rev org`);
		return { json: { rev_org: org } };
	},

	'/rev-orgs.list': (emu, q) => {
		const c = commonChecks(emu, q);
		if (q.account?.length) {
			const s = idSet(emu, q.account);
			c.push((o) => s.has(o.account?.id));
		}
		if (q.display_name?.length) {
			const s = new Set(q.display_name);
			c.push((o) => s.has(o.display_name));
		}
		for (const f of q.custom_field_filter || []) {
			const [field, values = ''] = String(f).split(':', 2);
			const s = new Set(values.split(','));
			c.push((o) => s.has(String(o.custom_fields?.[field])));
		}
		const r = listPage(emu, q, emu.store.revOrgs, 'ro', c, ORG_SORT);
		return { list: r.list, json: { rev_orgs: r.page, ...r.cursors } };
	},

	'/search.core': (emu, q) => searchCore(emu, { ...q, limit: pageLimit(q, 10) }),

	'/dev-users.self': (emu) => ({ json: { dev_user: emu.store.selfUser } }),

	'/auth-tokens.info': (emu) => {
		const u = emu.store.selfUser;
		const iat = Math.floor(emu.startedAt.getTime() / 1000);
		return {
			json: {
				organization: {
					display_id: 'DEV-1emu',
					id: emu.store.selfUser.id.replace(/:devu\/.*$/, ''),
					slug: 'emulator',
				},
				token: {
					expiry: iat + 30 * 86400,
					issued_at: iat,
					issuer: 'devrev-emulator',
					subject: u.id,
				},
				user: {
					type: 'dev_user',
					display_id: u.display_id,
					display_name: u.display_name,
					email: u.email,
					full_name: u.full_name,
					id: u.id,
				},
			},
		};
	},

	...WEBHOOK_ROUTES,
	...PICKER_ROUTES,
	...WORK_ROUTES,
	...TIMELINE_ROUTES,
};

module.exports = { ROUTES, scanList };
