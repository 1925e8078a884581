// @ts-check
'use strict';

const fs = require('fs');
const http = require('http');
const inspector = require('inspector');
const path = require('path');
const v8 = require('v8');
const { WALKS } = require('./walks');

/**
 * @typedef {object} Job
 * @property {string} url       emulator base URL
 * @property {string} token
 * @property {string} walk      a walk's name
 * @property {string} harness   compiled test/harness/engine.js (side A)
 * @property {string} [profile] a folder: write a CPU profile of the timed walk and a heap snapshot after it
 * @property {string} tag       names the profile files
 * @typedef {import('./walks').Walk} Walk
 * @typedef {(walk: Walk) => Promise<Record<string, any>[]>} Walker
 */

/** @param {string} url */
function clearRecordedRequests(url) {
	return new Promise((resolve, reject) => {
		const req = http.request(`${url}/__emulator/requests`, { method: 'DELETE' }, (res) => {
			res.resume().on('end', resolve);
		});
		req.on('error', reject).end();
	});
}

/**
 * With a profile folder: starts the V8 CPU profiler; the returned function stops it and writes the
 * profile, then a heap snapshot (items still alive). Called around the timed walk only.
 * @param {string | undefined} dir @param {string} tag @param {number} intervalUs
 */
async function startProfile(dir, tag, intervalUs) {
	if (!dir) return async () => {};
	const session = new inspector.Session();
	session.connect();
	const post = (/** @type {string} */ method, /** @type {object} */ params = {}) =>
		new Promise((resolve, reject) => {
			session.post(method, params, (e, r) => (e ? reject(e) : resolve(r)));
		});
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: intervalUs });
	await post('Profiler.start');
	return async () => {
		const { profile } = /** @type {any} */ (await post('Profiler.stop'));
		session.disconnect();
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `${tag}.cpuprofile`), JSON.stringify(profile));
		v8.writeHeapSnapshot(path.join(dir, `${tag}.heapsnapshot`));
	};
}

/**
 * One bench round of one side: load, one warm-up call (so lazy initialisation is not timed and
 * its request not counted), then one timed walk; reports to the parent over IPC and exits.
 * @param {(job: Job) => Walker} prepare
 */
async function runChild(prepare) {
	/** @type {Job} */
	const job = JSON.parse(String(process.env.BENCH_JOB));
	const walk = WALKS.find((w) => w.name === job.walk);
	if (!walk) throw new Error(`unknown walk ${job.walk}`);
	const walker = prepare(job);
	await walker({ ...walk, params: { ...walk.params, returnAll: false, limit: 1 }, limit: 1 });
	await clearRecordedRequests(job.url);
	// Start from a collected heap: else a major GC left over from loading n8n-core lands in short walks.
	/** @type {() => void} */ (global.gc)();
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
	const result = {
		items: items.length,
		firstId: items[0]?.id,
		lastId: items[items.length - 1]?.id,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		rssBeforeKb,
		maxRssKb: process.resourceUsage().maxRSS,
	};
	await stopProfile();
	/** @type {NodeJS.Process & {send: Function}} */ (process).send(result, () => process.exit(0));
}

/** @param {(job: Job) => Walker} prepare */
function main(prepare) {
	runChild(prepare).catch((e) => {
		process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
		process.exit(1);
	});
}

module.exports = { main };
