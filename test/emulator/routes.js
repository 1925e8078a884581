// @ts-check
'use strict';

const { err } = require('./errors');
const { paginate } = require('./cursors');
const { orgSummary, snapshot } = require('./store');
const { searchCore } = require('./search');
const { WEBHOOK_ROUTES } = require('./webhooks');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {Record<string, any>} Obj */
/** @typedef {{status?: number, json?: Obj, list?: string}} Result */
/** @typedef {(emu: Emu, q: Obj) => Result} Handler */

/** IDs plus the IDs their display IDs stand for, so filters take either form. @param {Emu} emu @param {string[]} keys */
function idSet(emu, keys) {
  const set = new Set(keys);
  for (const k of keys) {
    const o = emu.store.byKey.get(k);
    if (o) set.add(o.id);
  }
  return set;
}

/** @param {{after?: string, before?: string}} f */
function dateRange(f) {
  const lo = f.after ? Date.parse(f.after) : -Infinity;
  const hi = f.before ? Date.parse(f.before) : Infinity;
  return (/** @type {string} */ d) => {
    const t = Date.parse(d);
    return t >= lo && t <= hi;
  };
}

/**
 * Common filters of rev users and rev orgs. Array filters are any-of; empty arrays do not filter.
 * @param {Emu} emu @param {Obj} q @returns {((o: Obj) => boolean)[]}
 */
function commonChecks(emu, q) {
  /** @type {((o: Obj) => boolean)[]} */
  const c = [];
  const has = (/** @type {string} */ k) => Array.isArray(q[k]) && q[k].length > 0;
  if (has('created_by')) {
    const s = idSet(emu, q.created_by);
    c.push((o) => s.has(o.created_by?.id));
  }
  if (has('external_ref')) {
    const s = new Set(q.external_ref);
    c.push((o) => s.has(o.external_ref));
  }
  if (has('tags')) {
    const s = idSet(emu, q.tags);
    c.push((o) => (o.tags || []).some((/** @type {Obj} */ t) => s.has(t.tag?.id)));
  }
  if (q.custom_fields) {
    const want = Object.entries(q.custom_fields);
    c.push((o) => want.every(([k, v]) => JSON.stringify(o.custom_fields?.[k]) === JSON.stringify(v)));
  }
  for (const k of ['created_date', 'modified_date']) {
    if (q[k] && (q[k].after || q[k].before)) {
      const inRange = dateRange(q[k]);
      c.push((o) => inRange(o[k]));
    }
  }
  return c;
}

/** @param {Emu} emu @param {Obj} q */
function revUserChecks(emu, q) {
  const c = commonChecks(emu, q);
  const has = (/** @type {string} */ k) => Array.isArray(q[k]) && q[k].length > 0;
  if (has('associations')) {
    const s = idSet(emu, q.associations);
    c.push((u) => (emu.store.metaOf(u).assoc || []).some((id) => s.has(id)));
  }
  if (has('email')) {
    const s = new Set(q.email.map((/** @type {string} */ e) => e.toLowerCase()));
    c.push((u) => typeof u.email === 'string' && s.has(u.email.toLowerCase()));
  }
  if (has('external_refs')) {
    const s = new Set(q.external_refs);
    c.push((u) => (u.external_refs || []).some((/** @type {string} */ r) => s.has(r)));
  }
  if (has('phone_numbers')) {
    const s = new Set(q.phone_numbers);
    c.push((u) => (u.phone_numbers || []).some((/** @type {string} */ p) => s.has(p)));
  }
  if (has('rev_org')) {
    const s = idSet(emu, q.rev_org);
    c.push((u) => s.has(u.rev_org?.id));
  }
  if (typeof q.is_verified === 'boolean') c.push((u) => (u.is_verified === true) === q.is_verified);
  return c;
}

/**
 * The filtered scan list, cached per filter set and store version. A first page (no cursor)
 * always recomputes, so direct edits of emu.revUsers between walks are seen.
 * @param {Emu} emu @param {Obj} q
 */
function scanList(emu, q) {
  const { cursor, ...filters } = q;
  const key = JSON.stringify(filters);
  const hit = emu.scanCache.get(key);
  if (cursor && hit && hit.version === emu.store.version) return hit.items;
  const checks = revUserChecks(emu, q);
  const all = emu.store.revUsers;
  const items = checks.length === 0 ? all.slice() : all.filter((u) => checks.every((f) => f(u)));
  emu.scanCache.delete(key);
  emu.scanCache.set(key, { version: emu.store.version, items });
  if (emu.scanCache.size > 32) emu.scanCache.delete(/** @type {string} */ (emu.scanCache.keys().next().value));
  return items;
}

/**
 * Parses sort_by entries "field", "field:asc" or "field:desc" into a total order (ties by creation).
 * @param {Emu} emu @param {string[] | undefined} sortBy @param {string[]} allowed
 */
