'use strict';
/**
 * The workflows in examples/ run end to end in a real n8n 2.40 (installed by scripts/ensure-n8n.js
 * into a cache outside the repo), with this package installed from its `npm pack` tarball as a
 * community package, against the fake APIs on 127.0.0.1:
 *   - each example is copied with its HTTP Request downloads and poll intervals pointed at the fakes,
 *     the example credentials (same ids) are imported with the fakes' base URLs, and the workflow is
 *     executed headlessly (`n8n execute`); the output items and the fakes' request logs are checked;
 *   - the Vidgen Trigger example is published in a running n8n (`n8n start`) and gets Vidgen's own
 *     signed callback on its production webhook URL; forged calls get 401 and start nothing;
 *   - every node's parameter panel is opened in the n8n editor (screenshots in test-artifacts/e2e/).
 * The first run installs n8n (about 7 minutes); later runs reuse the cache. If the install cannot be
 * made, every test here fails with the reason: nothing is skipped.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { NodeHelpers } = require('n8n-workflow');
const { runWorkflow } = require('./run-workflow');
const { checkEditorPanels } = require('./editor-check');
const { ensureRuntime, repoPackageTarball } = require('./n8n-process');
const { startWithPublishedWorkflow } = require('./examples-server');
const { EXAMPLES_DIR, CREDENTIALS_FILE, PORTRAIT_JPEG, VOICEOVER_MP3, VIDGEN_WEBHOOK_SECRET, startExampleFakes, exampleCredentials } = require('./examples-fakes');
const { PACKAGE, EXAMPLES, loadExample, pointAtFakes, writeTempCopy } = require('./examples-rewrite');
const { AGENT_EXAMPLES } = require('./agent-examples'); // run by agent-tools.e2e.test.js
const { RESULT_PNG } = require('../fakes/flokan/imageEditor');
const { sleep, until } = require('./until');
const { stepTimings } = require('./step-timings');
const { packageNodeDescriptions } = require('./package-nodes');
const { BASE: THUMBNAILS } = require('../fakes/flokan/thumbnailGenerator');
const { BASE: VO } = require('../fakes/flokan/voToImages');
const { PNG_BYTES: FLORA_PNG } = require('../fakes/flora');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;
const RUN_TIMEOUT_MS = 5 * 60 * 1000;
const EDITOR_TIMEOUT_MS = 10 * 60 * 1000;
const IMAGE_EDITOR = '/api/v1/image-editor';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);



const { timings, timed } = stepTimings();

describe('the example workflows (static)', () => {
	const descriptions = packageNodeDescriptions();
	const byType = new Map(descriptions.map((description) => [`${PACKAGE}.${description.name}`, description]));
	const credentialTemplates = JSON.parse(fs.readFileSync(CREDENTIALS_FILE, 'utf8'));
	const files = fs.readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));

	test('there is one example per listed use and every package node appears in one', () => {
		expect(files.sort()).toEqual([...Object.values(EXAMPLES), ...Object.values(AGENT_EXAMPLES)].sort());
		const used = new Set(files.flatMap((file) => loadExample(file).nodes.map((node) => node.type)));
		for (const type of byType.keys()) expect(used).toContain(type);
	});

	test.each(Object.values(EXAMPLES))('%s: Manual Trigger, known node types and parameters, credentials by the fixed ids', (file) => {
		const workflow = loadExample(file);
		expect(workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger')).toHaveLength(1);
		const names = new Set(workflow.nodes.map((node) => node.name));
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const connection of main.flat()) expect(names).toContain(connection.node);
		}
		for (const node of workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`))) {
			const description = byType.get(node.type);
			expect(description).toBeDefined();
			const resolved = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
			const unknown = Object.keys(node.parameters).filter((name) => !(name in resolved));
			expect({ node: node.name, unknown }).toEqual({ node: node.name, unknown: [] });
			const [credentialType] = description.credentials.map((c) => c.name);
			const template = credentialTemplates.find((c) => c.type === credentialType);
			expect(node.credentials).toEqual({ [credentialType]: { id: template.id, name: template.name } });
		}
		// Realistic public addresses only: no loopback, no plain http.
		expect(JSON.stringify(workflow)).not.toMatch(/https?:\/\/(localhost|127\.0\.0\.1)|http:\/\//);
	});
});

describe('the examples in a real n8n', () => {
	let fakes;
	let credentials;
	let tarball;

	beforeAll(async () => {
		await timed('install check + build + pack', async () => {
			// Throws with the reason when the cache cannot be created: every test below then fails.
			ensureRuntime();
			tarball = repoPackageTarball();
		});
		fakes = await startExampleFakes();
		credentials = exampleCredentials(fakes);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await fakes?.close();
		// The tarball packed for this run (not one passed in with E2E_PACKAGE_TARBALL).
		if (tarball && !process.env.E2E_PACKAGE_TARBALL) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		console.log(`examples e2e timings (s): ${JSON.stringify(timings, null, 1)}`);
	});

	beforeEach(() => {
		for (const fake of ['flokan', 'flora', 'vidgen', 'media']) fakes?.[fake].clearLog();
	});

	async function runExample(file) {
		const workflowFile = writeTempCopy(pointAtFakes(loadExample(file), fakes), file);
		try {
			return await timed(file, () => runWorkflow({ workflowFile, credentials }));
		} finally {
			fs.rmSync(path.dirname(workflowFile), { recursive: true, force: true });
		}
	}

	test('Image Editor: generate, then edit the result by its result_image_id', async () => {
		const result = await runExample(EXAMPLES.imageEditor);
		const [generated] = result.outputs('Generate image');
		expect(generated.json).toMatchObject({ status: 'completed', result_image_id: expect.any(String), job_id: expect.any(String) });
		expect(generated.binary).toBeUndefined();

		expect(result.lastNode).toBe('Edit the result');
		expect(result.items).toHaveLength(1);
		const [edited] = result.items;
		expect(edited.json).toMatchObject({ status: 'completed', result_image_id: expect.any(String) });
		expect(edited.json.result_image_id).not.toBe(generated.json.result_image_id);
		expect(edited.binary.data).toMatchObject({ mimeType: 'image/png' });
		expect(edited.binary.data.buffer.equals(RESULT_PNG)).toBe(true);

		const processCalls = fakes.flokan.requests('POST', `${IMAGE_EDITOR}/process`);
		expect(processCalls.map((call) => call.body)).toEqual([
			{ prompt: expect.stringContaining('lighthouse'), model_tier: 'pro', provider: 'platform' },
			{ prompt: expect.stringContaining('sunset'), model_tier: 'pro', provider: 'platform', image_id: generated.json.result_image_id },
		]);
	}, RUN_TIMEOUT_MS);

	test('Image Editor batch: 10 prompts, 5 calls in flight at once, outputs in the order of the prompts', async () => {
		const example = loadExample(EXAMPLES.imageEditorBatch);
		const { prompts } = JSON.parse(example.nodes.find((node) => node.type === 'n8n-nodes-base.set').parameters.jsonOutput);
		expect(prompts).toHaveLength(10);
		// The fake answers the calls only once 5 are in flight (fakes/gate.js), however slow n8n is.
		const inFlight = fakes.flokan.holdInBatches({ method: 'POST', path: `${IMAGE_EDITOR}/process`, inFlight: 5, total: 10 });
		let result;
		try {
			result = await runExample(EXAMPLES.imageEditorBatch);
		} finally {
			inFlight.open();
		}

		expect(fakes.flokan.requests('POST', `${IMAGE_EDITOR}/process`)).toHaveLength(10);
		expect(fakes.flokan.peakConcurrency(`POST ${IMAGE_EDITOR}/process`)).toBe(5);

		expect(result.lastNode).toBe('Generate 5 at a time');
		expect(result.items).toHaveLength(10);
		const jobs = fakes.flokan.state.imageEditor.jobs;
		expect(result.items.map((item) => jobs.get(item.json.job_id)?.prompt)).toEqual(prompts);
		expect(result.items.map((item) => item.pairedItem)).toEqual(prompts.map((_, index) => ({ item: index })));
		for (const item of result.items) {
			expect(item.json).toMatchObject({ status: 'completed', result_image_id: expect.any(String) });
			expect(item.binary.data.buffer.equals(RESULT_PNG)).toBe(true);
		}
	}, RUN_TIMEOUT_MS);

	test('Thumbnail Generator: YouTube reference search, then two thumbnails', async () => {
		const result = await runExample(EXAMPLES.thumbnails);
		const calls = fakes.flokan.log.filter((entry) => entry.path.startsWith(THUMBNAILS));
		expect(calls.map((call) => `${call.method} ${call.path.slice(THUMBNAILS.length)}`)).toEqual(['POST /youtube-search', 'POST /generate']);
		expect(calls[0].body).toEqual({ query: 'hidden hiking trails alps' });

		// The same search again, to learn which thumbnails came first.
		const search = await fetch(`${fakes.flokan.url}${THUMBNAILS}/youtube-search`, {
			method: 'POST',
			headers: { authorization: calls[0].headers.authorization, 'content-type': 'application/json' },
			body: JSON.stringify({ query: 'hidden hiking trails alps' }),
		}).then((response) => response.json());
		const top3 = search.data.results.slice(0, 3).map((r) => r.thumbnail_url);
		expect(calls[1].body).toMatchObject({ video_title: '10 Hidden Hiking Trails in the Alps', image_count: 2, aspect_ratio: '16:9', youtube_references: top3 });

		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.json).toMatchObject({ status: 'completed', image_count: 2, youtube_references: top3 });
		expect(item.json.image_urls).toHaveLength(2);
		expect(Object.keys(item.binary).sort()).toEqual(['thumbnail', 'thumbnail_1']);
		for (const binary of Object.values(item.binary)) expect(binary.buffer.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
	}, RUN_TIMEOUT_MS);

	test('VO to Images: Run Pipeline and Wait from an audio URL', async () => {
		const example = loadExample(EXAMPLES.voToImages);
		const { title, audioUrl } = example.nodes.find((node) => node.type === `${PACKAGE}.flokanVoToImages`).parameters;
		const result = await runExample(EXAMPLES.voToImages);

		expect(result.items).toHaveLength(1);
		const [project] = result.items;
		expect(project.json).toMatchObject({
			title,
			status: 'complete',
			is_done: true,
			progress: { sentences_total: 4, sentences_complete: 4, sentences_failed: 0 },
			pipeline: { segments_total: 2, segments_failed: [] },
		});
		expect(project.json.sentences).toHaveLength(4);
		for (const sentence of project.json.sentences) {
			expect(sentence).toMatchObject({ status: 'complete', text: expect.any(String), image_url: expect.stringMatching(/\/cdn\/.+\.png$/) });
		}
		expect(project.json.image_urls).toEqual(project.json.sentences.map((sentence) => sentence.image_url));

		expect(fakes.flokan.requests('POST', `${VO}/projects`)[0].body).toMatchObject({ title, preset_id: fakes.voPresetId, detect_characters: true });
		expect(fakes.flokan.requests('POST', `${VO}/projects/${project.json.id}/audio`)[0].body).toEqual({ audio_url: audioUrl });
		expect(fakes.flokan.requests('POST', `${VO}/projects/${project.json.id}/finalize`)).toHaveLength(1);
	}, RUN_TIMEOUT_MS);

	test('FLORA: the Studio Shot technique runs to completion and its output is downloaded', async () => {
		const example = loadExample(EXAMPLES.flora);
		const { value: inputs } = example.nodes.find((node) => node.type === `${PACKAGE}.flora`).parameters.inputs;
		const result = await runExample(EXAMPLES.flora);

		expect(result.items).toHaveLength(1);
		const [run] = result.items;
		expect(run.json).toMatchObject({
			technique: 'studio-shot',
			runId: expect.stringMatching(/^run_/),
			status: 'completed',
			outputs: [{ id: 'studio_image', type: 'imageUrl', url: expect.stringContaining(`${fakes.flora.url}/media/`) }],
		});
		expect(run.binary.data.buffer.equals(FLORA_PNG)).toBe(true);

		const [create] = fakes.flora.requests('POST', '/api/v1/techniques/studio-shot/runs');
		expect(create.body).toMatchObject({
			mode: 'async',
			inputs: [
				{ id: 'product_image', type: 'imageUrl', value: inputs.product_image },
				{ id: 'background', type: 'text', value: inputs.background },
			],
		});
	}, RUN_TIMEOUT_MS);

	test('Vidgen: two downloads merged into one item, Job → Create, waited for until COMPLETED', async () => {
		const result = await runExample(EXAMPLES.vidgen);
		expect(fakes.media.requests('GET').map((call) => call.path).sort()).toEqual(['/media/portrait.jpg', '/media/voiceover.mp3']);
		const [merged] = result.outputs('Image and audio in one item');
		expect(Object.keys(merged.binary).sort()).toEqual(['audio', 'image']);

		expect(result.items).toHaveLength(1);
		const [video] = result.items;
		const job = fakes.vidgen.state.jobs.at(-1);
		expect(video.json).toMatchObject({
			jobId: job.id,
			status: 'COMPLETED',
			progress: 100,
			outputVideo: `${fakes.vidgen.url}/files/${job.id}/video.mp4`,
			errorMessage: null,
		});
		expect(video.binary.video).toMatchObject({ mimeType: 'video/mp4' });
		expect(video.binary.video.buffer.equals(fakes.vidgen.videoBytes(job.id))).toBe(true);
		expect(job.files.image).toMatchObject({ contentType: 'image/jpeg' });
		expect(job.files.image.data.equals(PORTRAIT_JPEG)).toBe(true);
		expect(job.files.audio).toMatchObject({ contentType: 'audio/mpeg' });
		expect(job.files.audio.data.equals(VOICEOVER_MP3)).toBe(true);
	}, RUN_TIMEOUT_MS);

	test('Vidgen Trigger: the signed callback of a submitted job starts the published workflow; forged calls get 401', async () => {
		const example = loadExample(EXAMPLES.vidgenTrigger);
		const trigger = example.nodes.find((node) => node.type === `${PACKAGE}.vidgenTrigger`);
		const submit = example.nodes.find((node) => node.type === `${PACKAGE}.vidgen`);
		const productionPath = `/webhook/${trigger.webhookId}/vidgen`;
		expect(new URL(submit.parameters.options.webhookUrl).pathname).toBe(productionPath);

		// 1. The Manual Trigger branch submits a job whose callback goes to the trigger's production URL.
		//    The fake signs the callback as Vidgen does; it is captured here, then replayed to n8n.
		const deliveries = [];
		fakes.vidgen.state.deliver = async (url, body, headers) => {
			deliveries.push({ url, body, headers });
			return { status: 200 };
		};
		let server;
		try {
			const submitted = await runExample(EXAMPLES.vidgenTrigger);
			expect(submitted.lastNode).toBe('Submit job with callback');
			const [{ jobId }] = submitted.json;
			expect(submitted.json).toEqual([{ jobId, message: 'Job created' }]);
			const delivery = await until(() => deliveries.find((d) => JSON.parse(d.body).jobId === jobId), { what: `the callback of job ${jobId}` });
			expect(delivery.url).toBe(submit.parameters.options.webhookUrl);
			const event = JSON.parse(delivery.body);
			expect(event).toMatchObject({ jobId, status: 'COMPLETED' });

			// 2. The same workflow, published in a running n8n: its production webhook is live.
			server = await timed('n8n start with the published trigger', () =>
				startWithPublishedWorkflow({ workflow: pointAtFakes(example, fakes), credentials }),
			);
			await timed('production webhook live after n8n ready', () => server.webhookLive(productionPath));
			const post = (headers, body = delivery.body) =>
				fetch(`${server.url}${productionPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

			const signature = delivery.headers['X-Webhook-Signature'];
			const accepted = await post({ 'x-webhook-signature': signature });
			expect({ status: accepted.status, body: await accepted.text() }).toMatchObject({ status: 200 });

			const [execution] = await until(
				async () => {
					const executions = await server.executions();
					return executions.length && executions.every((e) => e.finished || e.status !== 'running') ? executions : undefined;
				},
				{ what: 'the execution started by the callback' },
			);
			expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
			const { runData } = (await server.execution(execution.id)).data.resultData;
			expect(runData['Vidgen Trigger'][0].data.main[0][0].json).toMatchObject(event);
			expect(runData['Job result'][0].data.main[0][0].json).toEqual({
				jobId,
				status: 'COMPLETED',
				videoUrl: event.outputVideo,
				error: null,
			});

			// 3. Forged, unsigned and tampered calls: 401, and nothing starts.
			const forgedSignature = crypto.createHmac('sha256', `${VIDGEN_WEBHOOK_SECRET}-forged`).update(delivery.body).digest('hex');
			const tampered = delivery.body.replace('"COMPLETED"', '"FAILED"');
			for (const [headers, body] of [
				[{ 'x-webhook-signature': forgedSignature }, delivery.body],
				[{}, delivery.body],
				[{ 'x-webhook-signature': signature }, tampered],
			]) {
				const refused = await post(headers, body);
				expect(refused.status).toBe(401);
				expect(await refused.json()).toEqual({ error: expect.stringMatching(/signature/i) });
			}
			await sleep(2000);
			expect(await server.executions()).toHaveLength(1);
		} finally {
			fakes.vidgen.state.deliver = undefined;
			await server?.stop();
		}
	}, RUN_TIMEOUT_MS);

	test('editor: the parameter panel of every node renders', async () => {
		const nodeTypes = packageNodeDescriptions().map((description) => `${PACKAGE}.${description.name}`);
		expect(nodeTypes).toHaveLength(6);
		const results = await timed('editor check (6 panels)', () => checkEditorPanels({ nodeTypes }));
		expect(results.map((r) => ({ nodeType: r.nodeType, ok: r.ok, problem: r.problem }))).toEqual(
			nodeTypes.map((nodeType) => ({ nodeType, ok: true, problem: undefined })),
		);
		for (const result of results) {
			expect(path.relative(path.join(REPO_ROOT, 'test-artifacts', 'e2e'), result.screenshot)).not.toMatch(/^\.\./);
			expect(fs.statSync(result.screenshot).size).toBeGreaterThan(1000);
			expect(result.parameterCount).toBeGreaterThan(0);
		}
	}, EDITOR_TIMEOUT_MS);
});
