/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * The runtime install (scripts/runtime/) interrupted, killed, run twice at once and failing, with
 * a fake npm (fake-npm.js) so that each case takes seconds instead of minutes. What runs is the
 * real CLI, `node scripts/n8n-runtime.js ensure`, in a temporary N8N_RUNTIME_DIR.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { until } from '../../scripts/lib/wait';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'scripts', 'n8n-runtime.js');
const FAKE_NPM = path.join(__dirname, 'fake-npm.js');
const N8N_VERSION = '2.41.1';

interface LogEntry {
	event: 'start' | 'done';
	spec: string;
	pid: number;
	helper?: number;
	cwd?: string;
}

interface Run {
	child: ChildProcess;
	output: () => string;
	ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dir = '';
let fakeLog = '';

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-runtime-test-'));
	fakeLog = path.join(dir, 'fake-npm.log');
	fs.writeFileSync(fakeLog, '');
});

afterEach(() => {
	for (const e of entries())
		for (const pid of [e.pid, e.helper]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
	fs.rmSync(dir, { recursive: true, force: true });
});

const runtimeDir = () => path.join(dir, 'runtime');

function ensure(env: Record<string, string> = {}): Run {
	const child = spawn(process.execPath, [CLI, 'ensure'], {
		env: {
			...process.env,
			N8N_RUNTIME_DIR: runtimeDir(),
			N8N_RUNTIME_NPM: FAKE_NPM,
			N8N_RUNTIME_N8N_VERSION: N8N_VERSION,
			FAKE_NPM_LOG: fakeLog,
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	return { child, output: () => output, ended };
}

function entries(): LogEntry[] {
	if (!fakeLog || !fs.existsSync(fakeLog)) return [];
	return fs
		.readFileSync(fakeLog, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as LogEntry);
}

const starts = (prefix: string) =>
	entries().filter((e) => e.event === 'start' && e.spec.startsWith(prefix));
const dones = (prefix: string) =>
	entries().filter((e) => e.event === 'done' && e.spec.startsWith(prefix));

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** What a complete runtime looks like, and that nothing of an interrupted run is left. */
function expectInstalled(): void {
	const rt = runtimeDir();
	expect(JSON.parse(fs.readFileSync(path.join(rt, 'runtime.json'), 'utf8'))).toMatchObject({
		nodeSpec: 'node@24',
		nodeVersion: 'v24.0.0',
		n8nVersion: N8N_VERSION,
	});
	expect(
		JSON.parse(fs.readFileSync(path.join(rt, 'n8n', 'node_modules', 'n8n', 'package.json'), 'utf8'))
			.version,
	).toBe(N8N_VERSION);
	expect(
		fs
			.readdirSync(rt)
			.filter((f) => !['install.log', 'runtime.json'].includes(f))
			.sort(),
	).toEqual(['n8n', 'node']);
}

/** Starts an install whose n8n step runs until interrupted; resolves once that step has begun. */
async function startSlowInstall(): Promise<Run & { npm: LogEntry }> {
	const run = ensure({ FAKE_NPM_SLOW: 'n8n', FAKE_NPM_DELAY_MS: '600000' });
	await until('the n8n install to start', () => starts('n8n').length === 1, { timeoutMs: 20000 });
	const [npm] = starts('n8n');
	expect(alive(npm.pid) && alive(npm.helper as number)).toBe(true);
	return { ...run, npm };
}

describe('runtime install', () => {
	test('installs Node and n8n through staging folders and writes the marker; a second run installs nothing', async () => {
		const first = ensure();
		expect(await first.ended).toEqual({ code: 0, signal: null });
		expectInstalled();
		expect(entries().map((e) => `${e.event} ${e.spec}`)).toEqual([
			'start node@24',
			'done node@24',
			`start n8n@${N8N_VERSION}`,
			`done n8n@${N8N_VERSION}`,
		]);
		// npm ran in staging folders, swapped in afterwards.
		expect(starts('').map((e) => path.relative(runtimeDir(), e.cwd as string))).toEqual([
			'node.staging',
			'n8n.staging',
		]);

		const second = ensure();
		expect(await second.ended).toEqual({ code: 0, signal: null });
		expect(entries()).toHaveLength(4);
	});

	test.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
		'%s during the n8n install stops npm and what it started, releases the lock; the next run redoes it',
		async (signal) => {
			const run = await startSlowInstall();
			run.child.kill(signal);

			expect(await run.ended).toEqual({ code: null, signal });
			await until(
				'npm and its child to be gone',
				() => !alive(run.npm.pid) && !alive(run.npm.helper as number),
				{ timeoutMs: 10000 },
			);
			expect(fs.existsSync(path.join(runtimeDir(), '.install.lock'))).toBe(false);
			expect(fs.existsSync(path.join(runtimeDir(), 'runtime.json'))).toBe(false);
			expect(fs.existsSync(path.join(runtimeDir(), 'n8n'))).toBe(false);

			const next = ensure();
			expect(await next.ended).toEqual({ code: 0, signal: null });
			expect(next.output()).toContain('removing n8n.staging left by an interrupted install');
			expectInstalled();
			expect(starts('node')).toHaveLength(1);
			expect(starts('n8n')).toHaveLength(2);
		},
	);

	test('a run killed outright leaves its install running: the next run stops that orphan, then installs', async () => {
		const run = await startSlowInstall();
		run.child.kill('SIGKILL');
		await run.ended;
		// Nothing could stop it: the orphaned npm still works in the staging folder, the lock is left.
		expect(alive(run.npm.pid)).toBe(true);
		expect(fs.existsSync(path.join(runtimeDir(), '.install.lock', 'owner.json'))).toBe(true);

		const next = ensure();
		expect(await next.ended).toEqual({ code: 0, signal: null });
		expect(next.output()).toContain(
			`stopping process group ${run.npm.pid} left running by an interrupted run`,
		);
		expect(alive(run.npm.pid) || alive(run.npm.helper as number)).toBe(false);
		expectInstalled();
		expect(dones('n8n').map((e) => e.pid)).not.toContain(run.npm.pid);
	});

	test('two runs at once: one installs while the other waits, and both end with the runtime', async () => {
		const env = { FAKE_NPM_SLOW: 'n8n', FAKE_NPM_DELAY_MS: '1500' };
		const a = ensure(env);
		const b = ensure(env);
		const [ra, rb] = await Promise.all([a.ended, b.ended]);

		expect([ra, rb]).toEqual([
			{ code: 0, signal: null },
			{ code: 0, signal: null },
		]);
		expectInstalled();
		expect(starts('node')).toHaveLength(1);
		expect(starts('n8n')).toHaveLength(1);
		expect(`${a.output()}${b.output()}`).toMatch(/waiting for process \d+ \(\.install\.lock\)/);
	});

	test('a failed n8n install keeps Node, leaves no n8n/ and no marker; the next run installs n8n only', async () => {
		const failed = ensure({ FAKE_NPM_FAIL: 'n8n' });
		expect((await failed.ended).code).toBe(1);
		expect(failed.output()).toContain(
			`npm install --no-audit --no-fund --ignore-scripts=false n8n@${N8N_VERSION} failed`,
		);
		expect(fs.existsSync(path.join(runtimeDir(), 'n8n'))).toBe(false);
		expect(fs.existsSync(path.join(runtimeDir(), 'runtime.json'))).toBe(false);

		const next = ensure();
		expect(await next.ended).toEqual({ code: 0, signal: null });
		expectInstalled();
		expect(starts('node')).toHaveLength(1);
		expect(starts('n8n')).toHaveLength(2);
	});

	test('a node/ without its binary (an install cut short by an older version) is installed again', async () => {
		fs.mkdirSync(path.join(runtimeDir(), 'node'), { recursive: true });
		fs.writeFileSync(
			path.join(runtimeDir(), 'node', 'package.json'),
			JSON.stringify({ dependencies: { node: '^24.0.0' } }),
		);

		const run = ensure();
		expect(await run.ended).toEqual({ code: 0, signal: null });
		expectInstalled();
		expect(starts('node')).toHaveLength(1);
	});
});
