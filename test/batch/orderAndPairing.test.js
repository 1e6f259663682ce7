'use strict';
/**
 * Items run Items in Parallel at a time, yet outputs keep the input order and pair with their input,
 * even when later items finish first: the fake holds the calls until Items in Parallel of them are
 * in flight, then answers each batch newest first. The old router ran one item at a time (peak 1).
 */
const { PROCESS_ROUTE, processInBatches, startFake, run, generateEach, promptItems, indexOfPrompt, jobsOf, processCalls } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

function expectInputOrder(result) {
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(10);
	result.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(jobsOf(fake).get(item.json.job_id)).toMatchObject({ prompt: `Item ${index}`, status: 'completed' });
	});
	expect(new Set(result.items.map((item) => item.json.job_id)).size).toBe(10);
}

/** The items in the order the fake answered them (each answer was read before the next was sent). */
const answerOrder = (gate) => gate.released.map((call) => indexOfPrompt(call.body.prompt));

test('default Items in Parallel (5): outputs in input order, paired to their inputs, 5 calls in flight at the peak', async () => {
	fake = await startFake();
	const gate = processInBatches(fake, { inFlight: 5, total: 10, order: 'newest-first' });
	const result = await run(fake, generateEach(), { items: promptItems(10) });
	expect(fake.peakConcurrency(PROCESS_ROUTE)).toBe(5);
	expectInputOrder(result);
	expect(answerOrder(gate)).toEqual([4, 3, 2, 1, 0, 9, 8, 7, 6, 5]);
	expect(processCalls(fake)).toHaveLength(10);
});

test('Items in Parallel 3: at most 3 calls in flight, and 3 reached', async () => {
	fake = await startFake();
	const gate = processInBatches(fake, { inFlight: 3, total: 10, order: 'newest-first' });
	const result = await run(fake, generateEach({ options: { itemsInParallel: 3 } }), { items: promptItems(10) });
	expect(fake.peakConcurrency(PROCESS_ROUTE)).toBe(3);
	expectInputOrder(result);
	expect(answerOrder(gate)).toEqual([2, 1, 0, 5, 4, 3, 8, 7, 6, 9]);
});
