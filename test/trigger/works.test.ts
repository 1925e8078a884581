/**
 * The support side end to end: tickets and comments made through the DevRev node reach the
 * DevRev Trigger as DevRev's work and timeline-entry events, once each; Output Object Only gives
 * the ticket or the comment itself.
 */
import { runWorkflowNode } from '../harness/engine';
import { TOKEN, until, useTrigger } from './setup';

const ctx = useTrigger();

async function runDevRev(parameters: Record<string, unknown>) {
	return await runWorkflowNode({
		parameters: parameters as never,
		credentials: { apiToken: TOKEN, baseUrl: ctx.emu.url as string },
	});
}

describe('DevRev Trigger on tickets and comments', () => {
	test('a ticket created and commented on by the node: one execution per event, the object itself', async () => {
		const { emu, host } = ctx;
		const part = emu.addPart({ name: 'Checkout' });
		const owner = emu.addDevUser({ display_name: 'Kim', email: 'kim@example.com' });
		host.setParameters({
			events: ['work_created', 'timeline_entry_created'],
			options: { objectOnly: true },
		});
		await host.activate();
		const [webhook] = ctx.webhookAt(host.productionUrl);
		await until('verification', () => webhook.status === 'active');

		const created = await runDevRev({
			resource: 'ticket',
			operation: 'create',
			title: 'Card declined',
			part: part.id,
			ownedBy: owner.id,
			reportedBy: emu.revUsers[0].id,
			simplify: false,
		});
		expect(created.error).toBeUndefined();
		const ticket = created.items[0];
		await until('the ticket execution', () => host.executions.length === 1);
		const commented = await runDevRev({
			resource: 'comment',
			operation: 'add',
			object: ticket.display_id,
			body: 'Looking into it',
			simplify: false,
		});
		expect(commented.error).toBeUndefined();
		await until('the comment execution', () => host.executions.length === 2);

		expect(host.executions.map((execution) => execution.items)).toEqual([
			[ticket],
			[commented.items[0]],
		]);
		expect(emu.webhooks.deliveries.filter((delivery) => delivery.type !== 'verify')).toHaveLength(
			2,
		);
	});
});
