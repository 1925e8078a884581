/**
 * What a user does with the DevRev node in n8n's editor, in a real browser (Debian's Chromium
 * driven by playwright-core) against the `npm start` stack: n8n 2.41.1 with the packed package,
 * the DevRev emulator with the demo data (300 rev users), plus 150 rev orgs so that the rev org
 * list has more than one page. A failing test leaves a screenshot in test/browser/artifacts/.
 */
import {
	type Session,
	SETUP_TIMEOUT_MS,
	browserTest,
	describeBrowser,
	startSession,
} from './helpers';
import { Editor, submitForm } from './editor';
import { CREDENTIAL } from '../../scripts/stack';

interface Named {
	id: string;
	display_id: string;
	display_name: string;
	email?: string;
	/** rev users, in the emulator's state: the rev orgs and accounts they belong to */
	associations?: unknown[];
}

const unlinked = (users: Named[]) => users.filter((u) => u.associations?.length === 0);

describeBrowser('the DevRev node in the n8n editor (browser)', () => {
	let s: Session;
	let revUsers: Named[] = [];
	let revOrgs: Named[] = [];
	const page = () => s?.page;

	/** Every rev org, through DevRev's list endpoint, page by page. */
	async function listRevOrgs(): Promise<Named[]> {
		const all: Named[] = [];
		let cursor: string | undefined;
		do {
			const answer = await s.devrev('/rev-orgs.list', {
				limit: 100,
				...(cursor ? { cursor } : {}),
			});
			all.push(...(answer.rev_orgs as Named[]));
			cursor = answer.next_cursor as string | undefined;
		} while (cursor);
		return all;
	}

	beforeAll(async () => {
		s = await startSession('editor');
		await s.control('POST', 'seed', { revOrgs: 150 });
		revUsers = (await s.control('GET', 'state?limit=100000')).rev_users as Named[];
		revOrgs = await listRevOrgs();
		await s.editor.signIn(s.owner);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (s) await s.stop();
	}, 60000);

	browserTest(
		'sign in as the demo owner: the Overview lists the example workflows',
		page,
		async () => {
			const fresh = await s.browser.newContext();
			try {
				const editor = new Editor(await fresh.newPage(), s.n8nUrl);
				await editor.signIn(s.owner);
				const expected = s.up.examples.map((w: { name: string }) => w.name).sort();
				expect((await editor.workflowNames(expected.length)).sort()).toEqual(expected);
			} finally {
				await fresh.close();
			}
		},
	);

	browserTest(
		'"DevRev" in the nodes panel: its triggers and actions listed, added with its Scan action',
		page,
		async () => {
			await s.editor.newWorkflow();
			expect(await s.editor.searchNodes('DevRev')).toEqual(['DevRev', 'DevRev Polling Trigger']);
			const { categories, names } = await s.editor.openDevRev();
			// The trigger's Events (contacts, accounts, rev orgs, work, comments: 15), not all 72.
			expect(categories).toEqual(['Triggers (15)', 'Actions (35)']);
			const wanted = [
				'On rev user created',
				'On work updated',
				'On timeline entry created',
				'Scan rev users',
				'Create or update a rev user',
				'Create a ticket',
				'Add a comment',
				'List sys users',
			];
			expect(wanted.filter((name) => !names.includes(name))).toEqual([]);
			expect(names.filter((name) => name.startsWith('On ')).slice(0, 15)).toContain(
				'On rev user created',
			);
			await s.editor.pickFromPanel('Scan rev users');
			expect(await s.page.locator('[data-test-id="node-title-container"]').innerText()).toBe(
				'Scan rev users',
			);
			expect(
				await s.page.locator('[data-test-id="parameter-input-operation"] input').inputValue(),
			).toBe('Scan');
		},
	);

	browserTest(
		'"On rev user created" in the nodes panel adds the DevRev Trigger with that event',
		page,
		async () => {
			await s.editor.newWorkflow();
			await s.editor.openDevRev();
			await s.editor.pickFromPanel('On rev user created');
			expect(await s.page.locator('[data-test-id="node-title-container"]').innerText()).toBe(
				'DevRev Trigger',
			);
			expect(await s.page.locator('[data-test-id="parameter-input-events"]').innerText()).toBe(
				'Rev User Created',
			);
		},
	);

	browserTest(
		"the credential's test: OK with the emulator's token; a wrong token says what to check",
		page,
		async () => {
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Scan rev users');
			await s.editor.selectCredential(CREDENTIAL.id);
			const good = await s.editor.openCredential();
			expect(good).toMatchObject({
				ok: true,
				text: expect.stringContaining('Connection tested successfully'),
			});
			await s.editor.closeCredential();

			const wrong = await s.editor.createCredential({
				apiToken: 'not-the-demo-token',
				baseUrl: s.emulatorUrl,
			});
			expect(wrong.ok).toBe(false);
			expect(wrong.text).toMatch(/Couldn.t connect with these settings/);
			// What to check, not just "Unauthorized".
			expect(wrong.text).toMatch(/API Token/);
			await s.editor.closeCredential();
		},
	);

	browserTest('Scan: Limit 7 shows 7 items; Return All shows every rev user', page, async () => {
		await s.editor.newWorkflow();
		await s.editor.addDevRevNode('Scan rev users');
		await s.editor.selectCredential(CREDENTIAL.id);
		await s.editor.setText('limit', 7);
		await s.editor.executeStep();
		expect(await s.editor.waitForItemsCount(7)).toBe('7 items');

		await s.editor.toggle('returnAll');
		await s.editor.executeStep();
		expect(await s.editor.waitForItemsCount(revUsers.length)).toBe(`${revUsers.length} items`);
	});

	browserTest(
		'Rev User ID, From List: typing "ritchie" lists every Ritchie, also beyond the first page',
		page,
		async () => {
			const ritchies = revUsers.filter((u) => /ritchie/i.test(u.display_name));
			// The demo data: the 20 Ritchies are rev users 281-300, past the first scan pages.
			expect(ritchies).toHaveLength(20);
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Link a rev user to a rev org');
			await s.editor.selectCredential(CREDENTIAL.id);
			const listed = await s.editor.searchPicker('revUserId', 'ritchie');
			expect(listed.sort()).toEqual(
				ritchies.map((u) => `${u.display_name} <${u.email}> · ${u.display_id}`).sort(),
			);
		},
	);

	browserTest(
		'Rev Org ID, From List: typing a name of the second page finds it',
		page,
		async () => {
			const firstPage = new Set(
				(await s.devrev('/rev-orgs.list', { limit: 100, sort_by: ['display_name:asc'] }))
					.rev_orgs as Named[],
			);
			const firstNames = new Set([...firstPage].map((o) => o.display_name));
			const vandelays = revOrgs.filter((o) => /vandelay/i.test(o.display_name));
			expect(vandelays.length).toBeGreaterThan(1);
			expect(vandelays.some((o) => firstNames.has(o.display_name))).toBe(false);
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Link a rev user to a rev org');
			await s.editor.selectCredential(CREDENTIAL.id);
			const listed = await s.editor.searchPicker('revOrgId', 'vandelay');
			// The display ID tells apart rev orgs of one name; the list promises rev orgs only.
			expect(listed.sort()).toEqual(
				vandelays.map((o) => `${o.display_name} · ${o.display_id}`).sort(),
			);
			const placeholder = s.page.locator(
				'[data-test-id="resource-locator-revOrgId"] [data-test-id="rlc-input"]',
			);
			expect(await placeholder.getAttribute('placeholder')).toBe('Select a rev org...');
		},
	);

	browserTest(
		'Link: a rev user and a rev org picked from the lists; the output is the linked rev user',
		page,
		async () => {
			const [user] = unlinked(revUsers);
			const org = revOrgs.find((o) => o.display_name === 'Acme Corp') as Named;
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Link a rev user to a rev org');
			await s.editor.selectCredential(CREDENTIAL.id);
			await s.editor.pick('revUserId', `${user.display_name} <${user.email}> · ${user.display_id}`);
			await s.editor.pick('revOrgId', org.display_name);
			await s.editor.executeStep();
			expect(await s.editor.waitForItemsCount(1)).toBe('1 item');
			const output = await s.editor.outputText(user.display_id);
			expect(output).toContain(user.display_id);
			expect(output).toContain(org.display_name);
			const [linked] = (await s.devrev('/rev-users.scan', { email: [user.email] }))
				.rev_users as Array<{ rev_org?: { id: string } }>;
			expect(linked.rev_org?.id).toBe(org.id);
		},
	);

	browserTest(
		"Scan with a phone number not in E.164: the node's own error, naming the field, not DevRev's",
		page,
		async () => {
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Scan rev users');
			await s.editor.selectCredential(CREDENTIAL.id);
			await s.editor.addCollectionOption('Add Filter', 'Phone Numbers');
			await s.editor.setText('phoneNumbers', '12345');
			await s.control('DELETE', 'requests');
			await s.editor.executeStep();
			const error = await s.editor.nodeError();
			expect(error.message).toBe('Phone Numbers: "12345" is not in E.164 format');
			expect(error.description).toMatch(/\+14155550100/);
			// Checked before any request: nothing reached DevRev, and the panel does not say it came from there.
			expect(((await s.control('GET', 'requests')).requests as unknown[]).length).toBe(0);
			expect(error.panel).not.toMatch(/From DevRev/);
			expect(error.panel).not.toMatch(/Error code/);
		},
	);

	// What n8n's user folder must not sit in: a folder whose node_modules holds another
	// n8n-workflow (this repository's), else n8n re-wraps every error of the node as
	// "From DevRev · Error code: none". The stack checks this when it installs the package.
	browserTest(
		'Rev User › Create with Phone Numbers "415 555 0123": the node\'s own message, not "From DevRev · Error code: none"',
		page,
		async () => {
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Create a rev user');
			await s.editor.selectCredential(CREDENTIAL.id);
			await s.editor.setText('email', 'phone.typo@example.com');
			await s.editor.setText('phoneNumbers', '415 555 0123');
			await s.control('DELETE', 'requests');
			await s.editor.executeStep();
			const error = await s.editor.nodeError();
			expect(error.message).toBe('Phone Numbers: "415 555 0123" is not in E.164 format');
			expect(error.description).toMatch(/\+14155550100/);
			expect(((await s.control('GET', 'requests')).requests as unknown[]).length).toBe(0);
			expect(error.panel).not.toMatch(/From DevRev/);
			expect(error.panel).not.toMatch(/Error code/);
		},
	);

	browserTest(
		'Rev User › Get of a rev user DevRev does not have: DevRev\'s 404 and its message, not "Error code: none"',
		page,
		async () => {
			const id = await s.createWorkflow('Get an unknown rev user', {
				resource: 'revUser',
				operation: 'get',
				revUserId: { __rl: true, mode: 'id', value: 'REVU-999999' },
			});
			await s.control('DELETE', 'requests');
			await s.editor.openWorkflow(id);
			await s.editor.openNode('DevRev');
			await s.editor.executeStep();
			const error = await s.editor.nodeError();
			const calls = (await s.control('GET', 'requests')).requests as Array<{ path: string }>;
			expect(calls.filter((r) => r.path === '/rev-users.get')).toMatchObject([{ status: 404 }]);
			expect(error.message).toBe('rev user "REVU-999999" not found');
			// Sentences that read as such where n8n's panel runs the lines together.
			expect(error.description).toMatch(
				/DevRev found no object with id = REVU-999999: check the ID, or pick it from the list\.\s+type: not_found/,
			);
			expect(error.panel).not.toMatch(/Error code:?\s*none/i);
		},
	);

	describe('the form example (published), filled in the browser', () => {
		const formUrl = () => s.up.formUrl;

		browserTest(
			'a known email and a rev org: "Contact linked", the contact updated',
			page,
			async () => {
				const user = unlinked(revUsers)[1];
				const org = revOrgs.find((o) => o.display_name === 'Globex') as Named;
				const ending = await submitForm(s.page, formUrl(), {
					Name: user.display_name as string,
					Email: user.email as string,
					'Account or rev org': org.display_id,
				});
				expect(ending.title).toBe('Contact linked');
				expect(ending.text).toContain(
					`${user.display_name} (${user.email}) was updated in DevRev and is now linked to ${org.display_id}.`,
				);
			},
		);

		browserTest(
			'an email no rev user has: "Contact linked", the contact created',
			page,
			async () => {
				const email = 'new.contact.from.browser@example.org';
				const ending = await submitForm(s.page, formUrl(), {
					Name: 'New Browser Contact',
					Email: email,
					'Account or rev org': revOrgs[0].display_id,
				});
				expect(ending.title).toBe('Contact linked');
				expect(ending.text).toContain(
					`New Browser Contact (${email}) was created in DevRev and is now linked to ${revOrgs[0].display_id}.`,
				);
			},
		);

		browserTest(
			'a rev org DevRev does not know: "Contact not linked" says why, not n8n\'s "Problem submitting response"',
			page,
			async () => {
				const user = unlinked(revUsers)[2];
				const ending = await submitForm(s.page, formUrl(), {
					Name: user.display_name as string,
					Email: user.email as string,
					'Account or rev org': 'REV-unknown1',
				});
				expect(ending.text).not.toMatch(/Problem submitting response/);
				expect(ending.title).toBe('Contact not linked');
				expect(ending.text).toContain(`could not be linked to "REV-unknown1"`);
			},
		);
	});
});
