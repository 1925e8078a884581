/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's and the emulator's JSON is read as untyped data here */
/**
 * The support side in real n8n 2.41 (`n8n start`, the packed package as a community package),
 * against the DevRev emulator: the support form example (published) saves the contact and opens a
 * ticket reported by them, on their rev org; the same email again opens a second ticket for the
 * same contact; a DevRev Trigger published on "Work Created" runs once per ticket opened.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { until } from '../../scripts/lib/wait';
import * as rt from '../../scripts/n8n/n8n';
import type { Instance } from './helpers';
import {
	CREDENTIAL,
	SETUP_TIMEOUT_MS,
	TEST_TIMEOUT_MS,
	describeE2E,
	log,
	pageTexts,
	prepareInstance,
	submitForm,
} from './helpers';
import { Sink, triggerWorkflow } from './trigger-kit';

const SUPPORT_ID = 'DevRevSupport001';
const TRIGGER_ID = 'DevRevWorkTrig01';
const WEBHOOK_ID = '5f0e6a3c-71b2-4c1d-9d3e-00000000e2e5';

describeE2E('real n8n: the support form opens tickets, the trigger runs once per ticket', () => {
	let inst: Instance;
	let n8n: Awaited<ReturnType<typeof rt.startN8n>>;
	let formUrl = '';
	const sink = new Sink();

	const tickets = () => inst.emu.works.filter((work: any) => work.type === 'ticket');
	const usersWith = (email: string) =>
		inst.emu.revUsers.filter((user: any) => user.email?.toLowerCase() === email.toLowerCase());
	const ids = (list: any[]) => list.map((entry: any) => entry.id);

	beforeAll(async () => {
		inst = await prepareInstance('support');
		// The example's part and owner: PROD-1 and DEVU-1, as in npm start's demo data.
		expect(inst.emu.addPart({ type: 'product', name: 'Checkout' }).display_id).toBe('PROD-1');
		expect(inst.emu.devUser.display_id).toBe('DEVU-1');
		await sink.start();
		const trigger = triggerWorkflow({
			id: TRIGGER_ID,
			webhookId: WEBHOOK_ID,
			sinkUrl: sink.url,
			events: ['work_created'],
			triggerOptions: { objectOnly: true },
			credential: CREDENTIAL,
		});
		await rt.importWorkflows(inst.userFolder, [trigger]);
		const n8nLog = fs.createWriteStream(path.join(inst.userFolder, 'n8n.log'));
		n8n = await rt.startN8n(inst.userFolder, { onOutput: (text: string) => n8nLog.write(text) });
		const client = new rt.N8nClient(n8n.url);
		await client.ensureOwner();
		await client.activateWorkflow(SUPPORT_ID);
		await client.activateWorkflow(TRIGGER_ID);
		formUrl = `${n8n.url}/form/devrev-support`;
		await until('the support form', () => rt.answers(formUrl));
		await until('the webhook verified', () =>
			inst.emu.webhooks.list.some((w: any) => w.status === 'active'),
		);
		log(`support: n8n ready at ${n8n.url}`);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (n8n) await n8n.stop();
		await sink.stop();
		if (inst) await inst.cleanup();
	}, 60000);

	afterEach(() => expect(inst.emu.specViolations).toEqual([]));

	const send = async (email: string, subject: string) =>
		await submitForm(formUrl, {
			Name: 'Marie Curie',
			Email: email,
			Subject: subject,
			Message: `About ${subject}: it fails every time.`,
		});

	it(
		'a new email: one contact and one ticket reported by them; the same email again: a second ticket, the same contact',
		async () => {
			const email = 'marie.support@example.org';
			const before = ids(tickets());
			const first = await send(email, 'Cannot export');
			expect(first.finalStatus).toBe('success');
			const [contact] = usersWith(email);
			expect(usersWith(email)).toHaveLength(1);
			const opened = tickets().filter((work: any) => !before.includes(work.id));
			expect(opened).toHaveLength(1);
			expect(opened[0]).toMatchObject({
				title: 'Cannot export',
				body: 'About Cannot export: it fails every time.',
				reported_by: [expect.objectContaining({ id: contact.id })],
				applies_to_part: expect.objectContaining({ display_id: 'PROD-1' }),
				owned_by: [expect.objectContaining({ display_id: 'DEVU-1' })],
			});
			expect(opened[0].rev_org).toBeUndefined();
			expect(pageTexts(first.completionHtml, 'h1')[0]).toBe('Thank you');
			expect(first.completionHtml).toContain(`We opened ticket ${opened[0].display_id}`);

			const second = await send(email.toUpperCase(), 'Still cannot export');
			expect(second.finalStatus).toBe('success');
			expect(usersWith(email)).toEqual([contact]);
			expect(contact.display_name).toBe('Marie Curie');
			const now = tickets().filter((work: any) => !before.includes(work.id));
			expect(now).toHaveLength(2);
			expect(now.map((work: any) => work.reported_by[0].id)).toEqual([contact.id, contact.id]);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		"a known contact with a rev org: the ticket is on the contact's rev org, and its name is not changed",
		async () => {
			const contact: any = inst.emu.revUsers.find((user: any) => user.rev_org && user.email);
			const name = contact.display_name;
			const run = await submitForm(formUrl, {
				Name: 'Someone Else',
				Email: contact.email,
				Subject: 'Invoice wrong',
				Message: 'The VAT is missing.',
			});
			expect(run.finalStatus).toBe('success');
			const ticket: any = tickets().find((work: any) => work.title === 'Invoice wrong');
			expect(ticket.reported_by[0].id).toBe(contact.id);
			expect(ticket.rev_org.id).toBe(contact.rev_org.id);
			expect(contact.display_name).toBe(name);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'the DevRev Trigger on Work Created ran once per ticket the form opened, with the ticket',
		async () => {
			const opened = tickets().filter((work: any) =>
				['Cannot export', 'Still cannot export', 'Invoice wrong'].includes(work.title),
			);
			expect(opened).toHaveLength(3);
			await inst.emu.webhooks.idle();
			await until('three trigger runs', () => sink.entries.length >= 3);
			await inst.emu.webhooks.idle();
			const reported = sink.entries.map((entry: any) => entry.item.id).sort();
			expect(reported).toEqual(ids(opened).sort());
		},
		TEST_TIMEOUT_MS,
	);
});
