'use strict';
/** Thumbnail → Generate: request body, output, binary out both ways, failures, money rules. */
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { useFake, run, apiCalls, generateParams, STYLE_IDS, CARD_IDS, PNG_SIGNATURE } = require('./setup');

const fake = useFake({ byokProviders: ['google'] });

describe('request and output', () => {
	test('sends the documented body and outputs the record with provider_used and credits_consumed', async () => {
		const result = await run(fake(), generateParams());
		expect(result.error).toBeUndefined();
		const [post] = apiCalls(fake(), 'POST', '/generate');
		expect(post.body).toEqual({
			video_title: '10 Hidden Hiking Trails',
			prompt: "Bold red text 'TOP 10' over surprised hiker",
			image_model: 'pro',
			aspect_ratio: '16:9',
			image_count: 2,
			provider: 'platform',
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			status: 'completed',
			image_count: 2,
			provider_used: 'system',
			credits_consumed: 12,
			image_urls: [expect.stringContaining('/cdn/'), expect.stringContaining('/cdn/')],
		});
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('maps every optional field; BYOK provider reports no credits', async () => {
		const refs = ['https://i.ytimg.com/vi/aaa/hqdefault.jpg', 'https://i.ytimg.com/vi/bbb/hqdefault.jpg'];
		const result = await run(
			fake(),
			generateParams({
				prompt: '',
				imageModel: 'creative',
				aspectRatio: '1:1',
				imageCount: 1,
				provider: 'google',
				additionalFields: {
					styleId: STYLE_IDS[0],
					cardId: ` ${CARD_IDS[1]} `,
					youtubeReferences: `${refs[0]},\n${refs[1]}`,
					referenceImageUrl: 'https://example.com/mine.png',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(fake(), 'POST', '/generate')[0].body).toEqual({
			video_title: '10 Hidden Hiking Trails',
			image_model: 'creative',
			aspect_ratio: '1:1',
			image_count: 1,
			provider: 'google',
			style_id: STYLE_IDS[0],
			card_id: CARD_IDS[1],
			youtube_references: refs,
			reference_image_url: 'https://example.com/mine.png',
		});
		expect(result.items[0].json).toMatchObject({ provider_used: 'google', credits_consumed: 0, card_id: CARD_IDS[1], youtube_references: refs });
	});

	test('takes YouTube references as an array from an expression, one item at a time', async () => {
		const items = [
			{ json: { title: 'First', refs: ['https://i.ytimg.com/vi/one/hqdefault.jpg'] } },
			{ json: { title: 'Second', refs: ['https://i.ytimg.com/vi/two/hqdefault.jpg', 'https://i.ytimg.com/vi/three/hqdefault.jpg'] } },
		];
		const result = await run(
			fake(),
			generateParams({ videoTitle: '={{ $json.title }}', prompt: '', imageCount: 1, additionalFields: { youtubeReferences: '={{ $json.refs }}' } }),
			{ items },
		);
		expect(result.error).toBeUndefined();
		const posts = apiCalls(fake(), 'POST', '/generate');
		expect(posts.map((p) => p.body.youtube_references)).toEqual(items.map((i) => i.json.refs));
		expect(result.items.map((i) => [i.json.video_title, i.pairedItem])).toEqual([
			['First', { item: 0 }],
			['Second', { item: 1 }],
		]);
	});
});

describe('binary output', () => {
	test.each(['default', 'filesystem'])('one item with data, data_1 (%s binary mode)', async (binaryMode) => {
		const result = await run(fake(), generateParams({ imageCount: 3, options: { downloadImages: true } }), { binaryMode });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(Object.keys(item.binary)).toEqual(['data', 'data_1', 'data_2']);
		for (const [index, property] of ['data', 'data_1', 'data_2'].entries()) {
			expect(item.binary[property]).toMatchObject({ mimeType: 'image/png', fileName: `${item.json.id}-${index + 1}.png` });
			const bytes = await result.binaryAsBuffer(item, property);
			expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
			const onCdn = fake().state.workspace.files.get(`thumb-${item.json.id}-${index + 1}.png`).data;
			expect(bytes.equals(onCdn)).toBe(true);
		}
		// CDN downloads carry no API key.
		const downloads = fake().log.filter((e) => e.path.startsWith('/cdn/'));
		expect(downloads).toHaveLength(3);
		expect(downloads.every((e) => e.headers.authorization === undefined)).toBe(true);
	});

	test('one item per image, with a custom field name', async () => {
		const result = await run(
			fake(),
			generateParams({ imageCount: 2, options: { downloadImages: true, fileLayout: 'itemPerFile', binaryPropertyName: 'thumb' } }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		result.items.forEach((item, index) => {
			expect(Object.keys(item.binary)).toEqual(['thumb']);
			expect(item.json).toMatchObject({ image_index: index + 1, image_url: item.json.image_urls[index], credits_consumed: 12 });
			expect(item.pairedItem).toEqual({ item: 0 });
		});
		const first = await result.binaryAsBuffer(result.items[0], 'thumb');
		const second = await result.binaryAsBuffer(result.items[1], 'thumb');
		expect(first.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		expect(first.equals(second)).toBe(false);
	});
});

describe('reference search + generate in one node', () => {
	test('searches first, pages until N thumbnails, and sends them with the typed references', async () => {
		const typed = 'https://i.ytimg.com/vi/typed/hqdefault.jpg';
		const result = await run(
			fake(),
			generateParams({
				prompt: '',
				additionalFields: { youtubeReferences: typed },
				options: { referenceSearchQuery: 'hidden hiking trails', referenceSearchCount: 5 },
			}),
		);
		expect(result.error).toBeUndefined();
		const calls = apiCalls(fake());
		expect(calls.map((c) => c.path.split('/').pop())).toEqual(['youtube-search', 'generate']);
		expect(calls[0].body).toEqual({ query: 'hidden hiking trails' });
		const search = await fetch(`${fake().url}/api/v1/thumbnail-generator/youtube-search`, {
			method: 'POST',
			headers: { Authorization: calls[0].headers.authorization, 'Content-Type': 'application/json' },
			body: JSON.stringify({ query: 'hidden hiking trails' }),
		}).then((r) => r.json());
		const top = search.data.results.map((r) => r.thumbnail_url);
		expect(calls[1].body.youtube_references).toEqual([typed, ...top.slice(0, 5)]);
		expect(calls[1].body.prompt).toBeUndefined();
		expect(result.items[0].json.youtube_references).toEqual([typed, ...top.slice(0, 5)]);
	});

	test('a count beyond the first page follows next_page_token', async () => {
		const result = await run(fake(), generateParams({ options: { referenceSearchQuery: 'cats', referenceSearchCount: 6 } }));
		expect(result.error).toBeUndefined();
		const searches = apiCalls(fake(), 'POST', '/youtube-search');
		expect(searches).toHaveLength(2);
		expect(searches[1].body).toEqual({ query: 'cats', page_token: expect.any(String) });
		expect(apiCalls(fake(), 'POST', '/generate')[0].body.youtube_references).toHaveLength(6);
	});

	test('no search results and no prompt: stops before the paid request', async () => {
		fake().state.thumbnails.youtube.totalResults = 0;
		const result = await run(fake(), generateParams({ prompt: '', options: { referenceSearchQuery: 'nothing at all' } }));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toMatch(/Reference Search Query/);
		expect(apiCalls(fake(), 'POST', '/generate')).toHaveLength(0);
	});
});

describe('failed generations', () => {
	test.each([
		['failed', /failed/],
		['timed_out', /timed out/],
	])('a %s record is an error naming the generation id', async (status, wording) => {
		fake().state.thumbnails.nextStatus = status;
		const result = await run(fake(), generateParams());
		expect(result.error).toBeInstanceOf(NodeOperationError);
		const [id] = [...fake().state.thumbnails.generations.keys()];
		expect(result.error.message).toMatch(wording);
		expect(result.error.message).toContain(id);
		expect(result.error.description).toContain(`Generation ID: ${id}`);
		expect(result.items).toEqual([]);
	});

	test('with Continue On Fail the error item keeps the generation id', async () => {
		fake().state.thumbnails.nextStatus = 'failed';
		const result = await run(fake(), generateParams(), { continueOnFail: true });
		const [id] = [...fake().state.thumbnails.generations.keys()];
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ error: expect.stringContaining(id), generationId: id });
	});
});

describe('API errors and money rules', () => {
	test.each([
		['402 when credits are short', () => (fake().state.workspace.credits = 1), {}, '402', /Insufficient AI credits/],
		['422 for a BYOK provider not configured', () => {}, { provider: 'openai' }, '422', /openai/],
		['404 for an unknown style', () => {}, { additionalFields: { styleId: '00000000-0000-4000-8000-000000000000' } }, '404', /Style not found/],
	])('%s', async (_name, arrange, overrides, httpCode, message) => {
		arrange();
		const result = await run(fake(), generateParams(overrides));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe(httpCode);
		expect(result.error.message).toMatch(message);
		expect(apiCalls(fake(), 'POST', '/generate')).toHaveLength(1);
	});

	test.each(['500', 'drop'])('never re-sent after %s (the work may have been done)', async (kind) => {
		fake().addFault({ method: 'POST', path: '/api/v1/thumbnail-generator/generate', kind, afterHandler: true });
		const result = await run(fake(), generateParams());
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.description).toMatch(/not sent again.*Get Many/);
		expect(apiCalls(fake(), 'POST', '/generate')).toHaveLength(1);
		expect(fake().state.thumbnails.generations.size).toBe(1);
	});

	test('a request that outlives Timeout is not re-sent', async () => {
		// The fake never answers: only the node's Timeout (1 s, not the transport's 60 s) ends the call.
		const unanswered = fake().hold({ method: 'POST', path: '/api/v1/thumbnail-generator/generate' });
		const result = await run(fake(), generateParams({ options: { timeoutSeconds: 1 } }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.message).toMatch(/timed out/);
		expect(unanswered.held).toHaveLength(1);
		expect(Date.now() - unanswered.held[0].at).toBeLessThan(10_000);
		expect(apiCalls(fake(), 'POST', '/generate')).toHaveLength(1);
	});

	test('a 429 is re-sent after Retry-After (no work was done)', async () => {
		fake().addFault({ method: 'POST', path: '/api/v1/thumbnail-generator/generate', kind: '429', retryAfter: '0' });
		const result = await run(fake(), generateParams());
		expect(result.error).toBeUndefined();
		expect(apiCalls(fake(), 'POST', '/generate').map((c) => c.status)).toEqual([429, 201]);
	});
});
