'use strict';
/**
 * The package on n8n's scale-out setup (scripts/queue/cluster.js, the same as `npm run dev --
 * --queue --https`): Redis, PostgreSQL, n8n main, 2 workers and 1 webhook process, each with the
 * packed package installed, against the fakes. Executions are started through webhooks, so the
 * webhook process queues them and the workers run them; main is used for the REST API and stops.
 */
const crypto = require('node:crypto');
const { VIDGEN_WEBHOOK_SECRET } = require('../e2e/examples-fakes');
const { request, until } = require('./client');
const { startQueueEnvironment } = require('./environment');
const { floraWait, vidgenCallbackWait, vidgenTrigger, POLL_SECONDS } = require('./workflows');
const { runQueueLoad, IMAGE_EXECUTIONS, VO_EXECUTIONS, ITEMS_PER_IMAGE_EXECUTION } = require('./load');

jest.setTimeout(10 * 60 * 1000);

let environment;
let fakes;
let cluster;
let client;
let ca;
let credentials;

const started = (worker, executionId) =>
	[...worker.output().matchAll(/Worker started execution (\d+)/g)].filter((m) => m[1] === String(executionId)).length;
const startedAnywhere = (executionId) => cluster.workers.reduce((sum, worker) => sum + started(worker, executionId), 0);
const finishedAnywhere = (executionId) =>
	cluster.workers.some((worker) => new RegExp(`Worker finished execution ${executionId} `).test(worker.output()));
/** A worker's job for the execution has ended: finished, or (canceled) "errored while running". */
const endedAnywhere = (executionId) =>
	cluster.workers.some((worker) => new RegExp(`Worker (finished|errored while running) execution ${executionId} `).test(worker.output()));

beforeAll(async () => {
	environment = await startQueueEnvironment();
	({ fakes, cluster, client, ca, credentials } = environment);
}, 15 * 60 * 1000);

afterAll(async () => {
	await environment?.stop();
});

const postWebhook = (url, body, headers) => request('POST', url, { body, headers, ca });

test('load: 20 executions at once over 2 workers all succeed; no paid POST twice; 429s re-sent after Retry-After; ≤ 10 prompt calls per project', async () => {
	const load = await runQueueLoad({ cluster, client, fakes, credentials, ca });

	expect(load.webhookStatuses).toEqual(Array(IMAGE_EXECUTIONS + VO_EXECUTIONS).fill(200));
	expect(load.statuses).toEqual(Array(IMAGE_EXECUTIONS + VO_EXECUTIONS).fill('success'));
	// Every execution ran on a worker, and both workers took a share.
	expect(Object.values(load.perWorker).reduce((a, b) => a + b, 0)).toBe(IMAGE_EXECUTIONS + VO_EXECUTIONS);
	for (const count of Object.values(load.perWorker)) expect(count).toBeGreaterThan(0);
	expect(load.imageCalls).toBe(IMAGE_EXECUTIONS * ITEMS_PER_IMAGE_EXECUTION);
	expect(load.duplicates).toEqual([]);
	// The three injected 429s (Image Editor, FLORA, VO prompts), and any the pacing met: each call
	// came again, and only after its Retry-After.
	expect(load.count429).toBeGreaterThanOrEqual(3);
	for (const retry of load.retries) {
		expect(retry.waitedMs).toBeDefined();
		expect(retry.waitedMs).toBeGreaterThanOrEqual(retry.retryAfterMs);
	}
	const peaks = Object.values(load.peakPromptCallsPerProject);
	expect(peaks).toHaveLength(VO_EXECUTIONS);
	for (const peak of peaks) expect(peak).toBeLessThanOrEqual(10);
});

