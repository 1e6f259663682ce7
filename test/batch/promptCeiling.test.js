'use strict';
/**
 * VO Run Pipeline and Wait over 3 projects at once (20 segments each, Prompt Concurrency 10 each):
 * the page's ceiling of 10 prompts calls in flight holds per account, across the projects. Without
 * the shared ceiling the three projects would put 30 in flight; one project at a time never overlaps.
 */
const { vo, startFake, run, pipeline, promptRequests, overlapOf } = require('../voToImages/helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});


test('3 projects × 20 segments, 3 at a time: at most 10 prompts calls in flight for the account, and 10 reached', async () => {
	fake = await startFake({ config: { segments: 20, sentencesPerSegment: 1, promptDelayMs: 40 } });
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
	expect(overlapOf(vo.promptCalls(fake))).toBeLessThanOrEqual(10);

	// The projects really ran at once: all three were created before any was finalized.
	const projectCreates = fake.requests('POST', `${vo.BASE}/projects`);
	const firstFinalize = fake.requests('POST', /\/finalize$/)[0];
	expect(projectCreates).toHaveLength(3);
	for (const create of projectCreates) expect(create.at).toBeLessThanOrEqual(firstFinalize.at);
});
