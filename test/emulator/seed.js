// @ts-check
'use strict';

/**
 * Deterministic seed data. Formulas (n is 1-based within each kind, counting from the number
 * of objects of that kind already present, so a fresh emulator always seeds the same data):
 *
 * accounts   display_name ACCOUNT_NAMES[(n-1) % 12] (+ " <round>" after the first 12),
 *            external_ref `acc-<n>`, created 2022-01-01T00:00:00Z + n days.
 * rev orgs   display_name ORG_NAMES[(n-1) % 16] (+ " <round>"), external_ref `org-<n>`,
 *            account = accounts[(n-1) % accounts] when any exist, created 2022-03-01Z + n days.
 * sys users  display_name `<BOT_NAMES[(n*7) % 10]> <n>` (not in creation order, to test sort_by),
 *            email `<slug>-<n>@system.example.com`, created 2022-06-01Z + n days,
 *            state 'deactivated' when n % 10 === 0, else 'active'.
 * rev users  first = FIRST[(n-1) % 40], last = LAST[floor((n-1) / 40) % 40];
 *            display_name = full_name = "<first> <last>";
 *            email `<first>.<last>.<n>@example.com` (lower case); phone_numbers ['+1555' + n padded to 7];
 *            external_ref `user-<n padded to 6>`; is_verified = n % 3 === 0;
 *            created_date 2023-01-01T00:00:00Z + (n-1)*10 min; modified_date created + (n % 5) hours;
 *            created_by = [self dev user, sys user 1, sys user 2][(n-1) % 3] (only those that exist);
 *            linked (rev_org + associations) to revOrgs[(n-1) % revOrgs] unless n % 5 === 0.
 * Then dev users, tags, parts, tickets, issues and comments: see seed-work.js.
 */

const { seedWork } = require('./seed-work');

const ACCOUNT_NAMES = [
	'Acme Holdings',
	'Globex Group',
	'Initech Partners',
	'Umbrella Corp',
	'Hooli Inc',
	'Soylent Co',
	'Stark Industries',
	'Wayne Enterprises',
	'Wonka Industries',
	'Tyrell Corp',
	'Cyberdyne Systems',
	'Aperture Science',
];
const ORG_NAMES = [
	'Acme Corp',
	'Globex',
	'Initech',
	'Umbrella',
	'Hooli',
	'Soylent',
	'Stark',
	'Wayne',
	'Wonka',
	'Tyrell',
	'Cyberdyne',
	'Aperture',
	'Vandelay',
	'Gringotts',
	'Oscorp',
	'Massive Dynamic',
];
const BOT_NAMES = [
	'DevRev Bot',
	'Workflow Engine',
	'Airdrop Sync',
	'Email Bridge',
	'Slack Snap-in',
	'Auto Triage',
	'SLA Tracker',
	'Import Agent',
	'Webhook Relay',
	'Zendesk Sync',
];
const FIRST = [
	'Ada',
	'Alan',
	'Barbara',
	'Brian',
	'Carol',
	'Claude',
	'Diana',
	'Dennis',
	'Edsger',
	'Frances',
	'Grace',
	'Guido',
	'Hedy',
	'Ivan',
	'Joan',
	'John',
	'Katherine',
	'Ken',
	'Linus',
	'Margaret',
	'Niklaus',
	'Radia',
	'Rob',
	'Sophie',
	'Tim',
	'Vint',
	'Whitfield',
	'Xavier',
	'Yukihiro',
	'Zara',
	'Anita',
	'Bjarne',
	'Cynthia',
	'Donald',
	'Evelyn',
	'Fernando',
	'Gwen',
	'Hal',
	'Ingrid',
	'James',
];
const LAST = [
	'Lovelace',
	'Turing',
	'Liskov',
	'Kernighan',
	'Shaw',
	'Shannon',
	'Prince',
	'Ritchie',
	'Dijkstra',
	'Allen',
	'Hopper',
	'Rossum',
	'Lamarr',
	'Sutherland',
	'Clarke',
	'McCarthy',
	'Johnson',
	'Thompson',
	'Torvalds',
	'Hamilton',
	'Wirth',
	'Perlman',
	'Pike',
	'Wilson',
	'Berners-Lee',
	'Cerf',
	'Diffie',
	'Leroy',
	'Matsumoto',
	'Khan',
	'Borg',
	'Stroustrup',
	'Dwork',
	'Knuth',
	'Berezin',
	'Corbato',
	'Bell',
	'Abelson',
	'Ng',
	'Gosling',
];

