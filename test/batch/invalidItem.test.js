'use strict';
/**
 * Every item of a batch is checked before the first request: one invalid item among 10 sends
 * nothing at all. With Continue On Fail it becomes an error item and the others still run in
 * parallel.
 */
const { NodeOperationError } = require('n8n-workflow');
const { PROCESS_ROUTE, processInBatches, startFake, run, generateEach, promptItems, jobsOf, processCalls } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const INVALID = 6;
/** Item 6 asks for a Model Tier the node does not offer. */
const items = promptItems(10).map((item, index) => ({
	json: { ...item.json, tier: index === INVALID ? 'mega' : 'standard' },
}));
const parameters = generateEach({ modelTier: '={{ $json.tier }}' });

test('without Continue On Fail: the run fails naming the item and field, and zero requests are sent', async () => {
	fake = await startFake();
	const result = await run(fake, parameters, { items });
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error.message).toMatch(/"Model Tier"/);
	expect(result.error.context.itemIndex).toBe(INVALID);
	expect(fake.log).toHaveLength(0);
});

test('with Continue On Fail: the invalid item is an error item, sent nowhere; the other nine run in parallel', async () => {
	fake = await startFake();
	processInBatches(fake, { inFlight: 5, total: 9 });
	const result = await run(fake, parameters, { items, continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(10);
	expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
	expect(result.items[INVALID].json.error).toMatch(/"Model Tier"/);
	expect(result.items[INVALID].json.job_id).toBeUndefined();
	result.items.forEach((item, index) => {
		if (index !== INVALID) expect(jobsOf(fake).get(item.json.job_id).prompt).toBe(`Item ${index}`);
	});
	expect(processCalls(fake).map((call) => call.body.prompt)).not.toContain(`Item ${INVALID}`);
	expect(processCalls(fake)).toHaveLength(9);
	expect(fake.peakConcurrency(PROCESS_ROUTE)).toBe(5);
});
