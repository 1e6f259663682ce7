'use strict';
// Runs a workflow in a running n8n the way a user does in the editor: its credentials created
// (REST, so n8n checks that their types are loaded), the workflow saved with its credential
// references pointed at them, "Execute workflow" from its trigger, the execution read back.
//   const run = await runWorkflowInN8n(api, { workflow, credentials });
//   run.status, run.outputs('Edit the result'), run.error, await run.runAgain()
/**
 * @param {object} api  n8nApi() signed in as the owner
 * @param {object} options
 * @param {object} options.workflow  nodes + connections (an export from n8n)
 * @param {Array<{id, name, type, data}>} [options.credentials]  by the ids the workflow's nodes
 *   reference; only the referenced ones are created
 * @param {string} [options.triggerName]  default: the workflow's Manual Trigger
 * @returns {Promise<{ executionId, workflowId, status, error, lastNode, outputs(nodeName, outputIndex?), runAgain() }>}
 */
async function runWorkflowInN8n(api, { workflow, credentials = [], triggerName, timeoutMs }) {
	const idMap = new Map();
	const referenced = new Set(
		workflow.nodes.flatMap((node) => Object.values(node.credentials || {}).map((ref) => ref.id)),
	);
	for (const credential of credentials.filter((c) => referenced.has(c.id))) {
		const created = await api.createCredential(credential);
		idMap.set(credential.id, created.id);
	}
	const nodes = structuredClone(workflow.nodes).map((node) => {
		for (const reference of Object.values(node.credentials || {})) {
			if (idMap.has(reference.id)) reference.id = idMap.get(reference.id);
		}
		return node;
	});
	const trigger =
		triggerName || nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')?.name;
	if (!trigger)
		throw new Error('runWorkflowInN8n: the workflow has no Manual Trigger; pass triggerName');
	const saved = await api.createWorkflow({ ...workflow, nodes });
	const run = async () => {
		const executionId = await api.runManually(saved, trigger);
		const execution = await api.waitForExecution(executionId, { timeoutMs });
		const resultData = execution.data?.resultData || {};
		return {
			executionId,
			workflowId: saved.id,
			status: execution.status,
			error: resultData.error,
			lastNode: resultData.lastNodeExecuted,
			outputs(nodeName, outputIndex = 0) {
				const runs = (resultData.runData || {})[nodeName] || [];
				const last = runs[runs.length - 1];
				return ((last && last.data && last.data.main) || [])[outputIndex] || [];
			},
			/** The same saved workflow, executed again (e.g. after an update of the package). */
			runAgain: run,
		};
	};
	return await run();
}

module.exports = { runWorkflowInN8n };
