#!/usr/bin/env node
'use strict';
// Vidgen → Job → Create with Wait Mode "Resume on Webhook Callback" in a real n8n of the matrix:
//   1. `n8n execute` of example 05 switched to webhook mode, with WEBHOOK_URL=https://… (Vidgen only
//      calls https URLs; n8n itself stays on http). The execution must end "waiting", with the job
//      ID in its custom data and one POST /api/jobs.
//   2. `n8n start` on the same user folder serves the waiting execution's resume URL. The job's
//      signed callback (captured from the fake, replayed over plain http to the same path) must be
//      refused for another job ID (400) and resume the execution for the right one.
//   3. The execution, read back through n8n's REST API, finished with the job's result.
// Each step's outcome is reported, so a version where step 1 fails still gives a full record.
// Usage: node test/compat/real-webhook-resume.js <n8nVersion> [packageTarball]
//   (the tarball defaults to E2E_PACKAGE_TARBALL; the n8n version must be installed:
//    node scripts/ensure-n8n.js --n8n <version>)
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { runtimeOf } = require('../../scripts/n8n-env');
const { createUserFolder, removeUserFolder, n8nCliOk, runN8nCli, startN8n } = require('../e2e/n8n-process');
const { findRun } = require('../e2e/run-workflow');
const { restClient } = require('../e2e/examples-server');
const { signUpOwner } = require('./owner');
const { until } = require('../e2e/until');
const { startExampleFakes, exampleCredentials, VIDGEN_WEBHOOK_SECRET } = require('../e2e/examples-fakes');
const { loadExample, pointAtFakes, PACKAGE } = require('../e2e/examples-rewrite');

const EXAMPLE = '05-vidgen-image-and-audio-to-video.json';
const WORKFLOW_ID = 'compatVidgenResume1';
/** Only the resume URL's path matters: n8n is reached on its real http port. */
const HTTPS_WEBHOOK_URL = 'https://n8n.compat.test/';

function resumeWorkflow(fakes) {
	const workflow = pointAtFakes(loadExample(EXAMPLE), fakes);
	const create = workflow.nodes.find((node) => node.type === `${PACKAGE}.vidgen`);
	Object.assign(create.parameters, { waitMode: 'webhook', maxWaitSeconds: 3600, downloadVideo: false });
	// n8n 2.0's import:workflow does not make up a versionId (NOT NULL in its database).
	return { ...workflow, id: WORKFLOW_ID, versionId: crypto.randomUUID(), active: false };
}

const sign = (body) => crypto.createHmac('sha256', VIDGEN_WEBHOOK_SECRET).update(body).digest('hex');

async function post(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-webhook-signature': sign(body) },
		body,
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, body: json };
}

/** Runs the three steps; resolves a plain record of what each one showed. */
async function measureWebhookResume({ n8nVersion, tarball }) {
	const runtime = runtimeOf(n8nVersion);
	const record = { n8nVersion, node: runtime.node, steps: {} };
	const fakes = await startExampleFakes();
	const deliveries = [];
	fakes.vidgen.state.deliver = async (url, body, headers) => {
		deliveries.push({ url, body, headers });
		return { status: 200 };
	};
	const userFolder = createUserFolder({ packages: [tarball], prefix: `compat-${n8nVersion}-` });
	let server;
	try {
		const cli = { runtime, timeoutMs: 240000 };
		const credentialsFile = path.join(userFolder, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(exampleCredentials(fakes)));
		await n8nCliOk(userFolder, ['import:credentials', `--input=${credentialsFile}`], cli);
		const workflowFile = path.join(userFolder, 'workflow.json');
		fs.writeFileSync(workflowFile, JSON.stringify(resumeWorkflow(fakes)));
		await n8nCliOk(userFolder, ['import:workflow', `--input=${workflowFile}`], cli);

		const executed = await runN8nCli(userFolder, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput'], {
			...cli,
			env: { WEBHOOK_URL: HTTPS_WEBHOOK_URL, N8N_WEBHOOK_URL: HTTPS_WEBHOOK_URL },
		});
		const run = findRun(executed.logs) ?? findRunInText(executed.stdout);
		const submits = fakes.vidgen.requests('POST', '/api/jobs');
		const job = fakes.vidgen.state.jobs.at(-1);
		record.steps.execute = {
			exitCode: executed.code,
			status: run?.status,
			error: run?.data.resultData.error?.message,
			customData: run?.data.resultData.metadata,
			jobsSubmitted: submits.length,
		};
		if (!run || run.status !== 'waiting' || !job) {
			record.steps.execute.output = (executed.stdout + executed.stderr).slice(-3000);
			return record;
		}

		const delivery = await until(() => deliveries.find((d) => JSON.parse(d.body).jobId === job.id), {
			what: `the callback of job ${job.id}`,
		});
		server = await startN8n(userFolder, { runtime });
		const rest = restClient(server.url);
		await signUpOwner(rest); // also waits for n8n 1.x to register its routes after "ready"
		const resumeUrl = new URL(delivery.url);
		const target = `${server.url}${resumeUrl.pathname}${resumeUrl.search}`;
		const otherJob = await post(target, JSON.stringify({ jobId: 'clsomeoneelsesjob000000000', status: 'COMPLETED' }));
		const accepted = await post(target, delivery.body);
		record.steps.callback = { resumeUrl: delivery.url, otherJob, accepted };

		const executionId = resumeUrl.pathname.split('/').at(-1);
		const execution = await until(
			async () => {
				const { data } = await rest('GET', `/rest/executions/${executionId}`);
				return data.status === 'waiting' || data.status === 'running' || data.status === 'new' ? undefined : data;
			},
			{ what: `execution ${executionId} to finish`, timeoutMs: 60000 },
		);
		const { parse } = require(path.join(runtime.n8nDir, 'node_modules', 'flatted'));
		const resultData = parse(execution.data).resultData;
		const last = resultData.lastNodeExecuted;
		const output = resultData.runData[last]?.at(-1)?.data?.main?.[0]?.map((item) => item.json);
		record.steps.resumed = { status: execution.status, lastNode: last, output, customData: resultData.metadata };
		return record;
	} catch (error) {
		// What was measured so far still counts; the failure says where it stopped.
		record.failure = error.message.slice(0, 3000);
		return record;
	} finally {
		fakes.vidgen.state.deliver = undefined;
		await server?.stop();
		removeUserFolder(userFolder);
		await fakes.close();
	}
}

/** n8n 1.x prints the IRun of `execute --rawOutput` as plain JSON on stdout, not through its logger. */
function findRunInText(text) {
	const start = text.indexOf('{\n');
	for (let at = start; at >= 0; at = text.indexOf('{\n', at + 1)) {
		try {
			const parsed = JSON.parse(text.slice(at, text.lastIndexOf('}') + 1));
			if (parsed?.data?.resultData) return parsed;
		} catch {
			// not the IRun
		}
	}
	return undefined;
}

module.exports = { measureWebhookResume };

if (require.main === module) {
	const [n8nVersion, tarball = process.env.E2E_PACKAGE_TARBALL] = process.argv.slice(2);
	if (!n8nVersion || !tarball) {
		process.stderr.write('usage: node test/compat/real-webhook-resume.js <n8nVersion> <packageTarball>\n');
		process.exit(2);
	}
	measureWebhookResume({ n8nVersion, tarball: path.resolve(tarball) }).then(
		(record) => process.stdout.write(`${JSON.stringify(record, null, 2)}\n`),
		(error) => {
			process.stderr.write(`${error.stack}\n`);
			process.exit(1);
		},
	);
}
