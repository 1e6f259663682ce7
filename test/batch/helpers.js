'use strict';
/** Shared bits for the batch tests: Image Editor batches and what the fake Flokan host made. */
const { BASE, startFake, run } = require('../imageEditor/helpers');

const PROCESS_ROUTE = `POST ${BASE}/process`;

/** Generate (text to image, no download) with one prompt per input item: "Item 0", "Item 1", …. */
const generateEach = (extra = {}) => ({
	resource: 'image',
	operation: 'generate',
	prompt: '={{ $json.prompt }}',
	modelTier: 'standard',
	...extra,
	options: { downloadResult: false, ...extra.options },
});

const promptItems = (count, prompt = (i) => `Item ${i}`) =>
	Array.from({ length: count }, (_, i) => ({ json: { prompt: prompt(i) } }));

/** The item index a prompt like "Item 7" (or "Item 7 forbidden-content") belongs to. */
const indexOfPrompt = (prompt) => Number(/^Item (\d+)/.exec(prompt)[1]);

/** The fake's job rows, by job_id. */
const jobsOf = (fake) => fake.state.imageEditor.jobs;

/** Every POST /process that reached the fake, in arrival order. */
const processCalls = (fake) => fake.requests('POST', `${BASE}/process`);

module.exports = { BASE, PROCESS_ROUTE, startFake, run, generateEach, promptItems, indexOfPrompt, jobsOf, processCalls };
