'use strict';
/** Shared bits for the batch tests: Image Editor batches and what the fake Flokan host made. */
const { BASE, startFake, run } = require('../imageEditor/helpers');

const PROCESS_PATH = `${BASE}/process`;
const PROCESS_ROUTE = `POST ${PROCESS_PATH}`;

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
const processCalls = (fake) => fake.requests('POST', PROCESS_PATH);

/**
 * The fake holds POST /process calls until `inFlight` are in flight at once (see fakes/gate.js),
 * then answers them in `order`: the batch's overlap does not depend on the machine's speed.
 */
const processInBatches = (fake, { inFlight = 5, total, order }) =>
	fake.holdInBatches({ method: 'POST', path: PROCESS_PATH, inFlight, total, order });

module.exports = { BASE, PROCESS_PATH, PROCESS_ROUTE, processInBatches, startFake, run, generateEach, promptItems, indexOfPrompt, jobsOf, processCalls };
