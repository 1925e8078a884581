#!/usr/bin/env node
'use strict';
/**
 * The trigger walk of `npm run bench` (or alone: node bench/trigger.js [--events 500] [--concurrency 16]
 * [--warmup 50] [--rounds 2] [--profile DIR]): real n8n 2.41 with the packed package, two published
 * workflows reporting to a local sink, each sent the same burst of signed DevRev events,
 * `concurrency` at a time:
 *   A  DevRev Trigger → Report   (the URL DevRev would call; signature, timestamp and duplicate checks on)
 *   B  n8n's Webhook node → Report (a bare webhook, no checks: what n8n itself costs)
 * Per side: events/s n8n accepted (answers per second of the burst), answer latency p50/p95, and
 * delivery → execution start p50/p95 (n8n's own startedAt of each execution); every event must
 * start exactly one execution. A/B is the trigger's own cost. A warm-up burst first, per side; then
 * `rounds` rounds, the sides alternating (A B, B A, ...), medians. --profile DIR: CPU profiles of
 * n8n's processes (--cpu-prof), written when n8n stops.
 */
const http = require('http');

const { parseFlags, runMain } = require('../scripts/lib/cli');
const { sleep, until } = require('../scripts/lib/wait');
const n8n = require('../scripts/n8n/n8n');
const { CREDENTIAL, prepareUserFolder } = require('../scripts/stack');
const { DevRevEmulator } = require('../test/emulator');
const kit = require('../test/e2e/trigger-kit');
const { check, median, quantile, report, table, withTempDir } = require('./common');

const TOKEN = 'bench-trigger-token';
const TRIGGER = { id: 'BenchDevRevTrig1', webhookId: '9b1e2f3a-4c5d-4e6f-8a7b-00000000b001' };
const BARE = { id: 'BenchBareWebhook', webhookId: '9b1e2f3a-4c5d-4e6f-8a7b-00000000b002' };
const BARE_PATH = 'bench-devrev';

/** The medians of a side's rounds; the counts must hold in every round. */
function medianRow(rows) {
	const timings = ['perSecond', 'ackP50', 'ackP95', 'startP50', 'startP95'];
	return {
		side: rows[0].side,
		events: rows[0].events,
		accepted: Math.min(...rows.map((r) => r.accepted)),
		executions: Math.min(...rows.map((r) => r.executions)),
		once: rows.every((r) => r.once && r.accepted === r.events && r.executions === r.events),
		...Object.fromEntries(timings.map((key) => [key, median(rows.map((r) => r[key]))])),
	};
}

/** Sends `o.n` signed events to the side, `o.concurrency` at a time on keep-alive connections (as DevRev's sender would). */
async function send(side, o) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
	const sent = [];
	let next = 0;
	const sender = async () => {
		while (next < o.n) {
			const id = `${o.webhook.id}:webhook_event/${o.tag}-${next++}`;
			const event = { id, webhook_id: o.webhook.id, timestamp: new Date().toISOString() };
			const body = { ...event, type: 'rev_user_created', rev_user_created: { rev_user: o.user } };
			const { raw, signature } = kit.signed(body, o.webhook.secret);
			const sentAt = Date.now();
			const { status } = await kit
				.post(side.url, raw, signature, agent)
				.catch(() => ({ status: 0 }));
			sent.push({ id, sentAt, ackAt: Date.now(), status });
		}
	};
	await Promise.all(Array.from({ length: o.concurrency }, sender));
	agent.destroy();
	return sent;
}

/** When n8n started each reported execution (it lists an execution once it has saved it). */
async function startTimes(side, o, reports) {
	let started = new Map();
	const listed = async () => {
		const executions = await kit.executionsOf(o.client, side.workflowId);
		started = new Map(executions.map((e) => [e.id, Date.parse(e.startedAt)]));
		return reports.every((r) => Number.isFinite(started.get(r.execution)));
	};
	await until('every execution listed', listed, { timeoutMs: 10 * 60_000, intervalMs: 50 });
	return started;
}

/** One burst at one side, then waits for every execution to report. */
async function burst(side, o) {
	const reportsBefore = o.sink.entries.length;
	const t0 = Date.now();
	const sent = await send(side, o);
	const accepted = sent.filter((s) => s.status === 200).length;
	const reported = () => o.sink.entries.length - reportsBefore >= accepted;
	await until(`${accepted} reports`, reported, { timeoutMs: 30 * 60_000, intervalMs: 50 });
	const reports = o.sink.entries.slice(reportsBefore);
	const started = await startTimes(side, o, reports);
	const sentById = new Map(sent.map((s) => [s.id, s]));
	const ran = reports.map((r) => side.eventIdOf(r.item));
	const startDelays = reports.map((r, i) => started.get(r.execution) - sentById.get(ran[i]).sentAt);
	const acks = sent.map((s) => s.ackAt - s.sentAt);
	const distinct = ran.length === accepted && new Set(ran).size === accepted;
	return {
		events: o.n,
		accepted,
		executions: reports.length,
		once: distinct && ran.every((id) => sentById.has(id)),
		perSecond: o.n / ((Math.max(...sent.map((s) => s.ackAt)) - t0) / 1000),
		...{ ackP50: quantile(acks, 0.5), ackP95: quantile(acks, 0.95) },
		...{ startP50: quantile(startDelays, 0.5), startP95: quantile(startDelays, 0.95) },
	};
}

