'use strict';
/** Health → Check, Job → Get Status / Get Many / Cancel, the job list search and the credential. */
const { NodeApiError } = require('n8n-workflow');
const { VidgenApi } = require('../../credentials/VidgenApi.credentials.ts');
const { VIDGEN_PATHS } = require('../../nodes/Vidgen/transport.ts');
const { API_KEY, OTHER_KEY, startFake, run, jobRef, listSearch } = require('./helpers');

let fake;
beforeEach(async () => {
	fake = await startFake();
});
afterEach(async () => {
	await fake.close();
});

const getMany = (extra = {}) => ({ resource: 'job', operation: 'getMany', ...extra });

test('Health → Check returns the liveness answer', async () => {
	const result = await run(fake, { resource: 'health', operation: 'check' });
	expect(result.status).toBe('success');
	expect(result.items.map((item) => item.json)).toEqual([{ status: 'ok' }]);
	expect(fake.requests('GET', '/health')).toHaveLength(1);
});

describe('Job → Get Status', () => {
	test('returns status, progress and outputs of the job', async () => {
		const job = fake.seedJob({ status: 'PROCESSING' });
		const result = await run(fake, { resource: 'job', operation: 'getStatus', jobId: jobRef(job.id) });
		expect(result.items[0].json).toEqual({
			jobId: job.id,
			status: 'PROCESSING',
			progress: 0,
			outputVideo: null,
			outputShareLink: null,
			errorMessage: null,
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
		});
	});

	test("another key's job is a 404 with Vidgen's message and advice", async () => {
		const job = fake.seedJob({ apiKey: OTHER_KEY });
		const result = await run(fake, { resource: 'job', operation: 'getStatus', jobId: jobRef(job.id) });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toBe('Vidgen: Job not found');
		expect(result.error.description).toMatch(/another API key/);
	});

	test('a rejected key is a 401 naming the credential', async () => {
		const job = fake.seedJob();
		const result = await run(fake, { resource: 'job', operation: 'getStatus', jobId: jobRef(job.id) }, { apiKey: 'vg_wrong' });
		expect(result.error.httpCode).toBe('401');
		expect(result.error.message).toBe('Vidgen: API key not recognized or has been deactivated');
		expect(result.error.description).toMatch(/Vidgen API credential/);
	});
});

describe('Job → Get Many', () => {
	function seed(count, status = 'COMPLETED') {
		return Array.from({ length: count }, () => fake.seedJob({ status })).reverse(); // newest first
	}

	test('Return All follows nextCursor through every page at the largest page size', async () => {
		const jobs = seed(230);
		fake.seedJob({ apiKey: OTHER_KEY });
		const result = await run(fake, getMany({ returnAll: true }));
		expect(result.items.map((item) => item.json.id)).toEqual(jobs.map((job) => job.id));
		const pages = fake.requests('GET', '/api/jobs');
		expect(pages.map((entry) => entry.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', cursor: jobs[100].id },
			{ limit: '100', cursor: jobs[200].id },
		]);
	});

	test('Limit stops exactly at the limit, asking the last page only for what is missing', async () => {
		const jobs = seed(150);
		const result = await run(fake, getMany({ returnAll: false, limit: 120 }));
		expect(result.items.map((item) => item.json.id)).toEqual(jobs.slice(0, 120).map((job) => job.id));
		expect(fake.requests('GET', '/api/jobs').map((entry) => entry.query.limit)).toEqual(['100', '20']);
	});

	test('the status filter is sent to the API', async () => {
		seed(3, 'COMPLETED');
		const failed = seed(2, 'FAILED');
		const result = await run(fake, getMany({ returnAll: true, status: 'FAILED' }));
		expect(result.items.map((item) => item.json)).toEqual(failed.map((job) => expect.objectContaining({ id: job.id, status: 'FAILED' })));
		expect(fake.requests('GET', '/api/jobs')[0].query.status).toBe('FAILED');
	});

	test('the job list search pages over the cursor and filters by id or status', async () => {
		const jobs = seed(60);
		fake.seedJob({ status: 'FAILED' });
		const first = await listSearch(fake, 'searchJobs');
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toMatch(/\(FAILED, /);
		const second = await listSearch(fake, 'searchJobs', undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(jobs.slice(49).map((job) => job.id));
		expect(second.paginationToken).toBeUndefined();
		const failedOnly = await listSearch(fake, 'searchJobs', 'failed');
		expect(failedOnly.results).toHaveLength(1);
	});
});

describe('Job → Cancel', () => {
	test('cancels a PENDING job', async () => {
		const job = fake.seedJob({ status: 'PENDING' });
		const result = await run(fake, { resource: 'job', operation: 'cancel', jobId: jobRef(job.id) });
		expect(result.items[0].json).toEqual({ jobId: job.id, success: true, message: 'Job cancelled successfully' });
		expect(fake.statusOf(job.id)).toBe('CANCELLED');
		expect(fake.requests('POST', `/api/jobs/${job.id}/cancel`)).toHaveLength(1);
	});

	test('a job past PENDING is a clear 409 naming its state, sent once', async () => {
		const job = fake.seedJob({ status: 'PROCESSING' });
		const result = await run(fake, { resource: 'job', operation: 'cancel', jobId: jobRef(job.id) });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe('409');
		expect(result.error.message).toBe(`Vidgen: Job is not in a cancellable state (job ${job.id} is now PROCESSING; only PENDING jobs can be cancelled)`);
		expect(result.error.description).toMatch(/Only PENDING jobs can be cancelled/);
		expect(fake.requests('POST', /cancel$/)).toHaveLength(1);
	});
});

describe('the credential', () => {
	test('sends the key as X-API-Key and tests it with an authenticated one-job list', async () => {
		await run(fake, { resource: 'health', operation: 'check' });
		expect(fake.log[0].headers['x-api-key']).toBe(API_KEY);
		const { request, rules } = new VidgenApi().test;
		expect(request).toMatchObject({ url: VIDGEN_PATHS.jobs, qs: { limit: 1 } });
		const call = (key) => fetch(`${fake.url}${request.url}?limit=1`, { headers: { 'X-API-Key': key } });
		expect((await call(API_KEY)).status).toBe(200);
		const rejected = await call('vg_wrong');
		expect(rules.map((rule) => rule.properties.value)).toContain(rejected.status);
	});

	test('the base URL is required, the secrets are passwords', () => {
		const properties = Object.fromEntries(new VidgenApi().properties.map((p) => [p.name, p]));
		expect(properties.baseUrl.required).toBe(true);
		expect(properties.apiKey.typeOptions.password).toBe(true);
		expect(properties.webhookSecret.typeOptions.password).toBe(true);
		expect(properties.webhookSecret.required).toBeFalsy();
	});
});
