'use strict';
/**
 * Continue On Fail in a parallel batch: one item refused by the safety filter among 10 becomes an
 * error item paired to its input; the other nine are whole, and the batch still ran 5 at a time.
 */
const { SAFETY_WORD } = require('../fakes/flokan/imageEditor');
const { PROCESS_ROUTE, processInBatches, startFake, run, generateEach, promptItems, jobsOf, processCalls } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test('one failing item among 10: nine outputs intact, the failed one an error item paired to its input', async () => {
	fake = await startFake();
	processInBatches(fake, { inFlight: 5, total: 10 });
	const failing = 4;
	const items = promptItems(10, (i) => (i === failing ? `Item ${i} ${SAFETY_WORD}` : `Item ${i}`));
	const result = await run(fake, generateEach(), { items, continueOnFail: true });

	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(10);
	expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));

	const failed = result.items[failing].json;
	expect(failed.error).toMatch(/safety filter/);
	expect(failed.httpCode).toBe('422');
	expect(failed.job_id).toBeUndefined();

	result.items.forEach((item, index) => {
		if (index === failing) return;
		expect(item.json.error).toBeUndefined();
		expect(jobsOf(fake).get(item.json.job_id)).toMatchObject({ prompt: `Item ${index}`, status: 'completed' });
		expect(item.json).toMatchObject({ status: 'completed', result_image_id: expect.any(String) });
	});
	// Every item was sent once (the refused one too: the filter runs on the server), 5 at a time.
	expect(processCalls(fake)).toHaveLength(10);
	expect(fake.peakConcurrency(PROCESS_ROUTE)).toBe(5);
});

test('an answer lost after the work (500 after the job ran) on one call: not re-sent, that item says so, nine intact', async () => {
	fake = await startFake();
	processInBatches(fake, { inFlight: 5, total: 10 });
	fake.addFault({ method: 'POST', path: /\/process$/, kind: '500', afterHandler: true });
	const items = promptItems(10);
	const result = await run(fake, generateEach(), { items, continueOnFail: true });

	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
	const failedItems = result.items.filter((item) => item.json.error !== undefined);
	expect(failedItems).toHaveLength(1);
	expect(failedItems[0].json.httpCode).toBe('500');
	expect(failedItems[0].json.description).toMatch(/not sent again/);
	// The paid call was not sent twice: 10 calls for 10 items, and the fake did all 10 jobs.
	expect(processCalls(fake)).toHaveLength(10);
	expect(fake.peakConcurrency(PROCESS_ROUTE)).toBe(5);
	expect([...jobsOf(fake).values()].filter((job) => job.status === 'completed')).toHaveLength(10);
	result.items.forEach((item, index) => {
		if (item.json.error === undefined) expect(jobsOf(fake).get(item.json.job_id).prompt).toBe(`Item ${index}`);
	});
});
