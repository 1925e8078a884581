// @ts-check
'use strict';

/**
 * Deterministic seed data for dev users, tags, parts, tickets, issues and comments (seed.js seeds
 * the contacts). n is 1-based within each kind, counting what is already there.
 *
 * dev users  (n ≥ 2; DEVU-1 is the token's) full_name DEV_NAMES[(n-2) % 12] (+ " <round>"),
 *            display_name its first name in lower case (+ n after the first round), email
 *            `<first>.<last>[.<n>]@emulator.example.com`, state 'deactivated' when n % 7 === 0,
 *            created 2022-02-01Z + n days.
 * tags       TAG_NAMES[(n-1) % 8] (+ "-<round>"); `impact` allows the values low, medium, high.
 * parts      in blocks of 10: 1 product, 3 capabilities (parent: the block's product), 6 features
 *            (parent: capability 1, 2, 3, 1, 2, 3); name `<PART_A[(n-1) % 15]>
 *            <PART_B[floor((n-1) / 15) % 15]>` (225 distinct names, then " <round>"); owner
 *            devUsers[(n-1) % devUsers]; created 2022-04-01Z + n hours.
 * tickets    title TICKET_TITLES[(n-1) % 10] + " #<n>"; part parts[(n-1) % parts] (a product is
 *            added when there is none); owner devUsers[n % devUsers]; reported by
 *            revUsers[(n-1) % revUsers] (and that user's rev_org) when any; severity
 *            [low, medium, high, blocker][(n-1) % 4]; stage [queued, work_in_progress,
 *            awaiting_customer_response, resolved, canceled][(n-1) % 5]; tag tags[n % tags] when
 *            n % 3 === 0; created 2024-01-01Z + (n-1) * 2 h, modified created + (n % 4) h.
 * issues     title ISSUE_TITLES[(n-1) % 10] + " #<n>"; part as tickets; owner and reporter
 *            devUsers[(n-1) % devUsers] / [n % devUsers]; priority p<(n-1) % 4>; stage [triage,
 *            backlog, prioritized, in_development, completed][(n-1) % 5]; created 2024-02-01Z +
 *            (n-1) * 3 h, modified created + (n % 3) h.
 * comments   on works[(n-1) % works] (none without works), body COMMENTS[(n-1) % 8], visibility
 *            [external, internal, external, private][(n-1) % 4], created that work's
 *            created_date + n minutes.
 */

const { addDevUser, addPart, addTag, partSummary, tagSummary } = require('./catalog');
const { addWork } = require('./works');
const { addComment } = require('./timeline');

/** @typedef {import('./store').Store} Store */
/** @typedef {{devUsers?: number, tags?: number, parts?: number, tickets?: number, issues?: number, comments?: number}} WorkCounts */

