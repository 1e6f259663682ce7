'use strict';
/**
 * What Vidgen gets back when it calls n8n, in a real n8n 2.40.7 (`n8n start`, the package installed
 * from its `npm pack` tarball), against the fake Vidgen API:
 *   - the Vidgen Trigger's production webhook: an accepted event is answered {"received":true} as
 *     JSON, an event the trigger does not listen to {"received":true,"ignored":…};
 *   - the Vidgen node's resume URL (Wait Mode: Resume on Webhook Callback): the job's signed
 *     callback resumes the waiting execution and is answered {"received":true,"resumed":true}.
 * n8n answers a webhook that starts or resumes a workflow with its `responseData`, whose default
 * is the literal text "firstEntryJson", unless the node writes the answer itself.
 *
 * Vidgen calls only https:// URLs, so n8n runs with N8N_WEBHOOK_URL/WEBHOOK_URL set to an https
 * address, as behind a TLS proxy; the test plays the proxy and calls n8n on its loopback port.
 */
const crypto = require('node:crypto');
const { startWithPublishedWorkflow } = require('./examples-server');
const { ensureRuntime, repoPackageTarball } = require('./n8n-process');
const { VIDGEN_WEBHOOK_SECRET, startExampleFakes, exampleCredentials } = require('./examples-fakes');
const { PACKAGE } = require('./examples-rewrite');
const { until: untilTruthy } = require('./until');

/** A real n8n on a busy 2-core machine: a minute per step. */
const until = (probe, options) => untilTruthy(probe, { timeoutMs: 60000, ...options });

const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;
const RUN_TIMEOUT_MS = 5 * 60 * 1000;
const PUBLIC_URL = 'https://n8n.example.test/';
const TRIGGER_WEBHOOK_ID = '0d2f8c1e-5b7a-4c39-9e61-vidgentrigger';
const START_PATH = 'make-video-from-media';

const sign = (body) => crypto.createHmac('sha256', VIDGEN_WEBHOOK_SECRET).update(body).digest('hex');

const vidgenCredential = { vidgenApi: { id: 'vidgenApiExample', name: 'Vidgen API' } };

/**
 * One published workflow with two starts: the Vidgen Trigger (Job Completed only), and a GET
 * webhook that downloads an image and a voice-over and submits them to Vidgen with Wait Mode:
 * Resume on Webhook Callback.
 */
