'use strict';
// Runs one workflow headlessly in a real n8n 2.40, the way a user's instance
// would: community package installed from its `npm pack` tarball, credentials
// imported (and encrypted) with `n8n import:credentials`, the workflow with
// `n8n import:workflow`, then `n8n execute --id <id> --rawOutput`.
//
// n8n 2.40 prints the execution result through its logger, so with
// N8N_LOG_FORMAT=json the result is the `message` of one JSON log line: the
// pretty-printed IRun ({ data: { resultData: { runData, lastNodeExecuted,
// error? } }, status, ... }). On failure n8n logs the same IRun (after
// "Execution error:") and exits 1.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const {
	ensureRuntime,
	repoPackageTarball,
	createUserFolder,
	removeUserFolder,
	runN8nCli,
	n8nCliOk,
	tail,
} = require('./n8n-process');

function newWorkflowId() {
	// Like n8n's own ids: 16 alphanumerics.
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(crypto.randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

/** Finds the IRun n8n logged; the last one wins. */
function findRun(logs) {
	for (let i = logs.length - 1; i >= 0; i--) {
		const message = logs[i].message;
		if (typeof message !== 'string' || !message.startsWith('{')) continue;
		try {
			const parsed = JSON.parse(message);
			if (parsed && parsed.data && parsed.data.resultData) return parsed;
		} catch {
			// a different JSON-looking message
		}
	}
	return undefined;
}

/** Binary data in filesystem mode is a reference; load it so tests can assert on bytes. */
function attachBinaryBuffers(items, userFolder) {
	for (const item of items) {
		for (const binary of Object.values(item.binary || {})) {
			if (binary.id && typeof binary.id === 'string' && binary.id.startsWith('filesystem')) {
				const relative = binary.id.slice(binary.id.indexOf(':') + 1);
				const file = path.join(userFolder, '.n8n', 'storage', relative);
				Object.defineProperty(binary, 'buffer', {
					value: fs.readFileSync(file),
					enumerable: false,
				});
			} else if (typeof binary.data === 'string' && binary.data.length) {
				Object.defineProperty(binary, 'buffer', {
					value: Buffer.from(binary.data, 'base64'),
					enumerable: false,
				});
			}
		}
	}
	return items;
}

function describeError(error) {
	if (!error) return 'unknown error';
	const parts = [error.message];
	if (error.description) parts.push(error.description);
	if (error.node && error.node.name) parts.push(`(node "${error.node.name}")`);
	if (error.httpCode) parts.push(`HTTP ${error.httpCode}`);
	return parts.filter(Boolean).join(' — ');
}

/**
 * Runs a workflow in a throwaway n8n user folder and returns its result.
 *
 * @param {object} options
 * @param {string} [options.workflowFile]  workflow JSON file (an export from n8n)
 * @param {object} [options.workflow]      or the workflow object itself
 * @param {Array<{id:string,name:string,type:string,data:object}>} [options.credentials]
 *        unencrypted; nodes reference them by id/name in `credentials`
 * @param {string[]} [options.packages]    `npm pack` tarballs to install (default: this repo, built once)
 * @param {boolean} [options.allowError]   resolve with `error` instead of throwing when the run fails
 * @param {object}  [options.env]          extra environment for n8n
 * @param {number}  [options.timeoutMs]    per n8n command (default 180 s)
 * @param {object}  [options.runtime]      another installed n8n of the matrix (ensureN8nVersion())
 * @returns {Promise<{items, json, outputs, run, error, lastNode, userFolder}>}
 *   items: INodeExecutionData[] of the last executed node's first output;
 *   binaries carry a non-enumerable `buffer`. json: items.map(i => i.json).
 *   outputs(nodeName, outputIndex = 0, runIndex = last): another node's items.
 */
async function runWorkflow(options) {
	const {
		workflowFile,
		credentials = [],
		allowError = false,
		env = {},
		timeoutMs = 180000,
		runtime,
	} = options;
	if (!workflowFile && !options.workflow)
		throw new Error('runWorkflow: pass workflowFile or workflow');
	if (!runtime) ensureRuntime();
	const packages = options.packages || [repoPackageTarball()];
	const workflow = structuredClone(
		options.workflow || JSON.parse(fs.readFileSync(workflowFile, 'utf8')),
	);
	if (!Array.isArray(workflow.nodes)) throw new Error('runWorkflow: workflow has no nodes array');
	// `n8n execute` only accepts ids of 1–21 characters.
	workflow.id =
		typeof workflow.id === 'string' && /^[A-Za-z0-9_-]{1,21}$/.test(workflow.id)
			? workflow.id
			: newWorkflowId();
	workflow.name = workflow.name || path.basename(workflowFile || 'workflow', '.json');
	workflow.connections = workflow.connections || {};
	workflow.settings = workflow.settings || {};
	workflow.active = false;

	const userFolder = createUserFolder({ packages });
	let keep = false;
	try {
		const cliOptions = { timeoutMs, env, runtime };
		await importCredentials(userFolder, credentials, cliOptions);
		const workflowPath = path.join(userFolder, 'workflow.json');
		fs.writeFileSync(workflowPath, JSON.stringify(workflow));
		await n8nCliOk(userFolder, ['import:workflow', `--input=${workflowPath}`], cliOptions);

		const result = await runN8nCli(
			userFolder,
			['execute', `--id=${workflow.id}`, '--rawOutput'],
			cliOptions,
		);
		const run = findRun(result.logs);
		if (!run) {
			throw new Error(
				`n8n execute (exit ${result.code}) logged no execution result\n${tail(result.stdout + result.stderr)}`,
			);
		}
		const resultData = run.data.resultData;
		const error = resultData.error;
		if ((error || result.code !== 0) && !allowError) {
			throw new Error(`workflow "${workflow.name}" failed: ${describeError(error)}`);
		}
		// Load every binary now: the user folder is deleted before the caller asserts.
		for (const runs of Object.values(resultData.runData || {})) {
			for (const nodeRun of runs) {
				for (const output of (nodeRun.data && nodeRun.data.main) || []) {
					attachBinaryBuffers(output || [], userFolder);
				}
			}
		}
		const lastNode = resultData.lastNodeExecuted;
		const outputs = (...args) => outputsOf(run, ...args);
		const items = lastNode ? outputs(lastNode) : [];
		return {
			items,
			json: items.map((item) => item.json),
			outputs,
			run,
			error,
			lastNode,
			userFolder,
		};
	} catch (error) {
		keep = process.env.E2E_KEEP_FAILED === '1';
		throw error;
	} finally {
		if (!keep) removeUserFolder(userFolder);
	}
}

/** The items a node output in one of its runs (default: its last). */
function outputsOf(run, nodeName, outputIndex = 0, runIndex, connection = 'main') {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs || !runs.length) return [];
	const nodeRun = runs[runIndex === undefined ? runs.length - 1 : runIndex];
	return nodeRun?.data?.[connection]?.[outputIndex] ?? [];
}

/** `n8n import:credentials` of the credentials a workflow references (none: nothing to do). */
async function importCredentials(userFolder, credentials, cliOptions) {
	if (!credentials.length) return;
	const credentialsFile = path.join(userFolder, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials.map(toImportedCredential)));
	await n8nCliOk(userFolder, ['import:credentials', `--input=${credentialsFile}`], cliOptions);
}

function toImportedCredential({ id, name, type, data }) {
	if (!id || !name || !type || typeof data !== 'object') {
		throw new Error('runWorkflow: each credential needs id, name, type and a data object');
	}
	return { id, name, type, data };
}

module.exports = { runWorkflow, findRun, newWorkflowId, outputsOf, importCredentials };
