'use strict';
/** API errors, faults, money rules, continueOnFail and keeping the API key out of everything. */
const { NodeApiError } = require('n8n-workflow');
const { API_KEY, BASE, startFake, run, visibleText } = require('./helpers');
const { KNOWN_STYLE_IDS } = require('../fakes/flokan/imageEditor');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const generate = (extra = {}) => ({
	resource: 'image',
	operation: 'generate',
	prompt: 'A fox',
	modelTier: 'pro',
	options: { downloadResult: false },
	...extra,
});
const getJob = (jobId) => ({ resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: jobId } });

describe("API errors carry the API's own message and status", () => {
	test('401: unknown key', async () => {
		fake = await startFake();
		const result = await run(fake, generate(), { apiKey: 'flk_not_a_real_key' });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.message).toBe('Flokan Image Editor: Invalid API key');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.description).toMatch(/credential/);
	});

	test('403: key without the image_editor scope', async () => {
		fake = await startFake({ grants: { scopes: ['thumbnail_generator'] } });
		const result = await run(fake, generate());
		expect(result.error.message).toBe('Flokan Image Editor: API key is missing the image_editor scope');
		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toMatch(/"image_editor" scope/);
	});

	test('403: user without the access_image_editor permission', async () => {
		fake = await startFake({ grants: { scopes: ['image_editor'], permissions: [] } });
		const result = await run(fake, getJob('9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6'));
		expect(result.error.message).toMatch(/access_image_editor permission/);
		expect(result.error.httpCode).toBe('403');
	});

	test('402: not enough credits, nothing generated', async () => {
		fake = await startFake({ credits: 5 });
		const result = await run(fake, generate());
		expect(result.error.message).toBe('Flokan Image Editor: Insufficient AI credits: this call needs 50, the workspace has 5');
		expect(result.error.httpCode).toBe('402');
		expect(result.error.description).toMatch(/BYOK/);
	});

	test('422: BYOK provider not configured', async () => {
		fake = await startFake({ byokProviders: [] });
		const result = await run(fake, generate({ provider: 'fal' }));
		expect(result.error.message).toMatch(/BYOK provider "fal" is not configured/);
		expect(result.error.httpCode).toBe('422');
	});

	test('422: safety filter; the failed job is then readable with Job → Get', async () => {
		fake = await startFake();
		const result = await run(fake, generate({ prompt: 'forbidden-content please' }));
		expect(result.error.message).toBe('Flokan Image Editor: Provider safety filter rejected the prompt');
		const [failed] = fake.state.imageEditor.jobs.values();
		const job = await run(fake, getJob(failed.job_id));
		expect(job.items[0].json).toMatchObject({ status: 'failed', error: 'Provider safety filter rejected the prompt' });
	});

	test('404: unknown style and unknown job', async () => {
		fake = await startFake();
		const style = await run(fake, generate({ additionalFields: { styleId: '0e5f2c3a-7b8d-4e9f-a1b2-000000000000' } }));
		expect(style.error.message).toMatch(/Style 0e5f2c3a-7b8d-4e9f-a1b2-000000000000 not found/);
		expect(style.error.httpCode).toBe('404');
		const job = await run(fake, getJob('9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6'));
		expect(job.error.message).toMatch(/Job 9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6 not found/);
	});
});

describe('retries follow the money rules', () => {
	test('429 on a GET: waits for Retry-After, sends nothing meanwhile, then succeeds', async () => {
		fake = await startFake();
		const [seeded] = fake.state.imageEditor.seedJobs(1);
		fake.addFault({ method: 'GET', path: `${BASE}/jobs/${seeded.job_id}`, kind: '429', retryAfter: '1' });
		const result = await run(fake, getJob(seeded.job_id));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.job_id).toBe(seeded.job_id);
		expect(fake.log.map((e) => e.status)).toEqual([429, 200]);
		const [limited, retried] = fake.log;
		expect(retried.at - limited.at).toBeGreaterThanOrEqual(950);
	});

	test('429 on POST /process is re-sent after Retry-After (the server did no work)', async () => {
		fake = await startFake();
		fake.addFault({ method: 'POST', path: `${BASE}/process`, kind: '429', retryAfter: '1' });
		const result = await run(fake, generate());
		expect(result.error).toBeUndefined();
		expect(fake.requests('POST', `${BASE}/process`).map((e) => e.status)).toEqual([429, 201]);
	});

	test('500 on POST /process is not re-sent; the error names the status and what to check', async () => {
		fake = await startFake();
		fake.addFault({ method: 'POST', path: `${BASE}/process`, kind: '500', afterHandler: true });
		const result = await run(fake, generate());
		expect(fake.requests('POST', `${BASE}/process`)).toHaveLength(1);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.message).toBe('Flokan Image Editor: Injected server error (HTTP 500)');
		expect(result.error.httpCode).toBe('500');
		expect(result.error.description).toMatch(/not sent again.*Job → Get Many/s);
		// The fake did the work and charged for it: exactly once.
		expect(fake.state.imageEditor.jobs.size).toBe(1);
	});

	test('a dropped connection on POST /process is not re-sent', async () => {
		fake = await startFake({ credits: 500 });
		fake.addFault({ method: 'POST', path: `${BASE}/process`, kind: 'drop', afterHandler: true });
		const result = await run(fake, generate());
		expect(fake.requests('POST', `${BASE}/process`)).toHaveLength(1);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.message).toBe('Flokan Image Editor: the connection ended before POST /process answered (dropped or timed out)');
		expect(result.error.description).toMatch(/not sent again/);
		expect(fake.state.workspace.credits).toBe(450);
	});

	test('a dropped connection on a GET is re-sent', async () => {
		fake = await startFake();
		const [seeded] = fake.state.imageEditor.seedJobs(1);
		fake.addFault({ method: 'GET', path: `${BASE}/jobs/${seeded.job_id}`, kind: 'drop' });
		const result = await run(fake, getJob(seeded.job_id));
		expect(result.error).toBeUndefined();
		expect(fake.requests('GET')).toHaveLength(2);
	});
});