function workflowFor(fakes) {
	const node = (name, type, typeVersion, parameters, extra = {}) => ({
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		...extra,
	});
	const download = (name, url, property) =>
		node(name, 'n8n-nodes-base.httpRequest', 4.2, {
			url,
			options: { response: { response: { responseFormat: 'file', outputPropertyName: property } } },
		});
	const to = (target, index = 0) => ({ node: target, type: 'main', index });
	return {
		name: 'Vidgen webhook answers',
		nodes: [
			node('Vidgen Trigger', `${PACKAGE}.vidgenTrigger`, 1, { events: ['COMPLETED'] }, { webhookId: TRIGGER_WEBHOOK_ID, credentials: vidgenCredential }),
			node('Start', 'n8n-nodes-base.webhook', 2, { httpMethod: 'GET', path: START_PATH, responseMode: 'onReceived', options: {} }, { webhookId: crypto.randomUUID() }),
			download('Download image', fakes.media.imageUrl, 'image'),
			download('Download audio', fakes.media.audioUrl, 'audio'),
			node('Image and audio', 'n8n-nodes-base.merge', 3.2, { mode: 'combine', combineBy: 'combineByPosition', options: {} }),
			node(
				'Vidgen',
				`${PACKAGE}.vidgen`,
				1,
				{ resource: 'job', operation: 'create', waitUntilDone: true, waitMode: 'webhook', maxWaitSeconds: 600, options: {} },
				{ credentials: vidgenCredential },
			),
		],
		connections: {
			Start: { main: [[to('Download image'), to('Download audio')]] },
			'Download image': { main: [[to('Image and audio', 0)]] },
			'Download audio': { main: [[to('Image and audio', 1)]] },
			'Image and audio': { main: [[to('Vidgen')]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The answer as Vidgen sees it: status, content type and the parsed body (or the raw text). */
async function answerOf(response) {
	const text = await response.text();
	let body = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON: keep the text, so a failure shows what n8n sent
	}
	return { status: response.status, contentType: response.headers.get('content-type')?.split(';')[0], body };
}

let fakes;
let server;
const deliveries = [];

beforeAll(async () => {
	ensureRuntime();
	repoPackageTarball();
	fakes = await startExampleFakes();
	// Vidgen's signed callbacks are captured here and sent to n8n by the tests, as the proxy would.
	fakes.vidgen.state.deliver = async (url, body, headers) => {
		deliveries.push({ url, body, headers });
		return { status: 200 };
	};
	server = await startWithPublishedWorkflow({
		workflow: workflowFor(fakes),
		credentials: exampleCredentials(fakes),
		env: { N8N_WEBHOOK_URL: PUBLIC_URL, WEBHOOK_URL: PUBLIC_URL },
	});
	await server.webhookLive(`/webhook/${TRIGGER_WEBHOOK_ID}/vidgen`);
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
	await server?.stop();
	await fakes?.close();
});

/** Sends a request to n8n the way the https proxy at PUBLIC_URL would pass it on. */
function viaProxy(publicUrl, init) {
	const url = new URL(publicUrl, PUBLIC_URL);
	return fetch(`${server.url}${url.pathname}${url.search}`, init);
}

const postSigned = (publicUrl, body, headers = { 'x-webhook-signature': sign(body) }) =>
	viaProxy(publicUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

test('Vidgen Trigger: an accepted event is answered {"received":true} as JSON, an ignored one says why', async () => {
	const triggerUrl = `webhook/${TRIGGER_WEBHOOK_ID}/vidgen`;
	const completed = JSON.stringify({ jobId: 'clwebhookanswercompleted01', status: 'COMPLETED', progress: 100, outputVideo: null, errorMessage: null });
	expect(await answerOf(await postSigned(triggerUrl, completed))).toEqual({ status: 200, contentType: 'application/json', body: { received: true } });

	const failed = JSON.stringify({ jobId: 'clwebhookanswerfailed00001', status: 'FAILED', progress: 0, outputVideo: null, errorMessage: 'No face' });
	expect(await answerOf(await postSigned(triggerUrl, failed))).toEqual({
		status: 200,
		contentType: 'application/json',
		body: { received: true, ignored: 'status FAILED' },
	});

	expect(await answerOf(await postSigned(triggerUrl, completed, { 'x-webhook-signature': sign('forged') }))).toEqual({
		status: 401,
		contentType: 'application/json',
		body: { error: 'Invalid signature' },
	});

	const started = await until(async () => (await server.executions()).find((e) => e.mode === 'webhook' && e.status === 'success'), {
		what: 'the execution the accepted event started',
	});
	const { runData } = (await server.execution(started.id)).data.resultData;
	expect(runData['Vidgen Trigger'][0].data.main[0][0].json).toMatchObject({ jobId: 'clwebhookanswercompleted01', status: 'COMPLETED' });
}, RUN_TIMEOUT_MS);

test('Vidgen node, Resume on Webhook Callback: the signed callback resumes the execution and is answered {"received":true,"resumed":true}', async () => {
	const before = new Set((await server.executions()).map((e) => e.id));
	const start = await answerOf(await viaProxy(`webhook/${START_PATH}`));
	expect(start.status).toBe(200);

	const isNew = (e) => !before.has(e.id);
	const waiting = await until(async () => (await server.executions()).find((e) => isNew(e) && e.status === 'waiting'), {
		what: 'the execution to wait for the callback',
	});
	const job = fakes.vidgen.state.jobs.at(-1);
	const callback = await until(() => deliveries.find((d) => JSON.parse(d.body).jobId === job.id), { what: `the callback of job ${job.id}` });
	expect(callback.url).toMatch(new RegExp(`^${PUBLIC_URL}webhook-waiting/${waiting.id}\\?signature=`));

	const answer = await answerOf(
		await viaProxy(callback.url, { method: 'POST', headers: { 'content-type': 'application/json', ...callback.headers }, body: callback.body }),
	);
	expect(answer).toEqual({ status: 200, contentType: 'application/json', body: { received: true, resumed: true } });

	const finished = await until(async () => (await server.executions()).find((e) => e.id === waiting.id && e.status !== 'waiting' && e.status !== 'running'), {
		what: 'the resumed execution to finish',
	});
	expect(finished.status).toBe('success');
	const { runData } = (await server.execution(waiting.id)).data.resultData;
	expect(runData.Vidgen.at(-1).data.main[0][0].json).toMatchObject({ jobId: job.id, status: 'COMPLETED' });
}, RUN_TIMEOUT_MS);