/** n8n with both workflows published, the emulator's webhook verified, the bare webhook live. */
async function startRig(o, rig) {
	await n8n.ensureRuntime();
	const baseUrl = await rig.emu.start();
	const sinkUrl = await rig.sink.start();
	await prepareUserFolder(rig.userFolder, { apiToken: TOKEN, baseUrl }, { workflowIds: [] });
	const events = ['rev_user_created'];
	await n8n.importWorkflows(rig.userFolder, [
		kit.triggerWorkflow({ ...TRIGGER, sinkUrl, events, credential: CREDENTIAL }),
		kit.webhookWorkflow({ ...BARE, path: BARE_PATH, sinkUrl }),
	]);
	const profile = o.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${o.profile}` } : {};
	rig.n8n = await n8n.startN8n(rig.userFolder, { env: { N8N_LOG_LEVEL: 'error', ...profile } });
	rig.client = new n8n.N8nClient(rig.n8n.url);
	await rig.client.ensureOwner();
	await rig.client.activateWorkflow(TRIGGER.id);
	await rig.client.activateWorkflow(BARE.id);
	const verified = () => rig.emu.webhooks.list[0]?.status === 'active';
	await until("the trigger's webhook verified", verified);
	const bareUrl = `${rig.n8n.url}/webhook/${BARE_PATH}`;
	const bareLive = async () =>
		(await kit.post(bareUrl, '{}').catch(() => ({ status: 0 }))).status === 200;
	await until('the bare webhook', bareLive);
	await sleep(2000);
	// The two sides as the bursts address them: the URL, the workflow, where the event ID is in the item.
	return [
		{
			side: 'A DevRev Trigger',
			url: `${rig.n8n.url}/webhook/${TRIGGER.webhookId}/webhook`,
			workflowId: TRIGGER.id,
			eventIdOf: (item) => item.event_id,
		},
		{
			side: 'B n8n Webhook node',
			url: bareUrl,
			workflowId: BARE.id,
			eventIdOf: (item) => item.body?.id,
		},
	];
}

/** A warm-up burst per side, then `rounds` rounds, the sides alternating; each side's medians. */
async function rounds(rig, sides, o) {
	const { sink, client } = rig;
	const user = JSON.parse(JSON.stringify(rig.emu.revUsers[0]));
	const common = {
		concurrency: o.concurrency,
		webhook: rig.emu.webhooks.list[0],
		sink,
		client,
		user,
	};
	for (const side of sides)
		await burst(side, { ...common, n: o.warmup ?? 50, tag: `warmup-${side.workflowId}` });
	const runs = Object.fromEntries(sides.map((side) => [side.side, []]));
	for (let round = 0; round < (o.rounds ?? 1); round++) {
		for (const side of round % 2 ? [...sides].reverse() : sides) {
			const tag = `r${round}-${side.workflowId}`;
			const row = { side: side.side, ...(await burst(side, { ...common, n: o.events, tag })) };
			const what = `${row.accepted}/${row.events} accepted, ${row.executions} executions`;
			const speed = `${row.perSecond.toFixed(1)}/s, start p50 ${row.startP50} ms`;
			console.log(`round ${round + 1} ${row.side}: ${what}, ${speed}`);
			runs[side.side].push(row);
		}
	}
	return sides.map((side) => medianRow(runs[side.side]));
}

/** @param {{events: number, concurrency: number, warmup?: number, rounds?: number, profile?: string}} o */
async function runTriggerBench(o) {
	const emu = new DevRevEmulator({ tokens: [TOKEN], validateResponses: false });
	emu.seed({ accounts: 1, revOrgs: 2, sysUsers: 1, revUsers: 10 });
	return withTempDir('n8n-devrev-bench-trigger-', async (userFolder) => {
		const rig = { emu, sink: new kit.Sink(), userFolder };
		try {
			return await rounds(rig, await startRig(o, rig), o);
		} finally {
			if (rig.n8n) await rig.n8n.stop();
			await rig.sink.stop();
			await emu.stop();
		}
	});
}

const COLUMNS = [
	['side', (r) => r.side],
	['accepted', (r) => `${r.accepted}/${r.events}`],
	['executions', (r) => r.executions],
	['each once', (r) => (r.once ? 'yes' : 'NO')],
	['events/s', (r) => r.perSecond.toFixed(1)],
	['answer p50/p95 ms', (r) => `${r.ackP50}/${r.ackP95}`],
	['delivery → start p50/p95 ms', (r) => `${r.startP50}/${r.startP95}`],
];

/** The trigger walk: prints its rounds and table, returns its checks. */
async function triggerWalk(o) {
	const rows = await runTriggerBench(o);
	const [a, b] = rows;
	const ratio = (key) => (a[key] / b[key]).toFixed(2);
	const title = `Trigger: ${o.events} signed events, ${o.concurrency} at a time, real n8n ${n8n.runtimeInfo().n8nVersion}, medians of ${o.rounds ?? 1} round(s)`;
	const ab = `A/B: events/s ${ratio('perSecond')}, delivery → start p50 ${ratio('startP50')}, p95 ${ratio('startP95')}`;
	console.log(`\n${[title, table(rows, COLUMNS), ab].join('\n')}\n`);
	return rows.map((r) =>
		check(
			`Trigger ${r.side}`,
			'every event accepted and run exactly once',
			r.accepted === r.events && r.executions === r.events && r.once,
		),
	);
}

module.exports = { triggerWalk };

if (require.main === module) {
	const flags = {
		'--events': ['events', 'number', 500],
		'--concurrency': ['concurrency', 'number', 16],
		'--warmup': ['warmup', 'number', 50],
		'--rounds': ['rounds', 'number', 2],
		'--profile': ['profile', 'path', ''],
	};
	const o = parseFlags(process.argv.slice(2), flags, __filename);
	runMain(async () => (process.exitCode = report(await triggerWalk(o))), { code: 2 });
}
