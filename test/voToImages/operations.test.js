'use strict';
/** Each operation on its own, sentence paging, and the searchable lists. */
const { BASE, PRESET_ID, vo, startFake, run, locator, promptRequests, preparedProject, listSearch, apiRequests, PROMPTS_PATH } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const op = (operation, extra = {}) => ({ resource: 'project', operation, ...extra });

describe('Project', () => {
	test('Create: fields out as the API names them', async () => {
		fake = await startFake();
		const result = await run(
			fake,
			op('create', {
				title: 'Doc',
				workflowMode: 'manual',
				presetId: locator(PRESET_ID),
				additionalFields: {
					artStyleId: '11111111-1111-4111-8111-111111111111',
					charGenStyleId: '22222222-2222-4222-8222-222222222222',
					detectCharacters: false,
					generateCharacters: true,
					generateVideos: true,
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(fake.requests('POST', `${BASE}/projects`)[0].body).toEqual({
			title: 'Doc',
			workflow_mode: 'manual',
			preset_id: PRESET_ID,
			art_style_id: '11111111-1111-4111-8111-111111111111',
			char_gen_style_id: '22222222-2222-4222-8222-222222222222',
			detect_characters: false,
			generate_characters: true,
			generate_videos: true,
		});
		expect(result.items[0].json).toMatchObject({ id: expect.any(String), status: 'draft', workflow_mode: 'manual' });
	});

	test('Create: an unknown preset is the API\'s 404 with its own message', async () => {
		fake = await startFake();
		const result = await run(fake, op('create', { title: 'Doc', presetId: locator('00000000-0000-4000-8000-000000000000') }));
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toBe('Flokan VO to Images: Preset 00000000-0000-4000-8000-000000000000 not found');
	});

	test('Get: all sentences, paged automatically through has_more_sentences', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 350 } });
		const { id } = await preparedProject(fake);
		fake.clearLog();
		const result = await run(fake, op('get', { projectId: locator(id) }));
		expect(result.error).toBeUndefined();
		const { json } = result.items[0];
		expect(json.sentences).toHaveLength(700);
		expect(json.sentences.map((s) => s.sequence)).toEqual(Array.from({ length: 700 }, (_, i) => i + 1));
		expect(json.has_more_sentences).toBeUndefined();
		expect(fake.requests('GET', `${BASE}/projects/${id}`).map((r) => r.query)).toEqual([
			{ sentences_offset: '0', sentences_limit: '300' },
			{ sentences_offset: '300', sentences_limit: '300' },
			{ sentences_offset: '600', sentences_limit: '300' },
		]);
	});

	test('Get: a user-set range is one request, has_more_sentences passed through', async () => {
		fake = await startFake({ config: { segments: 1, sentencesPerSegment: 400 } });
		const { id } = await preparedProject(fake);
		fake.clearLog();
		const result = await run(fake, op('get', { projectId: locator(id), sentences: 'range', sentencesOffset: 150, sentencesLimit: 100 }));
		expect(result.items[0].json).toMatchObject({ sentences_offset: 150, sentences_limit: 100, has_more_sentences: true });
		expect(result.items[0].json.sentences[0].sequence).toBe(151);
		expect(apiRequests(fake)).toHaveLength(1);
	});

	test('Get Many: Limit asks for only what it needs; Return All walks every page; status filter', async () => {
		fake = await startFake();
		const { call } = await preparedProject(fake);
		for (let i = 0; i < 104; i += 1) await call('POST', '/projects', { title: `P${i}` });
		fake.clearLog();
		const limited = await run(fake, op('getMany', { limit: 3 }));
		expect(limited.items.map((i) => i.json.title)).toEqual(['P103', 'P102', 'P101']);
		expect(fake.requests('GET', `${BASE}/projects`).map((r) => r.query)).toEqual([{ page: '1', per_page: '3' }]);

		fake.clearLog();
		const all = await run(fake, op('getMany', { returnAll: true }));
		expect(all.items).toHaveLength(105);
		expect(fake.requests('GET', `${BASE}/projects`).map((r) => r.query.page)).toEqual(['1', '2']);

		const prompts = await run(fake, op('getMany', { returnAll: true, filters: { status: 'prompts' } }));
		expect(prompts.items.map((i) => i.json.title)).toEqual(['Existing']);
	});

	test('Delete', async () => {
		fake = await startFake();
		const { id } = await preparedProject(fake);
		const result = await run(fake, op('delete', { projectId: locator(id) }));
		expect(result.items[0].json).toEqual({ id, deleted: true });
		expect(vo.getProject(fake, id)).toBeUndefined();
	});

	test('Set Audio; an audio file over the cap is the API\'s 413', async () => {
		fake = await startFake();
		const { call } = await preparedProject(fake);
		const draft = await call('POST', '/projects', { title: 'Draft' });
		const ok = await run(fake, op('setAudio', { projectId: locator(draft.id), audioUrl: 'http://example.com/vo.wav' }));
		expect(ok.items[0].json).toMatchObject({ project_id: draft.id, audio_url: 'http://example.com/vo.wav' });
		const big = await run(fake, op('setAudio', { projectId: locator(draft.id), audioUrl: 'https://example.com/huge.wav' }));
		expect(big.error.httpCode).toBe('413');
		expect(big.error.message).toContain('Audio file exceeds the 200 MB upload cap');
		expect(big.error.description).toMatch(/upload cap/);
	});

	test('Apply Preset keeps the workflow mode', async () => {
		fake = await startFake();
		const { call } = await preparedProject(fake);
		const draft = await call('POST', '/projects', { title: 'Draft', workflow_mode: 'manual' });
		const preset = vo.DEFAULT_PRESETS[1];
		const result = await run(fake, op('applyPreset', { projectId: locator(draft.id), presetId: locator(preset.id) }));
		expect(fake.requests('POST', /apply-preset$/)[0].body).toEqual({ preset_id: preset.id });
		expect(result.items[0].json).toMatchObject({ workflow_mode: 'manual', art_style_id: preset.art_style_id, preset_id: preset.id });
	});

	test('Run Prep returns the segment IDs; a manual project is refused by the API', async () => {
		fake = await startFake({ config: { segments: 2 } });
		const { call } = await preparedProject(fake);
		const draft = await call('POST', '/projects', { title: 'Draft', preset_id: PRESET_ID });
		await call('POST', `/projects/${draft.id}/audio`, { audio_url: 'https://example.com/a.mp3' });
		const prep = await run(fake, op('runPrep', { projectId: locator(draft.id) }));
		expect(prep.items[0].json).toMatchObject({ project_id: draft.id, auto_step: 'generating_prompts', segment_ids: [expect.any(String), expect.any(String)] });

		const manual = await call('POST', '/projects', { title: 'Manual', workflow_mode: 'manual', preset_id: PRESET_ID });
		await call('POST', `/projects/${manual.id}/audio`, { audio_url: 'https://example.com/a.mp3' });
		const refused = await run(fake, op('runPrep', { projectId: locator(manual.id) }));
		expect(refused.error.message).toBe('Flokan VO to Images: Auto-run only works on automatic projects');
		expect(fake.requests('POST', /auto-run$/).filter((r) => r.path.includes(manual.id))).toHaveLength(1);
	});

	test('Generate Prompts, all segments: skips segments that already have prompts; a second run sends nothing', async () => {
		fake = await startFake({ config: { segments: 4, sentencesPerSegment: 2 } });
		const { id, segmentIds, call } = await preparedProject(fake);
		await call('POST', `/projects/${id}/segments/${segmentIds[2]}/prompts`);
		fake.clearLog();
		// The fake answers the node's prompts calls only once 2 are in flight (then the last alone).
		fake.holdInBatches({ method: 'POST', path: PROMPTS_PATH, inFlight: 2, total: 3 });
		const first = await run(fake, op('generatePrompts', { projectId: locator(id), options: { promptConcurrency: 2 } }));
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ segments_total: 4, segments_skipped: 1, segments_requested: 3, segments_failed: [] });
		expect(promptRequests(fake).map((r) => r.path.split('/').at(-2)).sort()).toEqual([segmentIds[0], segmentIds[1], segmentIds[3]].sort());
		expect(vo.peakPromptConcurrency(fake)).toBe(2);

		fake.clearLog();
		const second = await run(fake, op('generatePrompts', { projectId: locator(id) }));
		expect(second.items[0].json).toMatchObject({ segments_skipped: 4, segments_requested: 0 });
		expect(promptRequests(fake)).toHaveLength(0);
	});

	test('Generate Prompts, all segments: a failed segment is named, with the project and next step', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 1, failSegments: { 2: 1 } } });
		const { id, segmentIds } = await preparedProject(fake);
		const result = await run(fake, op('generatePrompts', { projectId: locator(id) }));
		expect(result.error.message).toContain(`Prompts failed for 1 of 2 segment(s) of project ${id}: ${segmentIds[1]}`);
		expect(result.error.description).toMatch(/segments that already have prompts are skipped/);
		expect(promptRequests(fake)).toHaveLength(2);
	});

	test('Generate Prompts, one segment: sent as asked', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 3 } });
		const { id, segmentIds } = await preparedProject(fake);
		const result = await run(fake, op('generatePrompts', { projectId: locator(id), segmentScope: 'one', segmentId: segmentIds[1], options: { smartCameraAngles: true } }));
		expect(result.items[0].json).toMatchObject({ segment_id: segmentIds[1], prompts_generated: 3 });
		expect(promptRequests(fake).map((r) => [r.path.split('/').at(-2), r.body])).toEqual([[segmentIds[1], { smart_camera_angles: true }]]);
	});

	test('Finalize: refused by the API when nothing is ready; accepted afterwards; Get Status shows progress', async () => {
		// The fake's clock stands still: the images are still being made when the status is read.
		fake = await startFake({ config: { segments: 1, sentencesPerSegment: 2, imageDelayMs: 5000, manualClock: true } });
		const { id, segmentIds, call } = await preparedProject(fake);
		const refused = await run(fake, op('finalize', { projectId: locator(id) }));
		expect(refused.error.httpCode).toBe('400');
		expect(refused.error.message).toMatch(/no sentences are in prompt_ready or failed status/);
		await call('POST', `/projects/${id}/segments/${segmentIds[0]}/prompts`);
		const finalized = await run(fake, op('finalize', { projectId: locator(id) }));
		expect(finalized.items[0].json).toMatchObject({ project_id: id, image_jobs_enqueued: 2 });
		const status = await run(fake, op('getStatus', { projectId: locator(id) }));
		expect(status.items[0].json).toMatchObject({
			project_id: id,
			is_done: false,
			auto_step: 'generating_images',
			progress: { sentences_total: 2, prompts_ready: 2, image_jobs_active: 2 },
		});
	});
});

