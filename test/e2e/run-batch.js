'use strict';
// Runs several workflows in ONE n8n process: one throwaway user folder, the credentials and all
// workflows imported once, then `n8n execute-batch` runs them one after the other (no retries: a
// failed workflow must not run, and pay, twice). Three n8n boots in all instead of three per
// workflow (runWorkflow), which is what makes many small agent runs affordable.
//
// execute-batch writes each successful run's IRun to <snapshot dir>/<id>-snapshot.json, and the
// error of each failed one ("<message> on node <name>") to its --output summary.
const fs = require('node:fs');
const path = require('node:path');
const { ensureRuntime, repoPackageTarball, createUserFolder, removeUserFolder, runN8nCli, n8nCliOk, tail } = require('./n8n-process');
const { newWorkflowId, outputsOf, importCredentials } = require('./run-workflow');

/**
 * @param {object} options
 * @param {Array<{ key: string, workflow: object }>} options.workflows  key: how the caller names each
 * @param {Array<{id,name,type,data}>} [options.credentials]
 * @param {string[]} [options.packages]  `npm pack` tarballs (default: this repo's, built once)
 * @param {object} [options.env]
 * @param {number} [options.timeoutMs]  for the whole batch (n8n stops a single run after 3 minutes)
 * @returns {Promise<Record<string, { run?: object, error?: string, outputs: Function }>>}
 *   run: the IRun of a run that succeeded; error: why a run failed, as execute-batch reports it.
 */
async function runWorkflows({ workflows, credentials = [], packages, env = {}, timeoutMs = 15 * 60 * 1000 }) {
	ensureRuntime();
	const userFolder = createUserFolder({ packages: packages || [repoPackageTarball()] });
	const keep = () => process.env.E2E_KEEP_FAILED === '1';
	let failed = false;
	try {
		const cliOptions = { timeoutMs, env };
		await importCredentials(userFolder, credentials, cliOptions);
		const workflowDir = path.join(userFolder, 'workflows');
		const snapshotDir = path.join(userFolder, 'snapshots');
		fs.mkdirSync(workflowDir);
		fs.mkdirSync(snapshotDir);
		const idOf = new Map();
		for (const [index, { key, workflow }] of workflows.entries()) {
			// execute-batch silently drops every --ids entry without a digit (it filters them with /\d+/).
			const id = `${newWorkflowId().slice(0, 12)}${String(index).padStart(4, '0')}`;
			idOf.set(key, id);
			const copy = { ...structuredClone(workflow), id, name: `${key} (${workflow.name ?? 'workflow'})`, active: false };
			copy.settings = copy.settings || {};
			fs.writeFileSync(path.join(workflowDir, `${id}.json`), JSON.stringify(copy));
		}
		await n8nCliOk(userFolder, ['import:workflow', '--separate', `--input=${workflowDir}`], cliOptions);

		const summaryFile = path.join(userFolder, 'batch-summary.json');
		const batch = await runN8nCli(
			userFolder,
			['execute-batch', `--ids=${[...idOf.values()].join(',')}`, `--snapshot=${snapshotDir}`, `--output=${summaryFile}`, '--retries=0'],
			cliOptions,
		);
		if (!fs.existsSync(summaryFile)) {
			failed = true;
			throw new Error(`n8n execute-batch (exit ${batch.code}) wrote no summary\n${tail(batch.stdout + batch.stderr)}`);
		}
		fs.writeFileSync(path.join(userFolder, 'batch-output.log'), batch.stdout + batch.stderr);
		const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
		const problems = new Map([...summary.summary.errors, ...summary.summary.warnings].map((e) => [e.workflowId, e.error]));
		const results = {};
		for (const [key, id] of idOf) {
			const snapshot = path.join(snapshotDir, `${id}-snapshot.json`);
			const run = fs.existsSync(snapshot) ? JSON.parse(fs.readFileSync(snapshot, 'utf8')) : undefined;
			const error = problems.get(id) ?? (run ? undefined : `not run (no snapshot, no error reported)\n${tail(batch.stdout + batch.stderr, 3000)}`);
			if (error) failed = true;
			results[key] = { run, error, outputs: (...args) => outputsOf(run, ...args) };
		}
		return results;
	} finally {
		if (!(failed && keep())) removeUserFolder(userFolder);
	}
}

module.exports = { runWorkflows };