const DAY = 86400000;
const T_ACC = Date.UTC(2022, 0, 1);
const T_ORG = Date.UTC(2022, 2, 1);
const T_SYS = Date.UTC(2022, 5, 1);
const T_USER = Date.UTC(2023, 0, 1);
const iso = (/** @type {number} */ t) => new Date(t).toISOString();
const round = (/** @type {number} */ n, /** @type {number} */ len) =>
	n > len ? ` ${Math.ceil(n / len)}` : '';

/** @param {number} n */
function revUserFields(n) {
	const first = FIRST[(n - 1) % FIRST.length];
	const last = LAST[Math.floor((n - 1) / FIRST.length) % LAST.length];
	const created = T_USER + (n - 1) * 600000;
	return {
		display_name: `${first} ${last}`,
		full_name: `${first} ${last}`,
		email: `${first}.${last}.${n}@example.com`.toLowerCase(),
		phone_numbers: [`+1555${String(n).padStart(7, '0')}`],
		external_ref: `user-${String(n).padStart(6, '0')}`,
		is_verified: n % 3 === 0,
		description: `Seeded contact #${n}`,
		created_date: iso(created),
		modified_date: iso(created + (n % 5) * 3600000),
	};
}

/** @typedef {{revUsers?: number, sysUsers?: number, revOrgs?: number, accounts?: number} & import('./seed-work').WorkCounts} SeedCounts */

/** @param {import('./store').Store} store @param {SeedCounts} counts */
function seed(store, counts) {
	for (let i = 0; i < (counts.accounts || 0); i++) {
		const n = store.accounts.length + 1;
		store.addAccount({
			display_name: ACCOUNT_NAMES[(n - 1) % ACCOUNT_NAMES.length] + round(n, ACCOUNT_NAMES.length),
			created_date: iso(T_ACC + n * DAY),
		});
	}
	for (let i = 0; i < (counts.revOrgs || 0); i++) {
		const n = store.revOrgs.length + 1;
		const acc = store.accounts.length ? store.accounts[(n - 1) % store.accounts.length] : undefined;
		store.addRevOrg({
			display_name: ORG_NAMES[(n - 1) % ORG_NAMES.length] + round(n, ORG_NAMES.length),
			created_date: iso(T_ORG + n * DAY),
			...(acc ? { account: acc.id } : {}),
		});
	}
	for (let i = 0; i < (counts.sysUsers || 0); i++) {
		const n = store.sysUsers.length + 1;
		const name = BOT_NAMES[(n * 7) % BOT_NAMES.length];
		const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
		store.addSysUser({
			display_name: `${name} ${n}`,
			full_name: `${name} ${n}`,
			email: `${slug}-${n}@system.example.com`,
			state: n % 10 === 0 ? 'deactivated' : 'active',
			created_date: iso(T_SYS + n * DAY),
		});
	}
	const creators = [
		store.selfSummary(),
		...store.sysUsers.slice(0, 2).map((u) => store.userSummary(u)),
	];
	const orgs = store.revOrgs;
	for (let i = 0; i < (counts.revUsers || 0); i++) {
		const n = store.revUsers.length + 1;
		const by = creators[(n - 1) % creators.length];
		const org = orgs.length && n % 5 !== 0 ? orgs[(n - 1) % orgs.length] : undefined;
		store.createRevUser(
			{ ...revUserFields(n), created_by: by, modified_by: by },
			org && org.id,
			undefined,
		);
	}
	seedWork(store, counts);
}

module.exports = { seed, revUserFields, ACCOUNT_NAMES, ORG_NAMES, BOT_NAMES, FIRST, LAST };
