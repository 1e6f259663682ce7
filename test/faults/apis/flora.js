'use strict';
/**
 * FLORA: Run → Create (POST …/runs with an idempotency key, then polling GET …/runs/:runId) and
 * Technique → Get. The POST carries an idempotency key, so it is the one paid POST that may be
 * re-sent: FLORA answers a repeat with the same run.
 */
const { Flora } = require('../../../nodes/Flora/Flora.node.ts');
const { cell, naCell } = require('../support/matrix');
const { useFake, startFlora, runAgainst, errorText, STOPPED_WITHIN_MS } = require('../support/apis');
const { retryAfterOnGet, burstOnGet, malformedOnGet, idempotentPost, slowPollPastDeadline, leakCheck } = require('../support/cells');
const { FLORA_KEY } = require('../support/leak');
const { parametersMatching } = require('../support/describe');
const { refusedAndRead, firstPollRead } = require('../support/timing');

const API = 'FLORA';
const SLUG = 'studio-shot';
const TECHNIQUE = `/api/v1/techniques/${SLUG}`;
const RUNS = `${TECHNIQUE}/runs`;
const RUN = new RegExp(`^${TECHNIQUE}/runs/[^/]+$`);

const locator = (value) => ({ __rl: true, mode: 'list', value });
const createRun = (options = {}) => ({
	resource: 'run',
	operation: 'create',
	technique: locator(SLUG),
	inputMode: 'mapper',
	inputs: { mappingMode: 'defineBelow', value: { product_image: 'https://media.flora.ai/uploads/shoe.png' }, matchingColumns: [], schema: [] },
	options: { pollIntervalSeconds: 0.01, maxWaitSeconds: 10, ...options },
});

module.exports = function floraFaults() {
	describe(API, () => {
		const fake = useFake(() => startFlora());
		const run = (f, parameters, options) => runAgainst('flora', Flora, f, parameters, options);
		const completedRun = (result, f) => {
			const [created] = [...f.state.runs.values()];
			expect(result.items.map((i) => [i.json.runId, i.json.status])).toEqual([[created.runId, 'completed']]);
		};
		const createAndWait = { fake, act: (f) => run(f, createRun()), ok: completedRun };

		retryAfterOnGet(API, '/techniques/:slug', {
			fake,
			path: () => TECHNIQUE,
			act: (f) => run(f, { resource: 'technique', operation: 'get', technique: locator(SLUG) }),
			ok: (result) => expect(result.items[0].json).toMatchObject({ slug: SLUG, inputs: expect.any(Array) }),
		});
		retryAfterOnGet(API, '/techniques/:slug/runs/:runId (the poll)', { ...createAndWait, path: () => RUN });
		burstOnGet(API, 'the run poll', { ...createAndWait, path: () => RUN });
		malformedOnGet(API, '/techniques/:slug/runs/:runId (the poll)', { ...createAndWait, path: () => RUN });

		idempotentPost(API, '/techniques/:slug/runs', {
			...createAndWait,
			path: () => RUNS,
			work: (f) => f.state.runsCreated,
		});

		naCell(
			API,
			'slow answer beyond the per-call timeout',
			'no per-call timeout to set: every FLORA call uses the transport default of 60 s',
			() => expect(parametersMatching(Flora, /timeout/i)).toEqual([]),
		);

		cell(API, 'deadline passing while waiting (Max Wait 1 s)', async () => {
			const f = fake();
			f.state.durations = { pendingMs: 60000, runningMs: 60000 };
			const result = await run(f, createRun({ maxWaitSeconds: 1 }));
			const [created] = [...f.state.runs.values()];
			expect(result.status).toBe('error');
			expect(result.error.message).toMatch(new RegExp(`run ${created.runId}.*maximum wait`));
			expect(errorText(result.error)).toMatch(/Next step: use Run → Get/);
			expect(result.error.context).toMatchObject({ runId: created.runId });
			expect(result.elapsedMs).toBeLessThan(5000);
			return `gave up after ${result.elapsedMs} ms naming the run and the next step`;
		});

		slowPollPastDeadline(API, 'the run poll', {
			fake,
			arrange: (f) => {
				f.state.durations = { pendingMs: 60000, runningMs: 60000 };
			},
			path: () => RUN,
			act: (f) => run(f, createRun({ maxWaitSeconds: 1 })),
		});

		cell(API, 'execution stopped mid-wait (polling the run)', async () => {
			const f = fake();
			f.state.durations = { pendingMs: 60000, runningMs: 60000 };
			const result = await run(f, createRun({ pollIntervalSeconds: 0.05 }), { cancelWhen: firstPollRead(f, RUN) });
			expect(result.cancelled).toBe(true);
			expect(f.requests('GET', RUN).length).toBeGreaterThan(0);
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(f.state.runsCreated).toBe(1);
			return `returned ${result.msAfterCancel} ms after the stop; the API has no cancel call`;
		});

		cell(API, 'execution stopped during a Retry-After wait', async () => {
			const f = fake();
			f.addFault({ method: 'GET', path: TECHNIQUE, kind: '429', retryAfter: '30' });
			const result = await run(f, { resource: 'technique', operation: 'get', technique: locator(SLUG) }, { cancelWhen: refusedAndRead(f) });
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(f.log).toHaveLength(1);
			return `returned ${result.msAfterCancel} ms after the stop; nothing sent after it`;
		});

		leakCheck(API, Flora, FLORA_KEY);
	});
};
