// @ts-check
'use strict';

/**
 * Tickets and issues (works.*, GA). The request's `type` is the spec's oneOf: ticket-only and
 * issue-only fields are refused by the spec check unless the body names that type. What the spec
 * cannot say, checked here:
 * - IDs must exist and be of the kind the field takes (400 `invalid_id`, or `unexpected_id_type`
 *   for an object of another kind; works.create lists no 404): applies_to_part and developed_with
 *   a part, owned_by dev users (never empty), reported_by users (dev, rev or sys), tags tags,
 *   rev_org a rev org, account an account. Sprints, groups, channels_v2, source channels v2 and
 *   artifacts are not modelled: any ID there is `invalid_id`.
 * - Stages (works.js STAGES) are DevRev's stock ones; an unknown name is 400
 *   `value_not_permitted` with allowed_values. A create starts in the default stage (ticket
 *   `queued`, issue `triage`) or one whose state is open, unless `stage_validation_options:
 *   ["allow_non_start"]`. Transitions on update are not restricted.
 * - A tag value must be one of the tag's allowed values (a tag without any takes none).
 * - priority and priority_v2 are kept in step (p0..p3 = stock ids 1..4).
 * Events: work_created {work}, work_updated {work, old_work} (only when something changed),
 * work_deleted {id, old_work}. Deleting a work deletes its comments (no events for those).
 */

const { err } = require('./errors');
const { anyOf, dateChecks, listPage } = require('./lists');
const { orgSummary, snapshot } = require('./store');
const { CORE, compact, partSummary, tagSummary } = require('./catalog');
const { checkCustomSchema } = require('./lifecycle');

/** @typedef {import('./index').DevRevEmulator} Emu */
/** @typedef {import('./store').Store} Store */
/** @typedef {import('./store').Kind} Kind */
/** @typedef {Record<string, any>} Obj */

/** Stock stages and the state each belongs to. */
const STAGES = {
	ticket: {
		queued: 'open',
		work_in_progress: 'in_progress',
		awaiting_product_assist: 'in_progress',
		awaiting_development: 'in_progress',
		awaiting_customer_response: 'in_progress',
		resolved: 'closed',
		canceled: 'closed',
	},
	issue: {
		triage: 'open',
		backlog: 'open',
		prioritized: 'open',
		in_development: 'in_progress',
		in_review: 'in_progress',
		in_testing: 'in_progress',
		in_deployment: 'in_progress',
		completed: 'closed',
		"won't_fix": 'closed',
		duplicate: 'closed',
	},
};
const DEFAULT_STAGE = { ticket: 'queued', issue: 'triage' };
const PRIORITIES = ['p0', 'p1', 'p2', 'p3'];
const SENTIMENTS = ['Delighted', 'Happy', 'Neutral', 'Unhappy', 'Frustrated'];
const WORK_SORT = [
	'created_date',
	'modified_date',
	'target_close_date',
	'title',
	'display_id',
	'id',
	'type',
	'stage.name',
	'severity',
	'priority',
];
const USERS = /** @type {Kind[]} */ (['dev_user', 'rev_user', 'sys_user']);

/** @param {'ticket' | 'issue'} type @param {string} name */
const stateOf = (type, name) => /** @type {Record<string, string>} */ (STAGES[type])[name];

/** The object a field names, or DevRev's 400. @param {Emu} emu @param {string} field @param {string} key @param {Kind[]} kinds */
function one(emu, field, key, kinds) {
	const o = emu.store.byKey.get(key);
	const m = o && emu.store.meta.get(o);
	if (!m) throw err.invalidId(field, `field "${field}": "${key}" not found`);
	if (!kinds.includes(m.kind))
		throw err.unexpectedIdType(field, `field "${field}": "${key}" is not a ${kinds.join(' or ')}`);
	return o;
}

/** @param {string} field @param {string[] | undefined} ids */
function unmodelled(field, ids) {
	if (ids?.length) throw err.invalidId(field, `field "${field}": "${ids[0]}" not found`);
}

