'use strict';
/**
 * Stopping the execution mid-batch (FLORA Run → Create with wait, 6 items, 3 at a time): every
 * wait in flight ends within 1 s, no poll is sent after the stop, and the items never started send
 * nothing. FLORA has no cancel endpoint, so there is no remote cancel to check.
 *
 * The stop comes when items 0–2 have each polled their run once and their second polls are held
 * by the fake (fakes/gate.js): every wait is mid-request, and no poll can be on its way, so any
 * poll the fake sees after the stop was sent after it.
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
const parameters = createRun({
	values: { product_image: '={{ $json.photo }}' },
	options: { pollIntervalSeconds: 0.1, maxWaitSeconds: 600, itemsInParallel: 3 },
});

/** Holds every run's second poll; the stop comes once three are held. Resolves to the polls seen by then. */
function stopWithSecondPollsHeld(f) {
	const secondPolls = f.hold({
		method: 'GET',
		path: /^\/api\/v1\/techniques\/[^/]+\/runs\/[^/]+$/,
		only: (poll) => polls(f).filter((other) => other.path === poll.path).length > 1,
	});
	const stop = secondPolls.untilHeld(3).then(() => ({ pollsAtStop: polls(f).length }));
	return { secondPolls, stop };
}

test('every wait ends within 1 s of the stop, no poll after it, items never started send nothing', async () => {
	fake = await startFake({ durations: { pendingMs: 10, runningMs: 60000 } });
	const { secondPolls, stop } = stopWithSecondPollsHeld(fake);
	const result = await run(fake, parameters, { items, cancelWhen: stop });
	const { pollsAtStop } = await stop;

	expect(result.cancelled).toBe(true);
	expect(result.msAfterCancel).toBeLessThan(1000);
	expect(result.error).toBeDefined();
	// The waits ended without the answers to their held polls.
	expect(secondPolls.held).toHaveLength(3);

	// Items 0–2 started their runs and polled them; items 3–5 never started and sent nothing.
	const sentPhotos = creates(fake).map((call) => call.body.inputs[0].value);
	expect(sentPhotos.sort()).toEqual([photo(0), photo(1), photo(2)]);
	const runIds = [...fake.state.runs.keys()];
	expect(runIds).toHaveLength(3);
	for (const runId of runIds) expect(polls(fake).some((poll) => poll.path.endsWith(`/${runId}`))).toBe(true);

	// No poll after the stop; at 10 polls a second per run, a wait that kept going would show up
	// within half a second.
	expect(polls(fake)).toHaveLength(pollsAtStop);
	await settle(500);
	expect(polls(fake)).toHaveLength(pollsAtStop);
});

// Fails on 7504e5d: itemRunner's batchFailure lists the other stopped items only as "Also failed:
// items 1, 2", dropping the run IDs their own errors carry (context.runId), so two paid runs that
// may still be running are not findable from the error.
test('the stop error names every run that was started, not only the first item\'s', async () => {
	fake = await startFake({ durations: { pendingMs: 10, runningMs: 60000 } });
	const { stop } = stopWithSecondPollsHeld(fake);
	const result = await run(fake, parameters, { items, cancelWhen: stop });
	const runIds = [...fake.state.runs.keys()];
	expect(runIds).toHaveLength(3);
	for (const runId of runIds) expect(result.error.description).toContain(runId);
});
