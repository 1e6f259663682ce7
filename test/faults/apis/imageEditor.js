'use strict';
/** Flokan Image Editor: synchronous POST /process (paid), GET /jobs and GET /jobs/:jobId. */
const { FlokanImageEditor } = require('../../../nodes/FlokanImageEditor/FlokanImageEditor.node.ts');
const { cell, naCell } = require('../support/matrix');
const { useFake, startFlokan, runAgainst, byId, STOPPED_WITHIN_MS } = require('../support/apis');
const { retryAfterOnGet, burstOnGet, malformedOnGet, paidPost, leakCheck } = require('../support/cells');
const { FLOKAN_KEY } = require('../support/leak');
const { refusedAndRead } = require('../support/timing');
const { parametersMatching } = require('../support/describe');

const API = 'Flokan Image Editor';
const BASE = '/api/v1/image-editor';

const generate = {
	resource: 'image',
	operation: 'generate',
	prompt: 'A lighthouse at dusk',
	modelTier: 'standard',
	provider: 'platform',
	source: 'none',
	options: { downloadResult: false },
};

module.exports = function imageEditorFaults() {
	describe(API, () => {
		const fake = useFake(() => startFlokan());
		const run = (f, parameters, options) => runAgainst('flokan', FlokanImageEditor, f, parameters, options);
		const jobs = (f) => f.state.imageEditor.jobs.size;

		const getJob = {
			fake,
			arrange: (f) => ({ job: f.state.imageEditor.seedJobs(1)[0] }),
			path: (ctx) => `${BASE}/jobs/${ctx.job.job_id}`,
			act: (f, ctx) => run(f, { resource: 'job', operation: 'get', jobId: byId(ctx.job.job_id) }),
			ok: (result, f, ctx) => expect(result.items.map((i) => i.json.job_id)).toEqual([ctx.job.job_id]),
		};
		const listJobs = {
			fake,
			arrange: (f) => ({ seeded: f.state.imageEditor.seedJobs(3) }),
			path: () => `${BASE}/jobs`,
			act: (f) => run(f, { resource: 'job', operation: 'getMany', returnAll: true }),
			ok: (result, f, ctx) => expect(result.items.map((i) => i.json.job_id)).toEqual(ctx.seeded.map((j) => j.job_id)),
		};

		retryAfterOnGet(API, '/jobs', listJobs);
		retryAfterOnGet(API, '/jobs/:jobId', getJob);
		burstOnGet(API, 'GET /jobs/:jobId', getJob, 'the API has no polls (POST /process is synchronous); Job → Get');
		malformedOnGet(API, '/jobs/:jobId', getJob);

		paidPost(API, '/process', {
			fake,
			path: () => `${BASE}/process`,
			act: (f) => run(f, generate),
			ok: (result) => expect(result.items[0].json).toMatchObject({ status: 'completed', job_id: expect.any(String) }),
			work: jobs,
			createdStatus: 201,
			checkHint: () => /Job → Get Many/,
		});

		naCell(
			API,
			'slow answer beyond the per-call timeout',
			'no per-call timeout to set: POST /process waits a fixed 310 s (PROCESS_TIMEOUT_MS), GETs use the transport default of 60 s',
			() => expect(parametersMatching(FlokanImageEditor, /timeout/i)).toEqual([]),
		);
		naCell(
			API,
			'deadline passing while waiting',
			'nothing to wait for: POST /process answers when the image is done; no Max Wait parameter',
			() => expect(parametersMatching(FlokanImageEditor, /maxWait|wait/i)).toEqual([]),
		);

		cell(API, 'execution stopped mid-wait (during POST /process)', async () => {
			const f = fake();
			// The fake holds the call unanswered; the stop comes once it is in flight.
			const processing = f.hold({ method: 'POST', path: `${BASE}/process` });
			const result = await run(f, generate, { cancelWhen: processing.untilHeld(1) });
			expect(result.cancelled).toBe(true);
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(processing.held).toHaveLength(1);
			expect(f.requests('POST', `${BASE}/process`)).toHaveLength(1);
			return `returned ${result.msAfterCancel} ms after the stop; no remote cancel in this API`;
		});

		cell(API, 'execution stopped during a Retry-After wait', async () => {
			const f = fake();
			const [job] = f.state.imageEditor.seedJobs(1);
			f.addFault({ method: 'GET', path: `${BASE}/jobs/${job.job_id}`, kind: '429', retryAfter: '30' });
			const result = await run(f, { resource: 'job', operation: 'get', jobId: byId(job.job_id) }, { cancelWhen: refusedAndRead(f) });
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(f.log).toHaveLength(1);
			return `returned ${result.msAfterCancel} ms after the stop; nothing sent after it`;
		});

		leakCheck(API, FlokanImageEditor, FLOKAN_KEY);
	});
};