/** @param {Emu} emu @param {Obj} t set-tag-with-value @param {number} i */
function tagWithValue(emu, t, i) {
	const tag = one(emu, `tags[${i}].id`, t.id, ['tag']);
	if (t.value !== undefined) {
		const allowed = emu.store.metaOf(tag).allowedValues || [];
		if (!allowed.includes(t.value))
			throw err.valueNotPermitted(
				`tags[${i}].value`,
				`not an allowed value of ${tag.name}`,
				allowed,
			);
	}
	return compact({ tag: tagSummary(tag), value: t.value });
}

/** @param {number} id @param {string[]} labels @param {string} field */
function enumValue(id, labels, field) {
	if (!Number.isInteger(id) || id < 1 || id > labels.length)
		throw err.valueNotPermitted(
			field,
			`unknown id ${id}`,
			labels.map((_, i) => String(i + 1)),
		);
	return { id, label: labels[id - 1], ordinal: id };
}

/** @param {'ticket' | 'issue'} type @param {string} name */
function checkStage(type, name) {
	if (!stateOf(type, name))
		throw err.valueNotPermitted(
			'stage.name',
			`unknown ${type} stage "${name}"`,
			Object.keys(STAGES[type]),
		);
}

/** Ticket-only fields, resolved. @param {Emu} emu @param {Obj} f @param {Obj} out */
function ticketFields(emu, f, out) {
	if (f.rev_org !== undefined)
		out.rev_org = orgSummary(one(emu, 'rev_org', f.rev_org, ['rev_org']));
	if (f.account !== undefined) {
		const { type: _t, ...summary } = orgSummary(one(emu, 'account', f.account, ['account']));
		out.account = summary;
	}
	for (const k of ['severity', 'needs_response', 'channels', 'source_channel', 'sentiment_summary'])
		if (f[k] !== undefined) out[k] = f[k];
	if (f.sentiment_modified_date !== undefined)
		out.sentiment_modified_date = f.sentiment_modified_date;
	if (f.sentiment !== undefined) out.sentiment = enumValue(f.sentiment, SENTIMENTS, 'sentiment');
	if (f.group !== undefined) unmodelled('group', [f.group]);
	if (f.source_channel_v2 !== undefined) unmodelled('source_channel_v2', [f.source_channel_v2]);
	unmodelled('channels_v2', f.channels_v2);
}

/** Issue-only fields, resolved. @param {Emu} emu @param {Obj} f @param {Obj} out */
function issueFields(emu, f, out) {
	const v2 = f.priority_v2 ?? (f.priority ? PRIORITIES.indexOf(f.priority) + 1 : undefined);
	if (v2 !== undefined) {
		out.priority_v2 = enumValue(v2, ['P0', 'P1', 'P2', 'P3'], 'priority_v2');
		out.priority = PRIORITIES[v2 - 1];
	}
	if (f.developed_with !== undefined)
		out.developed_with = f.developed_with.map((/** @type {string} */ id) =>
			partSummary(one(emu, 'developed_with', id, ['part'])),
		);
	if (f.target_start_date !== undefined) out.target_start_date = f.target_start_date;
	if (f.sprint !== undefined) unmodelled('sprint', [f.sprint]);
}

/**
 * The work fields a request sets (present keys only), as the spec's ticket/issue has them.
 * @param {Emu} emu @param {'ticket' | 'issue'} type @param {Obj} f the request, set forms unwrapped
 */
