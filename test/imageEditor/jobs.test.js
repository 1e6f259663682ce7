'use strict';
/** Job → Get, Job → Get Many, the job picker (listSearch) and Image → Estimate Credits. */
const { BASE, startFake, run, listSearch } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const getMany = (extra = {}) => ({ resource: 'job', operation: 'getMany', ...extra });
const jobPages = () => fake.requests('GET', `${BASE}/jobs`).map((e) => e.query);

describe('Job → Get', () => {
	test.each(['id', 'list'])('by the %s mode of the locator: the full row', async (mode) => {
		fake = await startFake();
		const [job] = fake.state.imageEditor.seedJobs(2, 'failed');
		const result = await run(fake, { resource: 'job', operation: 'get', jobId: { __rl: true, mode, value: job.job_id } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual(job);
		expect(result.items[0].json.error).toMatch(/upstream timeout/);
	});
});

describe('Job → Get Many', () => {
	test('Limit stops exactly, reading as few pages as it can with one page size', async () => {
		fake = await startFake();
		const seeded = fake.state.imageEditor.seedJobs(260);
		const result = await run(fake, getMany({ limit: 130 }));
		expect(result.items).toHaveLength(130);
		expect(result.items.map((i) => i.json.job_id)).toEqual(seeded.slice(0, 130).map((j) => j.job_id));
		expect(jobPages()).toEqual([
			{ page: '1', per_page: '100' },
			{ page: '2', per_page: '100' },
		]);
	});

	test('a small Limit asks for only that many', async () => {
		fake = await startFake();
		fake.state.imageEditor.seedJobs(30);
		const result = await run(fake, getMany({ limit: 7 }));
		expect(result.items).toHaveLength(7);
		expect(jobPages()).toEqual([{ page: '1', per_page: '7' }]);
	});

	test('Return All walks every page, most recent first', async () => {
		fake = await startFake();
		const seeded = fake.state.imageEditor.seedJobs(205);
		const result = await run(fake, getMany({ returnAll: true }));
		expect(result.items.map((i) => i.json.job_id)).toEqual(seeded.map((j) => j.job_id));
		expect(jobPages().map((q) => q.page)).toEqual(['1', '2', '3']);
		expect(result.items.every((i) => i.pairedItem.item === 0)).toBe(true);
	});

	test('status filter is passed to the API', async () => {
		fake = await startFake();
		fake.state.imageEditor.seedJobs(4, 'completed');
		fake.state.imageEditor.seedJobs(3, 'failed');
		const result = await run(fake, getMany({ returnAll: true, filters: { status: 'failed' } }));
		expect(result.items.map((i) => i.json.status)).toEqual(['failed', 'failed', 'failed']);
		expect(jobPages()[0]).toMatchObject({ status: 'failed' });
	});

	test('an empty list gives no items and one request', async () => {
		fake = await startFake();
		const result = await run(fake, getMany({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(0);
		expect(jobPages()).toHaveLength(1);
	});
});

describe('job picker (listSearch)', () => {
	test('lists recent jobs page by page and filters by prompt, status or ID', async () => {
		fake = await startFake();
		const seeded = fake.state.imageEditor.seedJobs(60);
		const first = await listSearch(fake, 'searchJobs');
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: expect.stringContaining('Seeded job 1'), value: seeded[0].job_id });
		expect(first.paginationToken).toBe('2');
		const second = await listSearch(fake, 'searchJobs', undefined, first.paginationToken);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();

		const filtered = await listSearch(fake, 'searchJobs', 'seeded job 7');
		expect(filtered.results.map((r) => r.value)).toEqual([seeded[6].job_id]);
		const byId = await listSearch(fake, 'searchJobs', seeded[3].job_id.slice(0, 13));
		expect(byId.results.map((r) => r.value)).toContain(seeded[3].job_id);
		expect(fake.requests('GET', `${BASE}/jobs`).every((e) => e.headers.authorization)).toBe(true);
	});
});

describe('Image → Estimate Credits', () => {
	test('platform and BYOK estimates', async () => {
		fake = await startFake({ credits: 40, byokProviders: ['kie'] });
		const platform = await run(fake, { resource: 'image', operation: 'estimateCredits', modelTier: 'creative' });
		expect(platform.items[0].json).toEqual({
			model_tier: 'creative',
			provider: 'platform',
			estimated_credits: 30,
			is_exact: false,
			available_credits: 40,
			can_proceed: true,
			byok_skips_credits: false,
		});
		const byok = await run(fake, { resource: 'image', operation: 'estimateCredits', modelTier: 'creative', provider: 'kie' });
		expect(byok.items[0].json).toMatchObject({ estimated_credits: 0, byok_skips_credits: true });
		expect(fake.requests('POST', `${BASE}/estimate-credits`).map((e) => e.body)).toEqual([
			{ model_tier: 'creative', provider: 'platform' },
			{ model_tier: 'creative', provider: 'kie' },
		]);
	});

	test('an estimate is free, so a 5xx is retried', async () => {
		fake = await startFake();
		fake.addFault({ method: 'POST', path: `${BASE}/estimate-credits`, kind: '503' });
		const result = await run(fake, { resource: 'image', operation: 'estimateCredits', modelTier: 'pro' });
		expect(result.error).toBeUndefined();
		expect(fake.requests('POST').map((e) => e.status)).toEqual([503, 200]);
	});
});

describe('node description', () => {
	test('usable as a tool, with the documented resources and operations', () => {
		const { FlokanImageEditor } = require('../../nodes/FlokanImageEditor/FlokanImageEditor.node.ts');
		const { description } = new FlokanImageEditor();
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'flokanApi', required: true }]);
		const operations = description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => p.options.map((o) => `${p.displayOptions.show.resource[0]}:${o.value}`));
		expect(operations.sort()).toEqual(['image:estimateCredits', 'image:generate', 'image:upload', 'job:get', 'job:getMany']);
	});
});
