'use strict';
/** Checks the fake VO to Images API against the page's contract, quickly, with plain fetch. */
const { startFlokanFake, DEFAULT_KEY } = require('./index');
const vo = require('./voToImages');
const { wait } = require('../core');

const PRESET = vo.DEFAULT_PRESETS[0].id;

let server;
beforeEach(async () => {
	server = await startFlokanFake({ credits: 100000 });
	vo.configure(server, { imageDelayMs: 30, videoDelayMs: 30 });
});
afterEach(() => server.close());

async function call(method, path, { body, query, key = DEFAULT_KEY } = {}) {
	const url = new URL(`${server.url}${vo.BASE}${path}`);
	for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, String(v));
	const res = await fetch(url, {
		method,
		headers: {
			...(key ? { Authorization: `Bearer ${key}` } : {}),
			...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
		},
		body: body !== undefined ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function preparedProject(extra = {}) {
	const created = await call('POST', '/projects', { body: { title: 'Test', preset_id: PRESET, ...extra } });
	const id = created.body.data.id;
	await call('POST', `/projects/${id}/audio`, { body: { audio_url: 'https://example.com/vo.mp3' } });
	const run = await call('POST', `/projects/${id}/auto-run`);
	return { id, segmentIds: run.body.data.segment_ids, run };
}

async function untilDone(id, timeoutMs = 3000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const status = await call('GET', `/projects/${id}/auto-status`);
		if (status.body.data.is_done || Date.now() > deadline) return status.body.data;
		await wait(10);
	}
}

test('auth: missing key 401, wrong scope 403, envelope and rate-limit headers', async () => {
	expect((await call('GET', '/presets', { key: null })).status).toBe(401);
	const res = await call('GET', '/presets', { key: 'flk_nope' });
	expect(res).toMatchObject({ status: 401, body: { success: false, error: 'Invalid API key' } });
	const okRes = await call('GET', '/presets');
	expect(okRes.headers.get('x-ratelimit-limit')).toBeTruthy();
	await server.close();
	server = await startFlokanFake({ keys: { flk_other: { scopes: ['image_editor'] } } });
	expect((await call('GET', '/presets', { key: 'flk_other' })).status).toBe(403);
});

test('create validates title, workflow_mode, uuids, booleans and preset existence', async () => {
	for (const body of [
		{},
		{ title: '' },
		{ title: 'x'.repeat(201) },
		{ title: 'ok', workflow_mode: 'auto' },
		{ title: 'ok', art_style_id: 'not-a-uuid' },
		{ title: 'ok', generate_videos: 'yes' },
	]) {
		expect((await call('POST', '/projects', { body })).status).toBe(400);
	}
	const missingPreset = await call('POST', '/projects', { body: { title: 'ok', preset_id: '00000000-0000-4000-8000-000000000000' } });
	expect(missingPreset.status).toBe(404);
	const created = await call('POST', '/projects', {
		body: { title: 'x'.repeat(200), preset_id: PRESET, art_style_id: '11111111-1111-4111-8111-111111111111', generate_videos: true },
	});
	expect(created.status).toBe(201);
	expect(created.body.data).toMatchObject({
		status: 'draft',
		workflow_mode: 'automatic',
		preset_id: PRESET,
		art_style_id: '11111111-1111-4111-8111-111111111111', // inline wins over preset
		char_gen_style_id: vo.DEFAULT_PRESETS[0].char_gen_style_id,
		generate_videos: true,
	});
});

test('list: paging, per_page cap, status filter', async () => {
	for (let i = 0; i < 5; i += 1) await call('POST', '/projects', { body: { title: `P${i}` } });
	await preparedProject();
	const page = await call('GET', '/projects', { query: { page: 2, per_page: 2 } });
	expect(page.body.data.projects.map((p) => p.title)).toEqual(['P3', 'P2']);
	expect(page.body.data).toMatchObject({ page: 2, per_page: 2, total: 6, has_more: true });
	expect((await call('GET', '/projects', { query: { per_page: 101 } })).status).toBe(400);
	expect((await call('GET', '/projects', { query: { status: 'bogus' } })).status).toBe(400);
	const prompts = await call('GET', '/projects', { query: { status: 'prompts' } });
	expect(prompts.body.data.projects).toHaveLength(1);
	expect(prompts.body.data.projects[0].sentences).toBeUndefined();
});

test('audio: URL rules and 413 for huge files; auto-run prerequisites', async () => {
	const { body } = await call('POST', '/projects', { body: { title: 'A', preset_id: PRESET } });
	const id = body.data.id;
	expect((await call('POST', `/projects/${id}/auto-run`)).status).toBe(400); // no audio
	for (const audio_url of [undefined, 'ftp://x/a.mp3', 'not a url', `https://e.com/${'a'.repeat(2000)}`]) {
		expect((await call('POST', `/projects/${id}/audio`, { body: { audio_url } })).status).toBe(400);
	}
	expect((await call('POST', `/projects/${id}/audio`, { body: { audio_url: 'https://e.com/huge.wav' } })).status).toBe(413);
	expect((await call('POST', `/projects/${id}/audio`, { body: { audio_url: 'https://e.com/a.mp3' } })).status).toBe(200);

	const manual = (await call('POST', '/projects', { body: { title: 'M', workflow_mode: 'manual', preset_id: PRESET } })).body.data.id;
	await call('POST', `/projects/${manual}/audio`, { body: { audio_url: 'https://e.com/a.mp3' } });
	const refused = await call('POST', `/projects/${manual}/auto-run`);
	expect(refused).toMatchObject({ status: 400, body: { error: 'Auto-run only works on automatic projects' } });

	const noStyle = (await call('POST', '/projects', { body: { title: 'N' } })).body.data.id;
	await call('POST', `/projects/${noStyle}/audio`, { body: { audio_url: 'https://e.com/a.mp3' } });
	expect((await call('POST', `/projects/${noStyle}/auto-run`)).status).toBe(400);
});

test('auto-run returns 202 with segment ids; sizes are configurable', async () => {
	vo.configure(server, { segments: 2, sentencesPerSegment: [3, 1] });
	const { id, run } = await preparedProject({ detect_characters: false });
	expect(run.status).toBe(202);
	expect(run.body.data).toMatchObject({
		project_id: id,
		auto_step: 'generating_prompts',
		sentence_count: 4,
		skipped_character_detection: true,
	});
	expect(run.body.data.segment_ids).toHaveLength(2);
	expect(run.body.data.next_actions).toHaveLength(3);
	expect((await call('POST', `/projects/${id}/auto-run`)).status).toBe(400); // wrong auto_step
});

test('full flow: prompts → finalize → progress over time → images on the CDN', async () => {
	vo.configure(server, { segments: 2, sentencesPerSegment: 6, imageWorkers: 4, imageDelayMs: 40, manualClock: true });
	const { id, segmentIds } = await preparedProject();
	expect((await call('POST', `/projects/${id}/finalize`)).status).toBe(400); // nothing prompt_ready
	await Promise.all(segmentIds.map((seg) => call('POST', `/projects/${id}/segments/${seg}/prompts`, { body: {} })));
	expect(vo.promptCalls(server, id)).toHaveLength(2);
	const finalize = await call('POST', `/projects/${id}/finalize`);
	expect(finalize).toMatchObject({ status: 202, body: { data: { image_jobs_enqueued: 12 } } });

	const early = (await call('GET', `/projects/${id}/auto-status`)).body.data;
	expect(early).toMatchObject({ status: 'generating', auto_step: 'generating_images', is_done: false });
	expect(early.progress).toMatchObject({ segments_total: 2, sentences_total: 12, prompts_ready: 12 });
	expect(early.progress.image_jobs_active).toBe(12);

	vo.advanceClock(server, 3 * 40);
	const done = await untilDone(id);
	expect(done).toMatchObject({ status: 'complete', is_done: true });
	expect(done.progress).toMatchObject({ sentences_complete: 12, sentences_failed: 0, image_jobs_active: 0 });

	const project = (await call('GET', `/projects/${id}`)).body.data;
	expect(project.sentences[0]).toMatchObject({ sequence: 1, status: 'complete', segment_id: segmentIds[0] });
	const imageUrl = project.sentences[0].images[0].image_url;
	const image = await fetch(imageUrl);
	expect(image.headers.get('content-type')).toBe('image/png');
	expect(Buffer.from(await image.arrayBuffer()).equals(vo.PNG)).toBe(true);
});

test('worker width bounds how many images progress at once', async () => {
	vo.configure(server, { segments: 1, sentencesPerSegment: 6, imageWorkers: 2, imageDelayMs: 60, manualClock: true });
	const { id, segmentIds } = await preparedProject();
	await call('POST', `/projects/${id}/segments/${segmentIds[0]}/prompts`);
	await call('POST', `/projects/${id}/finalize`);
	vo.advanceClock(server, 70);
	const mid = (await call('GET', `/projects/${id}/auto-status`)).body.data.progress;
	expect(mid.sentences_complete).toBe(2);
	expect(mid.image_jobs_active).toBe(4);
	const images = (await call('GET', `/projects/${id}`)).body.data.sentences.map((s) => s.images[0].status);
	expect(images).toEqual(['complete', 'complete', 'processing', 'processing', 'queued', 'queued']);
});

test('sentence paging: defaults, max 300, has_more_sentences', async () => {
	vo.configure(server, { segments: 2, sentencesPerSegment: 200 });
	const { id } = await preparedProject();
	const first = (await call('GET', `/projects/${id}`)).body.data;
	expect(first).toMatchObject({ sentences_offset: 0, sentences_limit: 150, has_more_sentences: true, sentence_count: 400 });
	expect(first.sentences).toHaveLength(150);
	const last = (await call('GET', `/projects/${id}`, { query: { sentences_offset: 300, sentences_limit: 300 } })).body.data;
	expect(last.sentences).toHaveLength(100);
	expect(last.has_more_sentences).toBe(false);
	expect(last.sentences[0].sequence).toBe(301);
	expect((await call('GET', `/projects/${id}`, { query: { sentences_limit: 301 } })).status).toBe(400);
});

test('injected segment failure: 500, sentences failed, retry succeeds; finalize with ready ones', async () => {
	vo.configure(server, { segments: 3, sentencesPerSegment: 2, manualClock: true });
	const { id, segmentIds } = await preparedProject();
	vo.configure(server, { failSegments: { [segmentIds[1]]: 1, 3: 5 } });
	// The fake answers the three prompts calls once all three are in flight.
	const inFlight = server.hold({ method: 'POST', path: /\/prompts$/, times: 3 });
	const calls = Promise.all(segmentIds.map((seg) => call('POST', `/projects/${id}/segments/${seg}/prompts`)));
	await inFlight.untilHeld(3);
	inFlight.open();
	const results = await calls;
	expect(results.map((r) => r.status)).toEqual([200, 500, 500]);
	expect(vo.peakPromptConcurrency(server)).toBe(3);
	const retry = await call('POST', `/projects/${id}/segments/${segmentIds[1]}/prompts`);
	expect(retry.status).toBe(200);
	const statuses = (await call('GET', `/projects/${id}`)).body.data.sentences.map((s) => s.status);
	expect(statuses).toEqual(['prompt_ready', 'prompt_ready', 'prompt_ready', 'prompt_ready', 'failed', 'failed']);
	expect((await call('POST', `/projects/${id}/finalize`)).body.data.image_jobs_enqueued).toBe(4);
	// Four images of 30 ms each, ten workers: all done 30 ms on.
	vo.advanceClock(server, 30);
	const done = await untilDone(id);
	expect(done.progress).toMatchObject({ sentences_complete: 4, sentences_failed: 2 });
});

test('videos: is_done waits for video jobs; failed images are counted', async () => {
	vo.configure(server, { segments: 1, sentencesPerSegment: 3, failImages: { 2: 1 }, manualClock: true });
	const { id, segmentIds } = await preparedProject({ generate_videos: true });
	await call('POST', `/projects/${id}/segments/${segmentIds[0]}/prompts`);
	await call('POST', `/projects/${id}/finalize`);
	// Images take 30 ms, then videos 30 ms more.
	vo.advanceClock(server, 45);
	const between = (await call('GET', `/projects/${id}/auto-status`)).body.data;
	expect(between).toMatchObject({ is_done: false, auto_step: 'generating_videos' });
	vo.advanceClock(server, 30);
	const done = await untilDone(id);
	expect(done.progress).toMatchObject({
		sentences_complete: 2,
		sentences_failed: 1,
		image_jobs_failed: 1,
		video_jobs_total: 2,
		video_jobs_complete: 2,
	});
	const sentence = (await call('GET', `/projects/${id}`)).body.data.sentences[0];
	expect(sentence.video_jobs[0].video_url).toMatch(/\/cdn\/vo-.*\.mp4$/);
});

test('estimate-credits counts from the project and compares with workspace credits', async () => {
	const { id, segmentIds } = await preparedProject();
	expect((await call('GET', '/estimate-credits', { query: { project_id: id } })).status).toBe(400);
	expect((await call('GET', '/estimate-credits', { query: { action: 'generate_images' } })).status).toBe(400);
	const images = (await call('GET', '/estimate-credits', { query: { project_id: id, action: 'generate_images' } })).body.data;
	expect(images).toMatchObject({ count: 12, per_item_credits: 49, estimated_credits: 588, is_exact: false, can_proceed: true });
	await call('POST', `/projects/${id}/segments/${segmentIds[0]}/prompts`);
	const prompts = (await call('GET', '/estimate-credits', { query: { project_id: id, action: 'generate_prompts' } })).body.data;
	expect(prompts).toMatchObject({ count: 8, estimated_credits: 16 });
	server.state.workspace.credits = 5;
	const poor = (await call('GET', '/estimate-credits', { query: { project_id: id, action: 'generate_prompts' } })).body.data;
	expect(poor).toMatchObject({ available_credits: 5, can_proceed: false });
	expect((await call('POST', `/projects/${id}/segments/${segmentIds[1]}/prompts`)).status).toBe(402);
});

test('presets and apply-preset (workflow_mode not merged); delete removes the project', async () => {
	const presets = (await call('GET', '/presets')).body.data;
	expect(presets.map((p) => p.id)).toEqual(vo.DEFAULT_PRESETS.map((p) => p.id));
	const id = (await call('POST', '/projects', { body: { title: 'A', workflow_mode: 'manual' } })).body.data.id;
	expect((await call('POST', `/projects/${id}/apply-preset`, { body: {} })).status).toBe(400);
	expect(
		(await call('POST', `/projects/${id}/apply-preset`, { body: { preset_id: '00000000-0000-4000-8000-000000000000' } })).status,
	).toBe(404);
	const applied = await call('POST', `/projects/${id}/apply-preset`, { body: { preset_id: presets[1].id } });
	expect(applied.body.data).toMatchObject({ workflow_mode: 'manual', art_style_id: presets[1].art_style_id, generate_videos: true });
	expect((await call('DELETE', `/projects/${id}`)).body.data).toEqual({ id, deleted: true });
	expect((await call('GET', `/projects/${id}`)).status).toBe(404);
	vo.seedPresets(server, [{ id: '22222222-2222-4222-8222-222222222222', name: 'Only' }]);
	expect((await call('GET', '/presets')).body.data).toHaveLength(1);
});
