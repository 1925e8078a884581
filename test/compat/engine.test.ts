/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * Runs in both Jest projects ("n8n 2.x" and "n8n 1.x", see jest.config.js): the project really
 * runs on the n8n-core / n8n-workflow it pins, and n8n's own package loader of that line loads
 * the packed package (node, credential, codex, icons) and runs the loaded node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeType } from 'n8n-workflow';
import * as core from 'n8n-core';
import * as workflow from 'n8n-workflow';

import type { Packed } from '../package/packed';
import { PACK_TIMEOUT_MS, ROOT, packed } from '../package/packed';
import { useEmulator } from '../node/context';
import { PollHost } from '../polling/host';
import { TriggerHost } from '../trigger/host';

declare const N8N_ENGINE_PINS: Record<'n8n-core' | 'n8n-workflow', string>;

/** The package.json of the copy of `name` this test file really loads. */
function loadedPackageJson(name: string): { name: string; version: string } {
	let dir = path.dirname(require.resolve(name));
	for (;;) {
		const file = path.join(dir, 'package.json');
		if (fs.existsSync(file)) {
			const json = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (json.name === name) return json;
		}
		const parent = path.dirname(dir);
		if (parent === dir)
			throw new Error(`no package.json of ${name} above ${require.resolve(name)}`);
		dir = parent;
	}
}

const codex = JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes/DevRev/DevRev.node.json'), 'utf8'));
const codexOf = (name: string) =>
	JSON.parse(fs.readFileSync(path.join(ROOT, `nodes/${name}/${name}.node.json`), 'utf8'));
const triggerCodex = codexOf('DevRevTrigger');
const pollingCodex = codexOf('DevRevPollingTrigger');
const ctx = useEmulator((emulator) =>
	emulator.seed({ accounts: 1, revOrgs: 1, sysUsers: 3, revUsers: 5 }),
);

describe(`n8n engine ${N8N_ENGINE_PINS['n8n-core']}`, () => {
	test.each(['n8n-core', 'n8n-workflow'] as const)('%s is the pinned version', (name) => {
		expect(loadedPackageJson(name).version).toBe(N8N_ENGINE_PINS[name]);
	});

	describe("n8n's package loader on the packed package", () => {
		let pack: Packed;
		let loader: core.PackageDirectoryLoader;
		beforeAll(async () => {
			pack = await packed();
			loader = new core.PackageDirectoryLoader(pack.dir);
			await loader.loadAll();
		}, PACK_TIMEOUT_MS);
		afterAll(() => pack?.cleanup());

		test('the package declares a nodes API version this n8n supports', () => {
			const check = (workflow as { checkNodesApiVersion?: (p: unknown) => { compatible: boolean } })
				.checkNodesApiVersion;
			// n8n 1.x has no such check and loads every package.
			if (check) expect(check(loader.packageJson).compatible).toBe(true);
			expect(loader.packageJson.n8n?.n8nNodesApiVersion).toBe(1);
		});

		test('loads the DevRev node, the DevRev Trigger, the DevRev Polling Trigger and the DevRev API credential', () => {
			expect(Object.keys(loader.nodeTypes)).toEqual([
				'devRev',
				'devRevTrigger',
				'devRevPollingTrigger',
			]);
			expect(Object.keys(loader.credentialTypes)).toEqual(['devRevApi']);
			expect(loader.types.nodes.map((node) => node.displayName)).toEqual([
				'DevRev',
				'DevRev Trigger',
				'DevRev Polling Trigger',
			]);
			expect(loader.types.nodes[1].webhooks?.map((webhook) => webhook.name)).toEqual(['default']);
			expect(loader.types.nodes[2].polling).toBe(true);
		});

		test('picks up the codex next to each compiled node', () => {
			const [description, trigger, polling] = loader.types.nodes;
			for (const [loaded, file] of [
				[description, codex],
				[trigger, triggerCodex],
				[polling, pollingCodex],
			]) {
				expect(loaded.codex).toEqual({
					categories: file.categories,
					alias: file.alias,
					resources: file.resources,
				});
			}
		});

		test('resolves the light and dark icons of node and credential to files in the package', () => {
			const [description, trigger, polling] = loader.types.nodes;
			const [credential] = loader.types.credentials;
			const prefix = 'icons/n8n-nodes-devrev/';
			const icons = [description, trigger, polling, credential].map((type) => type.iconUrl);
			for (const iconUrl of icons) {
				expect(iconUrl).toEqual({
					light: `${prefix}dist/icons/devrev.svg`,
					dark: `${prefix}dist/icons/devrev.dark.svg`,
				});
				const { light, dark } = iconUrl as { light: string; dark: string };
				expect(fs.existsSync(path.join(pack.dir, light.slice(prefix.length)))).toBe(true);
				expect(fs.existsSync(path.join(pack.dir, dark.slice(prefix.length)))).toBe(true);
			}
			expect(credential.documentationUrl).toMatch(/^https:\/\//);
		});

		test('the loaded node runs through the engine', async () => {
			const type = 'n8n-nodes-devrev.devRevPacked';
			const devRev = loader.nodeTypes.devRev.type as INodeType;
			const result = await ctx.run(
				{ resource: 'sysUser', operation: 'list', returnAll: true },
				{ nodeType: type, extraTypes: { [type]: devRev } },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			expect(ctx.bodies('/sys-users.list')).toHaveLength(1);
		});

		test('the loaded trigger registers, passes the verify handshake, runs a delivery and unregisters', async () => {
			const host = new TriggerHost({
				credentials: ctx.credentials,
				parameters: { events: ['rev_user_updated'] },
				webhookId: 'c0a1b2c3-d4e5-4f60-8a7b-00000000c0de',
				nodeClass: (loader.nodeTypes.devRevTrigger.type as INodeType)
					.constructor as new () => INodeType,
			});
			await host.start();
			try {
				const { emulator } = ctx;
				await host.activate();
				const [webhook] = emulator.webhooks.list;
				for (let i = 0; i < 500 && webhook.status !== 'active'; i++)
					await new Promise((r) => setTimeout(r, 10));
				expect(webhook.status).toBe('active');
				emulator.emitEvent('rev_user_updated', {
					rev_user: JSON.parse(JSON.stringify(emulator.revUsers[0])),
				});
				for (let i = 0; i < 500 && host.executions.length === 0; i++)
					await new Promise((r) => setTimeout(r, 10));
				expect(
					host.executions.map((e) => e.items.map((item) => [item.event, item.webhook_id])),
				).toEqual([[['rev_user_updated', webhook.id]]]);
				expect(await host.hook('delete')).toBe(true);
				expect(emulator.webhooks.list).toEqual([]);
			} finally {
				await host.stop();
			}
		});

		test('the loaded polling trigger polls through the engine: a mark first, then the new rev user', async () => {
			const nodeClass = (loader.nodeTypes.devRevPollingTrigger.type as INodeType)
				.constructor as new () => INodeType;
			const parameters = { resource: 'revUser', triggerWhen: 'created' };
			const host = new PollHost({ credentials: ctx.credentials, parameters, nodeClass });
			expect(await host.activate()).toEqual({ items: null });
			const { emulator } = ctx;
			const user = emulator.addRevUser({ display_name: 'Polled' });
			const { items } = await host.poll();
			expect(items?.map((item) => item.id)).toEqual([user.id]);
		});
	});
});
