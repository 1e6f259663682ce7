'use strict';
/** Pacing from X-RateLimit-*: a project with more segments than the per-window limit finishes without a 429. */
const { startFake, run, pipeline, promptRequests } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test('100 segments under a limit of 60 per window: the node waits for the reset instead of hitting 429', async () => {
	fake = await startFake({ config: { segments: 100, sentencesPerSegment: 1, promptDelayMs: 0 } });
	// A one-second window stands in for the plan's minute.
	fake.setRateLimit(60, 1000);
	const result = await run(fake, pipeline(), { executionTimeoutMs: 60000 });
	expect(result.error).toBeUndefined();
	expect(promptRequests(fake)).toHaveLength(100);
	expect(fake.log.length).toBeGreaterThan(100);
	expect(fake.log.filter((entry) => entry.status === 429)).toEqual([]);
	expect(result.items[0].json.progress).toMatchObject({ sentences_total: 100, sentences_complete: 100 });
}, 60000);
