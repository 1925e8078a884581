// @ts-check
'use strict';

/**
 * Rev users and accounts created, read, listed, updated and deleted through the API. Every change
 * is recorded through emu.emitEvent as the webhook event DevRev sends for it.
 *
 * Uniqueness: the spec lists 409 `conflict` on rev-users.create/update and accounts.create/update.
 * What collides: a rev user's external_ref (the spec: "a mutable unique identifier for a user
 * within the Dev organization") and email, compared case-insensitively (DevRev publishes no rule
 * for emails; the emulator holds them unique, as contacts are keyed by email in DevRev's app); an
 * account's external_refs ("unique identifiers from your customer system of records"). Domains,
 * websites and names are not unique (the spec says nothing of them; a rev user's display name "is
 * non-unique").
 */

const { err } = require('./errors');
const { listPage, revUserChecks, commonChecks, mustUser } = require('./lists');
const { snapshot } = require('./store');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */
/** @typedef {{status?: number, json?: Obj, list?: string}} Result */

const REV_USER_SORT = [
	'created_date',
	'modified_date',
	'display_name',
	'full_name',
	'email',
	'display_id',
	'id',
	'external_ref',
	'state',
];
const ACCOUNT_SORT = ['created_date', 'modified_date', 'display_name', 'display_id', 'id', 'tier'];
const E164 = /^\+[1-9]\d{1,14}$/;

/** The spec's prose: phone numbers in E.164 format. @param {string[] | undefined} phones */
function checkPhones(phones) {
	const i = (phones || []).findIndex((p) => !E164.test(p));
	if (i >= 0)
		throw err.invalidField(
			`phone_numbers[${i}]`,
			`phone number "${phones?.[i]}" is not in E.164 format`,
		);
}

/** @param {Emu} emu @param {Obj} fields @param {Obj} [except] */
function checkRevUserUnique(emu, fields, except) {
	const clash = emu.store.revUserConflict(fields, except);
	if (clash)
		throw err.conflict(`a rev user with ${clash.field} "${fields[clash.field]}" already exists`);
}

/**
 * The spec: "Each custom field in the request must have the corresponding schema specified;
 * omission results in a Bad Request error." Tenant fields (tnt__) need tenant_fragment, subtype
 * fields (ctype__) a subtype, app fields (<app>__) their app.
 * @param {Obj | undefined} customFields @param {Obj | undefined} spec
 */
function checkCustomSchema(customFields, spec = {}) {
	for (const key of Object.keys(customFields || {})) {
		const prefix = key.includes('__') ? key.slice(0, key.indexOf('__')) : '';
		const covered =
			prefix === 'tnt'
				? spec.tenant_fragment === true
				: prefix === 'ctype'
					? typeof spec.subtype === 'string' && spec.subtype !== ''
					: prefix !== '' && (spec.apps || []).includes(prefix);
		if (!covered) {
			throw err.invalidField(
				`custom_fields.${key}`,
				`custom field "${key}" has no schema in custom_schema_spec (tnt__ fields need tenant_fragment: true)`,
			);
		}
	}
}

/** @param {Emu} emu @param {string} key */
function mustAccount(emu, key) {
	const account = emu.store.findOrg(key);
	if (!account || account.__kind !== 'account') throw err.notFound(`account "${key}" not found`);
	return account;
}

/** Dev user summaries for owned_by; the emulator knows one dev user, the token's. @param {Emu} emu @param {string[]} ids */
function owners(emu, ids) {
	return ids.map((id) => {
		const user = emu.store.byKey.get(id);
		if (!user || user.type !== 'dev_user')
			throw err.invalidId('owned_by', `dev user "${id}" not found`);
		return emu.store.userSummary(user);
	});
}

