// @ts-check
'use strict';

/**
 * The bulk walk's side: Link of many input items through n8n-core's real engine (compiled
 * harness), in `executions` executions at once sharing one token. Reports over IPC and exits.
 * BENCH_JOB: {url, token, harness, users: string[], org, executions}
 */

async function main() {
	const job = JSON.parse(String(process.env.BENCH_JOB));
	const { runWorkflowNode } = require(job.harness);
	const share = Math.ceil(job.users.length / job.executions);
	const parts = Array.from({ length: job.executions }, (_, i) =>
		job.users.slice(i * share, (i + 1) * share),
	);
	const start = performance.now();
	const results = await Promise.all(
		parts.map((users) =>
			runWorkflowNode({
				parameters: {
					resource: 'revUser',
					operation: 'link',
					revUserId: '={{ $json.user }}',
					revOrgId: job.org,
				},
				credentials: { apiToken: job.token, baseUrl: job.url },
				items: users.map((/** @type {string} */ user) => ({ user })),
				continueOnFail: true,
			}),
		),
	);
	const wallMs = performance.now() - start;
	const items = results.flatMap((r) => r.items);
	const failed = items.filter((item) => item.error !== undefined).length;
	/** @type {NodeJS.Process & {send: Function}} */ (process).send(
		{ items: items.length, failed, wallMs },
		() => process.exit(0),
	);
}

main().catch((e) => {
	process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
	process.exit(1);
});
