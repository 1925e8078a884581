/**
 * The support side and the editor's second pass, in a real browser against what `npm start`
 * starts: tickets in the nodes panel, the Part and dev user pickers, the support form filled in
 * the browser, and the faults a new user met (the credential's Base URL rule, blank fields,
 * emails, IDs in the wrong form, the export example's note, documentation links).
 */
import { tid } from '../../scripts/browser/editor';
import { CREDENTIAL } from '../../scripts/stack';
import { submitForm } from './editor';
import {
	type Session,
	SETUP_TIMEOUT_MS,
	browserTest,
	describeBrowser,
	startSession,
} from './helpers';

interface Named {
	id: string;
	display_id: string;
	display_name?: string;
	name?: string;
	email?: string;
	title?: string;
	type?: string;
	reported_by?: Array<{ id: string }>;
	rev_org?: { id: string };
}

describeBrowser('tickets, the support form and the editor pass (browser)', () => {
	let s: Session;
	const page = () => s?.page;

	/** The emulator's objects of a list endpoint, every page. */
	async function all(endpoint: string, key: string, body: Record<string, unknown> = {}) {
		const found: Named[] = [];
		let cursor: string | undefined;
		do {
			const answer = await s.devrev(endpoint, {
				limit: 100,
				...body,
				...(cursor ? { cursor } : {}),
			});
			found.push(...(answer[key] as Named[]));
			cursor = answer.next_cursor as string | undefined;
		} while (cursor);
		return found;
	}

	beforeAll(async () => {
		s = await startSession('support');
		await s.editor.signIn(s.owner);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (s) await s.stop();
	}, 60000);

	browserTest('"ticket" in the nodes panel finds DevRev and its ticket actions', page, async () => {
		await s.editor.newWorkflow();
		expect(await s.editor.searchNodes('ticket', 'DevRev')).toEqual([
			'DevRev',
			'DevRev Polling Trigger',
		]);
		await s.page.locator(`${tid('node-creator-item-name')}:text-is("DevRev")`).click();
		await s.editor.expandCategory('Actions');
		await s.page.locator(`${tid('node-creator-item-name')}:text-is("Create a ticket")`).waitFor();
		const names = await s.page.locator(tid('node-creator-item-name')).allInnerTexts();
		const tickets = [
			'Create a ticket',
			'Get a ticket',
			'Get many tickets',
			'Update a ticket',
			'Delete a ticket',
		];
		expect(tickets.filter((name) => !names.includes(name))).toEqual([]);
		await s.editor.pickFromPanel('Create a ticket');
		expect(await s.page.locator(tid('node-title-container')).innerText()).toBe('Create a ticket');
	});

	browserTest(
		'Part, From List: a word of a part name beyond the first page is found; Owned By finds a dev user by name',
		page,
		async () => {
			const parts = await all('/parts.list', 'parts', { sort_by: ['name:asc'] });
			expect(parts.length).toBeGreaterThan(100);
			const late = parts[130];
			const word = String(late.name).split(' ').pop() as string;
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Create a ticket');
			await s.editor.selectCredential(CREDENTIAL.id);
			const listed = await s.editor.searchPicker('part', word);
			expect(listed).toContain(`${late.name} · ${late.display_id}`);
			const [dev] = await all('/dev-users.list', 'dev_users');
			await s.page.keyboard.press('Escape');
			const devs = await s.editor.searchPicker('ownedBy', String(dev.display_name));
			expect(devs).toContain(`${dev.display_name} <${dev.email}> · ${dev.display_id}`);
		},
	);

	browserTest(
		'the support form, filled in the browser: a new email makes one contact and one ticket; again, a second ticket for the same contact',
		page,
		async () => {
			const email = 'browser.support@example.org';
			const ticketsBefore = (await all('/works.list', 'works', { type: ['ticket'] })).length;
			const first = await submitForm(s.page, s.up.supportFormUrl as string, {
				Name: 'Browser Visitor',
				Email: email,
				Subject: 'The export button does nothing',
				Message: 'I click Export and nothing happens.',
			});
			expect(first.title).toBe('Thank you');
			const contacts = (await s.devrev('/rev-users.list', { email: [email] })).rev_users as Named[];
			expect(contacts).toHaveLength(1);
			const tickets = await all('/works.list', 'works', {
				type: ['ticket'],
				reported_by: [contacts[0].id],
			});
			expect(tickets).toHaveLength(1);
			expect(first.text).toContain(`We opened ticket ${tickets[0].display_id}`);

			const second = await submitForm(s.page, s.up.supportFormUrl as string, {
				Name: 'Someone Else',
				Email: email,
				Subject: 'Still nothing',
				Message: 'Tried again.',
			});
			expect(second.title).toBe('Thank you');
			const again = (await s.devrev('/rev-users.list', { email: [email] })).rev_users as Named[];
			expect(again.map((contact) => [contact.id, contact.display_name])).toEqual([
				[contacts[0].id, 'Browser Visitor'],
			]);
			const now = await all('/works.list', 'works', {
				type: ['ticket'],
				reported_by: [contacts[0].id],
			});
			expect(now).toHaveLength(2);
			expect((await all('/works.list', 'works', { type: ['ticket'] })).length).toBe(
				ticketsBefore + 2,
			);
		},
	);

	browserTest(
		"the credential's Test applies the node's Base URL rule: http to another host and no scheme fail with a sentence",
		page,
		async () => {
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Scan rev users');
			const remote = await s.editor.createCredential({
				apiToken: 'any-token',
				baseUrl: 'http://10.9.8.7:8787',
			});
			expect(remote.ok).toBe(false);
			expect(remote.text).toContain('Base URL: "http://10.9.8.7:8787" is not an https:// URL');
			const dialog = s.page.locator(tid('credential-edit-dialog'));
			await dialog.getByText('An https:// address, scheme included').waitFor();
			await s.editor.closeCredential();
			const bare = await s.editor.createCredential({
				apiToken: 'any-token',
				baseUrl: 'api.devrev.ai',
			});
			expect(bare.ok).toBe(false);
			expect(bare.text).toContain('scheme included');
			expect(bare.text).not.toMatch(/ERR_INVALID_URL/);
			await s.editor.closeCredential();
		},
	);

	browserTest(
		'Rev User › Create: an email that is not one, and a contact with nothing to identify it, are refused naming the fields',
		page,
		async () => {
			await s.editor.newWorkflow();
			await s.editor.addDevRevNode('Create a rev user');
			await s.editor.selectCredential(CREDENTIAL.id);
			await s.editor.setText('email', 'not-an-email');
			await s.control('DELETE', 'requests');
			await s.editor.executeStep();
			expect((await s.editor.nodeError()).message).toBe(
				'Email: "not-an-email" is not an email address',
			);
			await s.editor.setText('email', '');
			await s.editor.setText('description', 'only a description');
			await s.editor.executeStep();
			const blank = s.page.locator(tid('node-error-message'), { hasText: 'identify the contact' });
			await blank.waitFor();
			expect(await blank.innerText()).toBe(
				'Display Name, Email or External Ref: give at least one of them to identify the contact',
			);
			expect(((await s.control('GET', 'requests')).requests as unknown[]).length).toBe(0);
		},
	);

	browserTest(
		'Account › Create with Owned By added but left blank creates the account without an owner',
		page,
		async () => {
			const id = await s.createWorkflow('Account with a blank owner', {
				resource: 'account',
				operation: 'create',
				displayName: 'Blank Owner Ltd',
				additionalFields: { ownedBy: { __rl: true, mode: 'list', value: '' }, tier: '' },
			});
			await s.control('DELETE', 'requests');
			await s.editor.openWorkflow(id);
			await s.editor.openNode('DevRev');
			await s.editor.executeStep();
			expect(await s.editor.waitForItemsCount(1)).toBe('1 item');
			const calls = (await s.control('GET', 'requests')).requests as Array<{
				path: string;
				body: unknown;
			}>;
			expect(calls.find((r) => r.path === '/accounts.create')?.body).toEqual({
				display_name: 'Blank Owner Ltd',
			});
		},
	);

	browserTest('an ID in the wrong form: the issue names the form expected', page, async () => {
		const id = await s.createWorkflow('Get by a wrong ID', {
			resource: 'ticket',
			operation: 'get',
			workId: { __rl: true, mode: 'id', value: 'ticket 12' },
		});
		await s.editor.openWorkflow(id);
		await s.editor.openNode('DevRev');
		await s.page
			.locator(`${tid('resource-locator-workId')} ${tid('parameter-issues')} span`)
			.hover();
		const issue = s.page.getByText('Ticket ID: not a valid ticket ID, e.g. TKT-123 or');
		await issue.waitFor();
		expect(await issue.innerText()).toContain('don:core:dvrv-us-1:devo/1abc:ticket/123');
	});

	browserTest(
		"the export example's note reads as written, and the node's Docs link opens a page",
		page,
		async () => {
			await s.editor.openWorkflow('DevRevExportCsv1');
			const note = await s.page.locator(tid('sticky')).first().innerText();
			expect(note).toContain('~/.n8n-files');
			expect(note).not.toMatch(/\.n8n-runtime|\/tmp\//);
			await s.editor.openNode('Scan all rev users');
			const docs = await s.page.locator(`a:has-text("Docs")`).first().getAttribute('href');
			expect(docs).toMatch(/^https:\/\/github\.com\/n8n-nodes-devrev\/n8n-nodes-devrev/);
			expect(String(docs).split('?')[0]).not.toContain('#');
		},
	);
});
