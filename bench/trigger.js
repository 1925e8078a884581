#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * The trigger walk of `npm run bench` (or alone: node bench/trigger.js [--events 500] [--concurrency 16]
 * [--warmup 50] [--rounds 2] [--profile DIR]): real n8n 2.41 with the packed package, two published workflows reporting to a
 * local sink, each sent the same burst of signed DevRev events, `concurrency` at a time:
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

const rt = require('../scripts/n8n-runtime');
const { DevRevEmulator } = require('../test/emulator');
const kit = require('../test/e2e/trigger-kit');

const TOKEN = 'bench-trigger-token';
const CREDENTIAL = { id: 'BenchDevRevCred1', name: 'DevRev API' };
const TRIGGER = { id: 'BenchDevRevTrig1', webhookId: '9b1e2f3a-4c5d-4e6f-8a7b-00000000b001' };
const BARE = {
	id: 'BenchBareWebhook',
	webhookId: '9b1e2f3a-4c5d-4e6f-8a7b-00000000b002',
	path: 'bench-devrev',
};

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
	const s = [...values].sort((x, y) => x - y);
	return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
}

/** @param {number[]} values */
function median(values) {
	const s = [...values].sort((x, y) => x - y);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The medians of a side's rounds; the counts must hold in every round. @param {TriggerRow[]} rows @returns {TriggerRow} */
function medianRow(rows) {
	/** @param {keyof TriggerRow} key */
	const m = (key) => median(rows.map((r) => /** @type {number} */ (r[key])));
	return {
		side: rows[0].side,
		events: rows[0].events,
		accepted: Math.min(...rows.map((r) => r.accepted)),
		failed: Math.max(...rows.map((r) => r.failed)),
		executions: Math.min(...rows.map((r) => r.executions)),
		once: rows.every((r) => r.once && r.accepted === r.events && r.executions === r.events),
		perSecond: m('perSecond'),
		ackP50: m('ackP50'),
		ackP95: m('ackP95'),
		startP50: m('startP50'),
		startP95: m('startP95'),
		wallMs: m('wallMs'),
	};
}

/**
 * @typedef {{side: string, events: number, accepted: number, failed: number, executions: number, once: boolean,
 *   perSecond: number, ackP50: number, ackP95: number, startP50: number, startP95: number, wallMs: number}} TriggerRow
 */

/**
 * Sends `n` signed events to `url`, `concurrency` at a time (keep-alive connections, as DevRev's
 * sender would), then waits for every execution to report.
 * @param {{url: string, workflowId: string, eventIdOf: (item: any) => string}} side
 * @param {{n: number, concurrency: number, webhook: any, sink: InstanceType<typeof kit.Sink>,
 *   client: InstanceType<typeof rt.N8nClient>, user: object, tag: string}} o
 */
async function burst(side, o) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
	/** @type {{id: string, sentAt: number, ackAt: number, status: number}[]} */
	const sent = [];
	let next = 0;
	const reportsBefore = o.sink.entries.length;
	const t0 = Date.now();
	const worker = async () => {
		while (next < o.n) {
			const i = next++;
			const id = `${o.webhook.id}:webhook_event/${o.tag}-${i}`;
			const body = {
				id,
				webhook_id: o.webhook.id,
				timestamp: new Date().toISOString(),
				type: 'rev_user_created',
				rev_user_created: { rev_user: o.user },
			};
			const { raw, signature } = kit.signed(body, o.webhook.secret);
			const sentAt = Date.now();
			const { status } = await kit
				.post(side.url, raw, signature, agent)
				.catch(() => ({ status: 0 }));
			sent.push({ id, sentAt, ackAt: Date.now(), status });
		}
	};
	await Promise.all(Array.from({ length: o.concurrency }, worker));
	const accepted = sent.filter((s) => s.status === 200).length;
	await kit.until(
		() => o.sink.entries.length - reportsBefore >= accepted,
		`${accepted} reports`,
		30 * 60_000,
	);
	agent.destroy();
	const reports = o.sink.entries.slice(reportsBefore);
	/** @type {Map<string, number>} */
	let started = new Map();
	// n8n lists an execution once it has finished saving it.
	await kit.until(
		async () => {
			started = new Map(
				(await kit.executionsOf(o.client, side.workflowId)).map((e) => [
					e.id,
					Date.parse(e.startedAt),
				]),
			);
			return reports.every((r) => Number.isFinite(started.get(r.execution)));
		},
		'every execution listed',
		10 * 60_000,
	);
	const sentById = new Map(sent.map((s) => [s.id, s]));
	const startDelays = reports.map(
		(r) =>
			/** @type {number} */ (started.get(r.execution)) -
			/** @type {any} */ (sentById.get(side.eventIdOf(r.item))).sentAt,
	);
	const ran = reports.map((r) => side.eventIdOf(r.item));
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
		ackP50: quantile(
			sent.map((s) => s.ackAt - s.sentAt),
			0.5,
		),
		ackP95: quantile(
			sent.map((s) => s.ackAt - s.sentAt),
			0.95,
		),
		startP50: quantile(startDelays, 0.5),
		startP95: quantile(startDelays, 0.95),
		wallMs: Date.now() - t0,
	};
}

