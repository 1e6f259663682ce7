'use strict';
/**
 * The other operations the issue opts in run their items at once too: Thumbnail Generate (peak in
 * flight on the fake) and FLORA Run → Wait for Completion (the runs are polled side by side).
 */
const { startFlokanFake } = require('../fakes/flokan');
const thumbnail = require('../thumbnail/setup');
const flora = require('../flora/helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test('Thumbnail Generate, 6 items: 5 generations in flight at the peak, outputs paired in input order', async () => {
	fake = await startFlokanFake();
	// The fake answers only once 5 generations are in flight (then the last one alone).
	fake.holdInBatches({ method: 'POST', path: `${thumbnail.BASE}/generate`, inFlight: 5, total: 6 });
	const items = Array.from({ length: 6 }, (_, index) => ({ json: { title: `Video ${index}` } }));
	const result = await thumbnail.run(fake, thumbnail.generateParams({ videoTitle: '={{ $json.title }}', imageCount: 1 }), { items });

	expect(fake.peakConcurrency(`POST ${thumbnail.BASE}/generate`)).toBe(5);
	expect(result.error).toBeUndefined();
	const sentTitles = fake.requests('POST', `${thumbnail.BASE}/generate`).map((call) => call.body.video_title);
	expect(sentTitles.sort()).toEqual(items.map((item) => item.json.title).sort());
	expect(result.items.map((item) => [item.pairedItem.item, item.json.video_title])).toEqual(
		items.map((item, index) => [index, item.json.title]),
	);
});

test('FLORA Run → Wait for Completion, 4 runs: polled side by side, each output paired to its run', async () => {
	// The runs keep running until every one of them has been polled: one at a time, the node would
	// poll run 0 until Max Wait and never reach the others.
	fake = await flora.startFake({ durations: { pendingMs: 0, runningMs: Infinity } });
	const photos = [0, 1, 2, 3].map((index) => ({ json: { photo: `https://ik.imagekit.io/acme/w${index}.png` } }));
	const created = await flora.run(fake, flora.createRun({ values: { product_image: '={{ $json.photo }}' }, waitForCompletion: false }), {
		items: photos,
	});
	expect(created.error).toBeUndefined();
	const runIds = created.items.map((item) => item.json.runId);
	fake.clearLog();
	const polled = () => runIds.filter((runId) => fake.requests('GET', `${flora.BASE}/studio-shot/runs/${runId}`).length > 0);
	void fake.when(() => polled().length === runIds.length).then(() => runIds.forEach((runId) => fake.finishRun(runId)));

	const result = await flora.run(
		fake,
		{
			resource: 'run',
			operation: 'waitForCompletion',
			technique: flora.locator('studio-shot'),
			runId: '={{ $json.runId }}',
			options: { pollIntervalSeconds: 0.02, maxWaitSeconds: 10 },
		},
		{ items: created.items.map((item) => ({ json: item.json })) },
	);

	expect(polled()).toEqual(runIds);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.runId, item.json.status, item.pairedItem.item])).toEqual(
		runIds.map((runId, index) => [runId, 'completed', index]),
	);
});
