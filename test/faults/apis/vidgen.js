'use strict';
/**
 * Vidgen: Job → Create (multipart POST /api/jobs, then polling GET /api/status/:jobId, or waiting
 * for the signed callback), Job → Get Many, Health → Check, and the Vidgen Trigger.
 */
const crypto = require('node:crypto');
const { Vidgen } = require('../../../nodes/Vidgen/Vidgen.node.ts');
const { VidgenTrigger } = require('../../../nodes/VidgenTrigger/VidgenTrigger.node.ts');
const { cell, naCell } = require('../support/matrix');
const { useFake, startVidgen, runAgainst, webhookAgainst, untilWaitAgainst, errorText, STOPPED_WITHIN_MS } = require('../support/apis');
const { retryAfterOnGet, burstOnGet, malformedOnGet, paidPost, slowPollPastDeadline, leakCheck } = require('../support/cells');
const { parametersMatching } = require('../support/describe');
const { VIDGEN_KEY, VIDGEN_WEBHOOK_SECRET } = require('../support/leak');
const { refusedAndRead, firstPollRead } = require('../support/timing');

const API = 'Vidgen';
const STATUS = /^\/api\/status\/[^/]+$/;
const CANCEL = /^\/api\/jobs\/[^/]+\/cancel$/;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const MP3 = Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000', 'latin1'), Buffer.alloc(64, 0xfb)]);
const mediaItem = () => ({
	json: {},
	binary: {
		image: { data: PNG, mimeType: 'image/png', fileName: 'portrait.png' },
		audio: { data: MP3, mimeType: 'audio/mpeg', fileName: 'voiceover.mp3' },
	},
});
const create = (extra = {}) => ({ resource: 'job', operation: 'create', pollIntervalSeconds: 0.01, maxWaitSeconds: 10, ...extra });

const sign = (body, secret = VIDGEN_WEBHOOK_SECRET) => crypto.createHmac('sha256', secret).update(body).digest('hex');
const SIGNATURE = 'x-webhook-signature';

/** A callback exactly as Vidgen would send it for this job. */
function signedCallback(jobId, status = 'COMPLETED') {
	const body = JSON.stringify({ jobId, status, progress: 100, outputVideo: null, outputShareLink: null, errorMessage: null, updatedAt: new Date().toISOString() });
	return { body, signature: sign(body) };
}
const asRequest = ({ body, headers }) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', ...headers },
	body: (() => {
		try {
			return JSON.parse(body);
		} catch {
			return {};
		}
	})(),
	rawBody: Buffer.from(body),
});

/** The ways a callback can be wrong, from a good one: forged, missing, tampered. */
const BAD_CALLBACKS = [
	['forged (signed with another secret)', ({ body }) => ({ body, headers: { [SIGNATURE]: sign(body, 'whsec_guessed') } }), 'Invalid signature'],
	['without a signature', ({ body }) => ({ body, headers: {} }), 'Missing signature'],
	[
		'tampered (body changed, original signature)',
		({ body, signature }) => ({ body: body.replace('"COMPLETED"', '"FAILED"'), headers: { [SIGNATURE]: signature } }),
		'Invalid signature',
	],
];

function expectRefused(answer, message) {
	expect(answer.response.statusCode).toBe(401);
	if (message) expect(answer.response.body).toEqual({ error: message });
	expect(answer.webhookResponse?.workflowData).toBeUndefined();
}

/** A repeated delivery of a correctly signed callback: 200 so Vidgen stops re-sending, nothing started. */
function expectAcknowledgedDuplicate(answer) {
	expect(answer.response).toMatchObject({ statusCode: 200, body: { received: true, duplicate: true } });
	expect(answer.webhookResponse?.workflowData).toBeUndefined();
}

