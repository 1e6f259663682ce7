'use strict';
/** Thumbnail → Search YouTube: Return All / Limit across next_page_token pages (5 results a page, 3 pages). */
const { NodeApiError } = require('n8n-workflow');
const { useFake, run, apiCalls } = require('./setup');
const { DEFAULT_KEY } = require('../fakes/flokan');

const search = (overrides) => ({ resource: 'thumbnail', operation: 'searchYoutube', query: 'hiking trails', ...overrides });

describe('paging', () => {
	const fake = useFake();

	test.each([
		['Limit 3', { limit: 3 }, 1, 3],
		['Limit 5 (exactly one page)', { limit: 5 }, 1, 5],
		['Limit 7', { limit: 7 }, 2, 7],
		['Limit 15 (exactly every page)', { limit: 15 }, 3, 15],
		['Limit 40 (more than there is)', { limit: 40 }, 3, 15],
		['Return All', { returnAll: true }, 3, 15],
	])('%s', async (_name, overrides, pages, count) => {
		const result = await run(fake(), search(overrides));
		expect(result.error).toBeUndefined();
		const calls = apiCalls(fake(), 'POST', '/youtube-search');
		expect(calls).toHaveLength(pages);
		expect(calls[0].body).toEqual({ query: 'hiking trails' });
		calls.slice(1).forEach((call) => expect(call.body).toEqual({ query: 'hiking trails', page_token: expect.any(String) }));
		expect(result.items).toHaveLength(count);
		expect(new Set(result.items.map((i) => i.json.video_id)).size).toBe(count);
		expect(result.items[0].json).toEqual({
			video_id: expect.any(String),
			title: expect.any(String),
			channel_name: expect.any(String),
			thumbnail_url: expect.stringContaining('/cdn/'),
			view_count: expect.stringMatching(/^\d+$/),
		});
	});

	test('a 5xx on this free read is retried', async () => {
		fake().addFault({ method: 'POST', path: '/api/v1/thumbnail-generator/youtube-search', kind: '503' });
		const result = await run(fake(), search({ limit: 2 }));
		expect(result.error).toBeUndefined();
		expect(apiCalls(fake(), 'POST', '/youtube-search').map((c) => c.status)).toEqual([503, 200]);
		expect(result.items).toHaveLength(2);
	});
});

describe('scope', () => {
	const fake = useFake({ keys: { [DEFAULT_KEY]: { scopes: ['image_editor'] } } });

	test('a key without the thumbnail_generator scope gets the 403 with advice', async () => {
		const result = await run(fake(), search({ limit: 1 }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe('403');
		expect(result.error.message).toMatch(/thumbnail_generator scope/);
		expect(result.error.description).toMatch(/Access Thumbnail Generator/);
	});
});
