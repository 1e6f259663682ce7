'use strict';
/** The prompts fan-out: bounded parallelism, failed segments (retry once, finalize with ready or stop), money rules. */
const { BASE, vo, startFake, run, pipeline, promptRequests, PROMPTS_PATH } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const segmentOf = (entry) => entry.path.split('/').at(-2);

describe('bounded parallel fan-out', () => {
	// The fake holds the prompts calls until the limit's worth are in flight (fakes/gate.js).
	test('at most 10 prompts calls at once by default, and really in parallel', async () => {
		fake = await startFake({ config: { segments: 25, sentencesPerSegment: 1 } });
		fake.holdInBatches({ method: 'POST', path: PROMPTS_PATH, inFlight: 10, total: 25 });
		const result = await run(fake, pipeline());
		expect(result.error).toBeUndefined();
		expect(promptRequests(fake)).toHaveLength(25);
		expect(new Set(promptRequests(fake).map(segmentOf)).size).toBe(25);
		expect(vo.peakPromptConcurrency(fake)).toBe(10);
	});

	test('a lower user limit is respected', async () => {
		fake = await startFake({ config: { segments: 9, sentencesPerSegment: 1 } });
		fake.holdInBatches({ method: 'POST', path: PROMPTS_PATH, inFlight: 3, total: 9 });
		const result = await run(fake, pipeline({ options: { promptConcurrency: 3 } }));
		expect(result.error).toBeUndefined();
		expect(vo.peakPromptConcurrency(fake)).toBe(3);
	});

	test('smart camera angles reach every prompts call', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 1 } });
		const result = await run(fake, pipeline({ options: { smartCameraAngles: true } }));
		expect(result.error).toBeUndefined();
		expect(promptRequests(fake).map((r) => r.body)).toEqual([{ smart_camera_angles: true }, { smart_camera_angles: true }]);
	});
});

