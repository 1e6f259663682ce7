'use strict';
/**
 * Flokan VO to Images: Run Pipeline and Wait (create → audio → auto-run → prompts per segment →
 * finalize → poll auto-status → read the project) and the single operations.
 */
const { FlokanVoToImages } = require('../../../nodes/FlokanVoToImages/FlokanVoToImages.node.ts');
const vo = require('../../fakes/flokan/voToImages');
const { cell, naCell } = require('../support/matrix');
const { useFake, startFlokan, runAgainst, byId, errorText, STOPPED_WITHIN_MS } = require('../support/apis');
const { retryAfterOnGet, burstOnGet, malformedOnGet, paidPost, slowPollPastDeadline, leakCheck } = require('../support/cells');
const { parametersMatching } = require('../support/describe');
const { FLOKAN_KEY } = require('../support/leak');
const { refusedAndRead } = require('../support/timing');

const API = 'Flokan VO to Images';
const BASE = vo.BASE;
const PRESET_ID = vo.DEFAULT_PRESETS[0].id;
const AUTO_STATUS = /^\/api\/v1\/vo-to-images\/projects\/[^/]+\/auto-status$/;
const AUTO_RUN = /^\/api\/v1\/vo-to-images\/projects\/[^/]+\/auto-run$/;
const PROMPTS = /^\/api\/v1\/vo-to-images\/projects\/[^/]+\/segments\/[^/]+\/prompts$/;
const FINALIZE = /^\/api\/v1\/vo-to-images\/projects\/[^/]+\/finalize$/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const pipeline = (extra = {}) => ({
	resource: 'project',
	operation: 'runPipeline',
	projectSource: 'new',
	title: 'Narrated video',
	audioUrl: 'https://example.com/voiceover.mp3',
	presetId: byId(PRESET_ID),
	pollIntervalSeconds: 0.02,
	maxWaitSeconds: 10,
	...extra,
});

async function startVo(config = {}) {
	const fake = await startFlokan();
	vo.configure(fake, { segments: 3, sentencesPerSegment: 2, imageDelayMs: 10, videoDelayMs: 10, ...config });
	return fake;
}

/** A project prepared through the fake's own API (before any fault is injected). */
async function preparedProject(fake, { finalize = false } = {}) {
	const call = async (method, path, json) => {
		const res = await fetch(`${fake.url}${BASE}${path}`, {
			method,
			headers: { Authorization: `Bearer ${FLOKAN_KEY}`, 'Content-Type': 'application/json' },
			body: json === undefined ? undefined : JSON.stringify(json),
		});
		return (await res.json()).data;
	};
	const project = await call('POST', '/projects', { title: 'Existing', preset_id: PRESET_ID });
	await call('POST', `/projects/${project.id}/audio`, { audio_url: 'https://example.com/a.mp3' });
	const prep = await call('POST', `/projects/${project.id}/auto-run`);
	if (finalize) {
		for (const segmentId of prep.segment_ids) await call('POST', `/projects/${project.id}/segments/${segmentId}/prompts`, {});
		await call('POST', `/projects/${project.id}/finalize`);
	}
	return { id: project.id, segmentIds: prep.segment_ids };
}

const projectOf = (fake) => [...fake.state.voStore.projects.values()].at(-1);
const projectIdIn = (path) => /\/projects\/([^/]+)/.exec(path)[1];

