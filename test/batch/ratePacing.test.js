'use strict';
/**
 * Paid work is never hidden behind 429s: 30 Image Editor items, 5 at a time, under a small rate
 * limit (20 calls per 2 s window on the fake) all finish with zero 429s, because every item paces
 * on the account's shared budget instead of spending a request to learn the limit.
 */
const { PROCESS_ROUTE, processInBatches, startFake, run, generateEach, promptItems, jobsOf, processCalls } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test('30 items under 20 calls per 2 s: all finish, zero 429s, still 5 at a time', async () => {
	fake = await startFake({ rateLimitPerMinute: 20, rateLimitWindowMs: 2000 });
	processInBatches(fake, { inFlight: 5, total: 30 });
	const result = await run(fake, generateEach(), { items: promptItems(30) });

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(30);
	result.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(jobsOf(fake).get(item.json.job_id)).toMatchObject({ prompt: `Item ${index}`, status: 'completed' });
	});
	// 30 calls cannot fit one window of 20: with zero 429s, the node must have paced to the reset.
	expect(fake.log.filter((entry) => entry.status === 429)).toEqual([]);
	expect(processCalls(fake)).toHaveLength(30);
	expect(fake.peakConcurrency(PROCESS_ROUTE)).toBe(5);
});
