'use strict';
/** Generation → Get, Get Many, Delete, and the generation list of the resource locator. */
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { useFake, run, apiCalls, byId, seedGeneration, CARD_IDS, PNG_SIGNATURE } = require('./setup');
const { runListSearch } = require('../harness/load-options');
const { DEFAULT_KEY } = require('../fakes/flokan');
const { FlokanThumbnailGenerator } = require('../../nodes/FlokanThumbnailGenerator/FlokanThumbnailGenerator.node.ts');
const { FlokanApi } = require('../../credentials/FlokanApi.credentials.ts');

const fake = useFake();
const seed = (count, fields = () => ({})) => Array.from({ length: count }, (_, i) => seedGeneration(fake(), fields(i)));
const getMany = (overrides) => ({ resource: 'generation', operation: 'getMany', ...overrides });
const get = (id, overrides) => ({ resource: 'generation', operation: 'get', generationId: byId(id), ...overrides });

describe('Get', () => {
	test('returns the record, by ID or from the list', async () => {
		const [generation] = seed(1);
		const byIdResult = await run(fake(), get(` ${generation.id} `));
		expect(byIdResult.error).toBeUndefined();
		expect(byIdResult.items.map((i) => i.json)).toEqual([generation]);
		const fromList = await run(fake(), get(generation.id, { generationId: { __rl: true, mode: 'list', value: generation.id } }));
		expect(fromList.items[0].json).toEqual(generation);
		expect(apiCalls(fake(), 'GET').map((c) => c.path)).toEqual([
			`/api/v1/thumbnail-generator/generations/${generation.id}`,
			`/api/v1/thumbnail-generator/generations/${generation.id}`,
		]);
	});

	test('downloads the images: one item per image', async () => {
		const [generation] = seed(1, () => ({ image_count: 2, aspect_ratio: '4:3' }));
		const result = await run(fake(), get(generation.id, { options: { downloadImages: true, fileLayout: 'itemPerFile' } }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.image_index)).toEqual([1, 2]);
		const png = await result.binaryAsBuffer(result.items[1], 'data');
		expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		expect(png.readUInt32BE(16)).toBe(32); // width of the 4:3 fake image
		expect(png.readUInt32BE(20)).toBe(24);
	});

	test.each(['failed', 'timed_out'])('a %s generation is an error naming it, unless told otherwise', async (status) => {
		const [generation] = seed(1, () => ({ status }));
		const failed = await run(fake(), get(generation.id));
		expect(failed.error).toBeInstanceOf(NodeOperationError);
		expect(failed.error.message).toContain(generation.id);
		const tolerated = await run(fake(), get(generation.id, { options: { errorOnFailure: false } }));
		expect(tolerated.error).toBeUndefined();
		expect(tolerated.items[0].json.status).toBe(status);
	});

	test('an unknown generation is the API 404 naming the ID', async () => {
		const id = '00000000-0000-4000-8000-000000000000';
		const result = await run(fake(), get(id));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toMatch(/Generation not found/);
		expect(result.error.description).toContain(`Generation ID: ${id}`);
	});

	test('pairs each output with its input item', async () => {
		const generations = seed(2);
		const items = generations.map((g) => ({ json: { id: g.id } }));
		const result = await run(fake(), get('={{ $json.id }}'), { items });
		expect(result.items.map((i) => [i.json.id, i.pairedItem.item])).toEqual([
			[generations[0].id, 0],
			[generations[1].id, 1],
		]);
	});
});

