'use strict';
// Runs one node inside the real n8n engine (n8n-core WorkflowExecute + n8n-workflow Workflow).
// The workflow is "Harness Input" → node under test; see README.md for what is real and what
// stands in for the n8n server (database, HTTP server, execution persistence).
const { randomUUID } = require('node:crypto');
const { Workflow, createRunExecutionData } = require('n8n-workflow');
const { core, Container, useBinaryMode, captureLogs } = require('./engine');
const { HarnessCredentialsHelper } = require('./credentials-helper');
const { HarnessNodeTypes, INPUT_NODE_TYPE } = require('./node-types');
const { callWebhook } = require('./webhook');

const BASE_URL = 'https://n8n.test';
const INPUT_NODE_NAME = 'Harness Input';
let lastExecutionId = 0;

/** Builds the workflow, node and additionalData for one execution of the node under test. */
function buildExecution(options, { executionId, nodeId, webhookId, staticData } = {}) {
	const {
		node: nodeClass,
		parameters = {},
		credentials = {},
		credentialTypes = [],
		items = [{ json: {} }],
		typeVersion = 1,
		nodeName = 'Node',
		continueOnFail = false,
		mode = 'manual',
		asTool = false,
	} = options;
	if (!nodeClass) throw new Error('harness: options.node (the node class) is required');
	if (asTool && items.some((item) => item.binary)) throw new Error('harness: a tool gets JSON-only items');

	const thrownErrors = [];
	const nodeTypes = new HarnessNodeTypes(nodeClass, items, (error) => thrownErrors.push(error), { asTool });
	const node = {
		id: nodeId ?? randomUUID(),
		name: nodeName,
		type: nodeTypes.nodeType,
		typeVersion,
		position: [250, 0],
		parameters: structuredClone(parameters),
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: `credential-${type}`, name: `${type} account` }]),
		),
		webhookId: webhookId ?? randomUUID(),
		...(continueOnFail && { onError: 'continueRegularOutput' }),
	};
	const inputNode = { id: 'harness-input', name: INPUT_NODE_NAME, type: INPUT_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const workflowData = {
		id: 'harness-workflow',
		name: 'Harness workflow',
		active: false,
		nodes: [inputNode, node],
		connections: { [INPUT_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		staticData,
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes });

	const id = executionId ?? String(++lastExecutionId);
	const additionalData = {
		executionId: id,
		credentialsHelper: new HarnessCredentialsHelper(structuredClone(credentials), credentialTypes),
		hooks: new core.ExecutionLifecycleHooks(mode, id, workflowData),
		currentNodeExecutionIndex: 0,
		currentNodeParameters: undefined,
		userId: 'harness-user',
		variables: {},
		instanceBaseUrl: `${BASE_URL}/`,
		restApiUrl: `${BASE_URL}/rest`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('harness: sub-workflow execution is not available');
		},
	};
	return { workflow, workflowData, node: workflow.getNode(nodeName), additionalData, mode, thrownErrors };
}

/** The execution starts at the Input node, as WorkflowExecute.run() would start at a trigger. */
function initialRunExecutionData(execution) {
	return createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: execution.workflow.getNode(INPUT_NODE_NAME), data: { main: [[{ json: {} }]] }, source: null },
			],
		},
	});
}

async function binaryAsBuffer(item, property = 'data') {
	const binary = item?.binary?.[property];
	if (!binary) throw new Error(`harness: item has no binary property "${property}"`);
	return await Container.get(core.BinaryDataService).getAsBuffer(binary);
}

/** Runs WorkflowExecute.processRunExecutionData and shapes the IRun for tests. */
async function execute(execution, runExecutionData, { cancelAfterMs, cancelWhen, executionTimeoutMs = 20000 } = {}) {
	const logs = captureLogs();
	const workflowExecute = new core.WorkflowExecute(execution.additionalData, execution.mode, runExecutionData);
	let running;
	try {
		running = workflowExecute.processRunExecutionData(execution.workflow);
	} catch (error) {
		// e.g. WorkflowHasIssuesError for missing required parameters, thrown before the run starts
		return shapeResult(execution, undefined, logs, { error });
	}

	const timers = [];
	let cancelledAt;
	let settled = false;
	const cancelRun = () => {
		if (settled || cancelledAt !== undefined) return;
		cancelledAt = Date.now();
		running.cancel();
	};
	if (cancelAfterMs !== undefined) timers.push(setTimeout(cancelRun, cancelAfterMs));
	cancelWhen?.then(cancelRun);
	const safetyNet = new Promise((_resolve, reject) => {
		timers.push(
			setTimeout(() => {
				running.cancel();
				reject(new Error(`harness: execution did not finish within executionTimeoutMs (${executionTimeoutMs} ms)`));
			}, executionTimeoutMs),
		);
	});
	let run;
	try {
		run = await Promise.race([running, safetyNet]);
	} finally {
		settled = true;
		timers.forEach(clearTimeout);
	}
	const cancel = cancelledAt === undefined ? { cancelled: false } : { cancelled: true, msAfterCancel: Date.now() - cancelledAt };
	return shapeResult(execution, run, logs, cancel);
}

