'use strict';
/** Options → Items in Parallel outside 1–50 is refused, naming the field and the range, before any request. */
const { NodeOperationError } = require('n8n-workflow');
const { startFake, run, generateEach, promptItems } = require('./helpers');
const flora = require('../flora/helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test.each([0, 51, 2.5])('Image Editor Generate: Items in Parallel %p → NodeOperationError before any request', async (value) => {
	fake = await startFake();
	const result = await run(fake, generateEach({ options: { itemsInParallel: value } }), { items: promptItems(3) });
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error.message).toBe(`Invalid "Items in Parallel": ${value} is out of range`);
	expect(result.error.description).toMatch(/1 to 50/);
	expect(fake.log).toHaveLength(0);
});

test.each([0, 51])('FLORA Run → Create: Items in Parallel %p → NodeOperationError before any request', async (value) => {
	fake = await flora.startFake();
	const result = await flora.run(fake, flora.createRun({ options: { itemsInParallel: value } }));
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error.message).toMatch(/"Items in Parallel"/);
	expect(result.error.description).toMatch(/1 to 50/);
	expect(fake.log).toHaveLength(0);
});
