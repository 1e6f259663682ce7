'use strict';
// Runs a node through the project's test harness (real n8n engine) and records when the node's own
// execute() started and ended, so a figure can measure the node and not the engine's set-up.
const { performance } = require('node:perf_hooks');
const { repoPath } = require('./tsRequire');

let harness;
function loadHarness() {
	harness ??= require(repoPath('test', 'harness'));
	return harness;
}

/**
 * A node instance whose execute() records start/end times (epoch ms and performance.now()) and
 * calls `hooks.beforeExecute()` first (e.g. to take a memory baseline with the inputs in place).
 */
function instrumentedNode(NodeClass, hooks = {}) {
	const instance = new NodeClass();
	const marks = {
		startedAt: undefined,
		endedAt: undefined,
		startPerf: undefined,
		endPerf: undefined,
	};
	const original = instance.execute;
	instance.execute = async function execute(...args) {
		if (hooks.beforeExecute) await hooks.beforeExecute(this);
		marks.startedAt = Date.now();
		marks.startPerf = performance.now();
		try {
			return await original.apply(this, args);
		} finally {
			marks.endPerf = performance.now();
			marks.endedAt = Date.now();
			if (hooks.afterExecute) await hooks.afterExecute(this);
		}
	};
	return { instance, marks };
}

/** runNode with an instrumented node; resolves to { result, marks, executeMs, totalMs }. */
async function timedRun(NodeClass, options, hooks) {
	const { runNode } = loadHarness();
	const { instance, marks } = instrumentedNode(NodeClass, hooks);
	const start = performance.now();
	const result = await runNode({ executionTimeoutMs: 120000, ...options, node: instance });
	const totalMs = performance.now() - start;
	const executeMs = marks.endPerf !== undefined ? marks.endPerf - marks.startPerf : undefined;
	return { result, marks, executeMs, totalMs };
}

/** A short description of why a run did not succeed, or undefined when it did. */
function runProblem(result) {
	if (result.status === 'success' && !result.error) return undefined;
	const message = result.error?.message ?? `status ${result.status}`;
	const description = result.error?.description
		? ` — ${String(result.error.description).slice(0, 200)}`
		: '';
	return `node run ended with ${result.status}: ${String(message).split('\n')[0].slice(0, 300)}${description}`;
}

module.exports = { loadHarness, instrumentedNode, timedRun, runProblem };
