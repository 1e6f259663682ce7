'use strict';
/** The fake Image Editor API keeps its own contract (page 001). */
const { startFlokanFake, DEFAULT_KEY } = require('./index');
const {
	RESULT_PNG,
	KNOWN_STYLE_IDS,
	KNOWN_CHARACTER_IDS,
	FOREIGN_IMAGE_ID,
	DEFAULT_TIER_COSTS,
} = require('./imageEditor');

const BASE = '/api/v1/image-editor';
const UNKNOWN_UUID = '9e9e9e9e-0000-4000-8000-000000000000';

let fake;
afterEach(async () => {
	if (fake) await fake.close();
	fake = undefined;
});

async function start(options) {
	fake = await startFlokanFake(options);
	return fake;
}

async function call(method, path, body, { key = DEFAULT_KEY, headers = {} } = {}) {
	const res = await fetch(fake.url + BASE + path, {
		method,
		headers: {
			...(key ? { Authorization: `Bearer ${key}` } : {}),
			...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			...headers,
		},
		body: body !== undefined ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
	});
	const text = await res.text();
	return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

async function uploadedImage(mime = 'image/png', bytes = Buffer.from('fake image bytes')) {
	const { json } = await call('POST', '/upload-url', { file_name: 'a.png', mime_type: mime, file_size: bytes.length });
	const put = await fetch(json.data.upload_url, { method: 'PUT', headers: { 'Content-Type': mime }, body: bytes });
	expect(put.status).toBe(200);
	return json.data;
}

describe('auth', () => {
	test('401 without or with an unknown key, envelope kept', async () => {
		await start();
		const none = await call('GET', '/jobs', undefined, { key: null });
		expect(none.status).toBe(401);
		expect(none.json).toEqual({ success: false, error: 'Missing API key' });
		const wrong = await call('GET', '/jobs', undefined, { key: 'flk_nope' });
		expect(wrong.status).toBe(401);
		expect(wrong.json.error).toBe('Invalid API key');
	});

	test('403 without the image_editor scope or permission', async () => {
		await start({
			keys: {
				flk_noscope: { scopes: ['vo_to_images'] },
				flk_noperm: { scopes: ['image_editor'], permissions: [] },
			},
		});
		const scope = await call('GET', '/jobs', undefined, { key: 'flk_noscope' });
		expect(scope.status).toBe(403);
		expect(scope.json.error).toMatch(/image_editor scope/);
		const perm = await call('GET', '/jobs', undefined, { key: 'flk_noperm' });
		expect(perm.status).toBe(403);
		expect(perm.json.error).toMatch(/access_image_editor/);
	});

	test('rate-limit headers on API responses', async () => {
		await start();
		const res = await call('GET', '/jobs');
		expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
		expect(res.headers.get('x-ratelimit-remaining')).toBeTruthy();
		expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
	});
});

describe('POST /upload-url + presigned PUT', () => {
	test('201 with the documented fields; the PUT publishes the bytes', async () => {
		await start();
		const bytes = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
		const res = await call('POST', '/upload-url', { file_name: 'p.jpg', mime_type: 'image/jpeg', extra: 'ignored' });
		expect(res.status).toBe(201);
		expect(res.json.success).toBe(true);
		expect(Object.keys(res.json.data).sort()).toEqual(['expires_in', 'image_id', 'public_url', 'upload_url']);
		expect(res.json.data.expires_in).toBe(3600);
		expect((await fetch(res.json.data.public_url)).status).toBe(404);
		const put = await fetch(res.json.data.upload_url, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: bytes });
		expect(put.status).toBe(200);
		const cdn = await fetch(res.json.data.public_url);
		expect(cdn.headers.get('content-type')).toBe('image/jpeg');
		expect(Buffer.from(await cdn.arrayBuffer())).toEqual(bytes);
	});

	test.each([
		['no file_name', { mime_type: 'image/png' }, /file_name is required/],
		['empty file_name', { file_name: '', mime_type: 'image/png' }, /file_name must be 1–255/],
		['256-char file_name', { file_name: 'x'.repeat(256), mime_type: 'image/png' }, /file_name must be 1–255/],
		['numeric file_name', { file_name: 7, mime_type: 'image/png' }, /file_name must be a string/],
		['image/bmp', { file_name: 'a.bmp', mime_type: 'image/bmp' }, /mime_type must be one of image\/jpeg, image\/png/],
		['no mime_type', { file_name: 'a.png' }, /mime_type is required/],
		['fractional file_size', { file_name: 'a.png', mime_type: 'image/png', file_size: 1.5 }, /file_size must be a non-negative integer/],
		['string file_size', { file_name: 'a.png', mime_type: 'image/png', file_size: '12' }, /file_size/],
		['array body', [1, 2], /JSON object/],
	])('400 for %s', async (_name, body, message) => {
		await start();
		const res = await call('POST', '/upload-url', body);
		expect(res.status).toBe(400);
		expect(res.json.success).toBe(false);
		expect(res.json.error).toMatch(message);
	});

	test('400 on malformed JSON', async () => {
		await start();
		const res = await call('POST', '/upload-url', '{"file_name":');
		expect(res.status).toBe(400);
	});

	test('presigned PUT rejects the API key, a wrong Content-Type, a bad signature and expiry', async () => {
		await start();
		const { data } = (await call('POST', '/upload-url', { file_name: 'a.png', mime_type: 'image/png' })).json;
		const put = (headers, url = data.upload_url) =>
			fetch(url, { method: 'PUT', headers, body: Buffer.from('x') }).then(async (r) => ({ status: r.status, json: await r.json() }));

		const withAuth = await put({ 'Content-Type': 'image/png', Authorization: `Bearer ${DEFAULT_KEY}` });
		expect(withAuth.status).toBe(400);
		expect(withAuth.json.error).toMatch(/must not carry an Authorization or X-API-Key/);
		expect((await put({ 'Content-Type': 'image/png', 'X-API-Key': DEFAULT_KEY })).status).toBe(400);

		const wrongType = await put({ 'Content-Type': 'image/jpeg' });
		expect(wrongType.status).toBe(403);
		expect(wrongType.json.error).toMatch(/SignatureDoesNotMatch/);
		expect((await put({})).status).toBe(403);
		// Another first hex digit, whatever the signature starts with (a fixed '0' left 1 in 16 intact).
		const badSignature = data.upload_url.replace(/sig=(\w)/, (_, digit) => `sig=${digit === '0' ? '1' : '0'}`);
		expect(badSignature).not.toBe(data.upload_url);
		expect((await put({ 'Content-Type': 'image/png' }, badSignature)).status).toBe(403);

		fake.state.imageEditor.expireUpload(data.image_id);
		const expired = await put({ 'Content-Type': 'image/png' });
		expect(expired.status).toBe(403);
		expect(expired.json.error).toMatch(/expired/);
		// The presigned route is public: no API rate-limit bookkeeping, nothing counted.
		expect(fake.requests('PUT').length).toBe(6);
	});
});