test('Preset → Get Many: all, or up to the limit', async () => {
	fake = await startFake();
	const all = await run(fake, { resource: 'preset', operation: 'getMany', returnAll: true });
	expect(all.items.map((i) => i.json.id)).toEqual(vo.DEFAULT_PRESETS.map((p) => p.id));
	const two = await run(fake, { resource: 'preset', operation: 'getMany', limit: 2 });
	expect(two.items).toHaveLength(2);
});

test('Credits → Estimate', async () => {
	fake = await startFake({ credits: 500, config: { segments: 2, sentencesPerSegment: 5 } });
	const { id } = await preparedProject(fake);
	const result = await run(fake, { resource: 'credits', operation: 'estimate', projectId: locator(id), action: 'generate_images' });
	expect(fake.requests('GET', `${BASE}/estimate-credits`)[0].query).toEqual({ project_id: id, action: 'generate_images' });
	expect(result.items[0].json).toMatchObject({ action: 'generate_images', count: 10, estimated_credits: 490, available_credits: 500, can_proceed: true });
});

test('Wait for Completion on an unknown project: the API\'s 404, naming the project', async () => {
	fake = await startFake();
	const id = '00000000-0000-4000-8000-000000000000';
	const result = await run(fake, op('waitForCompletion', { projectId: locator(id), pollIntervalSeconds: 0.02, maxWaitSeconds: 5 }));
	expect(result.error.httpCode).toBe('404');
	expect(result.error.description).toContain(`Project ID: ${id}`);
});

describe('searchable lists', () => {
	test('presets, filtered by name', async () => {
		fake = await startFake();
		const all = await listSearch(fake, 'searchPresets');
		expect(all.results).toEqual(vo.DEFAULT_PRESETS.map((p) => ({ name: p.name, value: p.id })));
		const anime = await listSearch(fake, 'searchPresets', 'anime');
		expect(anime.results).toEqual([{ name: 'Anime shorts', value: vo.DEFAULT_PRESETS[1].id }]);
	});

	test('projects, newest first, a page at a time', async () => {
		fake = await startFake();
		const { call } = await preparedProject(fake);
		for (let i = 0; i < 100; i += 1) await call('POST', '/projects', { title: `P${i}` });
		const first = await listSearch(fake, 'searchProjects');
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'P99 (draft)', value: expect.any(String) });
		expect(first.paginationToken).toBe('2');
		const second = await listSearch(fake, 'searchProjects', undefined, '2');
		expect(second.results).toEqual([{ name: 'Existing (prompts)', value: expect.any(String) }]);
		expect(second.paginationToken).toBeUndefined();
		const filtered = await listSearch(fake, 'searchProjects', 'p42');
		expect(filtered.results.map((r) => r.name)).toEqual(['P42 (draft)']);
	});
});
