'use strict';
/**
 * VO Run Pipeline and Wait over 3 projects at once (20 segments each, Prompt Concurrency 10 each):
 * the page's ceiling of 10 prompts calls in flight holds per account, across the projects. Without
 * the shared ceiling the three projects would put 30 in flight; one project at a time never overlaps.
 * The fake holds the project creations until all three are in flight, and the prompts calls until
 * 10 are, so the overlap does not depend on the machine's speed.
 */
const { vo, startFake, run, pipeline, promptRequests, PROMPTS_PATH } = require('../voToImages/helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});


test('3 projects × 20 segments, 3 at a time: at most 10 prompts calls in flight for the account, and 10 reached', async () => {
	fake = await startFake({ config: { segments: 20, sentencesPerSegment: 1 } });
	fake.holdInBatches({ method: 'POST', path: `${vo.BASE}/projects`, inFlight: 3, total: 3 });
	fake.holdInBatches({ method: 'POST', path: PROMPTS_PATH, inFlight: 10, total: 60 });
	const items = [0, 1, 2].map((index) => ({ json: { title: `Project ${index}` } }));
	const parameters = pipeline({ title: '={{ $json.title }}', options: { promptConcurrency: 10, itemsInParallel: 3 } });
	const result = await run(fake, parameters, { items });

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(3);
	result.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json).toMatchObject({ title: `Project ${index}`, status: 'complete', is_done: true });
		expect(item.json.progress).toMatchObject({ sentences_total: 20, sentences_complete: 20 });
		expect(vo.promptCalls(fake, item.json.id)).toHaveLength(20);
	});

	expect(promptRequests(fake)).toHaveLength(60);
	expect(vo.peakPromptConcurrency(fake)).toBe(10);

	// The projects really ran at once: all three creations were in flight together, and all three
	// were created before any was finalized.
	expect(fake.peakConcurrency(`POST ${vo.BASE}/projects`)).toBe(3);
	const projectCreates = fake.requests('POST', `${vo.BASE}/projects`);
	const firstFinalize = fake.requests('POST', /\/finalize$/)[0];
	expect(projectCreates).toHaveLength(3);
	for (const create of projectCreates) expect(fake.log.indexOf(create)).toBeLessThan(fake.log.indexOf(firstFinalize));
});