module.exports = function voToImagesFaults() {
	describe(API, () => {
		const fake = useFake(() => startVo());
		const run = (f, parameters, options) => runAgainst('flokan', FlokanVoToImages, f, parameters, options);
		const finishedPipeline = (result, f) => {
			const project = projectOf(f);
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ id: project.id, status: 'complete' });
			expect(f.requests('GET', AUTO_STATUS).at(-1).status).toBe(200);
		};
		const pipelineRun = { fake, act: (f) => run(f, pipeline()), ok: finishedPipeline };

		retryAfterOnGet(API, '/projects', {
			fake,
			arrange: async (f) => ({ project: await preparedProject(f) }),
			path: () => `${BASE}/projects`,
			act: (f) => run(f, { resource: 'project', operation: 'getMany', returnAll: true }),
			ok: (result, f, ctx) => expect(result.items.map((i) => i.json.id)).toEqual([ctx.project.id]),
		});
		retryAfterOnGet(API, '/projects/:id', {
			fake,
			arrange: async (f) => ({ project: await preparedProject(f) }),
			path: (ctx) => `${BASE}/projects/${ctx.project.id}`,
			act: (f, ctx) => run(f, { resource: 'project', operation: 'get', projectId: byId(ctx.project.id), sentences: 'all' }),
			ok: (result, f, ctx) => expect(result.items[0].json).toMatchObject({ id: ctx.project.id, sentences: expect.any(Array) }),
		});
		retryAfterOnGet(API, '/projects/:id/auto-status (the poll)', { ...pipelineRun, path: () => AUTO_STATUS });
		retryAfterOnGet(API, '/estimate-credits', {
			fake,
			arrange: async (f) => ({ project: await preparedProject(f) }),
			path: () => `${BASE}/estimate-credits`,
			act: (f, ctx) => run(f, { resource: 'credits', operation: 'estimate', projectId: byId(ctx.project.id), action: 'generate_prompts' }),
			ok: (result) => expect(result.items[0].json).toMatchObject({ action: 'generate_prompts', estimated_credits: expect.any(Number) }),
		});
		retryAfterOnGet(API, '/presets', {
			fake,
			path: () => `${BASE}/presets`,
			act: (f) => run(f, { resource: 'preset', operation: 'getMany', returnAll: true }),
			ok: (result) => expect(result.items.map((i) => i.json.id)).toEqual(vo.DEFAULT_PRESETS.map((p) => p.id)),
		});

		burstOnGet(API, 'the auto-status poll', { ...pipelineRun, path: () => AUTO_STATUS });
		malformedOnGet(API, '/projects/:id/auto-status (the poll)', { ...pipelineRun, path: () => AUTO_STATUS });

		const hint = (ctx, f) => new RegExp(`Project ID: ${projectOf(f).id}\\. Next step: `);
		paidPost(API, '/projects/:id/auto-run', {
			...pipelineRun,
			path: () => AUTO_RUN,
			work: (f) => [...f.state.voStore.projects.values()].filter((p) => p.segments.length > 0).length,
			createdStatus: 202,
			checkHint: hint,
			failed: (result, f) => expect(f.requests('POST', PROMPTS)).toHaveLength(0),
		});
		paidPost(API, '/projects/:id/segments/:segmentId/prompts (one segment)', {
			...pipelineRun,
			// Prompts fan out 10 at a time; for the 429 one at a time, so "nothing was sent during the
			// wait" is not blurred by calls already in flight when the 429 came back.
			act: (f, ctx, { fault }) => run(f, pipeline(fault === '429' ? { options: { promptConcurrency: 1 } } : {})),
			path: () => PROMPTS,
			work: (f, ctx, faulted) =>
				vo.promptCalls(f).filter((c) => faulted.path.endsWith(`/segments/${c.segmentId}/prompts`) && c.outcome === 'ok').length,
			checkHint: hint,
			failed: (result, f) => {
				expect(result.error.context.failedSegments).toHaveLength(1);
				const paths = f.requests('POST', PROMPTS).map((e) => e.path);
				expect(new Set(paths).size).toBe(paths.length);
				expect(f.requests('POST', FINALIZE)).toHaveLength(0);
			},
		});
		paidPost(API, '/projects/:id/finalize', {
			...pipelineRun,
			path: () => FINALIZE,
			work: (f) => [...f.state.voStore.projects.values()].filter((p) => p.finalizedAt !== undefined).length,
			createdStatus: 202,
			checkHint: hint,
			failed: (result, f) => expect(f.requests('GET', AUTO_STATUS)).toHaveLength(0),
		});

		naCell(
			API,
			'slow answer beyond the per-call timeout',
			'no per-call timeout to set: prompts calls wait a fixed 310 s (PROMPTS_TIMEOUT_MS), every other call the transport default of 60 s',
			() => expect(parametersMatching(FlokanVoToImages, /timeout/i)).toEqual([]),
		);

		cell(API, 'deadline passing while waiting (Max Wait 1 s)', async () => {
			const f = fake();
			vo.configure(f, { imageDelayMs: 60000 });
			const result = await run(f, pipeline({ maxWaitSeconds: 1 }));
			const projectId = projectOf(f).id;
			expect(result.status).toBe('error');
			expect(result.error.message).toMatch(new RegExp(`project ${projectId}.*maximum wait`));
			expect(errorText(result.error)).toMatch(/Next step: use Project → Wait for Completion/);
			expect(result.error.context.projectId).toBe(projectId);
			expect(result.elapsedMs).toBeLessThan(5000);
			return `gave up after ${result.elapsedMs} ms naming project and next step`;
		});

		slowPollPastDeadline(API, 'the auto-status poll', {
			fake,
			arrange: (f) => vo.configure(f, { imageDelayMs: 60000 }),
			path: () => AUTO_STATUS,
			act: (f) => run(f, pipeline({ maxWaitSeconds: 1 })),
		});

		cell(API, 'execution stopped mid-wait (polling auto-status)', async () => {
			const f = fake();
			vo.configure(f, { imageDelayMs: 60000 });
			// The second status read is held unanswered and the stop comes then: no read can be on its
			// way, so any read the fake sees after the stop was sent after it.
			const secondRead = f.hold({ method: 'GET', path: AUTO_STATUS, only: () => f.requests('GET', AUTO_STATUS).length > 1 });
			const stop = secondRead.untilHeld(1).then(() => f.requests('GET', AUTO_STATUS).length);
			const result = await run(f, pipeline({ pollIntervalSeconds: 0.05 }), { cancelWhen: stop });
			const readsAtStop = await stop;
			expect(result.cancelled).toBe(true);
			expect(secondRead.held).toHaveLength(1);
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(f.requests('GET', AUTO_STATUS)).toHaveLength(readsAtStop);
			return `returned ${result.msAfterCancel} ms after the stop; the API has no cancel call`;
		});

		cell(API, 'execution stopped during a Retry-After wait', async () => {
			const f = fake();
			const project = await preparedProject(f);
			f.clearLog();
			f.addFault({ method: 'GET', path: `${BASE}/projects/${project.id}/auto-status`, kind: '429', retryAfter: '30' });
			const result = await run(f, { resource: 'project', operation: 'getStatus', projectId: byId(project.id) }, { cancelWhen: refusedAndRead(f) });
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(f.log).toHaveLength(1);
			return `returned ${result.msAfterCancel} ms after the stop; nothing sent after it`;
		});

		cell(API, '503 burst ×3 on the auto-status poll of Project → Wait for Completion', async () => {
			const f = fake();
			const project = await preparedProject(f, { finalize: true });
			f.addFault({ method: 'GET', path: AUTO_STATUS, kind: '503', times: 3 });
			const result = await run(f, { resource: 'project', operation: 'waitForCompletion', projectId: byId(project.id), pollIntervalSeconds: 0.02, maxWaitSeconds: 10 });
			expect(errorText(result.error)).toBe('');
			expect(result.items[0].json).toMatchObject({ id: project.id, status: 'complete' });
			expect(projectIdIn(f.requests('GET', AUTO_STATUS)[0].path)).toBe(project.id);
			return 'Project → Wait for Completion';
		});

		leakCheck(API, FlokanVoToImages, FLOKAN_KEY);
	});
};

module.exports.UUID = UUID;
