'use strict';
/** Every error code on the FLORA page becomes a NodeApiError with FLORA's message, the HTTP status and clear advice. */
const { NodeApiError } = require('n8n-workflow');
const { API_KEY, BASE, startFake, run, locator, createRun, visibleText, creates } = require('./helpers');
const { flora } = require('../../nodes/Flora/transport.ts');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const getTechnique = { resource: 'technique', operation: 'get', technique: locator('studio-shot') };

function expectApiError(result, { status, code, message, advice }) {
	expect(result.error).toBeInstanceOf(NodeApiError);
	expect(result.error.httpCode).toBe(String(status));
	expect(result.error.message).toBe(`FLORA: ${message}`);
	expect(result.error.context.apiCode).toBe(code);
	expect(result.error.description).toMatch(advice);
	expect(visibleText(result)).not.toContain(API_KEY);
}

describe('documented error codes', () => {
	test('401 unauthorized (no auth header): check the credential has a key', async () => {
		fake = await startFake();
		fake.failNext({ path: `${BASE}/studio-shot`, status: 401, code: 'unauthorized', message: 'Missing Authorization header' });
		const result = await run(fake, getTechnique);
		expectApiError(result, { status: 401, code: 'unauthorized', message: 'Missing Authorization header', advice: /received no API key/ });
	});

	test('401 invalid_api_key (wrong or revoked key): make a new key, one is active at a time', async () => {
		fake = await startFake();
		const result = await run(fake, getTechnique, { apiKey: 'sk_live_revoked_or_wrong' });
		expectApiError(result, { status: 401, code: 'invalid_api_key', message: 'Invalid or revoked API key', advice: /wrong or was revoked.*Settings → API Keys/ });
		expect(fake.log).toHaveLength(1);
	});

	test('400 invalid_json: check the JSON', async () => {
		fake = await startFake();
		fake.failNext({ method: 'POST', status: 400, code: 'invalid_json', message: 'Malformed request body' });
		const result = await run(fake, createRun());
		expectApiError(result, { status: 400, code: 'invalid_json', message: 'Malformed request body', advice: /could not read the request body as JSON/ });
		expect(creates(fake)).toHaveLength(1);
	});

	test('400 input_validation_error (FLORA changed its mind about the inputs): use Technique → Get and match exactly', async () => {
		fake = await startFake();
		fake.failNext({ method: 'POST', status: 400, code: 'input_validation_error', message: 'product_image: Required' });
		const result = await run(fake, createRun());
		expectApiError(result, {
			status: 400,
			code: 'input_validation_error',
			message: 'product_image: Required',
			advice: /Use Technique → Get to see its inputs/,
		});
		expect(creates(fake)).toHaveLength(1);
	});

	test('404 not_found (bad slug): where to find the slug', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ slug: 'portrait-enhancer' }));
		expectApiError(result, { status: 404, code: 'not_found', message: 'Technique portrait-enhancer not found', advice: /app\.flora\.ai\/techniques\/<slug>/ });
	});

	test('402 insufficient_credits: not re-sent, no run, the key kept for a later re-run', async () => {
		fake = await startFake({ credits: 5 });
		const result = await run(fake, createRun());
		expectApiError(result, { status: 402, code: 'insufficient_credits', message: 'Insufficient credits: run costs 10, 5 left', advice: /out of credits/ });
		expect(creates(fake)).toHaveLength(1);
		expect(fake.state.runsCreated).toBe(0);
		expect(result.error.context.idempotencyKey).toBe(creates(fake)[0].body.idempotency_key);
	});

	test('every code on the page has its own advice in the service descriptor', () => {
		const codes = { unauthorized: 401, invalid_api_key: 401, invalid_json: 400, input_validation_error: 400, not_found: 404, insufficient_credits: 402 };
		const advice = Object.entries(codes).map(([code, status]) => flora.describeError(status, code));
		expect(new Set(advice).size).toBe(6);
		expect(flora.parseError({ error: { code: 'not_found', message: 'x' } })).toEqual({ code: 'not_found', message: 'x' });
		expect(flora.describeError(503, 'overloaded')).toMatch(/unexpected error/);
	});
});

describe('transient failures', () => {
	test('a 429 on create is waited out and re-sent (same key), one run', async () => {
		fake = await startFake();
		fake.addFault({ method: 'POST', path: `${BASE}/studio-shot/runs`, kind: '429', retryAfter: '0' });
		const result = await run(fake, createRun());
		expect(result.error).toBeUndefined();
		expect(creates(fake).map((c) => c.status)).toEqual([429, 201]);
		expect(fake.state.runsCreated).toBe(1);
	});

	test('a poll that fails once (500) does not end the wait', async () => {
		fake = await startFake();
		fake.addFault({ method: 'GET', path: /\/runs\/run_/, kind: '500' });
		const result = await run(fake, createRun());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
	});

	test('a malformed JSON answer to a poll is retried', async () => {
		fake = await startFake();
		fake.addFault({ method: 'GET', path: /\/runs\/run_/, kind: 'malformed' });
		const result = await run(fake, createRun());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
	});
});
