'use strict';
// The example workflows 01–07 (one or more per node: Image Editor, Thumbnail Generator, VO to
// Images, FLORA, Vidgen, Vidgen Trigger) in the running n8n, pointed at the fakes, each executed
// from its Manual Trigger as in the editor; the outputs and what reached the fakes are checked.
// The Vidgen Trigger example also goes live: its workflow is activated and Vidgen's signed
// callback (captured from the fake) starts it through the production webhook; a forged one gets 401.
const crypto = require('node:crypto');
const { PACKAGE, EXAMPLES, loadExample, pointAtFakes } = require('../../e2e/examples-rewrite');
const { VIDGEN_WEBHOOK_SECRET } = require('../../e2e/examples-fakes');
const { captureDeliveries } = require('../../fakes/vidgen');
const { until } = require('../../e2e/until');
const { startCheck } = require('../outcome');

const IMAGE_EDITOR = '/api/v1/image-editor';
const THUMBNAILS = '/api/v1/thumbnail-generator';

const succeeded = (check, run) => {
	check.measured.nodesRun = Object.keys(run.execution.data?.resultData?.runData ?? {});
	return check.expect(
		'run',
		{ status: run.status, error: run.error },
		{ status: 'success', error: undefined },
	);
};

const binaryMime = (item, key) => item?.binary?.[key]?.mimeType;

