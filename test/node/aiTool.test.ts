import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DevRev } from '../../nodes/DevRev/DevRev.node';
import { useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({ accounts: 1, revOrgs: 2, revUsers: 5, sysUsers: 2 }),
);
const nodeType = new DevRev();

/** n8n's own builder of a tool's argument schema from the $fromAI() placeholders of a node. */
function toolSchemaKeys(node: INode): string[] {
	const module = 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { getSchema } = require(module);
	return Object.keys(getSchema(node).shape).sort();
}

function toolNode(parameters: INode['parameters']): INode {
	return {
		id: 't',
		name: 'DevRev',
		type: 'n8n-nodes-devrev.devRev',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
}

describe('As an AI agent tool', () => {
	test('the node is usable as a tool', () => {
		expect(nodeType.description.usableAsTool).toBe(true);
	});

	test.each([
		['account', 'create', 'Create an account in DevRev'],
		['account', 'delete', 'Delete an account in DevRev'],
		['account', 'get', 'Get an account in DevRev'],
		['account', 'getAll', 'Get many accounts in DevRev'],
		['account', 'update', 'Update an account in DevRev'],
		['revOrg', 'get', 'Get a rev org in DevRev'],
		['revOrg', 'getAll', 'Get many rev orgs in DevRev'],
		['revUser', 'create', 'Create a rev user in DevRev'],
		['revUser', 'delete', 'Delete a rev user in DevRev'],
		['revUser', 'get', 'Get a rev user in DevRev'],
		['revUser', 'getAll', 'Get many rev users in DevRev'],
		['revUser', 'update', 'Update a rev user in DevRev'],
		['revUser', 'upsert', 'Create or update a rev user in DevRev'],
		['revUser', 'addAssociations', 'Add associations to a rev user in DevRev'],
		['revUser', 'link', 'Link a rev user to a rev org in DevRev'],
		['revUser', 'listAssociations', 'List associations of a rev user in DevRev'],
		['revUser', 'removeAssociations', 'Remove associations from a rev user in DevRev'],
		['revUser', 'scan', 'Scan rev users in DevRev'],
		['revUser', 'unlink', 'Unlink a rev user from a rev org in DevRev'],
		['sysUser', 'list', 'List sys users in DevRev'],
		['ticket', 'create', 'Create a ticket in DevRev'],
		['ticket', 'get', 'Get a ticket in DevRev'],
		['ticket', 'getAll', 'Get many tickets in DevRev'],
		['ticket', 'update', 'Update a ticket in DevRev'],
		['ticket', 'delete', 'Delete a ticket in DevRev'],
		['issue', 'create', 'Create an issue in DevRev'],
		['issue', 'getAll', 'Get many issues in DevRev'],
		['comment', 'add', 'Add a comment in DevRev'],
		['comment', 'getAll', 'Get many comments in DevRev'],
		['comment', 'update', 'Update a comment in DevRev'],
		['comment', 'delete', 'Delete a comment in DevRev'],
	])('%s › %s is described to the agent as "%s"', (resource, operation, text) => {
		expect(NodeHelpers.getToolDescriptionForNode(toolNode({ resource, operation }), nodeType)).toBe(
			text,
		);
	});

	test('every field an agent may fill has a description it can act on', () => {
		const fields = nodeType.description.properties.flatMap((property) => [
			property,
			...((property.options ?? []) as INodeProperties[]).filter((option) => 'type' in option),
		]);
		expect(fields.map((field) => field.name)).toEqual(
			expect.arrayContaining(['matchBy', 'updateFields', 'accountId']),
		);
		const silent = fields
			.filter(
				(field) =>
					!['notice', 'options', 'collection'].includes(field.type) || field.name === 'mode',
			)
			.filter((field) => !['resource', 'operation'].includes(field.name))
			.filter((field) => !field.description || field.description.length < 12)
			.map((field) => field.name);
		expect(silent).toEqual([]);
	});

	test('$fromAI placeholders give the agent clear argument names, and the tool call runs', async () => {
		const [user] = ctx.emulator.revUsers;
		const org = ctx.emulator.revOrgs[1];
		const parameters = {
			resource: 'revUser',
			operation: 'link',
			revUserId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('rev_user_id', 'ID of the rev user (don:… or REVU-…)', 'string') }}",
			},
			revOrgId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('rev_org_id', 'ID of the rev org (don:… or REV-…)', 'string') }}",
			},
		};
		expect(toolSchemaKeys(toolNode(parameters))).toEqual(['rev_org_id', 'rev_user_id']);
		// n8n hands a tool call's arguments to the node as its input item.
		const result = await ctx.run(parameters, {
			items: [{ rev_user_id: user.id, rev_org_id: org.id }],
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/rev-users.link')).toEqual([{ id: user.id, rev_org: org.id }]);
		expect(result.items[0]).toMatchObject({
			id: user.id,
			rev_org_id: org.id,
			rev_org_name: org.display_name,
		});
	});

	test('an agent opens a ticket with the title and body it writes, on a part and owner it is given', async () => {
		const part = ctx.emulator.addPart({ type: 'product', name: 'Agent Desk' });
		const parameters = {
			resource: 'ticket',
			operation: 'create',
			title: "={{ $fromAI('title', 'A one-line summary of the customer problem', 'string') }}",
			part: { __rl: true, mode: 'id', value: part.display_id },
			ownedBy: { __rl: true, mode: 'id', value: ctx.emulator.devUser.display_id },
			body: "={{ $fromAI('details', 'What the customer reported, in markdown', 'string') }}",
		};
		expect(toolSchemaKeys(toolNode(parameters))).toEqual(['details', 'title']);
		const result = await ctx.run(parameters, {
			items: [{ title: 'Refund not received', details: 'Order **42** was cancelled.' }],
		});
		expect(result.error).toBeUndefined();
		expect(ctx.bodies('/works.create')).toEqual([
			{
				type: 'ticket',
				title: 'Refund not received',
				applies_to_part: part.display_id,
				owned_by: [ctx.emulator.devUser.display_id],
				body: 'Order **42** was cancelled.',
			},
		]);
		expect(result.items[0]).toMatchObject({ type: 'ticket', title: 'Refund not received' });
	});

	test('a scan by email from the agent returns the simplified record', async () => {
		const user = ctx.emulator.revUsers[2];
		const parameters = {
			resource: 'revUser',
			operation: 'scan',
			limit: "={{ $fromAI('max_results', 'How many rev users to return at most', 'number') }}",
			filters: {
				email: "={{ $fromAI('emails', 'Emails to look up, comma-separated', 'string') }}",
			},
		};
		expect(toolSchemaKeys(toolNode(parameters))).toEqual(['emails', 'max_results']);
		const result = await ctx.run(parameters, { items: [{ emails: user.email, max_results: 3 }] });
		expect(ctx.bodies('/rev-users.scan')).toEqual([{ email: [user.email] }]);
		expect(result.items).toEqual([expect.objectContaining({ id: user.id, email: user.email })]);
		expect(Object.keys(result.items[0])).not.toContain('created_by');
	});

	test('an agent creates or updates a contact by email with arguments it fills', async () => {
		const parameters = {
			resource: 'revUser',
			operation: 'upsert',
			email: "={{ $fromAI('email', 'Email of the contact', 'string') }}",
			displayName: "={{ $fromAI('name', 'Full name of the contact', 'string') }}",
		};
		expect(toolSchemaKeys(toolNode(parameters))).toEqual(['email', 'name']);
		const result = await ctx.run(parameters, {
			items: [{ email: 'agent.made@example.com', name: 'Agent Made' }],
		});
		expect(ctx.bodies('/rev-users.create')).toEqual([
			{ email: 'agent.made@example.com', display_name: 'Agent Made' },
		]);
		expect(result.items[0]).toMatchObject({
			action: 'created',
			email: 'agent.made@example.com',
			display_name: 'Agent Made',
		});
		expect(Object.keys(result.items[0])).not.toContain('created_by');
	});
});
