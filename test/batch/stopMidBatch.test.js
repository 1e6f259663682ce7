'use strict';
/**
 * Stopping the execution mid-batch (FLORA Run → Create with wait, 6 items, 3 at a time): every
 * wait in flight ends within 1 s, no poll is sent after the stop, and the items never started send
 * nothing. FLORA has no cancel endpoint, so there is no remote cancel to check.
 */
const { startFake, run, createRun, creates } = require('../flora/helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const photo = (index) => `https://ik.imagekit.io/acme/p${index}.png`;
const items = Array.from({ length: 6 }, (_, index) => ({ json: { photo: photo(index) } }));
const polls = (f) => f.requests('GET', /^\/api\/v1\/techniques\/[^/]+\/runs\/[^/]+$/);
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('every wait ends within 1 s of the stop, no poll after it, items never started send nothing', async () => {
	fake = await startFake({ durations: { pendingMs: 10, runningMs: 60000 } });
	const parameters = createRun({
		values: { product_image: '={{ $json.photo }}' },
		options: { pollIntervalSeconds: 0.1, maxWaitSeconds: 600, itemsInParallel: 3 },
	});
	const result = await run(fake, parameters, { items, cancelAfterMs: 600 });
	const cancelledAt = Date.now() - result.msAfterCancel;

	expect(result.cancelled).toBe(true);
	expect(result.msAfterCancel).toBeLessThan(1000);
	expect(result.error).toBeDefined();

	// Items 0–2 started their runs and polled them; items 3–5 never started and sent nothing.
	const sentPhotos = creates(fake).map((call) => call.body.inputs[0].value);
	expect(sentPhotos.sort()).toEqual([photo(0), photo(1), photo(2)]);
	const runIds = [...fake.state.runs.keys()];
	expect(runIds).toHaveLength(3);
	for (const runId of runIds) expect(polls(fake).some((poll) => poll.path.endsWith(`/${runId}`))).toBe(true);

	// At 10 polls a second per run, a wait that kept going would show up within half a second.
	const pollsAtReturn = polls(fake).length;
	await settle(500);
	expect(polls(fake)).toHaveLength(pollsAtReturn);
	// A poll already on the wire when the stop came may land a moment later (less than one poll
	// interval); none is sent after it.
	expect(polls(fake).filter((poll) => poll.at > cancelledAt + 100)).toEqual([]);
});

// Fails on 7504e5d: itemRunner's batchFailure lists the other stopped items only as "Also failed:
// items 1, 2", dropping the run IDs their own errors carry (context.runId), so two paid runs that
// may still be running are not findable from the error.
test('the stop error names every run that was started, not only the first item\'s', async () => {
	fake = await startFake({ durations: { pendingMs: 10, runningMs: 60000 } });
	const parameters = createRun({
		values: { product_image: '={{ $json.photo }}' },
		options: { pollIntervalSeconds: 0.1, maxWaitSeconds: 600, itemsInParallel: 3 },
	});
	const result = await run(fake, parameters, { items, cancelAfterMs: 600 });
	const runIds = [...fake.state.runs.keys()];
	expect(runIds).toHaveLength(3);
	for (const runId of runIds) expect(result.error.description).toContain(runId);
});
