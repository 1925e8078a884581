/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
import { inspect } from 'node:util';

import { MIN_REDACTED_LENGTH, redact } from '../../nodes/DevRev/shared/redact';
import type { RunResult } from '../harness/engine';
import { TOKEN, useEmulator } from './context';

const ctx = useEmulator((emulator) =>
	emulator.seed({ revUsers: 5, revOrgs: 2, accounts: 1, sysUsers: 3 }),
);

/** Everything a user or an operator could see of a run: items, errors, and every log line. */
async function visibleText(run: () => Promise<RunResult>): Promise<string> {
	const lines: string[] = [];
	const capture = (...args: unknown[]) =>
		lines.push(args.map((arg) => inspect(arg, { depth: 8 })).join(' '));
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
		jest.spyOn(console, level).mockImplementation(capture),
	);
	const writes = [process.stdout, process.stderr].map((stream) =>
		jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
			lines.push(String(chunk));
			return true;
		}),
	);
	try {
		const result = await run();
		return [
			JSON.stringify(result.raw),
			inspect(result.raw, { depth: 12 }),
			inspect(result.error, { depth: 12 }),
			JSON.stringify(result.error ?? {}),
			result.error?.message ?? '',
			result.error?.description ?? '',
			...lines,
		].join('\n');
	} finally {
		[...spies, ...writes].forEach((spy) => spy.mockRestore());
	}
}

describe('The API token never shows', () => {
	const link = () => ({
		resource: 'revUser',
		operation: 'link',
		revUserId: ctx.emulator.revUsers[0].id,
		revOrgId: ctx.emulator.revOrgs[1].id,
	});

	test('the emulator really echoes the token (so the checks below can fail)', async () => {
		ctx.emulator.injectFault({ kind: 'echo' });
		const response = await fetch(`${ctx.credentials.baseUrl}/sys-users.list`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: '{}',
		});
		expect(await response.text()).toContain(TOKEN);
	});

	test.each([
		[
			'DevRev echoes the Authorization header in an error',
			() => ctx.emulator.injectFault({ kind: 'echo' }),
			{},
		],
		[
			'the same with Continue On Fail',
			() => ctx.emulator.injectFault({ kind: 'echo' }),
			{ continueOnFail: true },
		],
		[
			'DevRev echoes it in a non-JSON error body',
			() =>
				ctx.emulator.injectFault({
					kind: 'non_json',
					status: 400,
					body: `bad token Bearer ${TOKEN}`,
				}),
			{},
		],
		['a successful run', () => undefined, {}],
	])('%s', async (_label, fault, options) => {
		fault();
		const text = await visibleText(async () => await ctx.run(link(), options));
		expect(ctx.emulator.requestsTo('/rev-users.link')).toHaveLength(1);
		expect(text).not.toContain(TOKEN);
	});

	test('a wrong token is not shown either', async () => {
		const wrong = 'wrong-secret-token-9d2e';
		const text = await visibleText(
			async () =>
				await ctx.run(link(), {
					credentials: { apiToken: wrong, baseUrl: ctx.credentials.baseUrl },
				}),
		);
		expect(text).toContain('invalid or expired token');
		expect(text).not.toContain(wrong);
	});

	test('a refused connection does not leak the request headers', async () => {
		const text = await visibleText(
			async () =>
				await ctx.run(link(), { credentials: { apiToken: TOKEN, baseUrl: 'http://127.0.0.1:9' } }),
		);
		expect(text).toContain('the connection was refused');
		expect(text).not.toContain(TOKEN);
	});

	test("a very short token is not hunted in messages: DevRev's words stay whole", async () => {
		for (const short of ['t', 'e', 'token']) {
			const result = await ctx.run(link(), {
				credentials: { apiToken: short, baseUrl: ctx.credentials.baseUrl },
			});
			expect(result.error?.message).toBe('invalid or expired token');
			expect(result.error?.description).toBe(
				'The API token is invalid or expired: open the DevRev API credential of this node and enter a valid token.\ntype: unauthenticated',
			);
		}
	});

	test('redaction starts at secret length and replaces every occurrence', () => {
		expect(redact('a string of text', 't')).toBe('a string of text');
		const secret = 'x'.repeat(MIN_REDACTED_LENGTH);
		expect(redact({ list: [`${secret}!`, secret] }, secret)).toEqual({
			list: ['[redacted]!', '[redacted]'],
		});
		expect(redact(`${secret.slice(1)}`, secret.slice(1))).toBe(secret.slice(1));
	});
});