describe('POST /process', () => {
	const ok = { prompt: 'a red fox', model_tier: 'pro' };

	test('text-to-image: 201, documented fields, credits deducted, result on the CDN', async () => {
		await start({ credits: 100 });
		const res = await call('POST', '/process', { ...ok, unknown_field: true });
		expect(res.status).toBe(201);
		const d = res.json.data;
		expect(Object.keys(d).sort()).toEqual(
			[
				'job_id',
				'status',
				'result_url',
				'result_image_id',
				'model_tier',
				'provider_used',
				'credits_consumed',
				'processing_ms',
				'created_at',
				'completed_at',
			].sort(),
		);
		expect(d).toMatchObject({ status: 'completed', model_tier: 'pro', provider_used: 'system', credits_consumed: 50 });
		expect(fake.state.workspace.credits).toBe(50);
		const png = await fetch(d.result_url);
		expect(png.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await png.arrayBuffer())).toEqual(RESULT_PNG);
	});

	test('edit an uploaded image, chain on result_image_id, style + character', async () => {
		await start();
		const { image_id } = await uploadedImage();
		// image_url is validated even though image_id takes precedence.
		expect((await call('POST', '/process', { ...ok, image_id, image_url: 'ftp://x' })).status).toBe(400);
		const edited = await call('POST', '/process', { ...ok, image_id, style_id: KNOWN_STYLE_IDS[0], character_id: KNOWN_CHARACTER_IDS[0] });
		expect(edited.status).toBe(201);
		const chained = await call('POST', '/process', { ...ok, model_tier: 'standard', image_id: edited.json.data.result_image_id });
		expect(chained.status).toBe(201);
		expect(chained.json.data.credits_consumed).toBe(DEFAULT_TIER_COSTS.standard);
		const row = await call('GET', `/jobs/${edited.json.data.job_id}`);
		expect(row.json.data).toMatchObject({ image_id, style_id: KNOWN_STYLE_IDS[0], character_id: KNOWN_CHARACTER_IDS[0], error: null });
	});

	test('image_url must be https and ≤ 2000 chars', async () => {
		await start();
		expect((await call('POST', '/process', { ...ok, image_url: 'https://example.com/a.png' })).status).toBe(201);
		expect((await call('POST', '/process', { ...ok, image_url: 'http://example.com/a.png' })).json.error).toMatch(/HTTPS/);
		const long = await call('POST', '/process', { ...ok, image_url: `https://e.com/${'a'.repeat(2000)}` });
		expect(long.status).toBe(400);
	});

	test.each([
		['no prompt', { model_tier: 'pro' }, /prompt is required/],
		['empty prompt', { prompt: '', model_tier: 'pro' }, /prompt must be 1–10000/],
		['10001-char prompt', { prompt: 'x'.repeat(10001), model_tier: 'pro' }, /prompt must be 1–10000/],
		['numeric prompt', { prompt: 42, model_tier: 'pro' }, /prompt must be a string/],
		['no model_tier', { prompt: 'x' }, /model_tier is required/],
		['unknown model_tier', { prompt: 'x', model_tier: 'ultra' }, /model_tier must be one of pro, standard, creative/],
		['unknown provider', { prompt: 'x', model_tier: 'pro', provider: 'azure' }, /provider must be one of platform, openai, google, fal, kie/],
		['non-UUID image_id', { prompt: 'x', model_tier: 'pro', image_id: 'abc' }, /image_id must be a UUID/],
		['numeric style_id', { prompt: 'x', model_tier: 'pro', style_id: 5 }, /style_id must be a string/],
		['openai + creative', { prompt: 'x', model_tier: 'creative', provider: 'openai' }, /not supported with provider "openai"/],
		['google + standard', { prompt: 'x', model_tier: 'standard', provider: 'google' }, /allowed: pro/],
	])('400 for %s', async (_name, body, message) => {
		await start({ byokProviders: ['openai', 'google'] });
		const res = await call('POST', '/process', body);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ success: false, error: expect.stringMatching(message) });
	});

	test('404 for unknown, foreign or not-yet-uploaded images and unknown presets', async () => {
		await start();
		const pending = (await call('POST', '/upload-url', { file_name: 'a.png', mime_type: 'image/png' })).json.data;
		for (const extra of [
			{ image_id: UNKNOWN_UUID },
			{ image_id: FOREIGN_IMAGE_ID },
			{ image_id: pending.image_id },
			{ style_id: UNKNOWN_UUID },
			{ character_id: UNKNOWN_UUID },
		]) {
			const res = await call('POST', '/process', { ...ok, ...extra });
			expect(res.status).toBe(404);
		}
		expect(fake.state.imageEditor.jobs.size).toBe(0);
	});

	test('BYOK: 422 when not configured or not on the plan; 0 credits when it works', async () => {
		await start({ byokProviders: ['fal'], credits: 0 });
		const notConfigured = await call('POST', '/process', { ...ok, provider: 'kie' });
		expect(notConfigured.status).toBe(422);
		expect(notConfigured.json.error).toMatch(/kie.*not configured/);
		const byok = await call('POST', '/process', { ...ok, provider: 'fal', model_tier: 'creative' });
		expect(byok.status).toBe(201);
		expect(byok.json.data).toMatchObject({ provider_used: 'fal', credits_consumed: 0 });
		fake.state.workspace.byokPlan = false;
		const noPlan = await call('POST', '/process', { ...ok, provider: 'fal' });
		expect(noPlan.status).toBe(422);
		expect(noPlan.json.error).toMatch(/plan/);
	});

	test('402 when credits are short, nothing deducted', async () => {
		await start({ credits: 49 });
		const res = await call('POST', '/process', ok);
		expect(res.status).toBe(402);
		expect(res.json.error).toMatch(/Insufficient AI credits/);
		expect(fake.state.workspace.credits).toBe(49);
	});

	test('422 safety filter leaves a failed job with its error and charges nothing', async () => {
		await start({ credits: 100 });
		const res = await call('POST', '/process', { ...ok, prompt: 'show forbidden-content please' });
		expect(res.status).toBe(422);
		expect(res.json.error).toMatch(/safety filter/);
		expect(fake.state.workspace.credits).toBe(100);
		const [job] = (await call('GET', '/jobs?status=failed')).json.data.jobs;
		expect(job.error).toMatch(/safety filter/);
		expect((await call('GET', `/jobs/${job.job_id}`)).json.data.status).toBe('failed');
	});

	test('processDelayMs and processHold keep the call open; the job shows as processing meanwhile', async () => {
		await start();
		fake.state.processDelayMs = 150;
		let finish;
		fake.state.processHold = new Promise((resolve) => (finish = resolve));
		const pending = call('POST', '/process', ok);
		await fake.when(() => fake.requests('POST', /\/process$/).length === 1);
		const during = await call('GET', '/jobs?status=processing');
		expect(during.json.data.jobs).toHaveLength(1);
		finish();
		const res = await pending;
		expect(res.status).toBe(201);
		expect(res.json.data.processing_ms).toBeGreaterThanOrEqual(140);
	});
});

