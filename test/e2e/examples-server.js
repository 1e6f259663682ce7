'use strict';
// A running n8n (`n8n start`) with one workflow published, so its trigger's
// production webhook is live, plus a small REST client to read the executions
// it produced. Uses helper-2's process helpers; n8n stays on loopback.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { paths } = require('../../scripts/n8n-env');
const {
	ensureRuntime,
	repoPackageTarball,
	createUserFolder,
	removeUserFolder,
	n8nCliOk,
	startN8n,
	tail,
} = require('./n8n-process');

const OWNER = Object.freeze({
	email: 'examples-owner@example.com',
	firstName: 'Examples',
	lastName: 'Owner',
	password: 'Examples-Owner-Passw0rd',
});

/** n8n's /rest API with the session cookie of the instance owner. */
function restClient(baseUrl) {
	const browserId = crypto.randomUUID();
	let cookie = '';
	return async function rest(method, route, body) {
		const response = await fetch(`${baseUrl}${route}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': browserId, ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = (response.headers.getSetCookie?.() ?? []).find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	};
}

/** n8n stores and serves execution data in `flatted` form. */
function parseExecutionData(serialized) {
	if (typeof serialized !== 'string') return serialized;
	const flatted = require(path.join(paths().n8nDir, 'node_modules', 'flatted'));
	return flatted.parse(serialized);
}

/**
 * n8n reports ready before its publication service has activated the published workflows
 * (asynchronously, logged only at debug level); until then their webhooks answer 404. An unsigned
 * POST is refused by the node (401) once the webhook is live, and starts nothing.
 */
async function webhookLive(url, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		await response.arrayBuffer();
		if (response.status !== 404) return;
		if (Date.now() > deadline) throw new Error(`${url} still answers 404 after ${timeoutMs} ms: the workflow was not activated`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * Imports the credentials and the workflow into a fresh user folder, publishes the workflow
 * (`n8n publish:workflow`, so `n8n start` activates it) and starts n8n with `env` added to its
 * environment.
 * Resolves { url, port, workflowId, executions(), execution(id), output(), stop() }.
 */
async function startWithPublishedWorkflow({ workflow, credentials = [], packages, env = {}, timeoutMs = 180000 }) {
	ensureRuntime();
	const userFolder = createUserFolder({ packages: packages || [repoPackageTarball()] });
	let server;
	try {
		const cli = { timeoutMs };
		if (credentials.length) {
			const credentialsFile = path.join(userFolder, 'credentials.json');
			fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
			await n8nCliOk(userFolder, ['import:credentials', `--input=${credentialsFile}`], cli);
		}
		const workflowId = 'examplesTrigger1';
		const workflowFile = path.join(userFolder, 'workflow.json');
		fs.writeFileSync(workflowFile, JSON.stringify({ ...workflow, id: workflowId, active: false }));
		await n8nCliOk(userFolder, ['import:workflow', `--input=${workflowFile}`], cli);
		await n8nCliOk(userFolder, ['publish:workflow', `--id=${workflowId}`], cli);

		server = await startN8n(userFolder, { env });
		const rest = restClient(`http://127.0.0.1:${server.port}`);
		await rest('POST', '/rest/owner/setup', OWNER);

		return {
			url: `http://127.0.0.1:${server.port}`,
			port: server.port,
			workflowId,
			/** Resolves once the production webhook at `webhookPath` (e.g. /webhook/<id>/vidgen) is registered. */
			webhookLive: (webhookPath, timeoutMs) => webhookLive(`http://127.0.0.1:${server.port}${webhookPath}`, timeoutMs),
			/** The workflow's executions, newest first: [{ id, status, mode, finished, ... }]. */
			async executions() {
				const filter = encodeURIComponent(JSON.stringify({ workflowId }));
				const body = await rest('GET', `/rest/executions?filter=${filter}`);
				return body.data.results;
			},
			/** One execution with its run data (IRunExecutionData). */
			async execution(id) {
				const body = await rest('GET', `/rest/executions/${id}`);
				return { ...body.data, data: parseExecutionData(body.data.data) };
			},
			output: () => server.output(),
			logTail: (max) => tail(server.output(), max),
			async stop() {
				await server.stop();
				removeUserFolder(userFolder);
			},
		};
	} catch (error) {
		if (server) {
			error.message += `\n--- n8n output ---\n${tail(server.output(), 3000)}`;
			await server.stop();
		}
		removeUserFolder(userFolder);
		throw error;
	}
}

module.exports = { startWithPublishedWorkflow, restClient, parseExecutionData };
