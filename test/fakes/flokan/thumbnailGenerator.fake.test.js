'use strict';
/** Quick contract checks of the fake Thumbnail Generator API (api-docs/002), straight over fetch. */
const { startFlokanFake, DEFAULT_KEY } = require('./index');
const { STYLE_IDS, CARD_IDS, BASE, seedGeneration } = require('./thumbnailGenerator');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const valid = { video_title: '10 Hidden Hiking Trails', prompt: 'Bold red text', image_model: 'pro', aspect_ratio: '16:9', image_count: 2 };

let fake;
async function call(method, path, body, key = DEFAULT_KEY) {
	const response = await fetch(`${fake.url}${BASE}${path}`, {
		method,
		headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, headers: response.headers, json: await response.json() };
}
const generate = (overrides) => call('POST', '/generate', { ...valid, ...overrides });

beforeEach(async () => {
	fake = await startFlokanFake();
});
afterEach(() => fake.close());

test('auth: missing key 401, wrong scope 403, envelope on errors', async () => {
	expect(await call('GET', '/generations', undefined, null)).toMatchObject({ status: 401, json: { success: false, error: 'Missing API key' } });
	await fake.close();
	fake = await startFlokanFake({ keys: { flk_other: { scopes: ['image_editor'] } } });
	const res = await call('GET', '/generations', undefined, 'flk_other');
	expect(res.status).toBe(403);
	expect(res.json.error).toMatch(/thumbnail_generator/);
});

test('generate returns 201 with the documented shape, images on the CDN, credits charged', async () => {
	const before = fake.state.workspace.credits;
	const res = await generate({ card_id: CARD_IDS[0], style_id: STYLE_IDS[0] });
	expect(res.status).toBe(201);
	expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
	const data = res.json.data;
	expect(data).toMatchObject({ status: 'completed', card_id: CARD_IDS[0], image_count: 2, provider_used: 'system', credits_consumed: 12 });
	expect(Object.keys(data).sort()).toEqual(
		[
			'id', 'workspace_id', 'card_id', 'video_title', 'prompt', 'image_model', 'aspect_ratio', 'image_count', 'status',
			'image_paths', 'image_urls', 'total_file_size_bytes', 'generation_time_ms', 'created_at', 'provider_used', 'credits_consumed',
		].sort(),
	);
	expect(data.image_paths).toEqual([1, 2].map((n) => `${fake.state.workspace.id}/styles/${data.id}/${n}.png`));
	expect(fake.state.workspace.credits).toBe(before - 12);
	for (const url of data.image_urls) {
		const image = Buffer.from(await (await fetch(url)).arrayBuffer());
		expect(image.subarray(0, 8)).toEqual(PNG_SIGNATURE);
	}
});

test.each([
	['empty video_title', { video_title: '' }, /video_title/],
	['501-char video_title', { video_title: 'x'.repeat(501) }, /video_title/],
	['missing video_title', { video_title: undefined }, /video_title is required/],
	['missing prompt without references', { prompt: undefined }, /prompt is required/],
	['10001-char prompt', { prompt: 'x'.repeat(10001) }, /prompt/],
	['empty prompt', { prompt: '' }, /prompt/],
	['unknown image_model', { image_model: 'ultra' }, /image_model must be one of: pro, standard, creative/],
	['unknown aspect_ratio', { aspect_ratio: '9:16' }, /aspect_ratio must be one of: 16:9, 4:3, 1:1/],
	['image_count 0', { image_count: 0 }, /image_count/],
	['image_count 5', { image_count: 5 }, /image_count/],
	['fractional image_count', { image_count: 1.5 }, /image_count/],
	['string image_count', { image_count: '2' }, /image_count/],
	['unknown provider', { provider: 'anthropic' }, /provider must be one of/],
	['7 youtube_references', { youtube_references: Array(7).fill('https://i.ytimg.com/vi/x/hqdefault.jpg') }, /at most 6/],
	['non-URL youtube reference', { youtube_references: ['not a url'] }, /youtube_references\[0\]/],
	['non-HTTPS reference_image_url', { reference_image_url: 'http://example.com/a.png' }, /HTTPS/],
	['non-UUID style_id', { style_id: 'abc' }, /style_id must be a UUID/],
	['unknown field', { extra: 1 }, /Unknown field/],
])('generate rejects %s with 400', async (_name, overrides, message) => {
	const res = await generate(overrides);
	expect(res.status).toBe(400);
	expect(res.json).toEqual({ success: false, error: expect.stringMatching(message) });
	expect(fake.state.thumbnails.generations.size).toBe(0);
});

test('prompt may be left out when references are given', async () => {
	const search = await call('POST', '/youtube-search', { query: 'hiking' });
	const refs = search.json.data.results.slice(0, 2).map((r) => r.thumbnail_url);
	expect((await generate({ prompt: undefined, youtube_references: refs })).status).toBe(201);
	expect((await generate({ prompt: undefined, reference_image_url: 'https://example.com/ref.png' })).status).toBe(201);
	expect((await generate({ prompt: undefined, youtube_references: [`${fake.url}/cdn/missing.png`] })).json.error).toMatch(/Could not fetch/);
});

test('unknown style / card are 404', async () => {
	expect(await generate({ style_id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 404, json: { error: 'Style not found' } });
	expect(await generate({ card_id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 404, json: { error: 'Card not found' } });
});

test('BYOK: 422 unless configured and on the plan; no credits when used', async () => {
	expect((await generate({ provider: 'google' })).status).toBe(422);
	fake.state.workspace.byokProviders = ['google'];
	const before = fake.state.workspace.credits;
	const res = await generate({ provider: 'google' });
	expect(res.json.data).toMatchObject({ provider_used: 'google', credits_consumed: 0 });
	expect(fake.state.workspace.credits).toBe(before);
	fake.state.workspace.byokPlan = false;
	expect((await generate({ provider: 'google' })).status).toBe(422);
});

test('402 when credits are short', async () => {
	fake.state.workspace.credits = 5;
	const res = await generate({ image_count: 1 });
	expect(res).toMatchObject({ status: 402, json: { success: false } });
});

test('delay and generateHold keep the record "generating"; nextStatus makes it fail once', async () => {
	fake.state.thumbnails.generateDelayMs = 150;
	let finish;
	fake.state.thumbnails.generateHold = new Promise((resolve) => (finish = resolve));
	const pending = generate();
	await fake.when(() => fake.requests('POST', /\/generate$/).length === 1);
	const list = await call('GET', '/generations?status=generating');
	expect(list.json.data.generations).toHaveLength(1);
	finish();
	const answer = await pending;
	expect(answer.json.data.status).toBe('completed');
	expect(answer.json.data.generation_time_ms).toBeGreaterThanOrEqual(140);

	fake.state.thumbnails.generateDelayMs = 0;
	fake.state.thumbnails.generateHold = undefined;
	fake.state.thumbnails.nextStatus = 'timed_out';
	const failed = await generate();
	expect(failed.status).toBe(201);
	expect(failed.json.data).toMatchObject({ status: 'timed_out', image_urls: [], credits_consumed: 0 });
	expect((await generate()).json.data.status).toBe('completed');
});

test('youtube-search pages 5 at a time over 3 pages; tokens belong to the query', async () => {
	const seen = [];
	let token;
	let pages = 0;
	do {
		const res = await call('POST', '/youtube-search', { query: 'hiking', ...(token ? { page_token: token } : {}) });
		expect(res.status).toBe(200);
		pages += 1;
		seen.push(...res.json.data.results);
		token = res.json.data.next_page_token;
	} while (token);
	expect(pages).toBe(3);
	expect(new Set(seen.map((r) => r.video_id)).size).toBe(15);
	expect(seen[0]).toEqual({ video_id: expect.any(String), title: expect.any(String), channel_name: expect.any(String), thumbnail_url: expect.stringContaining(`${fake.url}/cdn/`), view_count: expect.stringMatching(/^\d+$/) });
	const again = await call('POST', '/youtube-search', { query: 'hiking' });
	expect(again.json.data.results[0].video_id).toBe(seen[0].video_id);
	const foreign = await call('POST', '/youtube-search', { query: 'cooking', page_token: again.json.data.next_page_token });
	expect(foreign.status).toBe(400);
	expect((await call('POST', '/youtube-search', { query: '' })).status).toBe(400);
	expect((await call('POST', '/youtube-search', { query: 'x'.repeat(201) })).status).toBe(400);
});

test('generations list: most recent first, paging, filters, validation', async () => {
	const seeded = [];
	for (let i = 0; i < 30; i++) seeded.push(seedGeneration(fake, { card_id: i % 3 === 0 ? CARD_IDS[0] : null, status: i % 5 === 0 ? 'failed' : 'completed' }));
	const first = await call('GET', '/generations');
	expect(first.json.data).toMatchObject({ page: 1, per_page: 25, total: 30, has_more: true });
	expect(first.json.data.generations[0].id).toBe(seeded[29].id);
	const second = await call('GET', '/generations?page=2&per_page=25');
	expect(second.json.data).toMatchObject({ page: 2, total: 30, has_more: false });
	expect(second.json.data.generations).toHaveLength(5);
	expect((await call('GET', '/generations?status=failed')).json.data.total).toBe(6);
	expect((await call('GET', `/generations?card_id=${CARD_IDS[0]}`)).json.data.total).toBe(10);
	expect((await call('GET', '/generations?per_page=101')).status).toBe(400);
	expect((await call('GET', '/generations?page=0')).status).toBe(400);
	expect((await call('GET', '/generations?status=done')).status).toBe(400);
	expect((await call('GET', '/generations?card_id=00000000-0000-4000-8000-000000000000')).status).toBe(404);
});

test('get and delete a generation; images leave storage; 404 after', async () => {
	const { json } = await generate({ image_count: 1 });
	const id = json.data.id;
	expect((await call('GET', `/generations/${id}`)).json.data).toEqual(json.data);
	expect(await call('DELETE', `/generations/${id}`)).toMatchObject({ status: 200, json: { success: true, data: { id, deleted: true } } });
	expect((await fetch(json.data.image_urls[0])).status).toBe(404);
	expect(await call('GET', `/generations/${id}`)).toMatchObject({ status: 404, json: { success: false, error: 'Generation not found' } });
	expect((await call('DELETE', `/generations/${id}`)).status).toBe(404);
});
