'use strict';
/** nodes/shared/webhookSignature.ts: the hex HMAC-SHA256 check both Vidgen nodes use. */
const crypto = require('node:crypto');
const { checkHexHmacSha256 } = require('../../nodes/shared/webhookSignature.ts');

const secret = 'whsec_unit';
const body = Buffer.from('{"jobId":"cl1","status":"COMPLETED"}');
const good = crypto.createHmac('sha256', secret).update(body).digest('hex');

test.each([
	['the right signature', good, 'valid'],
	['the right signature in upper case', good.toUpperCase(), 'valid'],
	['no header', undefined, 'missing'],
	['an empty header', '', 'missing'],
	['repeated headers (an array)', [good, good], 'missing'],
	['a prefixed signature', `sha256=${good}`, 'malformed'],
	['a signature one digit short', good.slice(1), 'malformed'],
	['non-hex characters', `${good.slice(0, 63)}z`, 'malformed'],
	['base64 instead of hex', crypto.createHmac('sha256', secret).update(body).digest('base64'), 'malformed'],
	['another secret', crypto.createHmac('sha256', 'other').update(body).digest('hex'), 'mismatch'],
	['one flipped digit', `${good.slice(0, 63)}${good[63] === '0' ? '1' : '0'}`, 'mismatch'],
])('%s → %s', (_name, signature, expected) => {
	expect(checkHexHmacSha256(body, signature, secret)).toBe(expected);
});

test('the body is signed as raw bytes: a re-serialised body does not match', () => {
	const spaced = Buffer.from('{"jobId": "cl1", "status": "COMPLETED"}');
	expect(checkHexHmacSha256(spaced, good, secret)).toBe('mismatch');
});

describe('exactly-once callbacks through the real engine (Vidgen Trigger)', () => {
	const { startFake, trigger, WEBHOOK_SECRET } = require('./helpers');
	const { DELIVERY_MEMORY } = require('../../nodes/shared/deliveredEvents.ts');

	/** A Vidgen Trigger as a fresh n8n process loads it: nothing remembered in memory. */
	function triggerInNewProcess() {
		let fresh;
		jest.isolateModules(() => {
			fresh = require('../../nodes/VidgenTrigger/VidgenTrigger.node.ts').VidgenTrigger;
		});
		return fresh;
	}
	const signed = (jobId) => {
		const payload = JSON.stringify({ jobId, status: 'COMPLETED', progress: 100, outputVideo: null, errorMessage: null });
		return { body: payload, headers: { 'X-Webhook-Signature': crypto.createHmac('sha256', WEBHOOK_SECRET).update(payload).digest('hex') } };
	};
	const expectStarted = (result) => {
		expect(result.response.statusCode).toBe(200);
		expect(result.webhookResponse.workflowData[0]).toHaveLength(1);
	};
	const expectDuplicate = (result) => {
		expect(result.response).toMatchObject({ statusCode: 200, body: { received: true, duplicate: true } });
		expect(result.webhookResponse.workflowData).toBeUndefined();
	};

	let fake;
	beforeEach(async () => {
		fake = await startFake();
	});
	afterEach(async () => {
		await fake.close();
	});

	test('a signed event delivered again after a restart, or to another process, is acknowledged and starts nothing', async () => {
		const event = signed('clrestartabcdefghijklmnop');
		const first = await trigger(fake, { ...event, node: triggerInNewProcess(), staticData: {} });
		expectStarted(first);
		// n8n saved the workflow's static data after the call; it holds the event, and no secret.
		expect(first.savedStaticData['node:Node'].deliveredEvents).toEqual({ [event.headers['X-Webhook-Signature']]: expect.any(Number) });
		expect(JSON.stringify(first.savedStaticData)).not.toContain(WEBHOOK_SECRET);

		const afterRestart = await trigger(fake, { ...event, node: triggerInNewProcess(), staticData: first.savedStaticData });
		expectDuplicate(afterRestart);
		const webhookProcess = await trigger(fake, { ...event, node: triggerInNewProcess(), staticData: first.savedStaticData });
		expectDuplicate(webhookProcess);

		// Without the saved memory (what a new process had before), the same event starts again.
		expectStarted(await trigger(fake, { ...event, node: triggerInNewProcess(), staticData: {} }));
	});

	test('a repeat within one process is acknowledged from memory; a different event still starts', async () => {
		const node = triggerInNewProcess();
		const event = signed('clsameprocessabcdefghijkl');
		expectStarted(await trigger(fake, { ...event, node }));
		expectDuplicate(await trigger(fake, { ...event, node }));
		expectStarted(await trigger(fake, { ...signed('clotherjobabcdefghijklmno'), node }));
	});

	test('forged and unsigned calls still get 401 after the real event was seen, and change no saved data', async () => {
		const event = signed('clforgedabcdefghijklmnopq');
		const first = await trigger(fake, { ...event, node: triggerInNewProcess(), staticData: {} });
		expectStarted(first);
		const forgedSignature = crypto.createHmac('sha256', 'guess').update(event.body).digest('hex');
		for (const headers of [{ 'X-Webhook-Signature': forgedSignature }, {}]) {
			const refused = await trigger(fake, { body: event.body, headers, node: triggerInNewProcess(), staticData: first.savedStaticData });
			expect(refused.response.statusCode).toBe(401);
			expect(refused.webhookResponse).toEqual({ noWebhookResponse: true });
			expect(refused.savedStaticData).toBeUndefined();
		}
	});

	test(`the saved memory stays bounded: at most ${DELIVERY_MEMORY.maxEntries} events, the oldest forgotten first`, async () => {
		const seen = {};
		for (let n = 0; n < DELIVERY_MEMORY.maxEntries; n++) seen[`${n}`.padStart(64, 'a')] = Date.now() - DELIVERY_MEMORY.maxEntries + n;
		const event = signed('clboundedabcdefghijklmnop');
		const result = await trigger(fake, { ...event, node: triggerInNewProcess(), staticData: { 'node:Node': { deliveredEvents: seen } } });
		expectStarted(result);
		const kept = result.savedStaticData['node:Node'].deliveredEvents;
		expect(Object.keys(kept)).toHaveLength(DELIVERY_MEMORY.maxEntries);
		expect(kept).not.toHaveProperty('0'.padStart(64, 'a'));
		expect(kept).toHaveProperty(event.headers['X-Webhook-Signature']);
	});
});
