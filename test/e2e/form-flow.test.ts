/**
 * End to end in real n8n (`n8n start`): the packed package installed as a community package,
 * the "link form submissions" example published, and its form submitted over HTTP the way a
 * browser does, against the DevRev emulator.
 */
import * as rt from '../../scripts/n8n-runtime';
import type { Instance } from './helpers';
import { SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS, WORKFLOW_IDS, log, pageTexts, prepareInstance, submitForm } from './helpers';

type Started = Awaited<ReturnType<typeof rt.startN8n>>;

describe('real n8n: link form submissions (n8n start)', () => {
	let inst: Instance;
	let n8n: Started;
	let client: InstanceType<typeof rt.N8nClient>;
	let formUrl: string;

	beforeAll(async () => {
		inst = await prepareInstance('form');
		const t0 = Date.now();
		n8n = await rt.startN8n(inst.userFolder);
		log(`form: n8n ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${n8n.url}`);
		client = new rt.N8nClient(n8n.url);
		await client.ensureOwner();
		const wf = await client.activateWorkflow(WORKFLOW_IDS.linkForm);
		expect(wf.active).toBe(true);
		formUrl = `${n8n.url}/form/devrev-link-contact`;
		// Activation registers the form's webhooks right after the call returns.
		await rt.waitForUrl(formUrl, { timeoutMs: 30000 });
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (n8n) await n8n.stop();
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

	it(
		'a submitted email and rev org: scan by email (limit 1), link with the found IDs, user now linked',
		async () => {
			const { emu } = inst;
			// Seed user #5 belongs to no rev org (every 5th is unlinked); link it to the third org.
			const user = emu.revUsers[4];
			const org = emu.revOrgs[2];
			expect(emu.associationsOf(user.id).map((a) => a.id)).not.toContain(org.id);

			const run = await submitForm(formUrl, { Email: user.email, 'Rev org ID': org.display_id });

			const [title] = pageTexts(run.completionHtml, 'h1');
			expect(title).toBe('Contact linked');
			expect(run.completionHtml).toContain(`${user.display_name} (${user.email}) is now linked to rev org ${org.display_id}.`);
			expect(run.finalStatus).toBe('success');

			const scans = emu.requestsTo('/rev-users.scan', 'POST');
			expect(scans).toHaveLength(1);
			expect(scans[0].body).toEqual({ email: [user.email] });
			const links = emu.requestsTo('/rev-users.link', 'POST');
			expect(links).toHaveLength(1);
			expect(links[0].body).toEqual({ id: user.id, rev_org: org.display_id });
			expect(links[0].status).toBe(200);
			expect(emu.requests.map((r) => r.path)).toEqual(['/rev-users.scan', '/rev-users.link']);

			expect(emu.associationsOf(user.id).map((a) => a.id)).toContain(org.id);

			const execution = await client.getExecution(run.executionId);
			expect(execution.status).toBe('success');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'an email no rev user has: the "No user matches" ending, and nothing is linked',
		async () => {
			const { emu } = inst;
			const before = JSON.stringify(emu.state().rev_users);

			const run = await submitForm(formUrl, { Email: 'nobody@example.org', 'Rev org ID': emu.revOrgs[0].display_id });

			expect(pageTexts(run.completionHtml, 'h1')[0]).toBe('No rev user matches');
			expect(run.completionHtml).toContain('No DevRev rev user has the email nobody@example.org. Nothing was linked.');
			expect(run.finalStatus).toBe('success');
			expect(emu.requests.map((r) => r.path)).toEqual(['/rev-users.scan']);
			expect(emu.requests[0].body).toEqual({ email: ['nobody@example.org'] });
			expect(JSON.stringify(emu.state().rev_users)).toBe(before);
		},
		TEST_TIMEOUT_MS,
	);
});