describe('after a paid generation', () => {
	test('a failed download names the job and the result image, and /process is not repeated', async () => {
		fake = await startFake();
		fake.addFault({ method: 'GET', path: /^\/cdn\//, kind: '403' });
		const result = await run(fake, generate({ options: { downloadResult: true } }), { continueOnFail: true });
		const [job] = fake.state.imageEditor.jobs.values();
		expect(result.items[0].json).toMatchObject({
			error: expect.stringMatching(/Could not download .*\(HTTP 403\)/),
			jobId: job.job_id,
			imageId: job.result_image_id,
			description: expect.stringContaining(`Image ID: ${job.result_image_id}`),
		});
		expect(fake.requests('POST', `${BASE}/process`)).toHaveLength(1);
	});
});

describe('Continue On Fail', () => {
	test('a failing item becomes an error item with its pairing; the other items still run', async () => {
		fake = await startFake();
		const result = await run(
			fake,
			generate({ prompt: '={{ $json.prompt }}', modelTier: '={{ $json.tier }}', additionalFields: { styleId: '={{ $json.style }}' } }),
			{
				continueOnFail: true,
				items: [
					{ json: { prompt: 'ok one', tier: 'pro', style: '' } },
					{ json: { prompt: 'bad tier', tier: 'mega', style: '' } },
					{ json: { prompt: 'forbidden-content', tier: 'pro', style: '' } },
					{ json: { prompt: 'ok two', tier: 'standard', style: KNOWN_STYLE_IDS[0] } },
				],
			},
		);
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(4);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.status).toBe('completed');
		expect(result.items[1].json.error).toMatch(/"Model Tier": "mega" is not supported/);
		expect(result.items[2].json).toMatchObject({ error: expect.stringMatching(/safety filter/), httpCode: '422' });
		expect(result.items[3].json).toMatchObject({ status: 'completed', model_tier: 'standard' });
		expect(fake.requests('POST', `${BASE}/process`).map((r) => r.body.prompt)).toEqual(['ok one', 'forbidden-content', 'ok two']);
	});
});

describe('the API key never shows', () => {
	const scenarios = [
		['success with download', (f) => run(f, generate({ options: { downloadResult: true } }))],
		['binary upload', (f) => run(f, { ...generate(), source: 'binary', inputBinaryField: 'data' }, { items: [{ json: {}, binary: { data: { data: Buffer.from('x'), mimeType: 'image/png', fileName: 'a.png' } } }] })],
		['402', (f) => ((f.state.workspace.credits = 0), run(f, generate()))],
		['500 on /process', (f) => (f.addFault({ method: 'POST', path: `${BASE}/process`, kind: '500' }), run(f, generate()))],
		['dropped /process', (f) => (f.addFault({ method: 'POST', path: `${BASE}/process`, kind: 'drop' }), run(f, generate()))],
		['malformed JSON', (f) => (f.addFault({ method: 'POST', path: `${BASE}/process`, kind: 'malformed' }), run(f, generate()))],
		['continueOnFail error item', (f) => run(f, generate({ prompt: 'forbidden-content' }), { continueOnFail: true })],
		['job list', (f) => (f.state.imageEditor.seedJobs(3), run(f, { resource: 'job', operation: 'getMany', returnAll: true }))],
	];

	test.each(scenarios)('%s', async (_name, scenario) => {
		fake = await startFake();
		const result = await scenario(fake);
		expect(result.logs.length).toBeGreaterThan(0);
		const text = visibleText(result);
		expect(text).not.toContain(API_KEY);
		expect(text).not.toContain(API_KEY.slice(4, 20));
		// and the key did reach the API (so the check above is meaningful)
		expect(fake.requests().some((e) => e.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
		// presigned and CDN requests never got it
		for (const entry of fake.requests().filter((e) => !e.path.startsWith(BASE))) {
			expect(JSON.stringify(entry.headers)).not.toContain(API_KEY);
		}
	});
});