function sorter(emu, sortBy, allowed) {
  const keys = (sortBy || []).map((s) => {
    const [field, dir = 'asc', extra] = s.split(':');
    if (!allowed.includes(field)) {
      throw err.invalidField('sort_by', `unknown sort field "${field}" in "${s}"; allowed: ${allowed.join(', ')}`);
    }
    if (extra !== undefined || (dir !== 'asc' && dir !== 'desc')) {
      throw err.invalidField('sort_by', `invalid sort_by entry "${s}"; use "<field>:asc" or "<field>:desc"`);
    }
    return { field, sign: dir === 'desc' ? -1 : 1 };
  });
  return (/** @type {Obj} */ a, /** @type {Obj} */ b) => {
    for (const { field, sign } of keys) {
      const x = a[field] ?? '';
      const y = b[field] ?? '';
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return emu.store.seqOf(a) - emu.store.seqOf(b);
  };
}

/** @param {Emu} emu @param {Obj[]} items @param {string} list @param {Obj} q @param {number} limit @param {(a: Obj, b: Obj) => number} [cmp] */
function page(emu, items, list, q, limit, cmp) {
  const store = emu.store;
  return paginate(emu.cursors, list, {
    items, cmp, seqOf: (o) => store.seqOf(o), bySeq: (s) => store.bySeq(s),
  }, { cursor: q.cursor || undefined, limit, mode: q.mode });
}

/**
 * A rev user's associations changed through the API: modified now, and DevRev's
 * rev_user_updated event (associations are part of the contact).
 * @param {Emu} emu @param {Obj} user @param {Obj} old
 */
function touched(emu, user, old) {
  emu.store.touch(user);
  emu.emitEvent('rev_user_updated', { rev_user: snapshot(user), old_rev_user: old });
}

/** @param {Emu} emu @param {string} key */
function mustUser(emu, key) {
  const u = emu.store.findRevUser(key);
  if (!u) throw err.notFound(`rev user "${key}" not found`);
  return u;
}

/** @param {Emu} emu @param {string} key */
function mustOrg(emu, key) {
  const o = emu.store.findOrg(key);
  if (!o) throw err.notFound(`rev org "${key}" not found`);
  return o;
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
    throw err.forbidden('the multi-association contact feature is not enabled for this Dev organization; ' +
      'use rev-users.link / rev-users.unlink instead');
  }
}

const SYS_SORT = ['created_date', 'modified_date', 'display_name', 'full_name', 'email', 'display_id', 'id', 'state'];
const ORG_SORT = ['created_date', 'modified_date', 'display_name', 'display_id', 'id', 'external_ref'];

/**
 * DevRev documents `limit` as 1 to 100 in prose only, so the spec cannot check it.
 * @param {Obj} q @param {number} [fallback]
 */
function pageLimit(q, fallback = 50) {
  const limit = q.limit ?? fallback;
  if (limit < 1 || limit > 100) throw err.invalidField('limit', `field "limit" must be between 1 and 100, got ${limit}`);
  return limit;
}

/**
 * The operations the emulator serves, by route. Which methods each takes, whether it is beta-only
 * and what its requests and answers look like come from DevRev's spec (spec/validator.js).
 * @type {Record<string, Handler>}
 */
const ROUTES = {
  '/rev-users.scan': (emu, q) => {
    const items = scanList(emu, q);
    const r = page(emu, items, 'ru', q, emu.scanPageSize);
    return { list: 'ru', json: { rev_users: r.page, ...(r.next_cursor ? { next_cursor: r.next_cursor } : {}) } };
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
    const list = `as${emu.store.seqOf(user)}`;
    const r = page(emu, emu.store.associationsOf(user), list, q, limit);
    return { list, json: { associations: r.page.map((o) => ({ associated_to: orgSummary(o) })),
      ...(r.next_cursor ? { next_cursor: r.next_cursor } : {}), ...(r.prev_cursor ? { prev_cursor: r.prev_cursor } : {}) } };
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
      if (!assoc.includes(org.id)) throw err.badRequest(`rev user "${user.id}" is not associated with "${org.id}"`);
    }
    const old = snapshot(user);
    for (const org of orgs) emu.store.dissociate(user, org);
    touched(emu, user, old);
    return { status: 204 };
  },

  '/sys-users.list': (emu, q) => {
    const cmp = sorter(emu, q.sort_by, SYS_SORT);
    const items = emu.store.sysUsers.slice().sort(cmp);
    const r = page(emu, items, 'su', q, pageLimit(q), cmp);
    return { list: 'su', json: { sys_users: r.page, ...(r.next_cursor ? { next_cursor: r.next_cursor } : {}),
      ...(r.prev_cursor ? { prev_cursor: r.prev_cursor } : {}) } };
  },

  '/rev-orgs.get': (emu, q) => {
    if (q.id) {
      const org = emu.store.findOrg(q.id);
      if (!org || org.__kind !== 'rev_org') throw err.notFound(`rev org "${q.id}" not found`);
      return { json: { rev_org: org } };
    }
    if (!q.account) throw err.missingField('id');
    const account = emu.store.findOrg(q.account);
    if (!account || account.__kind !== 'account') throw err.notFound(`account "${q.account}" not found`);
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
    const cmp = sorter(emu, q.sort_by, ORG_SORT);
    const items = emu.store.revOrgs.filter((o) => c.every((f) => f(o))).sort(cmp);
    const r = page(emu, items, 'ro', q, pageLimit(q), cmp);
    return { list: 'ro', json: { rev_orgs: r.page, ...(r.next_cursor ? { next_cursor: r.next_cursor } : {}),
      ...(r.prev_cursor ? { prev_cursor: r.prev_cursor } : {}) } };
  },

  '/search.core': (emu, q) => searchCore(emu, { ...q, limit: pageLimit(q, 10) }),

  '/dev-users.self': (emu) => ({ json: { dev_user: emu.store.selfUser } }),

  '/auth-tokens.info': (emu) => {
    const u = emu.store.selfUser;
    const iat = Math.floor(emu.startedAt.getTime() / 1000);
    return { json: {
      organization: { display_id: 'DEV-1emu', id: emu.store.selfUser.id.replace(/:devu\/.*$/, ''), slug: 'emulator' },
      token: { expiry: iat + 30 * 86400, issued_at: iat, issuer: 'devrev-emulator', subject: u.id },
      user: { type: 'dev_user', display_id: u.display_id, display_name: u.display_name, email: u.email,
        full_name: u.full_name, id: u.id },
    } };
  },

  ...WEBHOOK_ROUTES,
};

module.exports = { ROUTES, scanList };