function resolve(emu, type, f) {
	/** @type {Obj} */
	const out = {};
	for (const k of ['title', 'body', 'target_close_date']) if (f[k] !== undefined) out[k] = f[k];
	if (f.applies_to_part !== undefined)
		out.applies_to_part = partSummary(one(emu, 'applies_to_part', f.applies_to_part, ['part']));
	if (f.owned_by !== undefined) {
		if (f.owned_by.length === 0)
			throw err.invalidField('owned_by', 'field "owned_by" must not be empty');
		out.owned_by = f.owned_by.map((/** @type {string} */ id) =>
			emu.store.userSummary(one(emu, 'owned_by', id, ['dev_user'])),
		);
	}
	if (f.reported_by !== undefined)
		out.reported_by = f.reported_by.map((/** @type {string} */ id) =>
			emu.store.userSummary(one(emu, 'reported_by', id, USERS)),
		);
	if (f.tags !== undefined)
		out.tags = f.tags.map((/** @type {Obj} */ t, /** @type {number} */ i) =>
			tagWithValue(emu, t, i),
		);
	if (f.stage?.name !== undefined) {
		checkStage(type, f.stage.name);
		out.stage = { name: f.stage.name };
	}
	unmodelled('artifacts', f.artifacts);
	if (f.custom_fields !== undefined) out.custom_fields = f.custom_fields;
	if (type === 'ticket') ticketFields(emu, f, out);
	else issueFields(emu, f, out);
	return out;
}

/**
 * A ticket or issue in the store (seeds and works.create). `fields` are response fields.
 * @param {Store} store @param {'ticket' | 'issue'} type @param {Obj} fields @param {Obj} [p] created_date, created_by, …
 */
function addWork(store, type, fields, p = {}) {
	const n = ++store.made[type];
	const b = store.base(p, '');
	const work = {
		type,
		id: `${CORE}:${type}/${n}`,
		display_id: `${type === 'ticket' ? 'TKT' : 'ISS'}-${n}`,
		created_by: b.created_by,
		created_date: b.created_date,
		modified_by: b.modified_by,
		modified_date: b.modified_date,
		stage: { name: DEFAULT_STAGE[type] },
		...fields,
	};
	store.works.push(work);
	store.register(work, 'work');
	return work;
}

/** @param {Emu} emu @param {string} key */
function mustWork(emu, key) {
	const work = emu.store.find(key, ['work']);
	if (!work) throw err.notFound(`work "${key}" not found`);
	return work;
}

/**
 * Tasks and opportunities (beta) are not modelled. Custom fields (beta only: the public spec's
 * works.create/update has none, so the validator refuses them there) need their schema, as on
 * rev users; custom_schema_fragments are not modelled.
 * @param {Obj} q
 */
function modelled(q) {
	if (q.type !== undefined && q.type !== 'ticket' && q.type !== 'issue')
		throw err.badRequest(`the emulator models tickets and issues only, not "${q.type}"`);
	if (q.custom_schema_fragments)
		throw err.badRequest('the emulator does not model custom schema fragments on works');
	checkCustomSchema(q.custom_fields, q.custom_schema_spec);
}

/** works.update's set forms, unwrapped; artifacts' set/add together. @param {Obj} q */
function unwrap(q) {
	const { id: _id, type: _type, stage_validation_options: _o, staged_info: _s, ...f } = q;
	for (const k of ['owned_by', 'reported_by', 'tags', 'developed_with', 'channels']) {
		if (f[k] !== undefined) f[k] = f[k].set;
		if (f[k] === undefined) delete f[k];
	}
	if (f.artifacts) f.artifacts = [...(f.artifacts.set || []), ...(f.artifacts.add || [])];
	return f;
}

