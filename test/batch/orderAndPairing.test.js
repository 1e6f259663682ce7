'use strict';
/**
 * Items run Items in Parallel at a time, yet outputs keep the input order and pair with their input,
 * even when later items finish first. The old router ran one item at a time (peak 1).
 */
const { PROCESS_ROUTE, startFake, run, generateEach, promptItems, indexOfPrompt, jobsOf, processCalls } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

/** Items 0–4 are slow, 5–9 fast: the fast ones finish before the first items. */
const DELAY_BY_ITEM = [300, 250, 200, 150, 100, 20, 20, 20, 20, 20];

async function startUnevenFake() {
	const server = await startFake();
	server.state.processDelayFor = (body) => DELAY_BY_ITEM[indexOfPrompt(body.prompt)];
	return server;
}

function expectInputOrder(result) {
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(10);
	result.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(jobsOf(fake).get(item.json.job_id)).toMatchObject({ prompt: `Item ${index}`, status: 'completed' });
	});
	expect(new Set(result.items.map((item) => item.json.job_id)).size).toBe(10);
	// The batch really was uneven: the fake finished the items in another order than the input's.
	const completedAt = result.items.map((item) => Date.parse(jobsOf(fake).get(item.json.job_id).completed_at));
	const finishOrder = [...completedAt.keys()].sort((a, b) => completedAt[a] - completedAt[b]);
	expect(finishOrder).not.toEqual([...completedAt.keys()]);
}

test('default Items in Parallel (5): outputs in input order, paired to their inputs, 5 calls in flight at the peak', async () => {
	fake = await startUnevenFake();
	const result = await run(fake, generateEach(), { items: promptItems(10) });
	expectInputOrder(result);
	expect(processCalls(fake)).toHaveLength(10);
	expect(fake.peakConcurrency(PROCESS_ROUTE)).toBe(5);
});

test('Items in Parallel 3: at most 3 calls in flight, and 3 reached', async () => {
	fake = await startUnevenFake();
	const result = await run(fake, generateEach({ options: { itemsInParallel: 3 } }), { items: promptItems(10) });
	expectInputOrder(result);
	expect(fake.peakConcurrency(PROCESS_ROUTE)).toBe(3);
});