function shapeResult(execution, run, logs, extra = {}) {
	const taskData = run?.data.resultData.runData[execution.node.name]?.at(-1);
	const outputs = taskData?.data?.main ?? [];
	return {
		items: outputs[0] ?? [],
		outputs,
		error: extra.error ?? execution.thrownErrors.at(-1) ?? taskData?.error ?? run?.data.resultData.error,
		status: run?.status ?? 'error',
		logs,
		run,
		binaryAsBuffer,
		cancelled: extra.cancelled ?? false,
		msAfterCancel: extra.msAfterCancel,
	};
}

/**
 * Runs the node once over `items` and returns its output.
 * @returns {Promise<{items, outputs, error, status, logs, run, binaryAsBuffer, cancelled, msAfterCancel}>}
 */
async function runNode(options) {
	await useBinaryMode(options.binaryMode ?? 'default');
	const execution = buildExecution(options, { executionId: options.executionId, nodeId: options.nodeId });
	return await execute(execution, initialRunExecutionData(execution), options);
}

/**
 * Calls the node's webhook() with `request`, as n8n does when the webhook URL is hit.
 * @returns {Promise<{response: {statusCode, body, headers}, webhookResponse, error, logs}>}
 */
async function runWebhook(options) {
	await useBinaryMode(options.binaryMode ?? 'default');
	const staticData = options.staticData === undefined ? undefined : structuredClone(options.staticData);
	const execution = buildExecution({ mode: 'webhook', ...options }, { staticData });
	const logs = captureLogs();
	const { response, webhookResponse, webhookError } = await callWebhook({
		...execution,
		request: options.request,
		webhookName: options.webhookName ?? 'default',
	});
	// What LiveWebhooks saves to the database after the call: the static data, only when it changed.
	const { staticData: after } = execution.workflow;
	const savedStaticData = after.__dataChanged === true ? JSON.parse(JSON.stringify(after)) : undefined;
	return { response, webhookResponse, error: webhookError, logs, savedStaticData };
}

/** What WaitingWebhooks does to a stored waiting execution before calling the node's webhook. */
function prepareResume(runExecutionData) {
	runExecutionData.executionData.nodeExecutionStack[0].node.disabled = true;
	runExecutionData.waitTill = undefined;
	runExecutionData.resultData.runData[runExecutionData.resultData.lastNodeExecuted].pop();
}

/**
 * Runs the node until it calls putExecutionToWait(), then returns a `resume(request)` that plays
 * n8n's waiting-webhook flow: call the node's restart webhook; when it returns workflowData,
 * continue the stored execution with WorkflowExecute.
 */
async function runUntilWait(options) {
	await useBinaryMode(options.binaryMode ?? 'default');
	const execution = buildExecution(options);
	const waited = await execute(execution, initialRunExecutionData(execution), options);
	if (waited.status !== 'waiting') {
		const reason = waited.error ? `: ${waited.error.message}` : '';
		throw new Error(`harness: expected the execution to wait, but it ended with status "${waited.status}"${reason}`);
	}
	// What n8n persists for a waiting execution; every resume attempt starts from this copy.
	const stored = structuredClone(waited.run.data);
	const staticData = JSON.parse(JSON.stringify(execution.workflow.staticData));
	delete staticData.__dataChanged;
	const { executionId } = execution.additionalData;
	const resumeUrl = core.getAdditionalKeys(execution.additionalData, execution.mode, stored).$execution.resumeUrl;

	async function resume(request = {}) {
		const resumed = buildExecution(options, {
			executionId,
			nodeId: execution.node.id,
			webhookId: execution.node.webhookId,
			staticData,
		});
		resumed.additionalData.restartExecutionId = executionId;
		const runExecutionData = structuredClone(stored);
		prepareResume(runExecutionData);
		const logs = captureLogs();
		const hook = await callWebhook({
			...resumed,
			runExecutionData,
			request,
			webhookName: options.webhookName ?? 'default',
			restartWebhook: true,
		});
		const webhookResult = { response: hook.response, webhookResponse: hook.webhookResponse, webhookError: hook.webhookError };
		if (hook.webhookResponse?.workflowData === undefined) {
			// not resumed (e.g. the node answered 401): the execution keeps waiting
			return { ...waited, logs, ...webhookResult, resumed: false };
		}
		runExecutionData.executionData.nodeExecutionStack[0].data.main = hook.webhookResponse.workflowData;
		const result = await execute(resumed, runExecutionData, options);
		return { ...result, logs: [...logs, ...result.logs], ...webhookResult, resumed: true };
	}

	return { ...waited, waitTill: waited.run.waitTill, resumeUrl, executionId, runData: stored.resultData.runData, resume };
}

module.exports = { runNode, runWebhook, runUntilWait };