test('stop from main while a worker waits for a FLORA run: canceled, the wait ends without its poll\'s answer, no poll after the stop', async () => {
	const runPoll = /^\/api\/v1\/techniques\/[^/]+\/runs\/[^/]+$/;
	const durations = fakes.flora.state.durations;
	fakes.flora.state.durations = { pendingMs: 30, runningMs: 10 * 60 * 1000 };
	let nextPoll;
	try {
		const workflowId = await client.createActiveWorkflow(floraWait('queue-stop', fakes, credentials));
		// Started through main's own production webhook, so main queued the job and can abort it on
		// the worker. (n8n 2.40.7 does not reach a worker job that a webhook process queued: see the
		// README, "Running in queue mode".)
		const hook = `${cluster.mainUrl}/webhook/queue-stop`;
		await until(async () => (await postWebhook(hook, {})).status === 200, { what: 'the production webhook' });
		const [execution] = await until(async () => {
			const list = await client.executions(workflowId);
			return list.length === 1 && list[0].status === 'running' ? list : undefined;
		}, { what: 'the running execution' });
		await until(() => fakes.flora.requests('GET', runPoll).length >= 2, { what: 'the run being polled' });
		expect(startedAnywhere(execution.id)).toBe(1);

		// The fake holds the worker's next poll unanswered, and the stop comes then: the wait is
		// mid-request and no other poll can be on its way, however slowly the abort travels through
		// Redis, so any poll the fake sees after the stop was sent after it.
		nextPoll = fakes.flora.hold({ method: 'GET', path: runPoll });
		await nextPoll.untilHeld(1);
		const pollsAtStop = fakes.flora.requests('GET', runPoll).length;
		await client.stop(execution.id);
		const canceled = await until(async () => {
			const [current] = await client.executions(workflowId);
			return current.status === 'canceled' ? current : undefined;
		}, { what: 'the canceled status' });
		expect(canceled.status).toBe('canceled');
		// The worker ended the job although its poll was never answered and the run lasts minutes.
		await until(() => endedAnywhere(execution.id), { what: 'the worker to end the stopped job' });
		expect(nextPoll.held).toHaveLength(1);

		// Watched for ten poll intervals after the worker ended the job: nothing more reached FLORA.
		await new Promise((resolve) => setTimeout(resolve, 10 * POLL_SECONDS * 1000));
		expect(fakes.flora.requests('GET', runPoll)).toHaveLength(pollsAtStop);
	} finally {
		nextPoll?.open();
		fakes.flora.state.durations = durations;
	}
});

test('Vidgen Resume on Webhook Callback over https: waits with no worker job while rendering; forged callback 401 and still waiting; signed callback resumes', async () => {
	const held = [];
	fakes.vidgen.state.deliver = async (url, body, headers) => {
		held.push({ url, body, headers });
		return { status: 200 };
	};
	const workflowId = await client.createActiveWorkflow(vidgenCallbackWait('queue-vidgen-wait', fakes, credentials));
	const hook = `${cluster.webhookUrl}/webhook/queue-vidgen-wait`;
	await until(async () => (await postWebhook(hook, {})).status === 200, { what: 'the production webhook' });

	const [waiting] = await until(async () => {
		const list = await client.executions(workflowId);
		return list.length === 1 && list[0].status === 'waiting' ? list : undefined;
	}, { what: 'the waiting execution' });
	// The worker's job ended when the execution started to wait: no worker holds it.
	await until(() => finishedAnywhere(waiting.id), { what: 'the worker to finish its job' });
	expect(startedAnywhere(waiting.id)).toBe(1);

	const [callback] = await until(() => (held.length ? held : undefined), { what: "the job's callback" });
	const resumeUrl = new URL(callback.url);
	expect(resumeUrl.protocol).toBe('https:');
	expect(resumeUrl.origin).toBe(cluster.webhookUrl);
	expect(resumeUrl.pathname).toBe(`/webhook-waiting/${waiting.id}`);

	const forged = crypto.createHmac('sha256', 'not-the-secret').update(callback.body).digest('hex');
	const refused = await postWebhook(callback.url, callback.body, { 'x-webhook-signature': forged });
	expect(refused.status).toBe(401);
	expect((await client.executions(workflowId))[0].status).toBe('waiting');

	const accepted = await postWebhook(callback.url, callback.body, { 'x-webhook-signature': callback.headers['X-Webhook-Signature'] });
	expect(accepted.status).toBe(200);
	const [done] = await until(async () => {
		const list = await client.executions(workflowId);
		return list[0].status === 'success' ? list : undefined;
	}, { what: 'the resumed execution' });
	expect(startedAnywhere(done.id)).toBe(2);
	const { runData } = (await client.execution(done.id)).data.resultData;
	const job = JSON.parse(callback.body);
	expect(runData['Create video and wait'].at(-1).data.main[0][0].json).toMatchObject({ jobId: job.jobId, status: 'COMPLETED' });

	// Delivered again once resumed: n8n itself refuses it (the execution is no longer waiting).
	const again = await postWebhook(callback.url, callback.body, { 'x-webhook-signature': callback.headers['X-Webhook-Signature'] });
	expect(again.status).toBe(409);
	expect(await client.executions(workflowId)).toHaveLength(1);
	expect(startedAnywhere(done.id)).toBe(2);
});

