'use strict';
/** Run Pipeline and Wait end to end: every step in order, output shapes, downloads, progress. */
const { BASE, PRESET_ID, vo, startFake, run, pipeline, apiRequests, promptRequests, visibleText, API_KEY } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test('creates, sets audio, preps, prompts every segment, finalizes, polls and reads all sentences', async () => {
	// The fake's clock moves one image round (150 ms) per status check: the first check sees no
	// image done, the next ones see them arrive, on any machine.
	fake = await startFake({ config: { segments: 3, sentencesPerSegment: 4, imageDelayMs: 150, manualClock: true, statusStepMs: 150 } });
	const result = await run(fake, pipeline({ additionalFields: { generateVideos: true, detectCharacters: false } }));
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	const [item] = result.items;
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(item.json).toMatchObject({
		title: 'Narrated video',
		status: 'complete',
		is_done: true,
		progress: { sentences_total: 12, sentences_complete: 12, sentences_failed: 0, video_jobs_total: 12, video_jobs_complete: 12 },
		pipeline: { segments_total: 3, segments_skipped: 0, segments_requested: 3, segments_failed: [] },
	});
	expect(item.json.sentences).toHaveLength(12);
	expect(item.json.image_urls).toHaveLength(12);
	expect(item.json.sentences[0]).toMatchObject({ sequence: 1, status: 'complete', image_url: expect.stringMatching(/\/cdn\/vo-.*\.png$/) });
	expect(item.json.sentences[0].video_url).toMatch(/\.mp4$/);

	const calls = apiRequests(fake).map((e) => e.route);
	const firstIndex = (route) => calls.indexOf(route);
	const order = [
		`POST ${BASE}/projects`,
		`POST ${BASE}/projects/:id/audio`,
		`POST ${BASE}/projects/:id/auto-run`,
		vo.ROUTES.prompts,
		`POST ${BASE}/projects/:id/finalize`,
		`GET ${BASE}/projects/:id/auto-status`,
		`GET ${BASE}/projects/:id`,
	].map(firstIndex);
	expect(order.every((index) => index >= 0)).toBe(true);
	expect([...order].sort((a, b) => a - b)).toEqual(order);
	const [create] = fake.requests('POST', `${BASE}/projects`);
	expect(create.body).toEqual({
		title: 'Narrated video',
		workflow_mode: 'automatic',
		preset_id: PRESET_ID,
		detect_characters: false,
		generate_videos: true,
	});
	expect(promptRequests(fake)).toHaveLength(3);
	expect(fake.requests('POST', /\/finalize$/)).toHaveLength(1);
	// progress went to the log as the counts changed
	const progressLogs = result.logs.filter((l) => l.level === 'info' && /: \d+\/12 sentences complete/.test(l.message));
	expect(progressLogs.length).toBeGreaterThanOrEqual(2);
	expect(progressLogs[0].message).toMatch(/^project .*: generating_images: \d+\/12 sentences complete/);
	expect(visibleText(result)).not.toContain(API_KEY);
});

test('one item per sentence, with the images downloaded as binary data', async () => {
	fake = await startFake({ config: { segments: 2, sentencesPerSegment: 2 } });
	const result = await run(fake, pipeline({ outputMode: 'sentence', downloadImages: true, binaryPropertyName: 'frame' }));
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(4);
	expect(result.items.map((i) => i.json.sequence)).toEqual([1, 2, 3, 4]);
	for (const item of result.items) {
		expect(item.json).toMatchObject({ project_id: expect.any(String), status: 'complete', project: { is_done: true } });
		expect(item.binary.frame).toMatchObject({ mimeType: 'image/png', fileName: `sentence-${item.json.sequence}.png` });
		expect(await result.binaryAsBuffer(item, 'frame')).toEqual(vo.PNG);
		expect(item.pairedItem).toEqual({ item: 0 });
	}
	const cdn = fake.requests('GET', /^\/cdn\//);
	expect(cdn).toHaveLength(4);
	expect(cdn.every((r) => r.headers.authorization === undefined)).toBe(true);
});

test('one item per image; failed images are left out and counted in progress', async () => {
	fake = await startFake({ config: { segments: 1, sentencesPerSegment: 3, failImages: { 2: 1 } } });
	const result = await run(fake, pipeline({ outputMode: 'image' }));
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.json.sequence)).toEqual([1, 3]);
	expect(result.items[0].json).toMatchObject({
		image_url: expect.stringContaining('/cdn/'),
		image_status: 'complete',
		prompt: expect.stringContaining('Sentence 1'),
		project: { progress: { sentences_failed: 1, image_jobs_failed: 1 } },
	});
});

