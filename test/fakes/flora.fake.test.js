'use strict';
/** The fake FLORA API honours the page's contract (checked with plain fetch). */
const { startFloraFake, mediaUrlProblem, PNG_BYTES, MP4_BYTES } = require('./flora');
const { CATALOG_SLUGS } = require('./floraTechniques');

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fake FLORA API', () => {
	let server;
	let auth;
	beforeEach(async () => {
		server = await startFloraFake({ durations: { pendingMs: 30, runningMs: 120 } });
		auth = { Authorization: `Bearer ${server.apiKey}` };
	});
	afterEach(() => server.close());

	const call = async (method, path, { body, headers = auth, raw } = {}) => {
		const response = await fetch(server.url + path, {
			method,
			headers: { ...headers, ...(body !== undefined || raw ? { 'Content-Type': 'application/json' } : {}) },
			body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
		});
		return { status: response.status, body: await response.json(), headers: response.headers };
	};
	const studioInputs = [{ id: 'product_image', type: 'imageUrl', value: 'https://media.flora.ai/p/shoe.png' }];
	const createStudio = (extra = {}) =>
		call('POST', '/api/v1/techniques/studio-shot/runs', { body: { inputs: studioInputs, mode: 'async', ...extra } });

	test('knows every slug listed on the page', () => {
		expect(CATALOG_SLUGS).toHaveLength(38);
		expect(new Set(CATALOG_SLUGS).size).toBe(38);
	});

	test('auth: missing header → unauthorized, unknown or revoked key → invalid_api_key', async () => {
		const missing = await call('GET', '/api/v1/techniques/studio-shot', { headers: {} });
		expect(missing).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
		expect(typeof missing.body.error.message).toBe('string');
		const unknown = await call('GET', '/api/v1/techniques/studio-shot', { headers: { Authorization: 'Bearer sk_live_nope' } });
		expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } });
		server.revokeKey(server.apiKey);
		const revoked = await call('GET', '/api/v1/techniques/studio-shot');
		expect(revoked).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } });
	});

	test('GET technique returns inputs, outputs and cost; unknown slug → 404 not_found', async () => {
		const { status, body } = await call('GET', '/api/v1/techniques/studio-shot');
		expect(status).toBe(200);
		expect(body).toMatchObject({ slug: 'studio-shot', name: 'Studio Shot', cost: expect.any(Number) });
		expect(body.inputs).toContainEqual(expect.objectContaining({ id: 'product_image', type: 'imageUrl', required: true }));
		expect(body.inputs).toContainEqual(expect.objectContaining({ type: 'text' }));
		expect(body.outputs[0]).toMatchObject({ id: expect.any(String), type: 'imageUrl' });
		const animator = await call('GET', '/api/v1/techniques/product-animator');
		expect(animator.body.inputs.map((i) => i.type)).toContain('videoUrl');
		const missing = await call('GET', '/api/v1/techniques/portrait-enhancer');
		expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
	});

	test('malformed JSON → 400 invalid_json', async () => {
		const { status, body } = await call('POST', '/api/v1/techniques/studio-shot/runs', { raw: '{"inputs": [' });
		expect(status).toBe(400);
		expect(body.error.code).toBe('invalid_json');
		expect(server.state.runsCreated).toBe(0);
	});

	test.each([
		['wrong id', [{ id: 'image', type: 'imageUrl', value: 'https://media.flora.ai/a.png' }]],
		['wrong type', [{ id: 'product_image', type: 'videoUrl', value: 'https://media.flora.ai/a.png' }]],
		['unknown type', [{ id: 'product_image', type: 'image_url', value: 'https://media.flora.ai/a.png' }]],
		['required missing', [{ id: 'background', type: 'text', value: 'grey' }]],
		['too many / duplicate', [...studioInputs, ...studioInputs]],
		['http URL', [{ id: 'product_image', type: 'imageUrl', value: 'http://media.flora.ai/a.png' }]],
		['host not allowed', [{ id: 'product_image', type: 'imageUrl', value: 'https://example.com/a.png' }]],
		['empty value', [{ id: 'product_image', type: 'imageUrl', value: '' }]],
		['not an array', { product_image: 'https://media.flora.ai/a.png' }],
	])('input validation: %s → 400 input_validation_error', async (_name, inputs) => {
		const { status, body } = await call('POST', '/api/v1/techniques/studio-shot/runs', { body: { inputs, mode: 'async' } });
		expect(status).toBe(400);
		expect(body.error.code).toBe('input_validation_error');
		expect(body.error.message).toBeTruthy();
		expect(server.state.runsCreated).toBe(0);
	});

	test('mode must be "async"', async () => {
		const { status, body } = await createStudio({ mode: 'sync' });
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ code: 'input_validation_error', message: expect.stringContaining('mode') });
	});

	test('media host rules follow the page', () => {
		const ok = [
			'https://media.flora.ai/x.png',
			'https://storage.googleapis.com/bucket/x.png',
			'https://my-bucket.storage.googleapis.com/x.png',
			'https://my-bucket.s3.us-east-1.amazonaws.com/x.png',
			'https://my-bucket.s3.amazonaws.com/x.png',
			'https://s3.eu-west-2.amazonaws.com/my-bucket/x.png',
			'https://s3.dualstack.ap-southeast-2.amazonaws.com/my-bucket/x.png',
			'https://my-bucket.s3.dualstack.us-west-2.amazonaws.com/x.png',
			'https://my-bucket.s3-accelerate.amazonaws.com/x.png',
			'https://ik.imagekit.io/acme/x.png',
		];
		const bad = [
			'http://media.flora.ai/x.png',
			'https://evil.com/x.png',
			'https://media.flora.ai.evil.com/x.png',
			'https://s3.us-east-1.amazonaws.com/only-bucket',
			'https://imagekit.io/x.png',
			'not a url',
		];
		for (const url of ok) expect([url, mediaUrlProblem(url)]).toEqual([url, undefined]);
		for (const url of bad) expect([url, mediaUrlProblem(url)]).toEqual([url, expect.any(String)]);
	});

	test('402 insufficient_credits when credits are short', async () => {
		server.state.credits = 5;
		const { status, body } = await createStudio();
		expect(status).toBe(402);
		expect(body.error.code).toBe('insufficient_credits');
		expect(server.state.runsCreated).toBe(0);
	});

	test('run lifecycle: 201 pending → running with rising progress → completed with outputs served publicly', async () => {
		// Running for a minute unless finished: it ends once two running states have been read.
		server.state.durations = { pendingMs: 30, runningMs: 60_000 };
		const created = await createStudio();
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ runId: expect.stringMatching(/^run_/), status: 'pending', progress: 0, outputs: [] });
		const path = `/api/v1/techniques/studio-shot/runs/${created.body.runId}`;
		const seen = [];
		let last;
		for (let i = 0; i < 100; i += 1) {
			last = (await call('GET', path)).body;
			seen.push(last);
			if (last.status === 'completed' || last.status === 'failed') break;
			if (seen.filter((s) => s.status === 'running').length === 2) server.finishRun(created.body.runId);
			await wait(10);
		}
		expect(last).toMatchObject({ status: 'completed', progress: 100, chargedCost: 10 });
		const running = seen.filter((s) => s.status === 'running').map((s) => s.progress);
		expect(running).toHaveLength(2);
		expect([...running].sort((a, b) => a - b)).toEqual(running);
		expect(last.outputs).toEqual([{ id: 'studio_image', type: 'imageUrl', url: expect.stringContaining('/media/') }]);
		const media = await fetch(last.outputs[0].url);
		expect(media.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await media.arrayBuffer())).toEqual(PNG_BYTES);
	});

	test('video outputs serve MP4 bytes', async () => {
		server.state.durations = { pendingMs: 0, runningMs: 0 };
		const created = await call('POST', '/api/v1/techniques/product-motion/runs', {
			body: { inputs: [{ id: 'product_image', type: 'imageUrl', value: 'https://ik.imagekit.io/a/b.jpg' }], mode: 'async' },
		});
		const run = await call('GET', `/api/v1/techniques/product-motion/runs/${created.body.runId}`);
		expect(run.body.outputs[0].type).toBe('videoUrl');
		const media = await fetch(run.body.outputs[0].url);
		expect(media.headers.get('content-type')).toBe('video/mp4');
		expect(Buffer.from(await media.arrayBuffer())).toEqual(MP4_BYTES);
	});

	test('nextOutcome failed → failed with errorCode and errorMessage', async () => {
		server.state.durations = { pendingMs: 0, runningMs: 0 };
		server.state.nextOutcome = 'failed';
		const failed = await createStudio();
		const run = await call('GET', `/api/v1/techniques/studio-shot/runs/${failed.body.runId}`);
		expect(run.body).toMatchObject({ status: 'failed', errorCode: 'provider_error', errorMessage: expect.any(String) });
		const next = await createStudio();
		const nextRun = await call('GET', `/api/v1/techniques/studio-shot/runs/${next.body.runId}`);
		expect(nextRun.body.status).toBe('completed');
		server.queueRun({ outcome: 'failed', errorCode: 'nsfw_blocked', errorMessage: 'Blocked', pendingMs: 0, runningMs: 0 });
		const queued = await createStudio();
		const queuedRun = await call('GET', `/api/v1/techniques/studio-shot/runs/${queued.body.runId}`);
		expect(queuedRun.body).toMatchObject({ status: 'failed', errorCode: 'nsfw_blocked', errorMessage: 'Blocked' });
	});

	test('idempotency_key returns the existing run and creates nothing new', async () => {
		const first = await createStudio({ idempotency_key: 'abc-1' });
		const second = await createStudio({ idempotency_key: 'abc-1' });
		expect(first.status).toBe(201);
		expect([200, 201]).toContain(second.status);
		expect(second.body.runId).toBe(first.body.runId);
		expect(server.state.runsCreated).toBe(1);
		const other = await createStudio({ idempotency_key: 'abc-2' });
		expect(other.body.runId).not.toBe(first.body.runId);
		expect(server.state.runsCreated).toBe(2);
	});

	test('unknown run id or run under another slug → 404 not_found', async () => {
		const created = await createStudio();
		const wrongId = await call('GET', '/api/v1/techniques/studio-shot/runs/run_missing');
		expect(wrongId).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
		const wrongSlug = await call('GET', `/api/v1/techniques/mugshot/runs/${created.body.runId}`);
		expect(wrongSlug.status).toBe(404);
	});

	test('faults: a drop after the handler still created the run; the retry with the same key replays it', async () => {
		server.addFault({ method: 'POST', path: '/api/v1/techniques/studio-shot/runs', kind: 'drop', afterHandler: true });
		await expect(createStudio({ idempotency_key: 'k' })).rejects.toThrow();
		const retry = await createStudio({ idempotency_key: 'k' });
		expect(retry.status).toBe(200);
		expect(server.state.runsCreated).toBe(1);
		expect(server.requests('POST')).toHaveLength(2);
	});
});
