'use strict';
/**
 * Resume on Webhook Callback on an n8n whose node contexts have no `customData` (n8n-core before
 * 2.16: n8n 1.x and 2.0–2.15), emulated on the harness's n8n-core 2.41 by removing that getter.
 * There the job ID must still reach the execution's custom data, and the callback handler must still
 * know which job the execution waits for. An n8n with no custom data at all is refused before
 * anything is sent.
 */
const crypto = require('node:crypto');
const { contextsWithoutCustomData, vmExpressionsWithoutCustomDataMethods, noExecutionCustomData } = require('../harness/older-n8n');
const { WEBHOOK_SECRET, startFake, create, runToWait, run, asRequest, captureDeliveries, until } = require('./helpers');

let fake;
let delivered;
let undoEmulation;
beforeEach(async () => {
	fake = await startFake({ pendingMs: 5, processingMs: 10 });
	delivered = captureDeliveries(fake);
});
afterEach(async () => {
	undoEmulation?.();
	undoEmulation = undefined;
	await fake.close();
});

const webhookMode = () => create({ waitMode: 'webhook', maxWaitSeconds: 3600 });
const signed = (body) => ({
	method: 'POST',
	headers: { 'X-Webhook-Signature': crypto.createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex') },
	body: JSON.parse(body),
	rawBody: Buffer.from(body),
});

describe('contexts without customData (n8n before 2.16), expressions on the vm engine (n8n 1.123 default)', () => {
	beforeEach(() => {
		const undoContexts = contextsWithoutCustomData();
		const undoExpressions = vmExpressionsWithoutCustomDataMethods();
		undoEmulation = () => {
			undoExpressions();
			undoContexts();
		};
	});

	test('the emulation removes customData from the contexts the node gets', async () => {
		const { core } = require('../harness/engine');
		expect('customData' in core.ExecuteContext.prototype).toBe(false);
		expect('customData' in core.WebhookContext.prototype).toBe(false);
	});

	test('the execution goes to waiting with the job ID in its custom data, and a valid callback resumes it', async () => {
		const waiting = await runToWait(fake, webhookMode());
		const [job] = fake.state.jobs;
		expect(waiting.status).toBe('waiting');
		expect(waiting.run.data.resultData.metadata).toMatchObject({ vidgenJobId: job.id });
		await until(() => delivered.length === 1);
		const resumed = await waiting.resume(asRequest(delivered[0]));
		expect(resumed.resumed).toBe(true);
		expect(resumed.status).toBe('success');
		expect(resumed.items[0].json).toMatchObject({ jobId: job.id, status: 'COMPLETED' });
	});

	test('a correctly signed callback for another job does not resume it (the handler knows the waited job)', async () => {
		const waiting = await runToWait(fake, webhookMode());
		const [job] = fake.state.jobs;
		const refused = await waiting.resume(signed(JSON.stringify({ jobId: 'clsomeoneelsesjob000000000', status: 'COMPLETED' })));
		expect(refused.resumed).toBe(false);
		expect(refused.response.statusCode).toBe(400);
		expect(refused.response.body.error).toBe(`This execution waits for job ${job.id}, not clsomeoneelsesjob000000000`);
	});
});

test('an n8n that gives nodes no execution custom data is refused before any request reaches Vidgen', async () => {
	undoEmulation = noExecutionCustomData();
	const result = await run(fake, webhookMode());
	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(/^Invalid "Wait Mode": Resume on Webhook Callback keeps the job ID in the execution's custom data/);
	expect(result.error.description).toMatch(/Poll Until Done/);
	expect(fake.log).toHaveLength(0);
});