test('one item per project with downloads: each sentence image in <field>_<sequence>', async () => {
	fake = await startFake({ config: { segments: 1, sentencesPerSegment: 3 } });
	const result = await run(fake, pipeline({ downloadImages: true }));
	expect(result.error).toBeUndefined();
	expect(Object.keys(result.items[0].binary).sort()).toEqual(['data_1', 'data_2', 'data_3']);
});

test('several input items each run their own pipeline, sharing one wait budget', async () => {
	fake = await startFake({ config: { segments: 2, sentencesPerSegment: 1 } });
	const result = await run(fake, pipeline({ title: '={{ $json.title }}' }), {
		items: [{ json: { title: 'First' } }, { json: { title: 'Second' } }],
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => [i.json.title, i.pairedItem.item])).toEqual([
		['First', 0],
		['Second', 1],
	]);
});

test('Max Credits: refuses before any prompt is paid for, naming the project and next step', async () => {
	fake = await startFake({ config: { segments: 2, sentencesPerSegment: 5 } });
	// 10 sentences: prompts 2 each + images 49 each = 510 credits
	const result = await run(fake, pipeline({ options: { maxCredits: 500 } }));
	expect(result.error.message).toMatch(/510 credits.*ceiling of 500/);
	const projectId = result.error.context.projectId;
	expect(vo.getProject(fake, projectId)).toBeDefined();
	expect(result.error.description).toContain(projectId);
	expect(result.error.description).toMatch(/raise Max Credits.*Project set to this ID/);
	expect(promptRequests(fake)).toHaveLength(0);
	expect(fake.requests('GET', `${BASE}/estimate-credits`).map((r) => r.query.action)).toEqual(['generate_prompts', 'generate_images']);

	const enough = await run(fake, pipeline({ options: { maxCredits: 510 } }));
	expect(enough.error).toBeUndefined();
	expect(enough.items[0].json.pipeline.credits).toMatchObject({ estimated_credits: 510 });
});

test('Max Credits: refuses when the workspace cannot cover a phase (can_proceed false)', async () => {
	fake = await startFake({ credits: 100, config: { segments: 1, sentencesPerSegment: 3 } });
	const result = await run(fake, pipeline({ options: { maxCredits: 100000 } }));
	expect(result.error.message).toMatch(/Not enough credits for generate_images/);
	expect(result.error.context.projectId).toBeDefined();
	expect(promptRequests(fake)).toHaveLength(0);
});

test('an API error after the project exists names the project and what to run next', async () => {
	fake = await startFake();
	const result = await run(fake, pipeline({ audioUrl: 'https://example.com/huge.wav' }));
	expect(result.error.message).toContain('Audio file exceeds the 200 MB upload cap');
	expect(result.error.httpCode).toBe('413');
	const projectId = result.error.context.projectId;
	expect(projectId).toBe(vo.getProject(fake, projectId).id);
	expect(result.error.description).toContain(`Project ID: ${projectId}`);
	expect(result.error.description).toMatch(/Set Audio/);
});

test('continueOnFail keeps the project id in the error item', async () => {
	fake = await startFake();
	vo.configure(fake, { requireArtStyle: true });
	const result = await run(fake, pipeline({ presetId: { __rl: true, mode: 'list', value: '' } }), { continueOnFail: true });
	expect(result.status).toBe('success');
	expect(result.items[0].json).toMatchObject({
		error: expect.stringContaining('Project has no art style'),
		projectId: expect.any(String),
		httpCode: '400',
	});
	expect(result.items[0].json.description).toMatch(/Run Prep/);
});