test('Vidgen Trigger: the same signed callback again after main restarted, and through the webhook process, starts no second execution', async () => {
	const { workflow, path: hookPath } = vidgenTrigger(fakes, credentials);
	const workflowId = await client.createActiveWorkflow(workflow);
	const signedEvent = (jobId) => {
		const body = JSON.stringify({ jobId, status: 'COMPLETED', progress: 100, outputVideo: null, outputShareLink: null, errorMessage: null, updatedAt: new Date().toISOString() });
		return { body, signature: crypto.createHmac('sha256', VIDGEN_WEBHOOK_SECRET).update(body).digest('hex') };
	};
	const deliver = (base, { body, signature }) => postWebhook(`${base}${hookPath}`, body, signature ? { 'x-webhook-signature': signature } : {});
	const successes = async () => (await client.executions(workflowId)).filter((e) => e.status === 'success');
	const nodeLive = async (base) => (await deliver(base, { body: '{}' })).status === 401; // the node answers (unsigned)

	await until(() => nodeLive(cluster.mainUrl), { what: 'the trigger on main' });
	const event = signedEvent('clqueueexactlyonce0000001');
	const first = await deliver(cluster.mainUrl, event);
	expect(first.status).toBe(200);
	await until(async () => (await successes()).length === 1, { what: 'the execution of the first delivery' });

	await cluster.restartMain();
	await until(() => nodeLive(cluster.mainUrl), { what: 'the trigger on the restarted main' });
	const afterRestart = await deliver(cluster.mainUrl, event);
	expect({ status: afterRestart.status, body: afterRestart.json() }).toEqual({ status: 200, body: { received: true, duplicate: true } });

	const viaWebhookProcess = await deliver(cluster.webhookUrl, event);
	expect({ status: viaWebhookProcess.status, body: viaWebhookProcess.json() }).toEqual({ status: 200, body: { received: true, duplicate: true } });

	const forged = await deliver(cluster.webhookUrl, { body: event.body, signature: crypto.createHmac('sha256', 'guess').update(event.body).digest('hex') });
	expect(forged.status).toBe(401);

	// A new event still starts an execution, through the webhook process: exactly two in all.
	const next = await deliver(cluster.webhookUrl, signedEvent('clqueueexactlyonce0000002'));
	expect(next.status).toBe(200);
	await until(async () => (await successes()).length === 2, { what: 'the execution of the second event' });
	const executions = await client.executions(workflowId);
	expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
	const jobIds = [];
	for (const { id } of executions) jobIds.push((await client.execution(id)).data.resultData.runData['Job result'][0].data.main[0][0].json.jobId);
	expect(jobIds.sort()).toEqual(['clqueueexactlyonce0000001', 'clqueueexactlyonce0000002']);
});
