// @ts-check
'use strict';

/**
 * In-memory DevRev objects. Public objects are plain JSON shaped as the spec's `rev-user`,
 * `sys-user`, `rev-org` and account (org-base); bookkeeping (sequence number, associations)
 * lives in a WeakMap so it never leaks into JSON or jest equality.
 */

const DEV_ORG = 'don:identity:dvrv-us-1:devo/1emu';
const IDS = {
	devOrg: DEV_ORG,
	revUser: (/** @type {string} */ c) => `${DEV_ORG}:revu/${c}`,
	revOrg: (/** @type {string} */ c) => `${DEV_ORG}:revo/${c}`,
	account: (/** @type {string} */ c) => `don:core:dvrv-us-1:devo/1emu:account/${c}`,
	sysUser: (/** @type {number} */ n) => `${DEV_ORG}:sysu/${n}`,
	devUser: (/** @type {number} */ n) => `${DEV_ORG}:devu/${n}`,
};

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SPACE = 62n ** 8n;
/** Deterministic, unique (bijective for n < 62^8) 8-character base62 code for the n-th object. */
function code(/** @type {number} */ n, /** @type {number} */ salt = 0) {
	// odd multiplier not divisible by 31 → a bijection modulo 62^8 = 2^8 * 31^8
	let x = Number(
		(BigInt(n) * 25214903917n * 1000003n + 98765432109n + BigInt(salt) * 73939133n * 1000000007n) %
			SPACE,
	);
	let s = '';
	for (let i = 0; i < 8; i++) {
		s = B62[x % 62] + s;
		x = Math.floor(x / 62);
	}
	return s;
}

/**
 * @typedef {'rev_user'|'rev_org'|'account'|'sys_user'|'dev_user'|'part'|'tag'|'work'|'comment'} Kind
 * @typedef {{seq: number, kind: Kind, assoc?: string[], derived?: Set<string>, parent?: Obj, allowedValues?: string[], expiresAt?: number}} Meta
 */
/** @typedef {Record<string, any>} Obj */

/** A deep copy of an object as it is now (for webhook events' `old_*` and payloads). @param {Obj} o */
const snapshot = (o) => JSON.parse(JSON.stringify(o));

/** @param {Obj} o */
const orgSummary = (o) => ({
	type: o.__kind,
	id: o.id,
	display_id: o.display_id,
	display_name: o.display_name,
});

class Store {
	/** @param {() => Date} now */
	constructor(now) {
		this.now = now;
		/** @type {Obj[]} */ this.revUsers = [];
		/** @type {Obj[]} */ this.revOrgs = [];
		/** @type {Obj[]} */ this.accounts = [];
		/** @type {Obj[]} */ this.sysUsers = [];
		/** @type {Obj[]} dev users, the token's own (selfUser) first */ this.devUsers = [];
		/** @type {Obj[]} products, capabilities, features, enhancements */ this.parts = [];
		/** @type {Obj[]} */ this.tags = [];
		/** @type {Obj[]} tickets and issues */ this.works = [];
		/** @type {Obj[]} timeline comments */ this.comments = [];
		/** @type {WeakMap<Obj, Meta>} */ this.meta = new WeakMap();
		/** @type {Map<string, Obj>} id and display_id → object */ this.byKey = new Map();
		/** @type {Map<number, Obj>} */ this.bySeqMap = new Map();
		this.seq = 0;
		/** Objects made per kind, deletions included: the n of the next ID code, so IDs never repeat. */
		this.made = {
			rev_user: 0,
			rev_org: 0,
			account: 0,
			dev_user: 1,
			part: 0,
			tag: 0,
			ticket: 0,
			issue: 0,
			comment: 0,
		};
		/** Bumped on every mutation; list caches are keyed on it. */
		this.version = 0;
		this.selfUser = this.makeDevUser();
		this.devUsers.push(this.selfUser);
		this.register(this.selfUser, 'dev_user');
	}

	/** The list that holds objects of a kind. @param {Kind} kind @returns {Obj[]} */
	listOf(kind) {
		return {
			rev_user: this.revUsers,
			rev_org: this.revOrgs,
			account: this.accounts,
			sys_user: this.sysUsers,
			dev_user: this.devUsers,
			part: this.parts,
			tag: this.tags,
			work: this.works,
			comment: this.comments,
		}[kind];
	}

	/** What a key (ID or display ID) names, if it is of one of these kinds. @param {string} key @param {Kind[]} kinds */
	find(key, kinds) {
		const o = this.byKey.get(key);
		const m = o && this.meta.get(o);
		return m && kinds.includes(m.kind) ? o : undefined;
	}

