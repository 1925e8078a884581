'use strict';
/**
 * One measured job of `npm run bench` in a process of its own (common.js runSide); BENCH_JOB says
 * which, the result goes to the parent over IPC:
 *   a     a walk of the node through n8n-core's real WorkflowExecute → RoutingNode (compiled harness)
 *   b     the same walk as a raw axios cursor loop, as DevRev's SDK helpers walk a list
 *   bulk  Link of many input items through the engine, in `executions` executions at once sharing
 *         one token
 * A walk is called once to warm up (so lazy initialisation is not timed and its request not
 * counted), then timed once.
 */
const fs = require('fs');
const inspector = require('inspector');
const path = require('path');
const v8 = require('v8');

const { request } = require('../scripts/lib/net');
const { MAX_LIMIT, WALKS } = require('./walks');

const credentialsOf = (job) => ({ apiToken: job.token, baseUrl: job.url });

/** Side A: the node through the engine. */
function nodeWalker(job) {
	const { runWorkflowNode } = require(job.harness);
	return async (walk) => {
		const result = await runWorkflowNode({
			parameters: walk.params,
			credentials: credentialsOf(job),
		});
		if (result.error) throw result.error;
		return result.items;
	};
}

/** Side B: DevRev's cursor, followed by hand. */
function axiosWalker(job) {
	const headers = { Authorization: `Bearer ${job.token}`, Accept: 'application/json' };
	const api = require('axios').create({
		baseURL: job.url,
		headers: { ...headers, 'Content-Type': 'application/json' },
	});
	return async (walk) => {
		const items = [];
		let cursor;
		do {
			const body = {};
			if (cursor) body.cursor = cursor;
			if (walk.acceptsLimit) body.limit = Math.min(walk.limit - items.length, MAX_LIMIT);
			const { data } = await api.post(walk.path, body);
			for (const entry of data[walk.list]) {
				if (items.length === walk.limit) break;
				items.push(entry);
			}
			cursor = data.next_cursor || undefined;
		} while (cursor && items.length < walk.limit);
		return items;
	};
}

/**
 * With a profile folder: starts the V8 CPU profiler; the returned function stops it and writes the
 * profile, then a heap snapshot (items still alive). Called around the timed walk only.
 */
async function startProfile(dir, tag, intervalUs) {
	if (!dir) return async () => {};
	const session = new inspector.Session();
	session.connect();
	const post = (method, params = {}) =>
		new Promise((resolve, reject) =>
			session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))),
		);
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: intervalUs });
	await post('Profiler.start');
	return async () => {
		const { profile } = await post('Profiler.stop');
		session.disconnect();
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `${tag}.cpuprofile`), JSON.stringify(profile));
		v8.writeHeapSnapshot(path.join(dir, `${tag}.heapsnapshot`));
	};
}

/** One walk of side a or b: a warm-up call, then the timed walk (wall, CPU, memory). */
async function timedWalk(job) {
	const walk = WALKS.find((w) => w.name === job.walk);
	if (!walk) throw new Error(`unknown walk ${job.walk}`);
	const walker = (job.side === 'a' ? nodeWalker : axiosWalker)(job);
	await walker({ ...walk, params: { ...walk.params, returnAll: false, limit: 1 }, limit: 1 });
	await request(`${job.url}/__emulator/requests`, { method: 'DELETE' });
	// Start from a collected heap: else a major GC left over from loading n8n-core lands in short walks.
	global.gc();
	const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
	// Fine sampling for walks of a few ms; the default 1 ms for Return All, where 100 µs distorts.
	const stopProfile = await startProfile(
		job.profile,
		job.tag,
		walk.limit === Infinity ? 1000 : 100,
	);
	const cpuStart = process.cpuUsage();
	const start = performance.now();
	const items = await walker(walk);
	const wallMs = performance.now() - start;
	const cpu = process.cpuUsage(cpuStart);
	const maxRssKb = process.resourceUsage().maxRSS;
	await stopProfile();
	const cpuMs = (cpu.user + cpu.system) / 1000;
	const [firstId, lastId] = [items[0]?.id, items.at(-1)?.id];
	return { items: items.length, firstId, lastId, wallMs, cpuMs, rssBeforeKb, maxRssKb };
}

/** Link of every user to the org, the users split over `executions` executions run at once. */
async function bulkLink(job) {
	const { runWorkflowNode } = require(job.harness);
	const share = Math.ceil(job.users.length / job.executions);
	const parts = Array.from({ length: job.executions }, (_, i) =>
		job.users.slice(i * share, (i + 1) * share),
	);
	const parameters = {
		resource: 'revUser',
		operation: 'link',
		revUserId: '={{ $json.user }}',
		revOrgId: job.org,
	};
	const run = (users) =>
		runWorkflowNode({
			parameters,
			credentials: credentialsOf(job),
			items: users.map((user) => ({ user })),
			continueOnFail: true,
		});
	const start = performance.now();
	const items = (await Promise.all(parts.map(run))).flatMap((r) => r.items);
	const wallMs = performance.now() - start;
	return {
		items: items.length,
		failed: items.filter((item) => item.error !== undefined).length,
		wallMs,
	};
}

const job = JSON.parse(String(process.env.BENCH_JOB));
(job.side === 'bulk' ? bulkLink : timedWalk)(job)
	.then((result) => process.send(result, () => process.exit(0)))
	.catch((e) => {
		process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
		process.exit(1);
	});
