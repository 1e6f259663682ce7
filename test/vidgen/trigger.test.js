'use strict';
/** Vidgen Trigger: starts a workflow only for correctly signed job events. */
const crypto = require('node:crypto');
const { VidgenTrigger } = require('../../nodes/VidgenTrigger/VidgenTrigger.node.ts');
const { API_KEY, WEBHOOK_SECRET, startFake, run, create, trigger, captureDeliveries, until } = require('./helpers');

let fake;
beforeEach(async () => {
	fake = await startFake();
});
afterEach(async () => {
	await fake.close();
});

const sign = (body, secret = WEBHOOK_SECRET) => crypto.createHmac('sha256', secret).update(body).digest('hex');
const event = (extra = {}) =>
	JSON.stringify({ jobId: 'clabcdefghijklmnopqrstuvw', status: 'COMPLETED', progress: 100, outputVideo: null, outputShareLink: null, errorMessage: null, ...extra });

test('end to end: a job created with the trigger URL as webhookUrl starts the workflow with the event', async () => {
	const delivered = captureDeliveries(fake);
	const hookUrl = 'https://n8n.test/webhook/1f2e3d4c/vidgen';
	await run(fake, create({ waitUntilDone: false, options: { webhookUrl: hookUrl } }));
	await until(() => delivered.length === 1);
	const [delivery] = delivered;
	expect(delivery.url).toBe(hookUrl);
	const result = await trigger(fake, { body: delivery.body, headers: delivery.headers });
	expect(result.response.statusCode).toBe(200);
	const [[item]] = result.webhookResponse.workflowData;
	expect(item.json).toMatchObject({ jobId: fake.state.jobs[0].id, status: 'COMPLETED' });
	expect(JSON.stringify(result)).not.toContain(API_KEY);
});

test('a valid signature starts the workflow; upper-case hex is accepted too', async () => {
	const cases = [
		{ body: event(), casing: (signature) => signature },
		{ body: event({ progress: 99 }), casing: (signature) => signature.toUpperCase() },
	];
	for (const { body, casing } of cases) {
		const headers = { 'X-Webhook-Signature': casing(sign(body)) };
		const result = await trigger(fake, { body, headers });
		expect(result.webhookResponse.workflowData[0][0].json.jobId).toBe('clabcdefghijklmnopqrstuvw');
	}
});

test.each([
	['no signature', {}, 'Missing signature'],
	['an empty signature', { 'X-Webhook-Signature': '' }, 'Missing signature'],
	['a malformed signature', { 'X-Webhook-Signature': 'not-hex' }, 'Malformed signature'],
	['a truncated signature', { 'X-Webhook-Signature': 'ab'.repeat(16) }, 'Malformed signature'],
	['a signature made with another secret', { 'X-Webhook-Signature': sign(event(), 'guess') }, 'Invalid signature'],
	['the signature of another body (tampered)', { 'X-Webhook-Signature': sign(event({ status: 'FAILED' })) }, 'Invalid signature'],
])('%s → 401 and no workflow data', async (_name, headers, message) => {
	const result = await trigger(fake, { body: event(), headers });
	expect(result.response).toMatchObject({ statusCode: 401, body: { error: message } });
	expect(result.webhookResponse).toEqual({ noWebhookResponse: true });
	expect(result.logs.some((entry) => entry.level === 'warn' && /Refused a webhook call/.test(entry.message))).toBe(true);
});

test('the signature is checked over the raw bytes, not a re-serialised body', async () => {
	const body = '{ "jobId":"clabcdefghijklmnopqrstuvw",   "status":"FAILED", "errorMessage":"x" }';
	const result = await trigger(fake, { body, headers: { 'X-Webhook-Signature': sign(body) } });
	expect(result.webhookResponse.workflowData[0][0].json).toMatchObject({ status: 'FAILED', errorMessage: 'x' });
});

test('a signed body that is not a job event is refused with 400', async () => {
	for (const body of ['not json', JSON.stringify({ hello: 'world' })]) {
		const result = await trigger(fake, { body, headers: { 'X-Webhook-Signature': sign(body) } });
		expect(result.response.statusCode).toBe(400);
		expect(result.webhookResponse.workflowData).toBeUndefined();
	}
});

test('without a Webhook Secret in the credential nothing is accepted', async () => {
	const body = event();
	const result = await trigger(fake, { body, headers: { 'X-Webhook-Signature': sign(body, '') }, webhookSecret: '' });
	expect(result.response.statusCode).toBe(500);
	expect(result.webhookResponse).toEqual({ noWebhookResponse: true });
});

test('events not selected are acknowledged without starting the workflow', async () => {
	const body = event({ status: 'FAILED', errorMessage: 'bad' });
	const result = await trigger(fake, { body, headers: { 'X-Webhook-Signature': sign(body) }, parameters: { events: ['COMPLETED'] } });
	expect(result.response.statusCode).toBe(200);
	expect(result.webhookResponse.workflowData).toBeUndefined();
});

test('every answer is JSON: an accepted event {"received":true}, an ignored one says why', async () => {
	// n8n answers a webhook that starts a workflow with its responseData, which defaults to the
	// literal text "firstEntryJson", unless the node writes the answer itself.
	const accepted = event({ jobId: 'clanswerisjsonaccepted0001' });
	const started = await trigger(fake, { body: accepted, headers: { 'X-Webhook-Signature': sign(accepted) } });
	expect(started.webhookResponse.workflowData).toHaveLength(1);
	expect(started.response).toMatchObject({ statusCode: 200, body: { received: true } });
	expect(started.response.headers['content-type']).toBe('application/json');

	const failed = event({ jobId: 'clanswerisjsonignored00001', status: 'FAILED' });
	const ignored = await trigger(fake, { body: failed, headers: { 'X-Webhook-Signature': sign(failed) }, parameters: { events: ['COMPLETED'] } });
	expect(ignored.response).toMatchObject({ statusCode: 200, body: { received: true, ignored: 'status FAILED' } });
});

test('Download Video adds the finished video as binary', async () => {
	const job = fake.seedJob({ status: 'COMPLETED' });
	const body = event({ jobId: job.id, outputVideo: `${fake.url}/files/${job.id}/video.mp4` });
	const result = await trigger(fake, {
		body,
		headers: { 'X-Webhook-Signature': sign(body) },
		parameters: { downloadVideo: true, binaryPropertyName: 'clip' },
	});
	const [[item]] = result.webhookResponse.workflowData;
	expect(item.binary.clip).toMatchObject({ mimeType: 'video/mp4', fileName: `${job.id}.mp4` });
	expect(Buffer.from(item.binary.clip.data, 'base64').equals(fake.videoBytes(job.id))).toBe(true);
});

test('the trigger registers nothing with Vidgen (the URL travels with each job)', async () => {
	const { webhookMethods, description } = new VidgenTrigger();
	expect(description.webhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', path: 'vidgen' })]);
	expect(await webhookMethods.default.checkExists.call({})).toBe(true);
});
