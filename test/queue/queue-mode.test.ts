/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs on Node, never inside n8n */
/**
 * n8n in queue mode (Redis + PostgreSQL + n8n main + two `n8n worker`s, scripts/queue/), the
 * packed package installed as a community package in every process, the "link form submissions"
 * example published, the DevRev emulator answering a share of the calls with 429 + Retry-After.
 *
 *  1. A burst of 300 form submissions (bounded concurrency, loopback): exactly 300 successful
 *     link calls, each user linked once, executions spread over both workers, none failed;
 *     submissions/s and p50/p95 time from submission to link are measured.
 *  2. A kill test: SIGKILL one worker in the middle of a burst. n8n marks its in-flight executions
 *     failed (`error`, "failed to be processed too many times") once Bull sees their jobs
 *     stalled; the retry API accepts them; the submissions are recovered and no link is applied
 *     twice (a repeated link of the same user to the same org changes nothing).
 *
 * Heavy (minutes, ~3 GB of memory): runs in CI (CI=true) and on demand with N8N_QUEUE_E2E=1
 * (`npm run test:queue`); a local `npm test` skips it, as does SKIP_N8N_E2E=1.
 * Figures are printed at the end and written to $QUEUE_E2E_REPORT when set.
 * Knobs: QUEUE_E2E_BURST (300), QUEUE_E2E_KILL_BURST (150), QUEUE_E2E_CONCURRENCY (50).
 */
import * as fs from 'node:fs';

import { fetchJson } from '../../scripts/lib/net';
import { until } from '../../scripts/lib/wait';
import { startQueueStack } from '../../scripts/queue/queue-stack';
import { cpuSeconds } from './cpu';
import { INVALID_FORM_LINK, burst, percentile, submitOne, type Submission } from './form-client';

const ENABLED =
	process.env.N8N_QUEUE_E2E === '1' ||
	(process.env.CI === 'true' && process.env.SKIP_N8N_E2E !== '1');
const describeQueue = ENABLED ? describe : describe.skip;

const BURST = Number(process.env.QUEUE_E2E_BURST || 300);
const KILL_BURST = Number(process.env.QUEUE_E2E_KILL_BURST || 150);
const CONCURRENCY = Number(process.env.QUEUE_E2E_CONCURRENCY || 50);
const WORKER_CONCURRENCY = 10;
const RATE_LIMIT_SHARE = 0.1;
const RETRY_AFTER_SECONDS = 0.2;
/** Bull settings for the test: a dead worker's jobs are seen stalled within ~20 s, not ~90 s. */
const LOCK_ENV = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};
const SETUP_TIMEOUT_MS = 30 * 60 * 1000;
const TEST_TIMEOUT_MS = 15 * 60 * 1000;

type Stack = Awaited<ReturnType<typeof startQueueStack>>;
interface Worker {
	name: string;
	pid: number;
	exited: Promise<unknown>;
	kill(signal?: string): boolean;
	inFlight(): string[];
	executions: { started: Set<string>; finished: Set<string> };
}
interface RecordedRequest {
	method: string;
	path: string;
	body: { id?: string; rev_org?: string; email?: string[] } | undefined;
	status: number | null;
	at: number;
}
interface RevUserState {
	id: string;
	email: string;
	display_name: string;
	rev_org?: { id: string; display_id: string };
	associations: Array<{ type: string; id: string; display_id: string }>;
	[k: string]: unknown;
}

function log(message: string): void {
	process.stderr.write(`[queue-e2e] ${message}\n`);
}

/** The emulator through its HTTP control API (it runs as its own process in the stack). */
function emulatorClient(url: string, token: string) {
	const call = (method: string, path: string, body?: unknown, auth = false) =>
		fetchJson(`${url}${path}`, {
			method,
			headers: auth ? { authorization: `Bearer ${token}` } : {},
			body,
		});
	return {
		configure: (cfg: Record<string, unknown>) => call('POST', '/__emulator/config', cfg),
		seed: (counts: Record<string, number>) => call('POST', '/__emulator/seed', counts),
		clearRequests: () => call('DELETE', '/__emulator/requests'),
		requests: async (): Promise<RecordedRequest[]> =>
			(await call('GET', '/__emulator/requests')).requests,
		users: async (): Promise<RevUserState[]> => (await call('GET', '/__emulator/state')).rev_users,
		revOrgs: async (): Promise<Array<{ id: string; display_id: string; display_name: string }>> =>
			(await call('GET', '/rev-orgs.list?limit=100', undefined, true)).rev_orgs,
	};
}
type Emulator = ReturnType<typeof emulatorClient>;