const checks = {
	async imageEditor({ session, fakes }) {
		const check = startCheck();
		const run = await session.run(pointAtFakes(loadExample(EXAMPLES.imageEditor), fakes));
		succeeded(check, run);
		const [generated] = run.outputs('Generate image');
		const [edited] = run.outputs('Edit the result');
		check.expect(
			'edited',
			{ status: edited?.json.status, mime: binaryMime(edited, 'data') },
			{ status: 'completed', mime: 'image/png' },
		);
		const calls = fakes.flokan.requests('POST', `${IMAGE_EDITOR}/process`);
		check.expect(
			'editOf',
			calls.map((call) => call.body.image_id ?? null),
			[null, generated?.json.result_image_id],
		);
		return check.done('generate, then edit by its result_image_id; PNG downloaded');
	},

	async thumbnails({ session, fakes }) {
		const check = startCheck();
		const run = await session.run(pointAtFakes(loadExample(EXAMPLES.thumbnails), fakes));
		succeeded(check, run);
		const calls = fakes.flokan.log.filter((entry) => entry.path.startsWith(THUMBNAILS));
		check.expect(
			'calls',
			calls.map((call) => `${call.method} ${call.path.slice(THUMBNAILS.length)}`),
			['POST /youtube-search', 'POST /generate'],
		);
		const [item] = run.outputs('Generate thumbnails');
		check.expect(
			'thumbnails',
			{ status: item?.json.status, binaries: Object.keys(item?.binary ?? {}).sort() },
			{ status: 'completed', binaries: ['thumbnail', 'thumbnail_1'] },
		);
		return check.done('YouTube search, then 2 thumbnails downloaded');
	},

	async voToImages({ session, fakes }) {
		const check = startCheck();
		const run = await session.run(pointAtFakes(loadExample(EXAMPLES.voToImages), fakes));
		succeeded(check, run);
		const [project] = run.outputs('Run pipeline and wait');
		check.expect(
			'project',
			{
				status: project?.json.status,
				sentences: project?.json.sentences?.length,
				images: project?.json.image_urls?.length,
			},
			{ status: 'complete', sentences: 4, images: 4 },
		);
		return check.done('pipeline run and waited for: 4 sentences, 4 images');
	},

	async flora({ session, fakes }) {
		const check = startCheck();
		const run = await session.run(pointAtFakes(loadExample(EXAMPLES.flora), fakes));
		succeeded(check, run);
		const [result] = run.outputs('Studio shot');
		check.expect(
			'flora',
			{
				status: result?.json.status,
				outputs: result?.json.outputs?.length,
				mime: binaryMime(result, 'data'),
			},
			{ status: 'completed', outputs: 1, mime: 'image/png' },
		);
		return check.done('Studio Shot run to completion, output downloaded');
	},

	async vidgen({ session, fakes }) {
		const check = startCheck();
		const run = await session.run(pointAtFakes(loadExample(EXAMPLES.vidgen), fakes));
		succeeded(check, run);
		const job = fakes.vidgen.state.jobs.at(-1);
		const [video] = run.outputs('Create video and wait');
		check.expect(
			'video',
			{ jobId: video?.json.jobId, status: video?.json.status, mime: binaryMime(video, 'video') },
			{ jobId: job?.id, status: 'COMPLETED', mime: 'video/mp4' },
		);
		const uploaded = { image: job?.files.image?.contentType, audio: job?.files.audio?.contentType };
		check.expect('uploads', uploaded, { image: 'image/jpeg', audio: 'audio/mpeg' });
		return check.done('image + audio uploaded, polled until COMPLETED, video downloaded');
	},

	async vidgenTrigger({ session, fakes, n8n }) {
		const check = startCheck();
		const example = pointAtFakes(loadExample(EXAMPLES.vidgenTrigger), fakes);
		const trigger = example.nodes.find((node) => node.type === `${PACKAGE}.vidgenTrigger`);
		const productionPath = `/webhook/${trigger.webhookId}/vidgen`;
		const deliveries = captureDeliveries(fakes.vidgen);
		try {
			const submitted = await session.run(example);
			succeeded(check, submitted);
			const [answer] = submitted.outputs('Submit job with callback');
			const jobId = answer?.json.jobId;
			check.expect('submitted', answer?.json, { jobId, message: 'Job created' });
			const delivery = await until(
				() => deliveries.find((d) => JSON.parse(d.body).jobId === jobId),
				{ what: `the callback of job ${jobId}` },
			);

			await session.activate(submitted.workflow);
			const post = async (headers, body = delivery.body) => {
				const response = await fetch(`${n8n.url}${productionPath}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...headers },
					body,
				});
				return { status: response.status, body: await response.text() };
			};
			const signature = delivery.headers['X-Webhook-Signature'];
			// The production webhook is registered by the activation; 404 until then.
			const accepted = await until(
				async () => {
					const answered = await post({ 'x-webhook-signature': signature });
					return answered.status === 404 ? undefined : answered;
				},
				{ what: `${productionPath} to be registered`, timeoutMs: 60000 },
			);
			check.expect('signedCallback', accepted.status, 200);
			const forged = crypto
				.createHmac('sha256', `${VIDGEN_WEBHOOK_SECRET}-forged`)
				.update(delivery.body)
				.digest('hex');
			check.expect('forgedCallback', (await post({ 'x-webhook-signature': forged })).status, 401);

			const started = await until(
				async () => {
					const executions = (await session.executionsOf(submitted.workflowId)).filter(
						(e) => e.mode === 'webhook',
					);
					return executions.length &&
						executions.every((e) => !['new', 'running'].includes(e.status))
						? executions
						: undefined;
				},
				{ what: 'the execution the callback started', timeoutMs: 60000 },
			);
			check.expect(
				'executionsStarted',
				started.map((e) => e.status),
				['success'],
			);
			const run = await session.ended(started[0].id, submitted.workflowId);
			const [result] = run.outputs('Job result');
			check.expect(
				'jobResult',
				{ jobId: result?.json.jobId, status: result?.json.status },
				{ jobId, status: 'COMPLETED' },
			);
			return check.done(
				'job submitted with a callback; the signed callback starts the active workflow, a forged one gets 401',
			);
		} finally {
			fakes.vidgen.state.deliver = undefined;
		}
	},

	async imageEditorBatch({ session, fakes }) {
		const check = startCheck();
		const example = loadExample(EXAMPLES.imageEditorBatch);
		const { prompts } = JSON.parse(
			example.nodes.find((node) => node.type === 'n8n-nodes-base.set').parameters.jsonOutput,
		);
		// Answered only once 5 calls are in flight: n8n's 5-at-a-time peak is reached however slow it runs.
		const gate = fakes.flokan.holdInBatches({
			method: 'POST',
			path: `${IMAGE_EDITOR}/process`,
			inFlight: 5,
			total: prompts.length,
		});
		let run;
		try {
			run = await session.run(pointAtFakes(example, fakes));
		} finally {
			gate.open();
		}
		succeeded(check, run);
		check.expect('stalled', gate.stalled ?? null, null);
		check.expect('peakInFlight', fakes.flokan.peakConcurrency(`POST ${IMAGE_EDITOR}/process`), 5);
		const jobs = fakes.flokan.state.imageEditor.jobs;
		const items = run.outputs('Generate 5 at a time');
		const order = items.map((item) => prompts.indexOf(jobs.get(item.json.job_id)?.prompt));
		check.expect(
			'promptOfEachOutput',
			order,
			prompts.map((_, index) => index),
		);
		return check.done(`${items.length} prompts, 5 calls in flight, outputs in prompt order`);
	},
};

module.exports = { exampleChecks: checks };