	makeDevUser() {
		const d = '2022-01-01T00:00:00.000Z';
		const u = {
			type: 'dev_user',
			id: IDS.devUser(1),
			display_id: 'DEVU-1',
			display_name: 'emu-admin',
			full_name: 'Emulator Admin',
			email: 'admin@emulator.example.com',
			state: 'active',
		};
		return {
			...u,
			created_date: d,
			modified_date: d,
			phone_numbers: ['+15550100000'],
			timezone: 'UTC',
			created_by: u,
			modified_by: u,
		};
	}

	/** @param {Obj} u user-base object → user-summary (a rev user's with external_ref, rev_org) */
	userSummary(u) {
		/** @type {Obj} */
		const s = {
			type: u.type || 'dev_user',
			id: u.id,
			display_id: u.display_id,
			display_name: u.display_name,
			email: u.email,
			full_name: u.full_name,
			state: u.state,
		};
		if (u.type === 'rev_user' && u.external_ref !== undefined) s.external_ref = u.external_ref;
		if (u.type === 'rev_user' && u.rev_org) s.rev_org = u.rev_org;
		for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
		return s;
	}

	selfSummary() {
		return this.userSummary(this.selfUser);
	}

	/** @param {unknown} v @param {() => string} fallback */
	iso(v, fallback) {
		if (v === undefined || v === null) return fallback();
		if (typeof v === 'string' && CANONICAL.test(v)) return v;
		const t = Date.parse(String(v));
		if (Number.isNaN(t)) throw new Error(`invalid date ${String(v)}`);
		return new Date(t).toISOString();
	}

	/** @param {Obj} obj @param {Meta['kind']} kind */
	register(obj, kind) {
		const seq = ++this.seq;
		/** @type {Meta} */
		const m = { seq, kind };
		this.meta.set(obj, m);
		this.bySeqMap.set(seq, obj);
		this.byKey.set(obj.id, obj);
		if (obj.display_id) this.byKey.set(obj.display_id, obj);
		this.version++;
		return m;
	}

	/** @param {Obj} o */
	metaOf(o) {
		return /** @type {Meta} */ (this.meta.get(o));
	}
	/** @param {Obj} o */
	seqOf(o) {
		return this.metaOf(o).seq;
	}
	/** @param {number} s */
	bySeq(s) {
		return this.bySeqMap.get(s);
	}

	/** @param {Obj} p @param {string} defName */
	base(p, defName) {
		const created = this.iso(p.created_date, () => this.now().toISOString());
		const by = p.created_by || this.selfSummary();
		return {
			created_by: by,
			created_date: created,
			modified_by: p.modified_by || by,
			modified_date: this.iso(p.modified_date, () => created),
			display_name: p.display_name ?? defName,
		};
	}

	/** @param {Obj} [p] */
	addAccount(p = {}) {
		const n = ++this.made.account;
		const c = code(n, 3);
		const b = this.base(p, `Account ${n}`);
		const o = /** @type {Obj} */ ({
			id: IDS.account(c),
			display_id: `ACC-${c}`,
			display_name: b.display_name,
			created_by: b.created_by,
			created_date: b.created_date,
			modified_by: b.modified_by,
			modified_date: b.modified_date,
			description: `Account ${n}`,
			external_refs: [`acc-${n}`],
			domains: [],
			websites: [],
			tags: [],
			owned_by: [b.created_by],
			...p,
		});
		o.created_date = b.created_date;
		o.modified_date = b.modified_date;
		Object.defineProperty(o, '__kind', { value: 'account' });
		this.accounts.push(o);
		this.register(o, 'account');
		return o;
	}

	/** @param {Obj} [p] may carry `account` as an ID string or summary */
	addRevOrg(p = {}) {
		const n = ++this.made.rev_org;
		const c = code(n, 2);
		const b = this.base(p, `Rev Org ${n}`);
		const { account, ...rest } = p;
		const o = /** @type {Obj} */ ({
			id: IDS.revOrg(c),
			display_id: `REV-${c}`,
			display_name: b.display_name,
			created_by: b.created_by,
			created_date: b.created_date,
			modified_by: b.modified_by,
			modified_date: b.modified_date,
			description: `Rev org ${n}`,
			external_ref: `org-${n}`,
			tags: [],
			...rest,
		});
		o.created_date = b.created_date;
		o.modified_date = b.modified_date;
		if (account) {
			const acc = this.findOrg(typeof account === 'string' ? account : account.id);
			if (!acc || acc.__kind !== 'account')
				throw new Error(`unknown account ${JSON.stringify(account)}`);
			o.account = orgSummary(acc);
		}
		Object.defineProperty(o, '__kind', { value: 'rev_org' });
		this.revOrgs.push(o);
		this.register(o, 'rev_org');
		return o;
	}