/**
 * @param {{events: number, concurrency: number, warmup?: number, rounds?: number, profile?: string, only?: 'A' | 'B',
 *   log?: (line: string) => void}} o   profile: a folder for CPU profiles of n8n's processes
 * @returns {Promise<TriggerRow[]>}
 */
async function runTriggerBench(o) {
	const log = o.log ?? (() => {});
	await rt.ensureRuntime();
	const tarball = await rt.preparePackage();
	const emu = new DevRevEmulator({ tokens: [TOKEN], validateResponses: false });
	emu.seed({ accounts: 1, revOrgs: 2, sysUsers: 1, revUsers: 10 });
	const sink = new kit.Sink();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-devrev-bench-trigger-'));
	/** @type {Awaited<ReturnType<typeof rt.startN8n>> | undefined} */
	let n8n;
	try {
		const baseUrl = await emu.start();
		await sink.start();
		rt.installPackage(tarball, userFolder);
		await rt.importCredentials(
			userFolder,
			rt.devRevCredential({ ...CREDENTIAL, apiToken: TOKEN, baseUrl }),
		);
		await rt.importWorkflows(userFolder, [
			kit.triggerWorkflow({
				...TRIGGER,
				sinkUrl: sink.url,
				events: ['rev_user_created'],
				credential: CREDENTIAL,
			}),
			kit.webhookWorkflow({ ...BARE, sinkUrl: sink.url }),
		]);
		/** @type {Record<string, string>} */
		const profile = o.profile
			? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(o.profile)}` }
			: {};
		n8n = await rt.startN8n(userFolder, { env: { N8N_LOG_LEVEL: 'error', ...profile } });
		const client = new rt.N8nClient(n8n.url);
		await client.ensureOwner();
		await client.activateWorkflow(TRIGGER.id);
		await client.activateWorkflow(BARE.id);
		await kit.until(
			() => emu.webhooks.list[0]?.status === 'active',
			"the trigger's webhook verified",
		);
		const bareUrl = `${n8n.url}/webhook/${BARE.path}`;
		await kit.until(
			async () => (await kit.post(bareUrl, '{}').catch(() => ({ status: 0 }))).status === 200,
			'the bare webhook',
		);
		await rt.sleep(2000);
		const webhook = emu.webhooks.list[0];
		const user = JSON.parse(JSON.stringify(emu.revUsers[0]));
		const sides = [
			{
				side: 'A DevRev Trigger',
				url: `${n8n.url}/webhook/${TRIGGER.webhookId}/webhook`,
				workflowId: TRIGGER.id,
				eventIdOf: (/** @type {any} */ item) => item.event_id,
			},
			{
				side: 'B n8n Webhook node',
				url: bareUrl,
				workflowId: BARE.id,
				eventIdOf: (/** @type {any} */ item) => item.body?.id,
			},
		].filter((side) => !o.only || side.side.startsWith(o.only));
		const common = { concurrency: o.concurrency, webhook, sink, client, user };
		for (const side of sides)
			await burst(side, { ...common, n: o.warmup ?? 50, tag: `warmup-${side.workflowId}` });
		/** @type {Record<string, TriggerRow[]>} */
		const runs = Object.fromEntries(sides.map((side) => [side.side, []]));
		for (let round = 0; round < (o.rounds ?? 1); round++) {
			for (const side of round % 2 ? [...sides].reverse() : sides) {
				const row = {
					side: side.side,
					...(await burst(side, { ...common, n: o.events, tag: `r${round}-${side.workflowId}` })),
				};
				log(
					`round ${round + 1} ${row.side}: ${row.accepted}/${row.events} accepted, ${row.executions} executions, ` +
						`${row.perSecond.toFixed(1)}/s, start p50 ${row.startP50} ms`,
				);
				runs[side.side].push(row);
			}
		}
		return sides.map((side) => medianRow(runs[side.side]));
	} finally {
		if (n8n) await n8n.stop();
		await sink.stop();
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
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (/** @type {string[]} */ cells) =>
		`| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [
		`Trigger: ${o.events} signed events, ${o.concurrency} at a time, real n8n ${rt.N8N_VERSION}, medians of ${o.rounds ?? 1} round(s)`,
		line(head),
		line(widths.map((w) => '-'.repeat(w))),
		...body.map(line),
		a && b
			? `A/B: events/s ${(a.perSecond / b.perSecond).toFixed(2)}, delivery → start p50 ${(a.startP50 / b.startP50).toFixed(2)}, p95 ${(a.startP95 / b.startP95).toFixed(2)}`
			: '',
	].join('\n');
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
	const args = process.argv.slice(2);
	const o = { events: 500, concurrency: 16, warmup: 50, rounds: 2 };
	let profile = '';
	for (let i = 0; i < args.length; i += 2) {
		const key = /** @type {keyof typeof o} */ (args[i].replace(/^--/, ''));
		if (args[i] === '--profile' && args[i + 1]) profile = path.resolve(args[i + 1]);
		else if (!(key in o) || !/^\d+$/.test(args[i + 1] ?? '')) {
			throw new Error(
				'usage: trigger.js [--events N] [--concurrency N] [--warmup N] [--rounds N] [--profile DIR]',
			);
		} else o[key] = Number(args[i + 1]);
	}
	runTriggerBench({ ...o, profile, log: (line) => console.log(line) })
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