const DEV_NAMES = [
	'Priya Raman',
	'Marco Rossi',
	'Aiko Tanaka',
	'Lena Fischer',
	'Omar Haddad',
	'Sara Lindqvist',
	'Tomas Ortega',
	'Nia Okafor',
	'Wei Chen',
	'Jonas Berg',
	'Amara Diallo',
	'Ravi Menon',
];
const TAG_NAMES = [
	'bug',
	'feature-request',
	'urgent',
	'billing',
	'onboarding',
	'regression',
	'security',
	'impact',
];
const PART_A = [
	'Billing',
	'Search',
	'Analytics',
	'Identity',
	'Messaging',
	'Payments',
	'Reporting',
	'Storage',
	'Scheduler',
	'Insights',
	'Checkout',
	'Inventory',
	'Notifications',
	'Onboarding',
	'Audit',
];
const PART_B = [
	'Core',
	'Portal',
	'Gateway',
	'Engine',
	'Console',
	'API',
	'Sync',
	'Hub',
	'Studio',
	'Vault',
	'Relay',
	'Pipeline',
	'Widget',
	'Agent',
	'Ledger',
];
const TICKET_TITLES = [
	'Cannot log in after password reset',
	'Invoice shows the wrong currency',
	'Export to CSV times out',
	'Webhook deliveries arrive twice',
	'Search misses recent records',
	'Mobile app crashes on start',
	'Two-factor codes never arrive',
	'Dashboard loads slowly',
	'Refund not reflected in balance',
	'API returns 500 on bulk update',
];
const ISSUE_TITLES = [
	'Retry failed webhook deliveries',
	'Paginate the audit log',
	'Cache currency rates',
	'Index records on modified date',
	'Stream CSV exports',
	'Rotate signing keys',
	'Debounce search requests',
	'Batch notification emails',
	'Archive stale sessions',
	'Profile the dashboard queries',
];
const COMMENTS = [
	'Thanks for reporting this, we are looking into it.',
	'I can reproduce it on the latest build.',
	'Could you share the request ID from the error?',
	'A fix is ready for review.',
	'Deployed to staging; please confirm.',
	'This is a duplicate of an older report.',
	'Customer confirmed the workaround helps.',
	'Closing: fixed in the latest release.',
];
const TICKET_STAGES = [
	'queued',
	'work_in_progress',
	'awaiting_customer_response',
	'resolved',
	'canceled',
];
const ISSUE_STAGES = ['triage', 'backlog', 'prioritized', 'in_development', 'completed'];
const SEVERITIES = ['low', 'medium', 'high', 'blocker'];
const HOUR = 3600000;
const DAY = 24 * HOUR;
const iso = (/** @type {number} */ t) => new Date(t).toISOString();
const round = (/** @type {number} */ n, /** @type {number} */ len) => Math.ceil(n / len);

/** @param {Store} store @param {number} count */
function seedDevUsers(store, count) {
	for (let i = 0; i < count; i++) {
		const n = store.devUsers.length + 1;
		const name = DEV_NAMES[(n - 2) % DEV_NAMES.length];
		const r = round(n - 1, DEV_NAMES.length);
		const first = name.split(' ')[0].toLowerCase();
		const suffix = r > 1 ? `.${n}` : '';
		addDevUser(store, {
			display_name: `${first}${r > 1 ? n : ''}`,
			full_name: r > 1 ? `${name} ${r}` : name,
			email: `${name.toLowerCase().replace(' ', '.')}${suffix}@emulator.example.com`,
			state: n % 7 === 0 ? 'deactivated' : 'active',
			created_date: iso(Date.UTC(2022, 1, 1) + n * DAY),
		});
	}
}

/** @param {Store} store @param {number} count */
function seedTags(store, count) {
	for (let i = 0; i < count; i++) {
		const n = store.tags.length + 1;
		const name = TAG_NAMES[(n - 1) % TAG_NAMES.length];
		const r = round(n, TAG_NAMES.length);
		addTag(store, {
			name: r > 1 ? `${name}-${r}` : name,
			allowed_values: name === 'impact' ? ['low', 'medium', 'high'] : undefined,
		});
	}
}

/** @param {Store} store @param {number} count */
function seedParts(store, count) {
	for (let i = 0; i < count; i++) {
		const n = store.parts.length + 1;
		const k = (n - 1) % 10;
		const block = n - 1 - k;
		const type = k === 0 ? 'product' : k <= 3 ? 'capability' : 'feature';
		const parent = k === 0 ? undefined : store.parts[block + (k <= 3 ? 0 : 1 + ((k - 4) % 3))];
		const r = round(n, PART_A.length * PART_B.length);
		const name = `${PART_A[(n - 1) % PART_A.length]} ${PART_B[Math.floor((n - 1) / PART_A.length) % PART_B.length]}`;
		addPart(store, {
			type,
			name: r > 1 ? `${name} ${r}` : name,
			description: `Seeded ${type} #${n}`,
			owned_by: [store.devUsers[(n - 1) % store.devUsers.length].id],
			parent: parent?.id,
			created_date: iso(Date.UTC(2022, 3, 1) + n * HOUR),
		});
	}
}