/** "Filling in this property will also fill in domain": www.devrev.ai → devrev.ai. @param {string[]} websites */
function domainsOf(websites) {
	return websites
		.map((w) =>
			w
				.replace(/^[a-z]+:\/\//i, '')
				.replace(/^www\./i, '')
				.split(/[/?#:]/)[0]
				.toLowerCase(),
		)
		.filter(Boolean);
}

/** @param {string[]} a @param {string[]} b */
const union = (a, b) => [...new Set([...a, ...b])];

/**
 * Applies an update and records it: touch and event only when the object changed.
 * @param {Emu} emu @param {Obj} o @param {string} kind 'rev_user' | 'account' @param {(o: Obj) => void} apply
 */
function update(emu, o, kind, apply) {
	const old = snapshot(o);
	apply(o);
	if (JSON.stringify(o) !== JSON.stringify(old)) {
		emu.store.touch(o);
		emu.emitEvent(`${kind}_updated`, { [kind]: snapshot(o), [`old_${kind}`]: old });
	}
}

/** @param {Emu} emu @param {Obj} q */
function accountChecks(emu, q) {
	const { external_ref: _ignored, ...rest } = q;
	const c = commonChecks(emu, rest);
	/** @param {string} k @param {(o: Obj) => unknown[]} values */
	const anyOf = (k, values) => {
		if (!Array.isArray(q[k]) || q[k].length === 0) return;
		const s = new Set(q[k]);
		c.push((o) => values(o).some((v) => s.has(v)));
	};
	anyOf('display_name', (o) => [o.display_name]);
	anyOf('external_refs', (o) => o.external_refs || []);
	anyOf('stage', (o) => [o.stage?.id]);
	anyOf('tier', (o) => [o.tier]);
	anyOf('websites', (o) => o.websites || []);
	return c;
}

/** @type {Record<string, (emu: Emu, q: Obj) => Result>} */
const LIFECYCLE_ROUTES = {
	'/rev-users.create': (emu, q) => {
		checkPhones(q.phone_numbers);
		const { rev_org: orgKey, custom_schema_spec: _spec, ...fields } = q;
		let org;
		if (orgKey !== undefined) {
			org = emu.store.findOrg(orgKey);
			if (!org || org.__kind !== 'rev_org')
				throw err.invalidId('rev_org', `rev org "${orgKey}" not found`);
		}
		checkRevUserUnique(emu, fields);
		const user = emu.store.createRevUserFromApi(fields, org);
		emu.emitEvent('rev_user_created', { rev_user: snapshot(user) });
		return { status: 201, json: { rev_user: user } };
	},

	'/rev-users.get': (emu, q) => ({ json: { rev_user: mustUser(emu, q.id) } }),

	'/rev-users.update': (emu, q) => {
		const user = mustUser(emu, q.id);
		checkPhones(q.phone_numbers);
		checkCustomSchema(q.custom_fields, q.custom_schema_spec);
		const {
			id: _id,
			custom_schema_spec: _spec,
			custom_schema_fragments: fragments,
			custom_fields: custom,
			display_picture: picture,
			...fields
		} = q;
		// Only a change can collide: an update that keeps its email (in any case) or ref is no conflict.
		const changes = Object.fromEntries(
			['email', 'external_ref']
				.filter(
					(k) =>
						fields[k] !== undefined &&
						String(fields[k]).toLowerCase() !== String(user[k] ?? '').toLowerCase(),
				)
				.map((k) => [k, fields[k]]),
		);
		checkRevUserUnique(emu, changes, user);
		update(emu, user, 'rev_user', (u) => {
			Object.assign(u, fields);
			if (fields.external_ref !== undefined) u.external_refs = [fields.external_ref];
			if (picture !== undefined) u.display_picture = { id: picture };
			if (fragments?.set) u.custom_schema_fragments = fragments.set;
			if (custom) u.custom_fields = { ...u.custom_fields, ...custom };
		});
		return { json: { rev_user: user } };
	},

	'/rev-users.delete': (emu, q) => {
		const user = mustUser(emu, q.id);
		const old = snapshot(user);
		emu.store.remove(user);
		emu.emitEvent('rev_user_deleted', { id: user.id, old_rev_user: old });
		return { json: {} };
	},

	'/rev-users.list': (emu, q) => {
		const r = listPage(emu, q, emu.store.revUsers, 'rl', revUserChecks(emu, q), REV_USER_SORT);
		return { list: r.list, json: { rev_users: r.page, ...r.cursors } };
	},

	'/accounts.create': (emu, q) => {
		if (q.display_name.trim() === '') throw err.missingField('display_name');
		const refs = q.external_refs ?? [];
		const clash = emu.store.accountConflict(refs);
		if (clash) throw err.conflict(`an account with external ref "${clash.ref}" already exists`);
		const websites = q.websites ?? [];
		const account = emu.store.addAccount({
			display_name: q.display_name,
			description: q.description,
			external_refs: refs,
			tier: q.tier,
			websites,
			domains: union(q.domains ?? [], domainsOf(websites)),
			owned_by: owners(emu, q.owned_by ?? [emu.devUser.id]),
		});
		for (const key of Object.keys(account)) if (account[key] === undefined) delete account[key];
		// DevRev creates a default rev org (workspace) with every account (rev-orgs.get with `account`).
		const org = emu.store.addRevOrg({
			display_name: account.display_name,
			account: account.id,
			description: undefined,
		});
		delete org.description;
		emu.emitEvent('account_created', { account: snapshot(account) });
		emu.emitEvent('rev_org_created', { rev_org: snapshot(org) });
		return { status: 201, json: { account } };
	},

	'/accounts.get': (emu, q) => ({ json: { account: mustAccount(emu, q.id) } }),

	'/accounts.list': (emu, q) => {
		const r = listPage(emu, q, emu.store.accounts, 'ac', accountChecks(emu, q), ACCOUNT_SORT);
		return { list: r.list, json: { accounts: r.page, ...r.cursors } };
	},

	'/accounts.update': (emu, q) => {
		const account = mustAccount(emu, q.id);
		if (q.display_name !== undefined && q.display_name.trim() === '') {
			throw err.invalidField('display_name', 'field "display_name" must not be empty');
		}
		const clash = q.external_refs && emu.store.accountConflict(q.external_refs, account);
		if (clash) throw err.conflict(`an account with external ref "${clash.ref}" already exists`);
		const { id: _id, websites, owned_by: ownedBy, ...fields } = q;
		const ownedSummaries = ownedBy === undefined ? undefined : owners(emu, ownedBy);
		update(emu, account, 'account', (a) => {
			Object.assign(a, fields);
			if (ownedSummaries) a.owned_by = ownedSummaries;
			if (websites?.set) {
				a.websites = websites.set;
				a.domains = union(a.domains || [], domainsOf(websites.set));
			}
		});
		return { json: { account } };
	},

	'/accounts.delete': (emu, q) => {
		const account = mustAccount(emu, q.id);
		const orgs = emu.store.revOrgs.filter((o) => o.account?.id === account.id);
		for (const { user, old } of emu.store.dissociateAll([account, ...orgs])) {
			emu.emitEvent('rev_user_updated', { rev_user: snapshot(user), old_rev_user: old });
		}
		for (const org of orgs) {
			emu.store.remove(org);
			emu.emitEvent('rev_org_deleted', { id: org.id, old_rev_org: snapshot(org) });
		}
		const old = snapshot(account);
		emu.store.remove(account);
		emu.emitEvent('account_deleted', { id: account.id, old_account: old });
		return { json: {} };
	},
};

module.exports = { LIFECYCLE_ROUTES, checkCustomSchema };
