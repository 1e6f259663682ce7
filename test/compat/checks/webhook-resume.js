'use strict';
// Vidgen → Job → Create with Wait Mode "Resume on Webhook Callback" (example 05 switched to it; n8n
// runs with WEBHOOK_URL=https://…, since Vidgen only calls https URLs, and is reached on its http
// port). The execution must go to waiting with the job's ID in its custom data after one job
// submission; once the REST API reports it waiting, the job's signed callback (captured from the
// fake) is replayed to the resume URL's path: a callback for another job is refused (400), the
// job's own resumes it, and the execution ends with the job's result.
// Two nodes after it measure how a later node reads the job ID on this n8n:
// `$execution.customData.get('vidgenJobId')` in an expression (Set) and in a Code node.
const crypto = require('node:crypto');
const { loadExample, pointAtFakes, PACKAGE } = require('../../e2e/examples-rewrite');
const { VIDGEN_WEBHOOK_SECRET } = require('../../e2e/examples-fakes');
const { captureDeliveries } = require('../../fakes/vidgen');
const { until } = require('../../e2e/until');
const { startCheck } = require('../outcome');

const EXAMPLE = '05-vidgen-image-and-audio-to-video.json';
/** n8n's WEBHOOK_URL for this check's instance: only the resume URL's path is used. */
const HTTPS_WEBHOOK_URL = 'https://n8n.compat.test/';
const READ_BY_EXPRESSION = 'Job ID by expression';
const READ_IN_CODE = 'Job ID in a Code node';

function resumeWorkflow(fakes) {
	const workflow = pointAtFakes(loadExample(EXAMPLE), fakes);
	const create = workflow.nodes.find((node) => node.type === `${PACKAGE}.vidgen`);
	Object.assign(create.parameters, {
		waitMode: 'webhook',
		maxWaitSeconds: 3600,
		downloadVideo: false,
	});
	const [x, y] = create.position;
	workflow.nodes.push(
		{
			id: 'c0ffee00-0000-4000-8000-00000000e001',
			name: READ_BY_EXPRESSION,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [x + 240, y],
			onError: 'continueRegularOutput',
			parameters: {
				assignments: {
					assignments: [
						{
							id: 'c0ffee00-0000-4000-8000-00000000e002',
							name: 'jobId',
							value: "={{ $execution.customData.get('vidgenJobId') }}",
							type: 'string',
						},
					],
				},
				options: {},
			},
		},
		{
			id: 'c0ffee00-0000-4000-8000-00000000e003',
			name: READ_IN_CODE,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [x + 480, y],
			onError: 'continueRegularOutput',
			parameters: {
				mode: 'runOnceForAllItems',
				jsCode: "return [{ json: { jobId: $execution.customData.get('vidgenJobId') ?? null } }];",
			},
		},
	);
	workflow.connections[create.name] = {
		main: [[{ node: READ_BY_EXPRESSION, type: 'main', index: 0 }]],
	};
	workflow.connections[READ_BY_EXPRESSION] = {
		main: [[{ node: READ_IN_CODE, type: 'main', index: 0 }]],
	};
	return {
		...workflow,
		name: 'Compat: Vidgen resume on webhook callback',
		createName: create.name,
	};
}

const sign = (body) =>
	crypto.createHmac('sha256', VIDGEN_WEBHOOK_SECRET).update(body).digest('hex');

async function post(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-webhook-signature': sign(body) },
		body,
	});
	const text = await response.text();
	try {
		return { status: response.status, body: JSON.parse(text) };
	} catch {
		return { status: response.status, body: text };
	}
}

/** What a node's last run gave: its first item's json, or its error. */
function readOutcome(run, nodeName) {
	const nodeRun = run.execution.data?.resultData?.runData?.[nodeName]?.at(-1);
	if (!nodeRun) return { ran: false };
	const [item] = nodeRun.data?.main?.[0] ?? [];
	const error = nodeRun.error?.message ?? item?.json?.error;
	return error ? { error } : { jobId: item?.json?.jobId ?? null };
}

async function webhookResume({ session, fakes, n8n }) {
	const check = startCheck();
	const deliveries = captureDeliveries(fakes.vidgen);
	try {
		const { createName, ...workflow } = resumeWorkflow(fakes);
		const { executionId, workflow: saved } = await session.start(workflow);
		const waiting = await session.executionWhere(
			executionId,
			(e) => e.status !== 'new' && e.status !== 'running',
			'to wait or end',
			120000,
		);
		const job = fakes.vidgen.state.jobs.at(-1);
		check.expect('statusAfterSubmit', waiting.status, 'waiting');
		check.expect('jobsSubmitted', fakes.vidgen.requests('POST', '/api/jobs').length, 1);
		check.expect('customData', waiting.data?.resultData?.metadata?.vidgenJobId, job?.id);
		if (waiting.status !== 'waiting' || !job) {
			return check.done(
				`not waiting: ${waiting.status} ${waiting.data?.resultData?.error?.message ?? ''}`.trim(),
			);
		}
		const delivery = await until(
			() => deliveries.find((d) => JSON.parse(d.body).jobId === job.id),
			{ what: `the callback of job ${job.id}` },
		);
		const resumeUrl = new URL(delivery.url);
		check.expect('resumeUrlOrigin', resumeUrl.origin, new URL(HTTPS_WEBHOOK_URL).origin);
		const target = `${n8n.url}${resumeUrl.pathname}${resumeUrl.search}`;
		const otherJob = await post(
			target,
			JSON.stringify({ jobId: 'clsomeoneelsesjob000000000', status: 'COMPLETED' }),
		);
		check.expect('otherJobsCallback', otherJob.status, 400);
		const accepted = await post(target, delivery.body);
		check.expect('jobsCallback', accepted, {
			status: 200,
			body: { received: true, resumed: true },
		});

		const run = await session.ended(executionId, saved.id, 120000);
		check.expect('statusAfterResume', run.status, 'success');
		const [result] = run.outputs(createName);
		check.expect(
			'result',
			{ jobId: result?.json.jobId, status: result?.json.status },
			{ jobId: job.id, status: 'COMPLETED' },
		);
		// How a later node reads the job ID here (documentation, not a pass condition).
		check.measured.laterNodeReads = {
			expression: readOutcome(run, READ_BY_EXPRESSION),
			codeNode: readOutcome(run, READ_IN_CODE),
		};
		return check.done(
			`waiting after 1 job; other job's callback 400, the job's resumes it; success with the job's result`,
		);
	} finally {
		fakes.vidgen.state.deliver = undefined;
	}
}

module.exports = { webhookResume, HTTPS_WEBHOOK_URL };
