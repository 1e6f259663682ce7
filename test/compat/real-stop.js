#!/usr/bin/env node
'use strict';
// Stop mid-wait in a real n8n of the matrix: an active workflow (Webhook → two downloads →
// Merge → Vidgen Create polling every 30 s) is started through its production webhook; once the
// node has polled the never-finishing job once and sleeps, the execution is stopped through the
// REST API. The node notices the stop when it cancels the job on Vidgen (POST /api/jobs/:id/cancel),
// so the fake's log times the reaction: within a second with a working stop, the rest of the
// 30 s interval without.
// Usage: node test/compat/real-stop.js <n8nVersion> [packageTarball]
const fs = require('node:fs');
const path = require('node:path');
const { runtimeOf } = require('../../scripts/n8n-env');
const { createUserFolder, removeUserFolder, n8nCliOk, startN8n } = require('../e2e/n8n-process');
const { restClient } = require('../e2e/examples-server');
const { signUpOwner } = require('./owner');
const { until } = require('../e2e/until');
const { startExampleFakes, exampleCredentials } = require('../e2e/examples-fakes');
const { loadExample, pointAtFakes, PACKAGE } = require('../e2e/examples-rewrite');

const EXAMPLE = '05-vidgen-image-and-audio-to-video.json';
const HOOK_PATH = 'compat-stop';
const POLL_SECONDS = 30;

/** Example 05 started by a Webhook node instead of the Manual Trigger. */
function stopWorkflow(fakes) {
	const workflow = pointAtFakes(loadExample(EXAMPLE), fakes);
	const manual = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const webhook = {
		id: 'compat-webhook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: manual.position,
		webhookId: 'c0ffee00-0000-4000-8000-000000000001',
		parameters: { httpMethod: 'POST', path: HOOK_PATH, responseMode: 'onReceived', options: {} },
	};
	workflow.nodes = workflow.nodes.map((node) => (node === manual ? webhook : node));
	workflow.connections = { [webhook.name]: workflow.connections[manual.name], ...workflow.connections };
	delete workflow.connections[manual.name];
	const create = workflow.nodes.find((node) => node.type === `${PACKAGE}.vidgen`);
	Object.assign(create.parameters, { pollIntervalSeconds: POLL_SECONDS, maxWaitSeconds: 3600, downloadVideo: false });
	return { name: 'Compat stop', active: false, nodes: workflow.nodes, connections: workflow.connections, settings: { executionOrder: 'v1' } };
}

/**
 * Created and activated through the REST API (POST /workflows/:id/activate, in every version of the
 * matrix): n8n 2.0's import:workflow writes no version history, so publishing an imported workflow
 * fails there. Resolves its id.
 */
async function createActiveWorkflow(rest, workflow) {
	const { data: created } = await rest('POST', '/rest/workflows', workflow);
	await rest('POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
	return created.id;
}

async function measureStop({ n8nVersion, tarball }) {
	const runtime = runtimeOf(n8nVersion);
	const record = { n8nVersion, node: runtime.node, pollIntervalSeconds: POLL_SECONDS };
	const fakes = await startExampleFakes();
	fakes.vidgen.planNextJob({ pendingMs: Infinity });
	const userFolder = createUserFolder({ packages: [tarball], prefix: `compat-stop-${n8nVersion}-` });
	let server;
	try {
		const cli = { runtime, timeoutMs: 240000 };
		const credentialsFile = path.join(userFolder, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(exampleCredentials(fakes)));
		await n8nCliOk(userFolder, ['import:credentials', `--input=${credentialsFile}`], cli);

		server = await startN8n(userFolder, { runtime });
		const rest = restClient(server.url);
		await signUpOwner(rest);
		const workflowId = await createActiveWorkflow(rest, stopWorkflow(fakes));
		await until(
			async () => {
				const response = await fetch(`${server.url}/webhook/${HOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				await response.arrayBuffer();
				return response.status === 200;
			},
			{ what: 'the production webhook', timeoutMs: 60000 },
		);
		const polls = () => fakes.vidgen.requests('GET', /^\/api\/status\//);
		await until(() => polls().length >= 1, { what: 'the first status poll', timeoutMs: 120000 });
		const job = fakes.vidgen.state.jobs.at(-1);
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const [running] = (await rest('GET', `/rest/executions?filter=${filter}`)).data.results;
		const stopAt = Date.now();
		await rest('POST', `/rest/executions/${running.id}/stop`);
		const cancel = await until(() => fakes.vidgen.requests('POST', `/api/jobs/${job.id}/cancel`)[0], {
			what: 'the remote cancel',
			timeoutMs: (POLL_SECONDS + 30) * 1000,
		}).catch(() => undefined);
		const execution = await until(
			async () => {
				const { data } = await rest('GET', `/rest/executions/${running.id}`);
				return data.status === 'running' || data.status === 'new' ? undefined : data;
			},
			{ what: `execution ${running.id} to end`, timeoutMs: 60000 },
		);
		record.pollsBeforeStop = polls().filter((entry) => entry.at < stopAt).length;
		record.pollsAfterStop = polls().filter((entry) => entry.at >= stopAt).length;
		record.msFromStopToRemoteCancel = cancel ? cancel.at - stopAt : null;
		record.executionStatus = execution.status;
		return record;
	} catch (error) {
		// What was measured so far still counts; the failure says where it stopped.
		record.failure = error.message.slice(0, 3000);
		return record;
	} finally {
		await server?.stop();
		removeUserFolder(userFolder);
		await fakes.close();
	}
}

module.exports = { measureStop };

if (require.main === module) {
	const [n8nVersion, tarball = process.env.E2E_PACKAGE_TARBALL] = process.argv.slice(2);
	if (!n8nVersion || !tarball) {
		process.stderr.write('usage: node test/compat/real-stop.js <n8nVersion> <packageTarball>\n');
		process.exit(2);
	}
	measureStop({ n8nVersion, tarball: path.resolve(tarball) }).then(
		(record) => process.stdout.write(`${JSON.stringify(record, null, 2)}\n`),
		(error) => {
			process.stderr.write(`${error.stack}\n`);
			process.exit(1);
		},
	);
}