describe('POST /estimate-credits', () => {
	test('platform estimate and can_proceed', async () => {
		await start({ credits: 30 });
		const res = await call('POST', '/estimate-credits', { model_tier: 'pro' });
		expect(res.status).toBe(200);
		expect(res.json.data).toEqual({
			model_tier: 'pro',
			provider: 'platform',
			estimated_credits: 50,
			is_exact: false,
			available_credits: 30,
			can_proceed: false,
			byok_skips_credits: false,
		});
		expect((await call('POST', '/estimate-credits', { model_tier: 'standard' })).json.data.can_proceed).toBe(true);
	});

	test('mirrors the BYOK rules', async () => {
		await start({ byokProviders: ['openai'] });
		const byok = await call('POST', '/estimate-credits', { model_tier: 'standard', provider: 'openai' });
		expect(byok.json.data).toMatchObject({ estimated_credits: 0, byok_skips_credits: true, can_proceed: true });
		expect((await call('POST', '/estimate-credits', { model_tier: 'creative', provider: 'openai' })).status).toBe(400);
		expect((await call('POST', '/estimate-credits', { model_tier: 'pro', provider: 'google' })).status).toBe(422);
		expect((await call('POST', '/estimate-credits', { model_tier: 'x' })).status).toBe(400);
		expect((await call('POST', '/estimate-credits', {})).status).toBe(400);
	});
});