describe('a failing segment', () => {
	test('default: reported by id, never re-sent, nothing finalized, error names project and next step', async () => {
		fake = await startFake({ config: { segments: 3, sentencesPerSegment: 2, failSegments: { 2: 1 } } });
		const result = await run(fake, pipeline());
		const project = [...fake.state.voStore.projects.values()][0];
		const failedSegment = project.segments[1].id;
		expect(result.error.message).toContain(`Prompts failed for 1 of 3 segment(s) of project ${project.id}`);
		expect(result.error.message).toContain(failedSegment);
		expect(result.error.context).toMatchObject({ projectId: project.id, failedSegments: [failedSegment] });
		expect(result.error.description).toMatch(/Project ID: .*Generate Prompts/);
		expect(promptRequests(fake)).toHaveLength(3);
		expect(fake.requests('POST', /\/finalize$/)).toHaveLength(0);
	});

	test('retry once succeeds: the pipeline completes; only the failed segment is sent twice', async () => {
		fake = await startFake({ config: { segments: 3, sentencesPerSegment: 2, failSegments: { 2: 1 } } });
		const result = await run(fake, pipeline({ options: { retryFailedSegmentsOnce: true } }));
		expect(result.error).toBeUndefined();
		const project = [...fake.state.voStore.projects.values()][0];
		const failedSegment = project.segments[1].id;
		const perSegment = promptRequests(fake).map(segmentOf);
		expect(perSegment.filter((s) => s === failedSegment)).toHaveLength(2);
		expect(perSegment).toHaveLength(4);
		expect(result.items[0].json.pipeline).toMatchObject({ segments_retried: [failedSegment], segments_failed: [] });
		expect(result.items[0].json.progress.sentences_complete).toBe(6);
	});

	test('still failing after the retry, Finalize With the Ready Segments: images for the rest', async () => {
		fake = await startFake({ config: { segments: 3, sentencesPerSegment: 2, failSegments: { 2: 5 } } });
		const result = await run(fake, pipeline({ options: { retryFailedSegmentsOnce: true, onSegmentFailure: 'finalizeReady' } }));
		expect(result.error).toBeUndefined();
		const project = [...fake.state.voStore.projects.values()][0];
		const failedSegment = project.segments[1].id;
		expect(promptRequests(fake).filter((r) => segmentOf(r) === failedSegment)).toHaveLength(2);
		const { json } = result.items[0];
		expect(json.pipeline.segments_failed).toEqual([
			expect.objectContaining({ segment_id: failedSegment, http_code: '500', error: expect.stringContaining('Prompt generation failed') }),
		]);
		expect(json.progress).toMatchObject({ sentences_complete: 4, sentences_failed: 2 });
		expect(json.sentences.filter((s) => s.status === 'failed').map((s) => s.segment_id)).toEqual([failedSegment, failedSegment]);
		expect(result.logs.some((l) => l.level === 'warn' && l.message.includes(failedSegment))).toBe(true);
	});

	test('still failing after the retry, Stop: error, no finalize, sent exactly twice', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 2, failSegments: { 1: 5 } } });
		const result = await run(fake, pipeline({ options: { retryFailedSegmentsOnce: true, onSegmentFailure: 'stop' } }));
		expect(result.error.message).toMatch(/Prompts failed for 1 of 2 segment/);
		expect(promptRequests(fake)).toHaveLength(3);
		expect(fake.requests('POST', /\/finalize$/)).toHaveLength(0);
	});

	test('every segment failing: stops even with Finalize With the Ready Segments', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 1, failSegments: { 1: 1, 2: 1 } } });
		const result = await run(fake, pipeline({ options: { onSegmentFailure: 'finalizeReady' } }));
		expect(result.error.message).toMatch(/Prompts failed for 2 of 2/);
		expect(fake.requests('POST', /\/finalize$/)).toHaveLength(0);
	});

	test('answer lost after the work was done: the retry re-reads the project and does not pay again', async () => {
		fake = await startFake({ config: { segments: 3, sentencesPerSegment: 1 } });
		fake.addFault({ method: 'POST', path: PROMPTS_PATH, kind: 'drop', afterHandler: true });
		const result = await run(fake, pipeline({ options: { retryFailedSegmentsOnce: true } }));
		expect(result.error).toBeUndefined();
		const dropped = promptRequests(fake).find((r) => r.fault === 'drop');
		expect(promptRequests(fake)).toHaveLength(3);
		expect(result.items[0].json.pipeline).toMatchObject({ segments_recovered: [segmentOf(dropped)], segments_retried: [] });
		expect(vo.promptCalls(fake).filter((c) => c.segmentId === segmentOf(dropped))).toHaveLength(1);
	});

	test('a 503 on a prompts call is not re-sent by the transport', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 1 } });
		fake.addFault({ method: 'POST', path: PROMPTS_PATH, kind: '503' });
		const result = await run(fake, pipeline());
		expect(result.error.message).toMatch(/Prompts failed for 1 of 2/);
		expect(promptRequests(fake)).toHaveLength(2);
	});

	test('a 429 on a prompts call is re-sent after Retry-After (the server did no work)', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 1 } });
		fake.addFault({ method: 'POST', path: PROMPTS_PATH, kind: '429', retryAfter: '0' });
		const result = await run(fake, pipeline());
		expect(result.error).toBeUndefined();
		expect(promptRequests(fake)).toHaveLength(3);
		expect(vo.promptCalls(fake)).toHaveLength(2);
	});
});

test('finalize is sent once even when it fails with a 5xx', async () => {
	fake = await startFake({ config: { segments: 1, sentencesPerSegment: 1 } });
	fake.addFault({ method: 'POST', path: /\/finalize$/, kind: '500' });
	const result = await run(fake, pipeline());
	expect(result.error.httpCode).toBe('500');
	expect(fake.requests('POST', /\/finalize$/)).toHaveLength(1);
	expect(result.error.description).toMatch(/Project ID: .*Finalize/);
	expect(fake.requests('GET', `${BASE}/estimate-credits`)).toHaveLength(0);
});
