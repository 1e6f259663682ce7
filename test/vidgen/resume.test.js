'use strict';
/**
 * Job → Create with Wait Mode: Resume on Webhook Callback: the execution waits (no polling) with its
 * resume URL as the job's webhookUrl, and resumes only on a correctly signed callback for that job.
 */
const crypto = require('node:crypto');
const { WEBHOOK_SECRET, startFake, create, runToWait, run, asRequest, captureDeliveries, until, mediaItem } = require('./helpers');

let fake;
let delivered;
beforeEach(async () => {
	fake = await startFake({ pendingMs: 5, processingMs: 10 });
	delivered = captureDeliveries(fake);
});
afterEach(async () => {
	await fake.close();
});

const webhookMode = (extra = {}) => create({ waitMode: 'webhook', maxWaitSeconds: 3600, ...extra });
const sign = (body, secret = WEBHOOK_SECRET) => crypto.createHmac('sha256', secret).update(body).digest('hex');

async function waitingWithCallback(parameters = webhookMode()) {
	const waiting = await runToWait(fake, parameters);
	await until(() => delivered.length === 1);
	return { waiting, job: fake.state.jobs[0], callback: asRequest(delivered[0]) };
}

test('the execution goes to waiting with its resume URL as webhookUrl, and polls nothing', async () => {
	const before = Date.now();
	const waiting = await runToWait(fake, webhookMode());
	expect(waiting.status).toBe('waiting');
	const [job] = fake.state.jobs;
	expect(waiting.resumeUrl).toMatch(/^https:\/\/n8n\.test\/webhook-waiting\//);
	expect(job.webhookUrl).toBe(waiting.resumeUrl);
	expect(waiting.waitTill.getTime()).toBeGreaterThanOrEqual(before + 3600 * 1000);
	expect(waiting.waitTill.getTime()).toBeLessThan(Date.now() + 3600 * 1000 + 1000);
	expect(waiting.run.data.resultData.metadata).toMatchObject({ vidgenJobId: job.id });
	await until(() => delivered.length === 1);
	expect(fake.requests('GET', /^\/api\/status\//)).toHaveLength(0);
});

test('a valid callback resumes the execution with the job', async () => {
	const { waiting, job, callback } = await waitingWithCallback();
	const resumed = await waiting.resume(callback);
	expect(resumed.resumed).toBe(true);
	expect(resumed.response.statusCode).toBe(200);
	expect(resumed.status).toBe('success');
	expect(resumed.items).toHaveLength(1);
	expect(resumed.items[0].json).toEqual(JSON.parse(delivered[0].body));
	expect(resumed.items[0].json).toMatchObject({ jobId: job.id, status: 'COMPLETED', outputVideo: `${fake.url}/files/${job.id}/video.mp4` });
});

test('an accepted callback is answered with JSON {"received":true,"resumed":true}, not n8n\'s fallback text', async () => {
	const { waiting, callback } = await waitingWithCallback();
	const resumed = await waiting.resume(callback);
	expect(resumed.resumed).toBe(true);
	expect(resumed.response).toMatchObject({ statusCode: 200, body: { received: true, resumed: true } });
	expect(resumed.response.headers['content-type']).toBe('application/json');
});

test('a forged callback gets 401 and resumes nothing; the real one still resumes afterwards', async () => {
	const { waiting, job, callback } = await waitingWithCallback();
	const forgedBody = JSON.stringify({ jobId: job.id, status: 'COMPLETED', outputVideo: 'https://evil.test/x.mp4' });
	const forged = await waiting.resume({
		...callback,
		body: JSON.parse(forgedBody),
		rawBody: Buffer.from(forgedBody),
		headers: { ...callback.headers, 'X-Webhook-Signature': sign(forgedBody, 'not-the-secret') },
	});
	expect(forged.resumed).toBe(false);
	expect(forged.status).toBe('waiting');
	expect(forged.response).toMatchObject({ statusCode: 401, body: { error: 'Invalid signature' } });

	const resumed = await waiting.resume(callback);
	expect(resumed.resumed).toBe(true);
	expect(resumed.items[0].json.outputVideo).not.toMatch(/evil/);
});

test.each([
	['no signature', (headers) => ({ ...headers, 'X-Webhook-Signature': undefined }), 'Missing signature'],
	['a malformed signature', (headers) => ({ ...headers, 'X-Webhook-Signature': 'sha256=abc' }), 'Malformed signature'],
	['the signature of another body', (headers) => ({ ...headers, 'X-Webhook-Signature': sign('{}') }), 'Invalid signature'],
])('a callback with %s is refused with 401', async (_name, headersOf, message) => {
	const { waiting, callback } = await waitingWithCallback();
	const headers = headersOf(callback.headers);
	if (headers['X-Webhook-Signature'] === undefined) delete headers['X-Webhook-Signature'];
	const refused = await waiting.resume({ ...callback, headers });
	expect(refused.resumed).toBe(false);
	expect(refused.response).toMatchObject({ statusCode: 401, body: { error: message } });
});

test('a tampered body (signature of the original) is refused', async () => {
	const { waiting, callback } = await waitingWithCallback();
	const tampered = callback.rawBody.toString().replace('"COMPLETED"', '"FAILED"');
	const refused = await waiting.resume({ ...callback, body: JSON.parse(tampered), rawBody: Buffer.from(tampered) });
	expect(refused.resumed).toBe(false);
	expect(refused.response.statusCode).toBe(401);
});

test('a correctly signed callback for another job does not resume this execution', async () => {
	const { waiting } = await waitingWithCallback();
	const other = JSON.stringify({ jobId: 'clsomeoneelsesjob000000000', status: 'COMPLETED' });
	const refused = await waiting.resume({ method: 'POST', headers: { 'X-Webhook-Signature': sign(other) }, body: JSON.parse(other), rawBody: Buffer.from(other) });
	expect(refused.resumed).toBe(false);
	expect(refused.response.statusCode).toBe(400);
	expect(refused.response.body.error).toMatch(/waits for job/);
});

test('a signed callback for a job that is not finished is acknowledged and the execution keeps waiting', async () => {
	const { waiting, job } = await waitingWithCallback();
	const progress = JSON.stringify({ jobId: job.id, status: 'PROCESSING', progress: 40 });
	const ack = await waiting.resume({ method: 'POST', headers: { 'X-Webhook-Signature': sign(progress) }, body: JSON.parse(progress), rawBody: Buffer.from(progress) });
	expect(ack.resumed).toBe(false);
	expect(ack.response.statusCode).toBe(200);
});

test('a FAILED callback resumes with the failure in the item', async () => {
	fake.planNextJob({ pendingMs: 0, processingMs: 5, outcome: 'FAILED', errorMessage: 'Image has no face' });
	const { waiting, job, callback } = await waitingWithCallback();
	const resumed = await waiting.resume(callback);
	expect(resumed.items[0].json).toMatchObject({ jobId: job.id, status: 'FAILED', errorMessage: 'Image has no face' });
});

test('Download Video puts the finished video in the resumed item', async () => {
	const { waiting, job, callback } = await waitingWithCallback(webhookMode({ downloadVideo: true, binaryPropertyName: 'video' }));
	const resumed = await waiting.resume(callback);
	const [item] = resumed.items;
	expect(item.binary.video.mimeType).toBe('video/mp4');
	expect((await resumed.binaryAsBuffer(item, 'video')).equals(fake.videoBytes(job.id))).toBe(true);
});

test('a failed video download still resumes, with the reason in videoDownloadError', async () => {
	const { waiting, job, callback } = await waitingWithCallback(webhookMode({ downloadVideo: true }));
	fake.addFault({ method: 'GET', path: `/files/${job.id}/video.mp4`, kind: '404', times: 10 });
	const resumed = await waiting.resume(callback);
	expect(resumed.resumed).toBe(true);
	expect(resumed.items[0].json).toMatchObject({ jobId: job.id, status: 'COMPLETED', videoDownloadError: expect.stringMatching(/HTTP 404/) });
});

describe('refused before anything is submitted', () => {
	test('without a Webhook Secret in the credential', async () => {
		const result = await run(fake, webhookMode(), { webhookSecret: '' });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/"Wait Mode".*Webhook Secret/);
		expect(fake.log).toHaveLength(0);
	});

	test('with more than one input item', async () => {
		const result = await run(fake, webhookMode(), { items: [mediaItem(), mediaItem()] });
		expect(result.error.message).toMatch(/"Wait Mode".*2 items/);
		expect(fake.log).toHaveLength(0);
	});

	test('with a Webhook URL of its own', async () => {
		const result = await run(fake, webhookMode({ options: { webhookUrl: 'https://hooks.example.test/x' } }));
		expect(result.error.message).toMatch(/"Webhook URL"/);
		expect(fake.log).toHaveLength(0);
	});
});

test('an n8n that is not reachable over HTTPS is told to use polling (its resume URL is http://)', () => {
	const { resumeUrlOf } = require('../../nodes/Vidgen/helpers/resume.ts');
	const { validatorFor } = require('../../nodes/shared/validation.ts');
	const context = { evaluateExpression: () => 'http://localhost:5678/webhook-waiting/7', getNode: () => ({ name: 'Vidgen' }) };
	expect(() => resumeUrlOf(context, 0, validatorFor(context, 0))).toThrow(/"Wait Mode".*http:\/\/localhost:5678.*only calls https:\/\//);
	const https = { ...context, evaluateExpression: () => 'https://n8n.example.com/webhook-waiting/7?signature=abc' };
	expect(resumeUrlOf(https, 0, validatorFor(https, 0))).toBe('https://n8n.example.com/webhook-waiting/7?signature=abc');
});
