/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * End to end in real n8n (`n8n start`, one instance for the file): the packed package installed
 * as a community package, the "link form submissions" example published and its form submitted
 * over HTTP the way a browser does, and what the editor does (credential Test button, Execute
 * workflow from the Schedule Trigger), all against the DevRev emulator.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { until } from '../../scripts/lib/wait';
import * as rt from '../../scripts/n8n/n8n';
import type { Instance } from './helpers';
import {
	CREDENTIAL,
	DEMO_TOKEN,
	SETUP_TIMEOUT_MS,
	TEST_TIMEOUT_MS,
	describeE2E,
	WORKFLOW_IDS,
	log,
	pageTexts,
	prepareInstance,
	submitForm,
} from './helpers';
import { burst } from '../queue/form-client';

type Started = Awaited<ReturnType<typeof rt.startN8n>>;

describeE2E('real n8n (n8n start): package, credential, form flow, editor runs', () => {
	let inst: Instance;
	let n8n: Started;
	let client: InstanceType<typeof rt.N8nClient>;
	let formUrl: string;
	let n8nLog: fs.WriteStream | undefined;

	beforeAll(async () => {
		inst = await prepareInstance('form');
		const t0 = Date.now();
		// n8n's output, kept with KEEP_E2E_FOLDERS=1 for a look after a failure.
		const logStream = fs.createWriteStream(path.join(inst.userFolder, 'n8n.log'));
		n8nLog = logStream;
		n8n = await rt.startN8n(inst.userFolder, { onOutput: (text: string) => logStream.write(text) });
		log(`form: n8n ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${n8n.url}`);
		client = new rt.N8nClient(n8n.url);
		await client.ensureOwner();
		const wf = await client.activateWorkflow(WORKFLOW_IDS.linkForm);
		expect(wf.active).toBe(true);
		formUrl = `${n8n.url}/form/devrev-link-contact`;
		// Activation registers the form's webhooks right after the call returns.
		await until(`the form ${formUrl}`, () => rt.answers(formUrl), { timeoutMs: 30000 });
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (n8n) await n8n.stop();
		n8nLog?.end();
		if (inst) await inst.cleanup();
	}, 60000);

	beforeEach(() => inst.emu.clearRequests());

	it(
		'n8n loads the tarball: node n8n-nodes-devrev.devRev, credential devRevApi, both icons',
		async () => {
			const nodes = await client.requestOk('GET', '/types/nodes.json');
			const node = (nodes as Array<{ name: string; iconUrl?: Record<string, string> }>).find(
				(n) => n.name === 'n8n-nodes-devrev.devRev',
			);
			expect(node).toBeDefined();
			const creds = await client.requestOk('GET', '/types/credentials.json');
			expect((creds as Array<{ name: string }>).map((c) => c.name)).toContain('devRevApi');
			const icons = Object.values(node?.iconUrl ?? {});
			expect(icons).toHaveLength(2);
			for (const icon of icons) {
				const res = await client.request('GET', `/${icon}`);
				expect(res.status).toBe(200);
				expect(res.text).toContain('<svg');
			}
		},
		TEST_TIMEOUT_MS,
	);

	const ORG_FIELD = 'Account or rev org';
	const usersWith = (email: string) =>
		inst.emu.revUsers.filter((u) => u.email?.toLowerCase() === email.toLowerCase());

	it(
		'a new email: Create or Update creates the rev user, Link links it, the ending says "created"',
		async () => {
			const { emu } = inst;
			const org = emu.revOrgs[2];
			const email = 'grace.form@example.org';
			expect(usersWith(email)).toEqual([]);

			const run = await submitForm(formUrl, {
				Name: 'Grace Form',
				Email: email,
				[ORG_FIELD]: org.display_id,
			});

			expect(pageTexts(run.completionHtml, 'h1')[0]).toBe('Contact linked');
			expect(run.completionHtml).toContain(
				`Grace Form (${email}) was created in DevRev and is now linked to ${org.display_id}.`,
			);
			expect(run.finalStatus).toBe('success');
			expect(emu.requests.map((r) => [r.path, r.status])).toEqual([
				['/rev-users.list', 200],
				['/rev-users.create', 201],
				['/rev-users.link', 200],
			]);
			const [user] = usersWith(email);
			expect(emu.requests.map((r) => r.body)).toEqual([
				{ email: [email], limit: 100 },
				{ email, display_name: 'Grace Form' },
				{ id: user.id, rev_org: org.display_id },
			]);
			expect(usersWith(email)).toHaveLength(1);
			expect(user.rev_org.id).toBe(org.id);
			expect(emu.associationsOf(user.id).map((a) => a.id)).toContain(org.id);
			expect((await client.getExecution(run.executionId)).status).toBe('success');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'the same email again (other case, an account this time, another name): updated and linked, its name kept, never a second rev user',
		async () => {
			const { emu } = inst;
			const email = 'grace.form@example.org';
			const account = emu.accounts[0];
			const defaultOrg = emu.store.defaultRevOrgOf(account);
			const [before] = usersWith(email);

			const run = await submitForm(formUrl, {
				Name: 'Grace F. Hopper',
				Email: email.toUpperCase(),
				[ORG_FIELD]: account.display_id,
			});

			expect(pageTexts(run.completionHtml, 'h1')[0]).toBe('Contact linked');
			expect(run.completionHtml).toContain(
				`was updated in DevRev and is now linked to ${account.display_id}.`,
			);
			expect(emu.requests.map((r) => [r.path, r.status])).toEqual([
				['/rev-users.list', 200],
				['/rev-users.update', 200],
				['/rev-orgs.get', 200],
				['/rev-users.link', 200],
			]);
			// Create-Only Fields: a visitor typing a known email cannot rename the contact.
			expect(emu.requestsTo('/rev-users.update')[0].body).toEqual({
				id: before.id,
				email: email.toUpperCase(),
			});
			expect(usersWith(email)).toEqual([before]);
			expect(before.display_name).toBe('Grace Form');
			expect(emu.associationsOf(before.id).map((a) => a.id)).toEqual(
				expect.arrayContaining([defaultOrg?.id, account.id]),
			);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'50 concurrent submissions of 10 distinct emails end with exactly 10 rev users, each linked',
		async () => {
			const { emu } = inst;
			const org = emu.revOrgs[1];
			const emails = Array.from({ length: 10 }, (_, i) => `burst-${i}@example.org`);
			const entries = Array.from({ length: 50 }, (_, i) => ({
				Name: `Burst ${i % 10}`,
				Email: emails[(i * 7) % 10],
				[ORG_FIELD]: org.display_id,
			}));
			const usersBefore = emu.revUsers.length;
			const t0 = Date.now();

			const subs = await burst(formUrl, entries, { concurrency: 50, timeoutMs: 150000 });

			const seconds = ((Date.now() - t0) / 1000).toFixed(1);
			expect(
				subs.filter((s) => s.outcome !== 'success').map((s) => `${s.values.Email}: ${s.error}`),
			).toEqual([]);
			expect(subs.map((s) => s.title)).toEqual(subs.map(() => 'Contact linked'));
			for (const email of emails) expect(usersWith(email)).toHaveLength(1);
			expect(emu.revUsers).toHaveLength(usersBefore + 10);
			for (const email of emails) expect(usersWith(email)[0].rev_org?.id).toBe(org.id);

			const creates = emu.requestsTo('/rev-users.create');
			const status = (path: string, code: number) =>
				emu.requestsTo(path).filter((r) => r.status === code).length;
			expect(status('/rev-users.create', 201)).toBe(10);
			// Every create beyond the first per email lost a race and was turned into an update.
			expect(status('/rev-users.create', 409)).toBe(creates.length - 10);
			expect(status('/rev-users.update', 200)).toBe(40);
			expect(status('/rev-users.link', 200)).toBe(50);
			log(
				`form burst: 50 submissions in ${seconds} s; creates ${creates.length} (201: 10, 409: ${creates.length - 10}), updates 40`,
			);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'an unknown rev org, a mistyped ID, an account without rev org: the "Contact not linked" ending says why',
		async () => {
			const { emu } = inst;
			const lonely = emu.addAccount({ display_name: 'No Rev Orgs Ltd' });
			const cases = [
				['REV-doesnotexist', 'rev org "REV-doesnotexist" not found'],
				['hello world', 'Rev Org ID: "hello world" is not a valid rev org or account ID'],
				[
					lonely.display_id,
					`Rev Org ID: DevRev has no default rev org for account ${lonely.display_id}`,
				],
			];
			for (const [id, reason] of cases) {
				const run = await submitForm(formUrl, {
					Email: 'ada.lovelace.1@example.com',
					[ORG_FIELD]: id,
				});
				expect(pageTexts(run.completionHtml, 'h1')[0]).toBe('Contact not linked');
				expect(pageTexts(run.completionHtml, 'body').join(' ')).toContain(
					`The contact ada.lovelace.1@example.com was updated in DevRev, but could not be linked to "${id}": ${reason}. Check the account or rev org ID and submit the form again.`,
				);
				expect(run.finalStatus).toBe('success');
			}
			expect(usersWith('ada.lovelace.1@example.com')).toHaveLength(1);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'two rev users share the email: the "Contact not saved" ending names them, and nothing is linked',
		async () => {
			const { emu } = inst;
			const first = emu.addRevUser({ email: 'shared@example.org' });
			const second = emu.addRevUser({ email: 'shared@example.org' });

			const run = await submitForm(formUrl, {
				Email: 'shared@example.org',
				[ORG_FIELD]: emu.revOrgs[0].display_id,
			});

			expect(pageTexts(run.completionHtml, 'h1')[0]).toBe('Contact not saved');
			expect(pageTexts(run.completionHtml, 'body').join(' ')).toContain(
				`DevRev did not save the contact shared@example.org: Email: 2 rev users match "shared@example.org": ${first.display_id}, ${second.display_id}. Nothing was linked.`,
			);
			expect(emu.requests.map((r) => r.path)).toEqual(['/rev-users.list']);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		"the credential's Test button: OK with the emulator's token, an error with a wrong one",
		async () => {
			const { emu } = inst;
			const test = (apiToken: string) =>
				client.requestOk('POST', '/rest/credentials/test', {
					credentials: { ...CREDENTIAL, type: 'devRevApi', data: { apiToken, baseUrl: emu.url } },
				});
			expect(await test(DEMO_TOKEN)).toMatchObject({ status: 'OK' });
			expect(await test('not-a-valid-token')).toEqual({
				status: 'Error',
				message:
					'The API token was refused (HTTP 401): check the API Token in this credential. It must be a current DevRev personal access token or service account token, pasted whole.',
			});
			const calls = emu.requestsTo('/auth-tokens.info', 'GET');
			// (n8n may send a failing test request more than once.)
			expect(calls[0].status).toBe(200);
			expect(calls.length).toBeGreaterThanOrEqual(2);
			expect(calls.slice(1).every((r) => r.status === 401)).toBe(true);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'the export example run from its Schedule Trigger, as "Execute workflow" in the editor does',
		async () => {
			const { emu, filesDir } = inst;
			for (const f of fs.readdirSync(filesDir)) fs.rmSync(path.join(filesDir, f));
			const { executionId } = await client.requestOk(
				'POST',
				`/rest/workflows/${WORKFLOW_IDS.export}/run`,
				{
					triggerToStartFrom: { name: 'Every day at 06:00' },
				},
			);
			let status = 'new';
			const ended = async () =>
				!['new', 'running'].includes((status = (await client.getExecution(executionId)).status));
			await until('the export to end', ended, { timeoutMs: 60000, intervalMs: 250 }).catch(
				() => undefined,
			);
			expect(status).toBe('success');
			const [file] = fs.readdirSync(filesDir);
			const lines = fs
				.readFileSync(path.join(filesDir, file), 'utf8')
				.split(/\r?\n/)
				.filter(Boolean);
			expect(lines).toHaveLength(emu.revUsers.length + 1);
			expect(emu.requestsTo('/rev-users.scan')).toHaveLength(
				Math.ceil(emu.revUsers.length / emu.scanPageSize),
			);
		},
		TEST_TIMEOUT_MS,
	);
});