describe('GET /jobs', () => {
	test('defaults, paging, status filter, most recent first', async () => {
		await start();
		const seeded = fake.state.imageEditor.seedJobs(120);
		fake.state.imageEditor.seedJobs(3, 'failed');
		const first = await call('GET', '/jobs');
		expect(first.status).toBe(200);
		expect(first.json.data).toMatchObject({ page: 1, per_page: 50, total: 123, has_more: true });
		expect(first.json.data.jobs[0].job_id).toBe(seeded[0].job_id);
		const last = await call('GET', '/jobs?page=2&per_page=100');
		expect(last.json.data.jobs).toHaveLength(23);
		expect(last.json.data.has_more).toBe(false);
		const failed = await call('GET', '/jobs?status=failed');
		expect(failed.json.data.jobs.map((j) => j.status)).toEqual(['failed', 'failed', 'failed']);
		expect(failed.json.data.jobs[0].error).toBeTruthy();
		const created = (await call('POST', '/process', { prompt: 'newest', model_tier: 'pro' })).json.data;
		expect((await call('GET', '/jobs?per_page=1')).json.data.jobs[0].job_id).toBe(created.job_id);
	});

	test.each(['per_page=101', 'per_page=0', 'page=0', 'page=abc', 'status=done'])('400 for %s', async (query) => {
		await start();
		const res = await call('GET', `/jobs?${query}`);
		expect(res.status).toBe(400);
		expect(res.json.success).toBe(false);
	});

	test('GET /jobs/:jobId 404 for unknown ids', async () => {
		await start();
		const res = await call('GET', `/jobs/${UNKNOWN_UUID}`);
		expect(res.status).toBe(404);
		expect(res.json).toEqual({ success: false, error: expect.stringContaining(UNKNOWN_UUID) });
	});
});

describe('faults', () => {
	test('injected 429 carries Retry-After; then the next call passes', async () => {
		await start();
		fake.addFault({ method: 'GET', path: `${BASE}/jobs`, kind: '429', retryAfter: '2' });
		const limited = await call('GET', '/jobs');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect(limited.json).toEqual({ success: false, error: 'Rate limit exceeded' });
		expect((await call('GET', '/jobs')).status).toBe(200);
	});

	test('the real per-window limit answers 429 with Retry-After', async () => {
		await start();
		fake.setRateLimit(1, 60000);
		expect((await call('GET', '/jobs')).status).toBe(200);
		const limited = await call('GET', '/jobs');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});