	/** @param {Obj} [p] */
	addSysUser(p = {}) {
		const n = this.sysUsers.length + 1;
		const b = this.base(p, `sys-user-${n}`);
		const o = /** @type {Obj} */ ({
			type: 'sys_user',
			id: IDS.sysUser(n),
			display_id: `SYSU-${n}`,
			display_name: b.display_name,
			full_name: b.display_name,
			email: `sys-user-${n}@system.example.com`,
			phone_numbers: [],
			state: 'active',
			created_by: b.created_by,
			created_date: b.created_date,
			modified_by: b.modified_by,
			modified_date: b.modified_date,
			...p,
		});
		o.created_date = b.created_date;
		o.modified_date = b.modified_date;
		this.sysUsers.push(o);
		this.register(o, 'sys_user');
		return o;
	}

	/**
	 * @param {Obj} [p] may carry `rev_org` (ID or summary) and `associations` (IDs) to link at creation
	 */
	addRevUser(p = {}) {
		if (!('rev_org' in p) && !('associations' in p))
			return this.createRevUser(p, undefined, undefined);
		const { rev_org, associations, ...rest } = p;
		return this.createRevUser(rest, rev_org, associations);
	}

	/** @param {Obj} rest @param {string | Obj | undefined} rev_org @param {string[] | undefined} associations */
	createRevUser(rest, rev_org, associations) {
		const n = ++this.made.rev_user;
		const c = code(n, 1);
		const b = this.base(rest, `Rev User ${n}`);
		const o = /** @type {Obj} */ ({
			type: 'rev_user',
			id: IDS.revUser(c),
			display_id: `REVU-${c}`,
			display_name: b.display_name,
			full_name: b.display_name,
			email: `rev-user-${n}@example.com`,
			phone_numbers: [],
			state: 'active',
			is_verified: false,
			external_ref: `user-${n}`,
			description: '',
			created_by: b.created_by,
			created_date: b.created_date,
			modified_by: b.modified_by,
			modified_date: b.modified_date,
			...rest,
		});
		o.created_date = b.created_date;
		o.modified_date = b.modified_date;
		if (!('external_refs' in rest)) o.external_refs = [o.external_ref];
		if (!('primary_identity' in rest)) {
			o.primary_identity = {
				type: 'rev_user',
				id: o.id,
				display_id: o.display_id,
				display_name: o.display_name,
			};
		}
		this.revUsers.push(o);
		const m = this.register(o, 'rev_user');
		m.assoc = [];
		m.derived = new Set();
		for (const a of associations || []) this.associate(o, this.mustOrg(a), false);
		if (rev_org)
			this.associate(o, this.mustOrg(typeof rev_org === 'string' ? rev_org : rev_org.id), true);
		return o;
	}

	/** @param {string} key */
	mustOrg(key) {
		const org = this.findOrg(key);
		if (!org) throw new Error(`unknown rev org or account ${key}`);
		return org;
	}

	/** @param {string} key ID or display ID */
	findRevUser(key) {
		const o = this.byKey.get(key);
		return o && o.type === 'rev_user' && this.meta.has(o) ? o : undefined;
	}

	/** @param {string} key ID or display ID of a rev org or account */
	findOrg(key) {
		const o = this.byKey.get(key);
		return o && (o.__kind === 'rev_org' || o.__kind === 'account') ? o : undefined;
	}

	/**
	 * The rev org DevRev returns for an account (rev-orgs.get with `account`): the account's first
	 * rev org, as DevRev creates a default one with each account.
	 * @param {Obj} account
	 */
	defaultRevOrgOf(account) {
		return this.revOrgs.find((org) => org.account?.id === account.id);
	}

	/** @param {Obj} user @returns {Obj[]} the orgs/accounts the user is associated with, in order added */
	associationsOf(user) {
		return (this.metaOf(user).assoc || []).map((id) => /** @type {Obj} */ (this.byKey.get(id)));
	}

	/**
	 * Associates a user with an org (a rev org association also adds its account's) and, when
	 * setRevOrg, makes it the user's `rev_org`. Returns whether anything changed.
	 * @param {Obj} user @param {Obj} org @param {boolean} setRevOrg
	 */
	associate(user, org, setRevOrg) {
		const m = this.metaOf(user);
		const assoc = /** @type {string[]} */ (m.assoc);
		let changed = false;
		if (!assoc.includes(org.id)) {
			assoc.push(org.id);
			m.derived?.delete(org.id);
			changed = true;
		}
		if (org.__kind === 'rev_org' && org.account && !assoc.includes(org.account.id)) {
			assoc.push(org.account.id);
			m.derived?.add(org.account.id);
			changed = true;
		}
		// rev_org is an org-summary, whose type the spec limits to rev_org: never an account.
		if (setRevOrg && org.__kind === 'rev_org' && user.rev_org?.id !== org.id) {
			user.rev_org = orgSummary(org);
			changed = true;
		}
		if (changed) this.version++;
		return changed;
	}

