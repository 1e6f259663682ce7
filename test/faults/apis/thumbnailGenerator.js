'use strict';
/** Flokan Thumbnail Generator: synchronous POST /generate (paid), GET /generations(/:id). */
const { FlokanThumbnailGenerator } = require('../../../nodes/FlokanThumbnailGenerator/FlokanThumbnailGenerator.node.ts');
const { seedGeneration } = require('../../fakes/flokan/thumbnailGenerator');
const { cell, naCell } = require('../support/matrix');
const { useFake, startFlokan, runAgainst, byId, errorText, STOPPED_WITHIN_MS } = require('../support/apis');
const { retryAfterOnGet, burstOnGet, malformedOnGet, paidPost, leakCheck } = require('../support/cells');
const { FLOKAN_KEY } = require('../support/leak');
const { refusedAndRead } = require('../support/timing');
const { parametersMatching } = require('../support/describe');

const API = 'Flokan Thumbnail Generator';
const BASE = '/api/v1/thumbnail-generator';

const generate = (options = {}) => ({
	resource: 'thumbnail',
	operation: 'generate',
	videoTitle: '10 Hidden Hiking Trails',
	prompt: "Bold red text 'TOP 10' over a surprised hiker",
	imageModel: 'pro',
	aspectRatio: '16:9',
	imageCount: 1,
	options,
});

module.exports = function thumbnailGeneratorFaults() {
	describe(API, () => {
		const fake = useFake(() => startFlokan());
		const run = (f, parameters, options) => runAgainst('flokan', FlokanThumbnailGenerator, f, parameters, options);
		const generations = (f) => f.state.thumbnails.generations.size;

		const getOne = {
			fake,
			arrange: (f) => ({ generation: seedGeneration(f) }),
			path: (ctx) => `${BASE}/generations/${ctx.generation.id}`,
			act: (f, ctx) => run(f, { resource: 'generation', operation: 'get', generationId: byId(ctx.generation.id) }),
			ok: (result, f, ctx) => expect(result.items.map((i) => i.json.id)).toEqual([ctx.generation.id]),
		};
		const getMany = {
			fake,
			arrange: (f) => ({ seeded: [seedGeneration(f), seedGeneration(f)] }),
			path: () => `${BASE}/generations`,
			act: (f) => run(f, { resource: 'generation', operation: 'getMany', returnAll: true }),
			ok: (result, f, ctx) => expect(result.items.map((i) => i.json.id).sort()).toEqual(ctx.seeded.map((g) => g.id).sort()),
		};

		retryAfterOnGet(API, '/generations', getMany);
		retryAfterOnGet(API, '/generations/:id', getOne);
		burstOnGet(API, 'GET /generations/:id', getOne, 'the API has no polls (POST /generate is synchronous); Generation → Get');
		malformedOnGet(API, '/generations/:id', getOne);

		paidPost(API, '/generate', {
			fake,
			path: () => `${BASE}/generate`,
			act: (f) => run(f, generate()),
			ok: (result) => expect(result.items[0].json).toMatchObject({ status: 'completed', id: expect.any(String) }),
			work: generations,
			createdStatus: 201,
			checkHint: () => /Generation → Get Many/,
		});

		cell(API, 'slow answer beyond the per-call timeout', async () => {
			expect(parametersMatching(FlokanThumbnailGenerator, /timeout/i, { resource: 'generation' })).toEqual([]);
			const f = fake();
			// The fake holds the call unanswered: only the node's Timeout can end it.
			const unanswered = f.hold({ method: 'POST', path: `${BASE}/generate` });
			const result = await run(f, generate({ timeoutSeconds: 1 }));
			expect(result.status).toBe('error');
			expect(result.error.message).toMatch(/timed out/);
			expect(errorText(result.error)).toMatch(/Generation → Get Many/);
			expect(unanswered.held).toHaveLength(1);
			expect(f.requests('POST', `${BASE}/generate`)).toHaveLength(1);
			return 'POST /generate with Timeout 1 s, no answer: timed out, not re-sent; GETs have no timeout option (transport default 60 s)';
		});
		naCell(
			API,
			'deadline passing while waiting',
			'nothing to poll: POST /generate answers when done; its only deadline is Timeout (Seconds), see the slow-answer row',
			() => expect(parametersMatching(FlokanThumbnailGenerator, /maxWait/i)).toEqual([]),
		);

		cell(API, 'execution stopped mid-wait (during POST /generate)', async () => {
			const f = fake();
			// The fake holds the call unanswered; the stop comes once it is in flight.
			const generating = f.hold({ method: 'POST', path: `${BASE}/generate` });
			const result = await run(f, generate(), { cancelWhen: generating.untilHeld(1) });
			expect(result.cancelled).toBe(true);
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(generating.held).toHaveLength(1);
			expect(f.requests('POST', `${BASE}/generate`)).toHaveLength(1);
			return `returned ${result.msAfterCancel} ms after the stop; no remote cancel in this API`;
		});

		cell(API, 'execution stopped during a Retry-After wait', async () => {
			const f = fake();
			const generation = seedGeneration(f);
			f.addFault({ method: 'GET', path: `${BASE}/generations/${generation.id}`, kind: '429', retryAfter: '30' });
			const result = await run(f, { resource: 'generation', operation: 'get', generationId: byId(generation.id) }, { cancelWhen: refusedAndRead(f) });
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(f.log).toHaveLength(1);
			return `returned ${result.msAfterCancel} ms after the stop; nothing sent after it`;
		});

		leakCheck(API, FlokanThumbnailGenerator, FLOKAN_KEY);
	});
};