describe('Get Many', () => {
	test.each([
		['Limit 30 over 150: one page of 30', { limit: 30 }, 150, [[1, '30']], 30],
		['Limit 100: one page of 100', { limit: 100 }, 150, [[1, '100']], 100],
		['Limit 130: two pages of 100, same page size', { limit: 130 }, 150, [[1, '100'], [2, '100']], 130],
		['Limit 50 over 20: one page, 20 items', { limit: 50 }, 20, [[1, '50']], 20],
		['Return All over 150: pages of 100', { returnAll: true }, 150, [[1, '100'], [2, '100']], 150],
		['Return All over exactly 100: stops on has_more', { returnAll: true }, 100, [[1, '100']], 100],
	])('%s', async (_name, overrides, total, pages, count) => {
		const seeded = seed(total);
		const result = await run(fake(), getMany(overrides));
		expect(result.error).toBeUndefined();
		const calls = apiCalls(fake(), 'GET', '/generations');
		expect(calls.map((c) => [Number(c.query.page), c.query.per_page])).toEqual(pages);
		expect(result.items).toHaveLength(count);
		// Most recent first, no duplicates or gaps across pages.
		expect(result.items.map((i) => i.json.id)).toEqual(seeded.reverse().slice(0, count).map((g) => g.id));
	});

	test('filters by status and card', async () => {
		seed(12, (i) => ({ status: i % 2 ? 'failed' : 'completed', card_id: i % 3 === 0 ? CARD_IDS[0] : null }));
		const result = await run(fake(), getMany({ returnAll: true, filters: { status: 'failed', cardId: CARD_IDS[0] } }));
		expect(result.error).toBeUndefined();
		expect(apiCalls(fake(), 'GET', '/generations')[0].query).toEqual({ page: '1', per_page: '100', status: 'failed', card_id: CARD_IDS[0] });
		expect(result.items.map((i) => [i.json.status, i.json.card_id])).toEqual([
			['failed', CARD_IDS[0]],
			['failed', CARD_IDS[0]],
		]);
	});

	test('a 429 on a list page is honoured: waits Retry-After, then goes on', async () => {
		seed(150);
		fake().addFault({ method: 'GET', path: '/api/v1/thumbnail-generator/generations', kind: '429', retryAfter: '1' });
		const result = await run(fake(), getMany({ limit: 120 }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(120);
		const calls = apiCalls(fake(), 'GET', '/generations');
		expect(calls.map((c) => [c.status, c.query.page])).toEqual([
			[429, '1'],
			[200, '1'],
			[200, '2'],
		]);
		expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
	});

	test('an unknown card is the API 404', async () => {
		const result = await run(fake(), getMany({ filters: { cardId: '00000000-0000-4000-8000-000000000000' } }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toMatch(/Card not found/);
	});
});

describe('Delete', () => {
	test('deletes the generation and its images; a second delete is a 404', async () => {
		const [generation] = seed(1);
		const result = await run(fake(), { resource: 'generation', operation: 'delete', generationId: byId(generation.id) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ id: generation.id, deleted: true });
		expect(fake().state.thumbnails.generations.has(generation.id)).toBe(false);
		expect((await fetch(generation.image_urls[0])).status).toBe(404);

		const again = await run(fake(), { resource: 'generation', operation: 'delete', generationId: byId(generation.id) });
		expect(again.error).toBeInstanceOf(NodeApiError);
		expect(again.error.httpCode).toBe('404');
		expect(apiCalls(fake(), 'DELETE')).toHaveLength(2);
	});
});

describe('resource locator list', () => {
	const search = (filter, paginationToken) =>
		runListSearch({
			node: FlokanThumbnailGenerator,
			credentials: { flokanApi: { apiKey: DEFAULT_KEY, baseUrl: fake().url } },
			credentialTypes: [FlokanApi],
			method: 'searchGenerations',
			parameterPath: 'parameters.generationId',
			filter,
			paginationToken,
		});

	test('lists recent generations, most recent first, page by page', async () => {
		const seeded = seed(130);
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: expect.stringContaining(seeded[129].video_title), value: seeded[129].id });
		expect(first.results[0].name).toMatch(/\(completed, \d{4}-\d\d-\d\d \d\d:\d\d\)$/);
		expect(first.paginationToken).toBe('2');
		const second = await search(undefined, first.paginationToken);
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();
		expect(apiCalls(fake(), 'GET', '/generations').every((c) => c.headers.authorization === `Bearer ${DEFAULT_KEY}`)).toBe(true);
	});

	test('filters by title or ID', async () => {
		const seeded = seed(5, (i) => ({ video_title: i === 3 ? 'Hidden Hiking Trails' : `Other ${i}` }));
		const found = await search('hiking');
		expect(found.results.map((r) => r.value)).toEqual([seeded[3].id]);
		const byPrefix = await search(seeded[1].id.slice(0, 8));
		expect(byPrefix.results.map((r) => r.value)).toEqual([seeded[1].id]);
	});
});
