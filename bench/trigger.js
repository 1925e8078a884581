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
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const { parseFlags } = require('../scripts/lib/cli');
const { sleep, until } = require('../scripts/lib/wait');
const n8n = require('../scripts/n8n/n8n');
const { CREDENTIAL, prepareUserFolder } = require('../scripts/stack');
const { DevRevEmulator } = require('../test/emulator');
const kit = require('../test/e2e/trigger-kit');
const { median, quantile, table } = require('./common');

const TOKEN = 'bench-trigger-token';
const TRIGGER = { id: 'BenchDevRevTrig1', webhookId: '9b1e2f3a-4c5d-4e6f-8a7b-00000000b001' };
const BARE = {
	id: 'BenchBareWebhook',
	webhookId: '9b1e2f3a-4c5d-4e6f-8a7b-00000000b002',
	path: 'bench-devrev',
};

/**
 * @typedef {{side: string, events: number, accepted: number, failed: number, executions: number, once: boolean,
 *   perSecond: number, ackP50: number, ackP95: number, startP50: number, startP95: number, wallMs: number}} TriggerRow
 */

/** The medians of a side's rounds; the counts must hold in every round. @param {TriggerRow[]} rows */
function medianRow(rows) {
	const m = (key) => median(rows.map((r) => r[key]));
	const timings = ['perSecond', 'ackP50', 'ackP95', 'startP50', 'startP95', 'wallMs'];
	return {
		side: rows[0].side,
		events: rows[0].events,
		accepted: Math.min(...rows.map((r) => r.accepted)),
		failed: Math.max(...rows.map((r) => r.failed)),
		executions: Math.min(...rows.map((r) => r.executions)),
		once: rows.every((r) => r.once && r.accepted === r.events && r.executions === r.events),
		...Object.fromEntries(timings.map((key) => [key, m(key)])),
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

/** One burst at one side, then waits for every execution to report. @returns {Promise<Omit<TriggerRow, 'side'>>} */
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
	return {
		events: o.n,
		accepted,
		failed: o.n - accepted,
		executions: reports.length,
		once:
			ran.length === accepted &&
			new Set(ran).size === ran.length &&
			ran.every((id) => sentById.has(id)),
		perSecond: o.n / ((Math.max(...sent.map((s) => s.ackAt)) - t0) / 1000),
		...{ ackP50: quantile(acks, 0.5), ackP95: quantile(acks, 0.95) },
		...{
			startP50: quantile(startDelays, 0.5),
			startP95: quantile(startDelays, 0.95),
			wallMs: Date.now() - t0,
		},
	};
}

/** n8n with both workflows published, the emulator's webhook verified, the bare webhook live. */
async function startRig(o, rig) {
	await n8n.ensureRuntime();
	const baseUrl = await rig.emu.start();
	await rig.sink.start();
	await prepareUserFolder(rig.userFolder, { apiToken: TOKEN, baseUrl }, { workflowIds: [] });
	const report = { sinkUrl: rig.sink.url };
	const trigger = kit.triggerWorkflow({
		...TRIGGER,
		...report,
		events: ['rev_user_created'],
		credential: CREDENTIAL,
	});
	await n8n.importWorkflows(rig.userFolder, [trigger, kit.webhookWorkflow({ ...BARE, ...report })]);
	const profile = o.profile
		? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(o.profile)}` }
		: {};
	rig.n8n = await n8n.startN8n(rig.userFolder, { env: { N8N_LOG_LEVEL: 'error', ...profile } });
	rig.client = new n8n.N8nClient(rig.n8n.url);
	await rig.client.ensureOwner();
	await rig.client.activateWorkflow(TRIGGER.id);
	await rig.client.activateWorkflow(BARE.id);
	await until(
		"the trigger's webhook verified",
		() => rig.emu.webhooks.list[0]?.status === 'active',
	);
	rig.bareUrl = `${rig.n8n.url}/webhook/${BARE.path}`;
	const bareLive = async () =>
		(await kit.post(rig.bareUrl, '{}').catch(() => ({ status: 0 }))).status === 200;
	await until('the bare webhook', bareLive);
	await sleep(2000);
}

/** The two sides as the bursts address them: the URL, the workflow, where the event ID is in the item. */
function sidesOf(rig, only) {
	const trigger = `${rig.n8n.url}/webhook/${TRIGGER.webhookId}/webhook`;
	return [
		{
			side: 'A DevRev Trigger',
			url: trigger,
			workflowId: TRIGGER.id,
			eventIdOf: (item) => item.event_id,
		},
		{
			side: 'B n8n Webhook node',
			url: rig.bareUrl,
			workflowId: BARE.id,
			eventIdOf: (item) => item.body?.id,
		},
	].filter((side) => !only || side.side.startsWith(only));
}

/** A warm-up burst per side, then `rounds` rounds, the sides alternating; each side's medians. */
async function rounds(rig, o, log) {
	const sides = sidesOf(rig, o.only);
	const user = JSON.parse(JSON.stringify(rig.emu.revUsers[0]));
	const { sink, client } = rig;
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
			log(
				`round ${round + 1} ${row.side}: ${what}, ${row.perSecond.toFixed(1)}/s, start p50 ${row.startP50} ms`,
			);
			runs[side.side].push(row);
		}
	}
	return sides.map((side) => medianRow(runs[side.side]));
}

/**
 * @param {{events: number, concurrency: number, warmup?: number, rounds?: number, profile?: string, only?: 'A' | 'B',
 *   log?: (line: string) => void}} o   profile: a folder for CPU profiles of n8n's processes
 * @returns {Promise<TriggerRow[]>}
 */
async function runTriggerBench(o) {
	const emu = new DevRevEmulator({ tokens: [TOKEN], validateResponses: false });
	emu.seed({ accounts: 1, revOrgs: 2, sysUsers: 1, revUsers: 10 });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-bench-trigger-'));
	const rig = { emu, sink: new kit.Sink(), userFolder };
	try {
		await startRig(o, rig);
		return await rounds(rig, o, o.log ?? (() => {}));
	} finally {
		if (rig.n8n) await rig.n8n.stop();
		await rig.sink.stop();
		await emu.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** @param {TriggerRow[]} rows @param {{events: number, concurrency: number, rounds?: number}} o */
function formatTrigger(rows, o) {
	const head = [
		'side',
		'accepted',
		'executions',
		'each once',
		'events/s',
		'answer p50/p95 ms',
		'delivery → start p50/p95 ms',
	];
	const body = rows.map((r) => [
		r.side,
		`${r.accepted}/${r.events}`,
		String(r.executions),
		r.once ? 'yes' : 'NO',
		r.perSecond.toFixed(1),
		`${r.ackP50}/${r.ackP95}`,
		`${r.startP50}/${r.startP95}`,
	]);
	const [a, b] = rows;
	const ratio = (key) => (a[key] / b[key]).toFixed(2);
	const ab =
		a && b
			? `A/B: events/s ${ratio('perSecond')}, delivery → start p50 ${ratio('startP50')}, p95 ${ratio('startP95')}`
			: '';
	const title = `Trigger: ${o.events} signed events, ${o.concurrency} at a time, real n8n ${n8n.runtimeInfo().n8nVersion}, medians of ${o.rounds ?? 1} round(s)`;
	return [title, table(head, body), ab].join('\n');
}

/** @param {TriggerRow[]} rows */
function checkTrigger(rows) {
	return rows.map((r) => ({
		walk: `Trigger ${r.side}`,
		target: 'every event accepted and run exactly once',
		exact: true,
		pass: r.accepted === r.events && r.executions === r.events && r.once,
	}));
}

module.exports = { runTriggerBench, formatTrigger, checkTrigger };

if (require.main === module) {
	const flags = {
		'--events': ['events', 'number'],
		'--concurrency': ['concurrency', 'number'],
		'--warmup': ['warmup', 'number'],
		'--rounds': ['rounds', 'number'],
		'--profile': ['profile', 'path'],
	};
	const defaults = { events: 500, concurrency: 16, warmup: 50, rounds: 2, profile: '' };
	const o = parseFlags(process.argv.slice(2), flags, { defaults, help: __filename });
	runTriggerBench({ ...o, log: (line) => console.log(line) })
		.then((rows) => {
			console.log(`\n${formatTrigger(rows, o)}\n`);
			const checks = checkTrigger(rows);
			for (const c of checks) console.log(`${c.pass ? 'PASS' : 'MISS'}  ${c.walk}: ${c.target}`);
			process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
		})
		.catch((e) => {
			console.error(e);
			process.exit(2);
		});
}