/** @param {Store} store @param {number} n */
function partOf(store, n) {
	if (store.parts.length === 0) seedParts(store, 1);
	return partSummary(store.parts[(n - 1) % store.parts.length]);
}

/** @param {Store} store @param {number} count */
function seedTickets(store, count) {
	for (let i = 0; i < count; i++) {
		const n = store.made.ticket + 1;
		const created = Date.UTC(2024, 0, 1) + (n - 1) * 2 * HOUR;
		const reporter = store.revUsers.length
			? store.revUsers[(n - 1) % store.revUsers.length]
			: undefined;
		const tag = n % 3 === 0 && store.tags.length ? store.tags[n % store.tags.length] : undefined;
		addWork(
			store,
			'ticket',
			{
				title: `${TICKET_TITLES[(n - 1) % TICKET_TITLES.length]} #${n}`,
				body: `Seeded ticket #${n}.`,
				applies_to_part: partOf(store, n),
				owned_by: [store.userSummary(store.devUsers[n % store.devUsers.length])],
				...(reporter ? { reported_by: [store.userSummary(reporter)] } : {}),
				...(reporter?.rev_org ? { rev_org: reporter.rev_org } : {}),
				severity: SEVERITIES[(n - 1) % SEVERITIES.length],
				stage: { name: TICKET_STAGES[(n - 1) % TICKET_STAGES.length] },
				...(tag && !store.metaOf(tag).allowedValues ? { tags: [{ tag: tagSummary(tag) }] } : {}),
			},
			{ created_date: iso(created), modified_date: iso(created + (n % 4) * HOUR) },
		);
	}
}

/** @param {Store} store @param {number} count */
function seedIssues(store, count) {
	const devs = store.devUsers;
	for (let i = 0; i < count; i++) {
		const n = store.made.issue + 1;
		const created = Date.UTC(2024, 1, 1) + (n - 1) * 3 * HOUR;
		const p = (n - 1) % 4;
		addWork(
			store,
			'issue',
			{
				title: `${ISSUE_TITLES[(n - 1) % ISSUE_TITLES.length]} #${n}`,
				body: `Seeded issue #${n}.`,
				applies_to_part: partOf(store, n),
				owned_by: [store.userSummary(devs[(n - 1) % devs.length])],
				reported_by: [store.userSummary(devs[n % devs.length])],
				priority: `p${p}`,
				priority_v2: { id: p + 1, label: `P${p}`, ordinal: p + 1 },
				stage: { name: ISSUE_STAGES[(n - 1) % ISSUE_STAGES.length] },
			},
			{ created_date: iso(created), modified_date: iso(created + (n % 3) * HOUR) },
		);
	}
}

/** @param {Store} store @param {number} count */
function seedComments(store, count) {
	if (store.works.length === 0) return;
	for (let i = 0; i < count; i++) {
		const n = store.made.comment + 1;
		const work = store.works[(n - 1) % store.works.length];
		addComment(
			store,
			work,
			{
				body: COMMENTS[(n - 1) % COMMENTS.length],
				visibility: ['external', 'internal', 'external', 'private'][(n - 1) % 4],
			},
			{ created_date: iso(Date.parse(work.created_date) + n * 60000) },
		);
	}
}

/** @param {Store} store @param {WorkCounts} counts */
function seedWork(store, counts) {
	seedDevUsers(store, counts.devUsers || 0);
	seedTags(store, counts.tags || 0);
	seedParts(store, counts.parts || 0);
	seedTickets(store, counts.tickets || 0);
	seedIssues(store, counts.issues || 0);
	seedComments(store, counts.comments || 0);
}

module.exports = { seedWork, DEV_NAMES, TAG_NAMES, PART_A, PART_B };