/** 200 link calls per rev user ID. */
function linksByUser(requests: RecordedRequest[], revOrg: string): Map<string, RecordedRequest[]> {
	const map = new Map<string, RecordedRequest[]>();
	for (const r of requests) {
		if (r.path !== '/rev-users.link' || r.status !== 200 || r.body?.rev_org !== revOrg) continue;
		const id = String(r.body.id);
		map.set(id, [...(map.get(id) || []), r]);
	}
	return map;
}

function executionsOf(
	stack: Stack,
	where = 'true',
): Array<{ id: string; status: string; mode: string; retryOf: string }> {
	return stack.postgres
		.psql(
			`select id, status, mode, coalesce("retryOf", '') from execution_entity where "workflowId" = '${stack.workflowId}' and (${where}) order by id`,
		)
		.map(([id, status, mode, retryOf]: string[]) => ({ id, status, mode, retryOf }));
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

describeQueue('n8n queue mode: two workers, a burst of form submissions, a killed worker', () => {
	let stack: Stack;
	let emu: Emulator;
	let users: RevUserState[];
	let orgA: string;
	let orgB: string;
	const figures: Record<string, unknown> = {};
	const pids: number[] = [];

	beforeAll(async () => {
		stack = await startQueueStack({
			workers: 2,
			concurrency: WORKER_CONCURRENCY,
			seedRevUsers: BURST + KILL_BURST,
			env: LOCK_ENV,
		});
		emu = emulatorClient(stack.devrev.url, stack.devrev.token);
		// Two fresh rev orgs (no seeded user belongs to them): A for the burst, B for the kill test.
		await emu.seed({ revOrgs: 2 });
		const orgs = await emu.revOrgs();
		[orgA, orgB] = orgs.slice(-2).map((o) => o.display_id);
		users = await emu.users();
		expect(users.length).toBe(BURST + KILL_BURST);
		await emu.configure({
			rateLimitShare: RATE_LIMIT_SHARE,
			rateLimitRetryAfter: RETRY_AFTER_SECONDS,
			randomSeed: 8,
		});
		await emu.clearRequests();
		pids.push(stack.main.pid as number, ...[...stack.workers.values()].map((w: Worker) => w.pid));
		log(
			`stack up: main ${stack.main.url}, workers ${[...stack.workers.keys()].join(', ')}, logs ${stack.logDir}`,
		);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (stack) {
			for (const w of stack.workers.values() as Iterable<Worker>) pids.push(w.pid);
			await stack.stop();
		}
		// No process of the stack outlives the test.
		const alive = pids.filter((pid) => {
			try {
				process.kill(pid, 0);
				return true;
			} catch {
				return false;
			}
		});
		const text = JSON.stringify(figures, null, 2);
		log(`figures:\n${text}`);
		if (process.env.QUEUE_E2E_REPORT) fs.writeFileSync(process.env.QUEUE_E2E_REPORT, `${text}\n`);
		expect(alive).toEqual([]);
	}, 120000);

	it(
		`${BURST} concurrent form submissions: ${BURST} links, each user once, both workers, no failure`,
		async () => {
			const batch = users.slice(0, BURST);
			const cpuBefore = cpuSeconds(stack.services);
			const t0 = Date.now();
			const subs = await burst(
				stack.formUrl,
				batch.map((u) => ({ Email: u.email, 'Account or rev org': orgA })),
				{ concurrency: CONCURRENCY, timeoutMs: 240000 },
			);
			const wall = (Date.now() - t0) / 1000;
			const cpuAfter = cpuSeconds(stack.services);
			const cpu: Record<string, number> = {};
			for (const [name, sec] of Object.entries(cpuAfter))
				cpu[name] = round(sec - (cpuBefore[name] || 0));

			const failed = subs.filter((s) => s.outcome !== 'success');
			expect(failed.map((s) => `${s.values.Email}: ${s.error}`)).toEqual([]);
			expect(subs.every((s) => s.title === 'Contact linked')).toBe(true);

			// DevRev side: exactly BURST successful links, one per user, to org A.
			const requests = await emu.requests();
			const links = requests.filter((r) => r.path === '/rev-users.link' && r.status === 200);
			expect(links).toHaveLength(BURST);
			const byUser = linksByUser(requests, orgA);
			expect(byUser.size).toBe(BURST);
			for (const u of batch) expect(byUser.get(u.id)).toHaveLength(1);
			const limited = requests.filter((r) => r.status === 429);
			expect(limited.length).toBeGreaterThan(0); // the node rode out the 429s
			const state = new Map((await emu.users()).map((u) => [u.id, u]));
			for (const u of batch) {
				const orgAssociations = state.get(u.id)!.associations.filter((a) => a.display_id === orgA);
				expect(orgAssociations).toHaveLength(1);
				expect(state.get(u.id)!.rev_org?.display_id).toBe(orgA);
			}

			// n8n side: one execution per submission, all succeeded, spread over both workers.
			const executions = executionsOf(stack);
			expect(executions).toHaveLength(BURST);
			expect(executions.filter((e) => e.status !== 'success')).toEqual([]);
			const split: Record<string, number> = {};
			for (const s of subs) {
				const worker = stack.workerOf(s.executionId!) ?? 'unknown';
				split[worker] = (split[worker] || 0) + 1;
			}
			expect(split.unknown).toBeUndefined();
			expect(Object.keys(split).sort()).toEqual(['worker-1', 'worker-2']);
			for (const n of Object.values(split))
				expect(n).toBeGreaterThanOrEqual(Math.ceil(BURST * 0.1));

			// Figures: time from submission (the POST) to the emulator receiving the successful link.
			const bySubmitter = new Map(batch.map((u) => [u.email, u.id]));
			const toLink = subs.map(
				(s) => byUser.get(bySubmitter.get(s.values.Email)!)![0].at - s.submittedAt!,
			);
			const toAccept = subs.map((s) => s.acceptedAt! - s.submittedAt!);
			const first = Math.min(...subs.map((s) => s.submittedAt!));
			const lastLink = Math.max(...links.map((r) => r.at));
			const lastAccept = Math.max(...subs.map((s) => s.acceptedAt!));
			const lastDone = Math.max(...subs.map((s) => s.doneAt!));
			figures.burst = {
				submissions: BURST,
				clientConcurrency: CONCURRENCY,
				workers: 2,
				workerConcurrency: WORKER_CONCURRENCY,
				rateLimitShare: RATE_LIMIT_SHARE,
				retryAfterSeconds: RETRY_AFTER_SECONDS,
				wallSeconds: round(wall),
				acceptedPerSecond: round(BURST / ((lastAccept - first) / 1000)),
				linkedPerSecond: round(BURST / ((lastLink - first) / 1000)),
				completedPerSecond: round(BURST / ((lastDone - first) / 1000)),
				submissionToLinkMs: {
					p50: percentile(toLink, 50),
					p95: percentile(toLink, 95),
					max: Math.max(...toLink),
				},
				submissionAcceptedMs: { p50: percentile(toAccept, 50), p95: percentile(toAccept, 95) },
				workerSplit: split,
				cpuSeconds: cpu,
				devrevCalls: requests.length,
				answered429: {
					list: limited.filter((r) => r.path === '/rev-users.list').length,
					link: limited.filter((r) => r.path === '/rev-users.link').length,
				},
			};
			log(`burst: ${JSON.stringify(figures.burst)}`);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'a worker killed (SIGKILL) mid-burst: its executions end failed, retry is accepted, recovery links each user once',
		async () => {
			await emu.clearRequests();
			const batch = users.slice(BURST, BURST + KILL_BURST);
			const victim = stack.workers.get('worker-2') as Worker;
			const survivor = stack.workers.get('worker-1') as Worker;
			let started = 0;
			const t0 = Date.now();
			const running = burst(
				stack.formUrl,
				batch.map((u) => ({ Email: u.email, 'Account or rev org': orgB })),
				{ concurrency: CONCURRENCY, timeoutMs: 240000, onStart: () => started++ },
			);

			// Kill in the middle: a quarter of the burst under way and executions running on the victim.
			await until(
				'the burst to be under way on worker-2',
				() => started >= KILL_BURST / 4 && victim.inFlight().length >= 2,
				{ timeoutMs: 120000, intervalMs: 100 },
			);
			const inFlightAtKill = victim.inFlight();
			const killedAt = Date.now();
			expect(victim.kill('SIGKILL')).toBe(true);
			await victim.exited;
			log(
				`killed worker-2 (pid ${victim.pid}) with ${inFlightAtKill.length} executions in flight: ${inFlightAtKill.join(', ')}`,
			);

			const subs = await running;
			const wall = (Date.now() - t0) / 1000;
			// n8n settles the dead worker's executions once Bull has failed their stalled jobs.
			await until(
				'no execution new/running',
				() => executionsOf(stack, `status in ('new', 'running')`).length === 0,
				{ timeoutMs: 180000, intervalMs: 1000 },
			);

			const failedSubs = subs.filter((s) => s.outcome !== 'success');
			const failedExecutions = executionsOf(stack, `status not in ('success', 'waiting')`);
			log(
				`kill burst: ${subs.length - failedSubs.length} succeeded, ${failedSubs.length} failed; failed executions ${JSON.stringify(failedExecutions)}`,
			);

			// What n8n promises: the executions of the dead worker end failed (error/crashed) ...
			expect(failedExecutions.length).toBeGreaterThan(0);
			for (const e of failedExecutions) expect(['error', 'crashed']).toContain(e.status);
			// ... and only those: none of them finished on the surviving worker, all were submitted
			// before the kill, and the form's user saw exactly these fail.
			const jobsOf = (id: string) => stack.executionJobs.get(id) || [];
			for (const e of failedExecutions) {
				expect(
					jobsOf(e.id).some(
						(j: { worker: string; at: number }) => j.worker === 'worker-1' && j.at > killedAt,
					),
				).toBe(false);
			}
			const failedIds = new Set(failedExecutions.map((e) => e.id));
			expect(new Set(failedSubs.map((s) => s.executionId))).toEqual(failedIds);
			// What their form page got from n8n-execution-status at the end.
			const seenByUsers = [...new Set(failedSubs.map((s) => s.status ?? ''))];
			for (const st of seenByUsers) expect(['error', 'crashed', INVALID_FORM_LINK]).toContain(st);
			const killToFailedMs = failedSubs.map((s) => s.doneAt! - killedAt);
			for (const s of failedSubs) expect(s.submittedAt!).toBeLessThan(killedAt);
			// Every execution that started after the kill ran on the surviving worker and succeeded.
			const afterKill = subs.filter((s) => s.submittedAt! > killedAt + 1000);
			for (const s of afterKill) {
				expect(s.outcome).toBe('success');
				expect(
					jobsOf(s.executionId!).every((j: { worker: string }) => j.worker === 'worker-1'),
				).toBe(true);
			}
			const details = await Promise.all(
				failedExecutions.map((e) => stack.client.getExecution(e.id)),
			);
			const messages = [
				...new Set(
					details.map((d: { data?: unknown }) =>
						/failed to be processed too many times/.test(String(d.data))
							? 'MaxStalledCount'
							: 'other',
					),
				),
			];
			log(`failed executions' error: ${messages.join(', ')}`);

			// Emulator state after the kill, before any recovery.
			const beforeRecovery = new Map((await emu.users()).map((u) => [u.id, u]));
			const linkedBeforeRecovery = batch.filter((u) =>
				beforeRecovery.get(u.id)!.associations.some((a) => a.display_id === orgB),
			);

			// A replacement worker joins, as an orchestrator would restart the dead one.
			const replacement = (await stack.startWorker('worker-2')) as unknown as Worker;
			pids.push(replacement.pid);

			// n8n's retry (the editor's "Retry with original workflow"): accepted for every failed execution.
			const callsBeforeRetry = (await emu.requests()).length;
			const retries: Array<{ of: string; id: string }> = [];
			for (const e of failedExecutions) {
				const r = await stack.client.requestOk('POST', `/rest/executions/${e.id}/retry`, {
					loadWorkflow: false,
				});
				expect(String(r.retryOf)).toBe(e.id);
				retries.push({ of: e.id, id: String(r.id) });
			}
			await until(
				'retries to end',
				() => executionsOf(stack, `status in ('new', 'running')`).length === 0,
				{ timeoutMs: 120000, intervalMs: 1000 },
			);
			const retryStatuses = executionsOf(stack, `mode = 'retry'`);
			expect(retryStatuses.map((e) => e.retryOf).sort()).toEqual([...failedIds].sort());
			const retryCalls = (await emu.requests()).length - callsBeforeRetry;
			log(`retries: ${JSON.stringify(retryStatuses)}; DevRev calls made by them: ${retryCalls}`);

			// Recovery of the lost submissions: the form told these users it failed; they submit again.
			// (Plus three users whose first submission went through: their second link is a repeat.)
			const afterRetries = new Map((await emu.users()).map((u) => [u.id, u]));
			const unlinked = batch.filter(
				(u) => !afterRetries.get(u.id)!.associations.some((a) => a.display_id === orgB),
			);
			const again = new Map<string, Record<string, string>>();
			for (const s of failedSubs) again.set(s.values.Email, s.values);
			for (const u of unlinked) again.set(u.email, { Email: u.email, 'Account or rev org': orgB });
			const okFirstTime = subs.filter((s) => s.outcome === 'success').slice(0, 3);
			for (const s of okFirstTime) again.set(s.values.Email, s.values);
			const resubmitted: Submission[] = [];
			for (const values of again.values()) {
				resubmitted.push(
					await submitOne(
						stack.formUrl,
						{ index: resubmitted.length, values, outcome: 'pending' },
						{ timeoutMs: 120000 },
					),
				);
			}
			expect(
				resubmitted
					.filter((s) => s.outcome !== 'success')
					.map((s) => `${s.values.Email}: ${s.error}`),
			).toEqual([]);

			// No link applied twice: each user is linked to org B exactly once; a user linked more
			// than once by the API (a repeat) was already linked before, and the repeat changed nothing.
			const requests = await emu.requests();
			const byUser = linksByUser(requests, orgB);
			const final = new Map((await emu.users()).map((u) => [u.id, u]));
			const repeated: string[] = [];
			for (const u of batch) {
				expect(final.get(u.id)!.associations.filter((a) => a.display_id === orgB)).toHaveLength(1);
				expect(final.get(u.id)!.rev_org?.display_id).toBe(orgB);
				const calls = byUser.get(u.id) || [];
				expect(calls.length).toBeGreaterThanOrEqual(1);
				if (calls.length > 1) {
					repeated.push(u.id);
					const before = beforeRecovery.get(u.id)!;
					if (before.associations.some((a) => a.display_id === orgB)) {
						// Linked before recovery: the later link calls left the record as it was.
						expect(final.get(u.id)).toEqual(before);
					}
				}
			}
			for (const s of okFirstTime) {
				const id = batch.find((u) => u.email === s.values.Email)!.id;
				expect(byUser.get(id)!.length).toBeGreaterThanOrEqual(2);
				expect(final.get(id)).toEqual(beforeRecovery.get(id));
			}
			const linkCalls = [...byUser.values()].reduce((n, l) => n + l.length, 0);
			expect(linkCalls).toBe(
				KILL_BURST + repeated.reduce((n, id) => n + byUser.get(id)!.length - 1, 0),
			);

			figures.kill = {
				submissions: KILL_BURST,
				wallSeconds: round(wall),
				lastSuccessAfterSeconds: round(
					(Math.max(...subs.filter((x) => x.outcome === 'success').map((x) => x.doneAt!)) - t0) /
						1000,
				),
				killedAfterMs: killedAt - t0,
				inFlightOnKilledWorker: inFlightAtKill.length,
				failedExecutions: failedExecutions.map((e) => `${e.id}:${e.status}`),
				failedError: messages,
				failedStatusSeenByFormUser: seenByUsers,
				killToFailureSeenMs: { min: Math.min(...killToFailedMs), max: Math.max(...killToFailedMs) },
				linkedBeforeRecovery: linkedBeforeRecovery.length,
				retries: retryStatuses.map((e) => `${e.id}(of ${e.retryOf}):${e.status}`),
				devrevCallsByRetries: retryCalls,
				resubmitted: resubmitted.length,
				usersWithRepeatedLink: repeated.length,
				successfulLinkCalls: linkCalls,
				executionsAfterKillOnSurvivor: afterKill.length,
				survivor: survivor.name,
			};
			log(`kill: ${JSON.stringify(figures.kill)}`);
		},
		TEST_TIMEOUT_MS,
	);
});