/** @param {Emu} emu @param {Obj} q */
function workChecks(emu, q) {
	const c = dateChecks(emu, q, ['created_date', 'modified_date', 'target_close_date']);
	const ids = (/** @type {Obj[] | undefined} */ xs) => (xs || []).map((x) => x.id);
	anyOf(emu, c, q.type, (w) => [w.type]);
	anyOf(emu, c, q.applies_to_part, (w) => [w.applies_to_part?.id], true);
	anyOf(emu, c, q.owned_by, (w) => ids(w.owned_by), true);
	anyOf(emu, c, q.reported_by, (w) => ids(w.reported_by), true);
	anyOf(emu, c, q.created_by, (w) => [w.created_by?.id], true);
	anyOf(emu, c, q.modified_by, (w) => [w.modified_by?.id], true);
	anyOf(emu, c, q.stage?.name, (w) => [w.stage?.name]);
	anyOf(emu, c, q.state, (w) => [stateOf(w.type, w.stage?.name)]);
	anyOf(emu, c, q.tags, (w) => (w.tags || []).map((/** @type {Obj} */ t) => t.tag.id), true);
	const t = q.ticket || {};
	anyOf(emu, c, t.severity, (w) => [w.severity]);
	anyOf(emu, c, t.rev_org, (w) => [w.rev_org?.id], true);
	anyOf(emu, c, t.channels, (w) => w.channels || []);
	anyOf(emu, c, t.source_channel, (w) => [w.source_channel]);
	if (typeof t.needs_response === 'boolean')
		c.push((w) => w.type === 'ticket' && Boolean(w.needs_response) === t.needs_response);
	const i = q.issue || {};
	anyOf(emu, c, i.priority, (w) => [w.priority]);
	anyOf(emu, c, i.priority_v2, (w) => [w.priority_v2?.id]);
	c.push(...dateChecks(emu, i, ['target_start_date']));
	// Not modelled, so no work has them: a filter on them matches nothing.
	for (const f of [
		t.group,
		t.brand,
		t.channels_v2,
		t.source_channel_v2,
		i.sprint,
		i.accounts,
		i.rev_orgs,
	])
		anyOf(emu, c, f, () => []);
	return c;
}

/** @type {Record<string, (emu: Emu, q: Obj) => {status?: number, json?: Obj, list?: string}>} */
const WORK_ROUTES = {
	'/works.create': (emu, q) => {
		modelled(q);
		const type = /** @type {'ticket' | 'issue'} */ (q.type);
		const stage = q.stage?.name ?? DEFAULT_STAGE[type];
		checkStage(type, stage);
		if (
			stateOf(type, stage) !== 'open' &&
			!(q.stage_validation_options || []).includes('allow_non_start')
		)
			throw err.valueNotPermitted(
				'stage.name',
				`"${stage}" is not a start stage; send stage_validation_options ["allow_non_start"]`,
			);
		const { stage_validation_options: _o, type: _t, ...f } = q;
		const work = addWork(emu.store, type, resolve(emu, type, { ...f, stage: { name: stage } }));
		emu.emitEvent('work_created', { work: snapshot(work) });
		return { status: 201, json: { work } };
	},

	'/works.get': (emu, q) => ({ json: { work: mustWork(emu, q.id) } }),

	'/works.update': (emu, q) => {
		const work = mustWork(emu, q.id);
		modelled(q);
		if (q.type !== undefined && q.type !== work.type)
			throw err.invalidField(
				'type',
				`work "${work.display_id}" is a ${work.type}, not a ${q.type}`,
			);
		const changes = resolve(emu, work.type, unwrap(q));
		if (changes.custom_fields)
			changes.custom_fields = { ...work.custom_fields, ...changes.custom_fields };
		const old = snapshot(work);
		Object.assign(work, changes);
		if (JSON.stringify(work) !== JSON.stringify(old)) {
			emu.store.touch(work);
			emu.emitEvent('work_updated', { work: snapshot(work), old_work: old });
		}
		return { json: { work } };
	},

	'/works.delete': (emu, q) => {
		const work = mustWork(emu, q.id);
		for (const c of emu.store.comments.filter((x) => x.object === work.id)) emu.store.remove(c);
		const old = snapshot(work);
		emu.store.remove(work);
		emu.emitEvent('work_deleted', { id: work.id, old_work: old });
		return { json: {} };
	},

	'/works.list': (emu, q) => {
		const r = listPage(emu, q, emu.store.works, 'wk', workChecks(emu, q), WORK_SORT);
		return { list: r.list, json: { works: r.page, ...r.cursors } };
	},
};

module.exports = { WORK_ROUTES, addWork, resolve, STAGES, DEFAULT_STAGE, WORK_SORT };
