'use strict';
/** Waiting: deadline, cancellation, wait off → Wait for Completion later, continuing existing projects. */
const { BASE, vo, startFake, run, pipeline, locator, promptRequests, preparedProject, apiRequests, PROMPTS_PATH } = require('./helpers');
const { firstPollRead } = require('../fakes/gate');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test('the deadline: the error names the project and the next step, the project keeps running', async () => {
	// The fake's clock stands still: the images never finish, only Max Wait can end the wait.
	fake = await startFake({ config: { segments: 1, sentencesPerSegment: 2, imageDelayMs: 60000, manualClock: true } });
	const result = await run(fake, pipeline({ maxWaitSeconds: 1, pollIntervalSeconds: 0.1 }));
	// Gave up about 1 s into the wait, far from the images' minute (the engine's start is not counted).
	const [firstStatus] = fake.requests('GET', /\/auto-status$/);
	expect(Date.now() - firstStatus.at).toBeLessThan(10_000);
	const projectId = result.error.context.projectId;
	expect(vo.getProject(fake, projectId)).toBeDefined();
	expect(result.error.message).toBe(`Gave up waiting for project ${projectId} after the maximum wait of 1 s`);
	expect(result.error.description).toContain(`Project ID: ${projectId}. Next step: use Project → Wait for Completion`);
	expect(result.error.description).toMatch(/Last known state: generating_images: 0\/2 sentences complete/);
	expect(fake.requests('DELETE', /./)).toHaveLength(0);
});

test('stopping the execution mid-wait returns promptly, naming the project', async () => {
	fake = await startFake({ config: { segments: 1, sentencesPerSegment: 2, imageDelayMs: 60000 } });
	// Stopped once the node has read its first status answer: it is in its 8 s pause.
	const statusRead = firstPollRead(fake, /\/auto-status$/);
	const result = await run(fake, pipeline({ pollIntervalSeconds: 8, maxWaitSeconds: 600 }), { cancelWhen: statusRead });
	expect(result.cancelled).toBe(true);
	expect(result.msAfterCancel).toBeLessThan(2000);
	expect(result.error.message).toMatch(/The execution was stopped while waiting for project/);
	expect(result.error.context.projectId).toBeDefined();
	expect(fake.requests('GET', /\/auto-status$/).length).toBeLessThanOrEqual(2);
});

test('stopping the execution during the prompts fan-out aborts the calls in flight and starts no further segment', async () => {
	fake = await startFake({ config: { segments: 6, sentencesPerSegment: 1 } });
	// The fake holds the prompts calls; the stop comes when two are in flight.
	const prompts = fake.hold({ method: 'POST', path: PROMPTS_PATH });
	const result = await run(fake, pipeline({ options: { promptConcurrency: 2 } }), { cancelWhen: prompts.untilHeld(2) });
	expect(result.cancelled).toBe(true);
	expect(prompts.held).toHaveLength(2);
	expect(result.msAfterCancel).toBeLessThan(2000);
	expect(result.error.message).toMatch(/stopped/);
	expect(result.error.context.projectId).toBeDefined();
	expect(promptRequests(fake).length).toBeLessThanOrEqual(2);
	expect(fake.requests('POST', /\/finalize$/)).toHaveLength(0);
});

test('waiting off: returns the project id and state after finalize; Wait for Completion picks it up', async () => {
	// The fake's clock stands still until a status check moves it on by the images' 50 ms.
	fake = await startFake({ config: { segments: 2, sentencesPerSegment: 2, imageDelayMs: 50, manualClock: true, statusStepMs: 50 } });
	const started = await run(fake, pipeline({ waitForCompletion: false }));
	expect(started.error).toBeUndefined();
	const { json } = started.items[0];
	expect(json).toMatchObject({
		project_id: expect.any(String),
		status: 'generating',
		auto_step: 'generating_images',
		is_done: false,
		progress: { sentences_total: 4, prompts_ready: 4 },
		pipeline: { segments_total: 2, finalize: { image_jobs_enqueued: 4 } },
		next_step: 'Use Project → Wait for Completion with this project ID',
	});
	expect(fake.requests('GET', new RegExp(`${BASE}/projects/[^/]+$`))).toHaveLength(0);

	const finished = await run(fake, {
		resource: 'project',
		operation: 'waitForCompletion',
		projectId: locator(json.project_id),
		pollIntervalSeconds: 0.02,
		maxWaitSeconds: 10,
		outputMode: 'sentence',
	});
	expect(finished.error).toBeUndefined();
	expect(finished.items).toHaveLength(4);
	expect(finished.items.every((i) => i.json.status === 'complete' && i.json.image_url)).toBe(true);
	expect(fake.requests('POST', /\/finalize$/)).toHaveLength(1);
});

