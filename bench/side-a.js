// @ts-check
'use strict';

/** Side A: the node, through n8n-core's real WorkflowExecute → RoutingNode (compiled harness). */
require('./child').main((job) => {
	const { runWorkflowNode } = require(job.harness);
	return async (walk) => {
		const result = await runWorkflowNode({
			parameters: walk.params,
			credentials: { apiToken: job.token, baseUrl: job.url },
		});
		if (result.error) throw result.error;
		return result.items;
	};
});