	/**
	 * Removes an association (and an account association that only came with it). Returns false
	 * when the user was not associated with the org.
	 * @param {Obj} user @param {Obj} org
	 */
	dissociate(user, org) {
		const m = this.metaOf(user);
		const assoc = /** @type {string[]} */ (m.assoc);
		const derived = /** @type {Set<string>} */ (m.derived);
		const i = assoc.indexOf(org.id);
		if (i < 0) return false;
		assoc.splice(i, 1);
		derived.delete(org.id);
		const accId = org.__kind === 'rev_org' && org.account ? org.account.id : undefined;
		if (accId && derived.has(accId)) {
			const stillBacked = assoc.some((id) => this.byKey.get(id)?.account?.id === accId);
			if (!stillBacked) {
				assoc.splice(assoc.indexOf(accId), 1);
				derived.delete(accId);
			}
		}
		if (user.rev_org && !assoc.includes(user.rev_org.id)) {
			const orgs = this.associationsOf(user);
			const next = [...orgs].reverse().find((o) => o.__kind === 'rev_org');
			if (next) user.rev_org = orgSummary(next);
			else delete user.rev_org;
		}
		this.version++;
		return true;
	}

	/**
	 * A rev user made through rev-users.create: only the fields sent, plus what DevRev fills in
	 * (IDs, state, a system-generated external_ref when none is sent).
	 * @param {Obj} fields the request's fields other than rev_org @param {Obj | undefined} revOrg
	 */
	createRevUserFromApi(fields, revOrg) {
		const { display_picture, ...rest } = fields;
		const user = this.createRevUser(
			{
				is_verified: false,
				phone_numbers: [],
				display_name: undefined,
				full_name: fields.display_name,
				email: undefined,
				external_ref: undefined,
				description: undefined,
				...rest,
				...(display_picture ? { display_picture: { id: display_picture } } : {}),
			},
			undefined,
			undefined,
		);
		for (const key of Object.keys(user)) if (user[key] === undefined) delete user[key];
		if (user.external_ref === undefined) user.external_ref = user.id;
		user.external_refs = [user.external_ref];
		user.primary_identity = { ...user.primary_identity, display_name: user.display_name };
		if (user.primary_identity.display_name === undefined) delete user.primary_identity.display_name;
		if (revOrg) this.associate(user, revOrg, true);
		return user;
	}

	/**
	 * The rev user (other than `except`) whose email (case-insensitive) or external_ref equals
	 * those in `fields`, and which of the two it shares.
	 * @param {Obj} fields @param {Obj} [except]
	 */
	revUserConflict(fields, except) {
		const email = typeof fields.email === 'string' ? fields.email.toLowerCase() : undefined;
		for (const user of this.revUsers) {
			if (user === except) continue;
			if (
				email !== undefined &&
				typeof user.email === 'string' &&
				user.email.toLowerCase() === email
			) {
				return { user, field: 'email' };
			}
			if (fields.external_ref !== undefined && user.external_ref === fields.external_ref)
				return { user, field: 'external_ref' };
		}
		return undefined;
	}

	/** The account (other than `except`) that already has one of these external refs. @param {string[]} refs @param {Obj} [except] */
	accountConflict(refs, except) {
		for (const account of this.accounts) {
			if (account === except) continue;
			const ref = refs.find((r) => (account.external_refs || []).includes(r));
			if (ref !== undefined) return { account, ref };
		}
		return undefined;
	}

	/**
	 * Takes an object out of its list and out of ID lookups. Its sequence number stays known, so a
	 * cursor whose boundary followed it still finds its place.
	 * @param {Obj} o
	 */
	remove(o) {
		const list = this.listOf(this.metaOf(o).kind);
		const i = list.indexOf(o);
		if (i >= 0) list.splice(i, 1);
		this.byKey.delete(o.id);
		if (o.display_id) this.byKey.delete(o.display_id);
		this.version++;
	}

	/**
	 * Dissociates every rev user from these orgs (and so from a rev_org among them).
	 * @param {Obj[]} orgs @returns {{user: Obj, old: Obj}[]} the rev users that changed, with copies from before
	 */
	dissociateAll(orgs) {
		const ids = new Set(orgs.map((o) => o.id));
		const changed = [];
		for (const user of this.revUsers) {
			if (!(this.metaOf(user).assoc || []).some((id) => ids.has(id))) continue;
			const old = snapshot(user);
			for (const org of orgs)
				if ((this.metaOf(user).assoc || []).includes(org.id)) this.dissociate(user, org);
			this.touch(user);
			changed.push({ user, old });
		}
		return changed;
	}

	/** Bumps modified_date/modified_by after an API mutation. @param {Obj} o */
	touch(o) {
		o.modified_date = this.now().toISOString();
		o.modified_by = this.selfSummary();
		this.version++;
	}
}

module.exports = { Store, IDS, code, orgSummary, snapshot };