describe('continuing an existing project', () => {
	test('skips segments whose sentences already have prompts, and the steps already done', async () => {
		fake = await startFake({ config: { segments: 3, sentencesPerSegment: 2 } });
		const { id, segmentIds, call } = await preparedProject(fake);
		await call('POST', `/projects/${id}/segments/${segmentIds[0]}/prompts`);
		fake.clearLog();
		const result = await run(fake, pipeline({ projectSource: 'existing', projectId: locator(id), audioUrl: '' }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.pipeline).toMatchObject({ segments_total: 3, segments_skipped: 1, segments_requested: 2 });
		expect(promptRequests(fake).map((r) => r.path.split('/').at(-2)).sort()).toEqual([segmentIds[1], segmentIds[2]].sort());
		expect(fake.requests('POST', `${BASE}/projects`)).toHaveLength(0);
		expect(fake.requests('POST', /\/(audio|auto-run)$/)).toHaveLength(0);
		expect(result.items[0].json.progress.sentences_complete).toBe(6);
	});

	test('a re-run after a failed segment only sends that segment', async () => {
		fake = await startFake({ config: { segments: 3, sentencesPerSegment: 1, failSegments: { 3: 1 } } });
		const first = await run(fake, pipeline());
		const projectId = first.error.context.projectId;
		const failedSegment = first.error.context.failedSegments[0];
		fake.clearLog();
		const again = await run(fake, pipeline({ projectSource: 'existing', projectId: locator(projectId) }));
		expect(again.error).toBeUndefined();
		expect(promptRequests(fake).map((r) => r.path.split('/').at(-2))).toEqual([failedSegment]);
		expect(again.items[0].json.progress.sentences_complete).toBe(3);
	});

	test('a draft with audio gets its prep; a draft without audio asks for the Audio URL before spending', async () => {
		fake = await startFake({ config: { segments: 1, sentencesPerSegment: 1 } });
		const { call } = await preparedProject(fake);
		const bare = await call('POST', '/projects', { title: 'Bare', preset_id: vo.DEFAULT_PRESETS[0].id });
		fake.clearLog();
		const refused = await run(fake, pipeline({ projectSource: 'existing', projectId: locator(bare.id), audioUrl: '' }));
		expect(refused.error.message).toBe(`Project ${bare.id} has no audio yet`);
		expect(refused.error.description).toMatch(/Fill in Audio URL/);
		expect(apiRequests(fake).filter((r) => r.method !== 'GET')).toHaveLength(0);

		const done = await run(fake, pipeline({ projectSource: 'existing', projectId: locator(bare.id), audioUrl: 'https://example.com/b.mp3' }));
		expect(done.error).toBeUndefined();
		expect(fake.requests('POST', /\/audio$/)[0].body).toEqual({ audio_url: 'https://example.com/b.mp3' });
		expect(done.items[0].json.status).toBe('complete');
	});

	test('an already finalized project is only waited for', async () => {
		fake = await startFake({ config: { segments: 1, sentencesPerSegment: 2 } });
		const { id, segmentIds, call } = await preparedProject(fake);
		await call('POST', `/projects/${id}/segments/${segmentIds[0]}/prompts`);
		await call('POST', `/projects/${id}/finalize`);
		fake.clearLog();
		const result = await run(fake, pipeline({ projectSource: 'existing', projectId: locator(id) }));
		expect(result.error).toBeUndefined();
		expect(apiRequests(fake).filter((r) => r.method !== 'GET')).toHaveLength(0);
		expect(result.items[0].json.progress.sentences_complete).toBe(2);
	});
});
