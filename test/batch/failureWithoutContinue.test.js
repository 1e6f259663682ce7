'use strict';
/**
 * Without Continue On Fail, a failing item stops the batch from starting more items; the items
 * already in flight finish (they are paid for), and the error names the failed item and lists what
 * the finished items made, so that work can be found again.
 */
const { SAFETY_WORD } = require('../fakes/flokan/imageEditor');
const { processInBatches, startFake, run, generateEach, promptItems, indexOfPrompt, jobsOf, processCalls } = require('./helpers');

let fake;

/**
 * The fake holds the first 5 calls until all are in flight, then answers the failing item first;
 * the other four are answered only once the node has read that refusal.
 */
const refusalFirst = (failing) => (batch) => [
	...batch.filter((call) => indexOfPrompt(call.body.prompt) === failing),
	...batch.filter((call) => indexOfPrompt(call.body.prompt) !== failing),
];

afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test('no new item starts after the failure, in-flight items finish, the error lists their job and image IDs', async () => {
	fake = await startFake();
	const failing = 1;
	// Item 1 is refused while items 0, 2, 3 and 4 (the rest of the first 5) are still working.
	processInBatches(fake, { inFlight: 5, total: 5, order: refusalFirst(failing) });
	const items = promptItems(10, (i) => (i === failing ? `Item ${i} ${SAFETY_WORD}` : `Item ${i}`));
	const result = await run(fake, generateEach(), { items });

	// Only the first Items in Parallel (5) items were ever sent: nothing started after the failure.
	const sent = processCalls(fake).map((call) => indexOfPrompt(call.body.prompt));
	expect(sent.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);

	// The items in flight finished on the server, and the node waited for their answers.
	const finished = [0, 2, 3, 4];
	const jobByItem = new Map([...jobsOf(fake).values()].map((job) => [indexOfPrompt(job.prompt), job]));
	for (const index of finished) expect(jobByItem.get(index).status).toBe('completed');
	expect(jobByItem.get(failing).status).toBe('failed');

	const { error } = result;
	expect(result.status).toBe('error');
	expect(error.message).toMatch(/safety filter/);
	expect(error.context.itemIndex).toBe(failing);
	expect(error.description).toContain(`Item ${failing} failed, so no further item was started.`);
	expect(error.description).toContain('Not started: items 5, 6, 7, 8, 9.');
	expect(error.context.finishedItems).toEqual(
		finished.map((index) => {
			const job = jobByItem.get(index);
			return `item ${index} (job_id ${job.job_id}, result_image_id ${job.result_image_id})`;
		}),
	);
	for (const index of finished) {
		expect(error.description).toContain(jobByItem.get(index).job_id);
		expect(error.description).toContain(jobByItem.get(index).result_image_id);
	}
});

// Fails on 7504e5d: an in-flight item that fails after its paid work (here: the image was generated,
// its download failed) is listed only as "Also failed: items N"; the job and image IDs its own error
// carries (context.jobId / context.imageId) are dropped from the batch error.
test('an in-flight item that fails after paying (download lost) still has its job and image IDs in the error', async () => {
	fake = await startFake();
	const failing = 1;
	processInBatches(fake, { inFlight: 5, total: 5, order: refusalFirst(failing) });
	// The first result download (one of items 0, 2, 3, 4) is answered 404: generated and paid, not delivered.
	fake.addFault({ method: 'GET', path: /^\/cdn\/processed-/, kind: '404' });
	const items = promptItems(10, (i) => (i === failing ? `Item ${i} ${SAFETY_WORD}` : `Item ${i}`));
	const result = await run(fake, generateEach({ options: { downloadResult: true } }), { items });

	expect(result.error.context.itemIndex).toBe(failing);
	const paid = [...jobsOf(fake).values()].filter((job) => job.status === 'completed');
	expect(paid).toHaveLength(4);
	expect(result.error.description).toMatch(/Also failed: item \d/);
	for (const job of paid) {
		expect(result.error.description).toContain(job.job_id);
		expect(result.error.description).toContain(job.result_image_id);
	}
});
