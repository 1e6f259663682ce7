'use strict';
// Workflows in a running n8n of the matrix, as a user runs them in the editor: the example
// credentials created once (REST, so n8n checks their types are loaded), each workflow saved with
// its credential references pointed at them, "Execute workflow" from its Manual Trigger, the
// execution read back through the REST API. One place for all checks of one version, and for the
// release rehearsal's workflow runs (test/release/rehearsal.e2e.test.js).
//   const session = compatSession(api, credentials);
//   const run = await session.run(workflow);                 // waits until it ended
//   const again = await session.runSaved(run.workflow);      // the same saved workflow once more
//   const { executionId } = await session.start(workflow);   // returns at once
//   await session.executionWhere(executionId, (e) => e.status === 'waiting', 'waiting');
const { until } = require('../e2e/until');
const { outputsOf } = require('../e2e/run-workflow');

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const RUNNING = ['new', 'running', 'waiting'];

/**
 * Whether the execution's data is the one its status belongs to. n8n 1.x (SQLite without a pool,
 * its default) writes an execution's status and its data in two updates, status first: in between
 * the REST API gives the new status with the data before it, the initial data, the waiting data,
 * or the data a resumed run started from (the waiting node still on its stack).
 */
function dataMatchesStatus(execution) {
	const data = execution.data ?? {};
	const stack = data.executionData?.nodeExecutionStack;
	switch (execution.status) {
		case 'waiting':
			return data.waitTill !== undefined;
		case 'success':
			// A run succeeds only once nothing is left to run.
			return (
				data.waitTill === undefined &&
				data.resultData?.lastNodeExecuted !== undefined &&
				(stack === undefined || stack.length === 0)
			);
		case 'error':
			return data.resultData?.error !== undefined;
		default:
			return true;
	}
}

/** What a check needs of an execution: status, error, last node, outputs. */
function runRecord(executionId, workflowId, execution) {
	const resultData = execution.data?.resultData ?? {};
	return {
		executionId,
		workflowId,
		status: execution.status,
		error: resultData.error?.message,
		lastNode: resultData.lastNodeExecuted,
		customData: resultData.metadata,
		execution,
		outputs: (nodeName, outputIndex) => outputsOf(execution, nodeName, outputIndex),
	};
}

/**
 * @param {object} api  n8nApi() of scripts/rehearsal/n8n-api.js, signed in as the owner
 * @param {Array<{id, name, type, data}>} credentials  by the ids the workflows reference
 */
function compatSession(api, credentials) {
	const idMap = new Map();

	async function credentialIdFor(reference) {
		if (!idMap.has(reference.id)) {
			const credential = credentials.find((candidate) => candidate.id === reference.id);
			if (!credential) throw new Error(`no credential with id ${reference.id}`);
			idMap.set(reference.id, (await api.createCredential(credential)).id);
		}
		return idMap.get(reference.id);
	}

	/** Saves a copy of the workflow with its credentials pointed at this n8n's; resolves its record. */
	async function save(workflow) {
		const nodes = structuredClone(workflow.nodes);
		for (const node of nodes) {
			for (const reference of Object.values(node.credentials ?? {})) {
				reference.id = await credentialIdFor(reference);
			}
		}
		return await api.createWorkflow({ ...workflow, nodes });
	}

	/** Executes a saved workflow from its Manual Trigger; resolves { executionId, workflow }. */
	async function execute(saved) {
		const trigger = saved.nodes.find((node) => node.type === MANUAL_TRIGGER);
		if (!trigger) throw new Error(`workflow "${saved.name}" has no Manual Trigger`);
		return { executionId: await api.runManually(saved, trigger.name), workflow: saved };
	}

	const session = {
		save,
		/** Saves and executes a workflow from its Manual Trigger; resolves { executionId, workflow }. */
		async start(workflow) {
			return await execute(await save(workflow));
		},
		/**
		 * Resolves the execution (run data parsed) once `predicate(execution)` holds for its status
		 * and its data is that status's (dataMatchesStatus).
		 */
		async executionWhere(executionId, predicate, what, timeoutMs = 5 * 60 * 1000) {
			return await until(
				async () => {
					const execution = await api.execution(executionId);
					return predicate(execution) && dataMatchesStatus(execution) ? execution : undefined;
				},
				{ what: `execution ${executionId} ${what}`, timeoutMs, stepMs: 200 },
			);
		},
		/** The run of an execution once it has ended (any status but new, running, waiting). */
		async ended(executionId, workflowId, timeoutMs) {
			const execution = await session.executionWhere(
				executionId,
				(e) => !RUNNING.includes(e.status) && Boolean(e.finished || e.stoppedAt),
				'to end',
				timeoutMs,
			);
			return runRecord(executionId, workflowId, execution);
		},
		/** Saves, executes and waits for the end: resolves the run record with the saved `workflow`. */
		async run(workflow, options) {
			return await session.runSaved(await save(workflow), options);
		},
		/** Executes a saved workflow (e.g. again, after an update of the package) and waits for the end. */
		async runSaved(saved, { timeoutMs } = {}) {
			const { executionId } = await execute(saved);
			return { ...(await session.ended(executionId, saved.id, timeoutMs)), workflow: saved };
		},
		/** Makes a saved workflow active (its triggers' production webhooks live), as every version of the matrix allows. */
		async activate(saved) {
			await api.rest('POST', `/rest/workflows/${saved.id}/activate`, {
				versionId: saved.versionId,
			});
		},
		/** The executions of a workflow, newest first. */
		async executionsOf(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const answer = await api.rest('GET', `/rest/executions?filter=${filter}`);
			return answer.data.results;
		},
		runRecord,
	};
	return session;
}

module.exports = { compatSession, MANUAL_TRIGGER };
