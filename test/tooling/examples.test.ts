/**
 * The examples as npm start, the e2e tests and the queue stack import them (scripts/n8n/n8n.js
 * loadExamples): the Files node writes where it is told, the sticky notes keep their text.
 */
import { loadExamples } from '../../scripts/n8n/n8n';

interface Node {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

const nodesOf = (workflows: Array<{ id: string; nodes: Node[] }>, id: string) =>
	workflows.find((w) => w.id === id)?.nodes ?? [];

describe('the example workflows, loaded for import', () => {
	test("the export's Files node writes to the folder given; its sticky note reads as written", () => {
		const committed = nodesOf(loadExamples(), 'DevRevExportCsv1');
		const loaded = nodesOf(loadExamples({ filesDir: '/tmp/n8n-user/files' }), 'DevRevExportCsv1');
		const write = loaded.find((n) => n.name === 'Write CSV to disk');
		expect(write?.parameters.fileName).toMatch(/^=\/tmp\/n8n-user\/files\/devrev-rev-users-/);
		const notes = (nodes: Node[]) => nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		expect(notes(loaded)).toEqual(notes(committed));
		expect(notes(loaded)[0].parameters.content).toContain(
			'(default `~/.n8n-files`; `/home/node/.n8n-files` in the Docker image)',
		);
	});

	test('a credential given replaces the DevRev credential of every DevRev node', () => {
		const credential = { id: 'Other', name: 'Other DevRev' };
		const devRevNodes = loadExamples({ credential })
			.flatMap((w: { nodes: Node[] }) => w.nodes)
			.filter((n: Node) => n.credentials?.devRevApi);
		expect(devRevNodes.length).toBeGreaterThan(0);
		for (const node of devRevNodes) expect(node.credentials?.devRevApi).toEqual(credential);
	});
});