module.exports = function vidgenFaults() {
	describe(API, () => {
		const fake = useFake(() => startVidgen());
		const run = (f, parameters, options) => runAgainst('vidgen', Vidgen, f, parameters, { items: [mediaItem()], ...options });
		const completedJob = (result, f) => {
			const [job] = f.state.jobs;
			expect(result.items.map((i) => [i.json.jobId, i.json.status])).toEqual([[job.id, 'COMPLETED']]);
		};
		const createAndPoll = { fake, act: (f) => run(f, create()), ok: completedJob };

		retryAfterOnGet(API, '/health', {
			fake,
			path: () => '/health',
			act: (f) => run(f, { resource: 'health', operation: 'check' }),
			ok: (result) => expect(result.items[0].json).toEqual({ status: 'ok' }),
		});
		retryAfterOnGet(API, '/api/status/:jobId (the poll)', { ...createAndPoll, path: () => STATUS });
		retryAfterOnGet(API, '/api/jobs', {
			fake,
			arrange: (f) => ({ jobs: [f.seedJob({ apiKey: f.apiKey }), f.seedJob({ apiKey: f.apiKey, status: 'FAILED' })] }),
			path: () => '/api/jobs',
			act: (f) => run(f, { resource: 'job', operation: 'getMany', returnAll: true }),
			ok: (result, f, ctx) => expect(result.items.map((i) => i.json.id).sort()).toEqual(ctx.jobs.map((j) => j.id).sort()),
		});
		burstOnGet(API, 'the status poll', { ...createAndPoll, path: () => STATUS });
		malformedOnGet(API, '/api/status/:jobId (the poll)', { ...createAndPoll, path: () => STATUS });

		paidPost(API, '/api/jobs', {
			...createAndPoll,
			path: () => '/api/jobs',
			work: (f) => f.state.jobs.length,
			createdStatus: 201,
			checkHint: () => /Job → Get Many/,
		});

		naCell(
			API,
			'slow answer beyond the per-call timeout',
			'no per-call timeout to set: the upload waits a fixed 300 s (UPLOAD_TIMEOUT_MS), every other call the transport default of 60 s',
			() => expect(parametersMatching(Vidgen, /timeout/i)).toEqual([]),
		);

		cell(API, 'deadline passing while waiting (Max Wait 1 s)', async () => {
			const f = fake();
			f.planNextJob({ pendingMs: 0, processingMs: 60000 });
			const result = await run(f, create({ maxWaitSeconds: 1 }));
			const [job] = f.state.jobs;
			expect(result.status).toBe('error');
			expect(result.error.message).toMatch(new RegExp(`job ${job.id}.*maximum wait`));
			expect(errorText(result.error)).toMatch(/Next step: use Job → Get Status/);
			expect(result.error.context).toMatchObject({ jobId: job.id });
			expect(result.elapsedMs).toBeLessThan(5000);
			return `gave up after ${result.elapsedMs} ms naming the job and the next step`;
		});

		slowPollPastDeadline(API, 'the status poll', {
			fake,
			arrange: (f) => f.planNextJob({ pendingMs: 0, processingMs: 60000 }),
			path: () => STATUS,
			act: (f) => run(f, create({ maxWaitSeconds: 1 })),
		});

		cell(API, 'execution stopped mid-wait while the job is PENDING (remote cancel)', async () => {
			const f = fake();
			f.planNextJob({ pendingMs: 60000, processingMs: 60000 });
			const result = await run(f, create({ pollIntervalSeconds: 0.05 }), { cancelWhen: firstPollRead(f, STATUS) });
			const [job] = f.state.jobs;
			expect(errorText(result.error)).toMatch(/stopped while waiting for job/);
			expect(result.cancelled).toBe(true);
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(f.requests('POST', CANCEL).map((e) => [e.path, e.status])).toEqual([[`/api/jobs/${job.id}/cancel`, 200]]);
			expect(f.statusOf(job.id)).toBe('CANCELLED');
			return `returned ${result.msAfterCancel} ms after the stop; job cancelled on Vidgen`;
		});

		cell(API, 'execution stopped mid-wait while the job is PROCESSING (no cancel possible)', async () => {
			const f = fake();
			f.planNextJob({ pendingMs: 0, processingMs: 60000 });
			// The node knows the job is PROCESSING only once a status read came back before the stop
			// (a job never read is assumed PENDING and a cancel is tried): the stop comes after one.
			const result = await run(f, create({ pollIntervalSeconds: 0.05 }), { cancelWhen: firstPollRead(f, STATUS) });
			expect(errorText(result.error)).toMatch(/stopped while waiting for job/);
			expect(result.cancelled).toBe(true);
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(f.requests('GET', STATUS)[0].status).toBe(200);
			expect(f.requests('POST', CANCEL)).toHaveLength(0);
			return `returned ${result.msAfterCancel} ms after the stop; only PENDING jobs can be cancelled, none tried`;
		});

		cell(API, 'execution stopped during a Retry-After wait', async () => {
			const f = fake();
			f.addFault({ method: 'GET', path: '/health', kind: '429', retryAfter: '30' });
			const result = await run(f, { resource: 'health', operation: 'check' }, { cancelWhen: refusedAndRead(f) });
			expect(result.msAfterCancel).toBeLessThan(STOPPED_WITHIN_MS);
			expect(f.log).toHaveLength(1);
			return `returned ${result.msAfterCancel} ms after the stop; nothing sent after it`;
		});

		describe('Vidgen Trigger webhook', () => {
			const trigger = (f, request) => webhookAgainst('vidgen', VidgenTrigger, f, request);

			for (const [name, tamper, message] of BAD_CALLBACKS) {
				cell(`${API} Trigger`, `callback ${name}`, async () => {
					const f = fake();
					const job = f.seedJob({ apiKey: f.apiKey });
					const answer = await trigger(f, asRequest(tamper(signedCallback(job.id))));
					expectRefused(answer, message);
					return '401, no workflow data';
				});
			}

			cell(`${API} Trigger`, 'callback replayed (byte-identical, validly signed, delivered twice)', async () => {
				const f = fake();
				const job = f.seedJob({ apiKey: f.apiKey });
				const { body, signature } = signedCallback(job.id);
				const first = await trigger(f, asRequest({ body, headers: { [SIGNATURE]: signature } }));
				expect(first.response.statusCode).toBe(200);
				expect(first.webhookResponse.workflowData[0][0].json).toMatchObject({ jobId: job.id, status: 'COMPLETED' });
				const replay = await trigger(f, asRequest({ body, headers: { [SIGNATURE]: signature } }));
				expectAcknowledgedDuplicate(replay);
				const upperCase = await trigger(f, asRequest({ body, headers: { [SIGNATURE]: signature.toUpperCase() } }));
				expectAcknowledgedDuplicate(upperCase);
				return 'first accepted; the replay (also with the hex upper-cased) is acknowledged with 200, no workflow data';
			});
		});

		describe('Vidgen resume-on-webhook mode', () => {
			/** An execution waiting for its job's callback, and that callback as Vidgen delivered it. */
			async function waitingForCallback(f) {
				const firstDelivery = new Promise((resolve) => {
					f.state.deliver = async (url, body, headers) => {
						resolve({ url, body, headers });
						return { status: 200 };
					};
				});
				const waiting = await untilWaitAgainst('vidgen', Vidgen, f, create({ waitMode: 'webhook', maxWaitSeconds: 3600 }), { items: [mediaItem()] });
				const callback = await firstDelivery;
				return { waiting, callback: { body: callback.body, signature: callback.headers['X-Webhook-Signature'] } };
			}

			for (const [name, tamper, message] of BAD_CALLBACKS) {
				cell(`${API} resume`, `callback ${name}`, async () => {
					const { waiting, callback } = await waitingForCallback(fake());
					const answer = await waiting.resume(asRequest(tamper(callback)));
					expectRefused(answer, message);
					expect(answer.resumed).toBe(false);
					expect(answer.status).toBe('waiting');
					return '401, execution keeps waiting';
				});
			}

			cell(`${API} resume`, 'callback replayed (byte-identical, validly signed, delivered twice)', async () => {
				const { waiting, callback } = await waitingForCallback(fake());
				const request = asRequest({ body: callback.body, headers: { [SIGNATURE]: callback.signature } });
				const first = await waiting.resume(request);
				expect(first.resumed).toBe(true);
				expect(first.items[0].json).toMatchObject({ status: 'COMPLETED' });
				const replay = await waiting.resume(request);
				expectAcknowledgedDuplicate(replay);
				expect(replay.resumed).toBe(false);
				return 'first resumed; the replay is acknowledged with 200 and resumes nothing';
			});

			cell(`${API} resume`, 'distinct signed callbacks are not taken for replays', async () => {
				const f = fake();
				const { waiting, callback } = await waitingForCallback(f);
				const { jobId } = JSON.parse(callback.body);
				const progress = signedCallback(jobId, 'PROCESSING');
				const ack = await waiting.resume(asRequest({ body: progress.body, headers: { [SIGNATURE]: progress.signature } }));
				expect(ack.response.statusCode).toBe(200);
				expect(ack.resumed).toBe(false);
				const done = await waiting.resume(asRequest({ body: callback.body, headers: { [SIGNATURE]: callback.signature } }));
				expect(done.resumed).toBe(true);
				return 'a signed PROCESSING event is acknowledged, the COMPLETED one then resumes';
			});
		});

		leakCheck(API, Vidgen, VIDGEN_KEY);
		leakCheck(`${API} Trigger`, VidgenTrigger, VIDGEN_WEBHOOK_SECRET);
	});
};
