'use strict';
/**
 * Flokan VO to Images as an AI Agent tool, run the way n8n runs one: the `…Tool` node type, one
 * JSON-only item holding the model's arguments, read by `$fromAI` parameters as the editor's
 * "let the model define this parameter" button writes them.
 */
const { BASE, PRESET_ID, PROMPTS_PATH, vo, startFake, run, pipeline, locator, promptRequests, preparedProject } = require('../voToImages/helpers');
const { operations } = require('../../nodes/FlokanVoToImages/actions/operations.ts');
const { FlokanVoToImages } = require('../../nodes/FlokanVoToImages/FlokanVoToImages.node.ts');
const { fromAI, asTool, received, occurrences } = require('./asAgentTool');

/** "at most 16 kB" for 40 segments / 80 sentences, whatever the project's size. */
const MAX_RESULT_BYTES = 16_000;

let fake;
afterEach(async () => {
	jest.useRealTimers();
	await fake?.close();
	fake = undefined;
});

/**
 * Stops Date.now (timers stay real) until the test moves it with jest.setSystemTime: a run's wait
 * limit then passes exactly when the test says, however slow the machine is.
 */
const stopTheClock = () =>
	jest.useFakeTimers({
		doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'],
	});

const byteLength = (result) => Buffer.byteLength(received(result), 'utf8');
const cdnRequests = () => fake.log.filter((entry) => entry.path.startsWith('/cdn/'));
const projectById = (id) => ({ __rl: true, mode: 'id', value: id });

/** Run Pipeline and Wait with the title and audio URL from the model. */
const pipelineTool = (extra = {}) =>
	pipeline({ title: fromAI('Title'), audioUrl: fromAI('Audio_URL'), pollIntervalSeconds: 0.02, ...extra });
const voiceover = { Title: 'Narrated video', Audio_URL: 'https://example.com/voiceover.mp3' };
const continueTool = (extra = {}) =>
	pipeline({ projectSource: 'existing', projectId: projectById(fromAI('Project')), pollIntervalSeconds: 0.02, ...extra });
const waitTool = (extra = {}) => ({
	resource: 'project',
	operation: 'waitForCompletion',
	projectId: projectById(fromAI('Project')),
	pollIntervalSeconds: 0.02,
	...extra,
});
const statusTool = { resource: 'project', operation: 'getStatus', projectId: projectById(fromAI('Project')) };
const getTool = {
	resource: 'project',
	operation: 'get',
	projectId: projectById(fromAI('Project')),
	sentences: 'range',
	sentencesOffset: fromAI('Sentences_Offset', 'number'),
};

/** The file names of the newest image of every sentence of a project, as the fake published them. */
function imageFilesOf(projectId) {
	return vo.getProject(fake, projectId).sentences.map((sentence) => `vo-${sentence.imageJobs.at(-1).id}.png`);
}


describe('tool descriptions', () => {
	test('each field a model may fill is explained by its display name, with cost and time', () => {
		const { runPipeline, get, waitForCompletion, getStatus, finalize } = operations.project;
		for (const field of ['Title:', 'Audio URL:', 'Project']) expect(runPipeline.toolDescription).toContain(field);
		expect(runPipeline.toolDescription).toMatch(/49 credits per image/);
		expect(runPipeline.toolDescription).toMatch(/minutes/);
		expect(get.toolDescription).toContain('Sentences Offset:');
		for (const { toolDescription } of [get, waitForCompletion, getStatus, finalize]) {
			expect(toolDescription).toContain('Project: the project ID');
			expect(toolDescription).toMatch(/Free|credits/);
		}
	});

	test('the Tool Wait Limit is a node-level field shown only on the tool; the output fields a tool ignores are hidden there', () => {
		const { properties } = new FlokanVoToImages().description;
		const field = properties.find((p) => p.name === 'toolWaitLimitSeconds');
		expect(field).toMatchObject({ default: 45, displayOptions: { show: { '@tool': [true] } } });
		const ignored = properties.filter((p) => ['outputMode', 'simplify', 'downloadImages', 'binaryPropertyName'].includes(p.name));
		expect(ignored.length).toBeGreaterThanOrEqual(9);
		for (const property of ignored) expect(property.displayOptions.hide).toEqual({ '@tool': [true] });
	});
});

describe('Run Pipeline and Wait', () => {
	test('40 segments / 80 sentences: one compact result under 16 kB, each image URL once, no binary, no download', async () => {
		fake = await startFake({ config: { segments: 40, sentencesPerSegment: 2 } });
		// Download Images and per-image output are what a workflow might set; a tool ignores both.
		const result = await run(fake, pipelineTool({ downloadImages: true, outputMode: 'image' }), asTool(voiceover));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [{ json, binary }] = result.items;
		expect(binary).toBeUndefined();
		expect(byteLength(result)).toBeLessThanOrEqual(MAX_RESULT_BYTES);
		expect(json).toMatchObject({
			status: 'complete',
			projectId: expect.any(String),
			title: 'Narrated video',
			is_done: true,
			progress: { sentences_total: 80, sentences_complete: 80, sentences_failed: 0 },
			pipeline: { segments_total: 40, segments_prompted: 40, image_jobs_enqueued: 80 },
			sentences_offset: 0,
			sentences_returned: 80,
			sentences_total: 80,
		});
		expect(json.sentences[0]).toEqual({
			sequence: 1,
			text: 'Sentence 1 of the voiceover.',
			image_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/vo-.+\.png$/),
		});
		expect(json.sentences.map((s) => s.sequence)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
		const text = received(result);
		for (const file of imageFilesOf(json.projectId)) expect(occurrences(text, file)).toBe(1);
		expect(text).not.toMatch(/base64|iVBORw0KGgo/);
		expect(json.nextStep).toBeUndefined();
		expect(cdnRequests()).toEqual([]);
		expect(fake.requests('POST', `${BASE}/projects`)[0].body).toMatchObject({ title: 'Narrated video' });
	});

	test('300 sentences: the result stays under 16 kB and says how to read the rest; Project → Get pages through every sentence', async () => {
		fake = await startFake({ config: { segments: 150, sentencesPerSegment: 2 } });
		const result = await run(fake, pipelineTool(), asTool(voiceover));
		expect(result.error).toBeUndefined();
		expect(byteLength(result)).toBeLessThanOrEqual(MAX_RESULT_BYTES);
		const first = result.items[0].json;
		expect(first).toMatchObject({ status: 'complete', sentences_offset: 0, sentences_total: 300 });
		expect(first.sentences_returned).toBeLessThan(300);
		expect(first.nextStep).toBe(
			`Sentences 1–${first.sentences_returned} of 300 are listed. For the next ones, use Project → Get with Project ID ${first.projectId}, Sentences: Range and Sentences Offset ${first.sentences_returned}.`,
		);

		const pages = [first];
		let text = received(result);
		for (let offset = first.sentences_returned; offset < 300; ) {
			const page = await run(fake, getTool, asTool({ Project: first.projectId, Sentences_Offset: offset }));
			expect(page.error).toBeUndefined();
			expect(byteLength(page)).toBeLessThanOrEqual(MAX_RESULT_BYTES);
			const json = page.items[0].json;
			expect(json.sentences[0].sequence).toBe(offset + 1);
			pages.push(json);
			text += received(page);
			offset += json.sentences_returned;
		}
		expect(pages.flatMap((page) => page.sentences.map((s) => s.sequence))).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
		expect(pages.at(-1).nextStep).toBeUndefined();
		for (const file of imageFilesOf(first.projectId)) expect(occurrences(text, file)).toBe(1);
		expect(cdnRequests()).toEqual([]);
	});

	test('a project held past the tool wait limit answers running with its ID; following the next step finishes it once the fake lets it', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 2, holdJobs: true } });
		const result = await run(fake, pipelineTool({ toolWaitLimitSeconds: 1 }), asTool(voiceover));

		expect(result.error).toBeUndefined();
		const [{ json }] = result.items;
		const [projectId] = [...fake.state.voStore.projects.keys()];
		// Where the limit struck (a step not started yet, or the wait for the images) depends on the
		// machine; every outcome is running, with the ID and the operation that continues it.
		expect(json).toMatchObject({ status: 'running', projectId, message: expect.stringContaining(projectId) });
		expect(json.nextStep).toMatch(/Run Pipeline and Wait \(Project: Continue Existing Project\)|Wait for Completion/);

		vo.configure(fake, { holdJobs: false });
		const continueWith = /Continue Existing Project/.test(json.nextStep) ? continueTool() : waitTool();
		const finished = await run(fake, continueWith, asTool({ Project: projectId }));
		expect(finished.error).toBeUndefined();
		expect(finished.items[0].json).toMatchObject({ status: 'complete', projectId, sentences_returned: 4 });
		expect(promptRequests(fake)).toHaveLength(2);
		expect(fake.requests('POST', /\/finalize$/)).toHaveLength(1);
	});

	test('the limit passing during the prompts: no further segment starts, nothing is finalized; continuing sends only the rest', async () => {
		fake = await startFake({ config: { segments: 4, sentencesPerSegment: 1 } });
		const gate = fake.hold({ method: 'POST', path: PROMPTS_PATH });
		stopTheClock();
		const running = run(fake, pipelineTool({ toolWaitLimitSeconds: 1, options: { promptConcurrency: 2 } }), asTool(voiceover));
		await gate.untilHeld(2);
		// The run's one-second budget began before these calls; once it has passed, let them answer.
		jest.setSystemTime(Date.now() + 1100);
		gate.open();
		const result = await running;
		jest.useRealTimers();

		expect(result.error).toBeUndefined();
		const [{ json }] = result.items;
		expect(json).toMatchObject({
			status: 'running',
			projectId: expect.any(String),
			progress: { segments_total: 4, segments_with_prompts: 2, segments_failed: 0 },
			nextStep: expect.stringContaining('Continue it with Project → Run Pipeline and Wait (Project: Continue Existing Project), this project ID'),
		});
		expect(json.message).toMatch(/used the 1 s this tool waits at most before every segment had its prompts\. Nothing failed/);
		expect(promptRequests(fake)).toHaveLength(2);
		expect(fake.requests('POST', /\/finalize$/)).toHaveLength(0);

		const finished = await run(fake, continueTool(), asTool({ Project: json.projectId }));
		expect(finished.error).toBeUndefined();
		expect(finished.items[0].json).toMatchObject({ status: 'complete', sentences_returned: 4 });
		const promptedSegments = promptRequests(fake).map((entry) => entry.path);
		expect(promptedSegments).toHaveLength(4);
		expect(new Set(promptedSegments).size).toBe(4);
	});

	test.each([
		['Audio_URL', 'ftp://example.com/voiceover.mp3', /^Invalid "Audio URL": "ftp:" URLs are not accepted\. Allowed: a URL starting with http:\/\/ or https:\/\/\.$/],
		['Title', '', /^Invalid "Title": 0 characters\. Allowed: 1–200 characters\.$/],
	])('a bad %s is refused before any request, with what is allowed in the message', async (key, value, message) => {
		fake = await startFake();
		const result = await run(fake, pipelineTool(), asTool({ ...voiceover, [key]: value }));
		expect(result.error.message).toMatch(message);
		expect(fake.log).toEqual([]);
	});

	test('a failure after the project exists names the project and the next step in the message', async () => {
		fake = await startFake();
		// Without a preset the project has no art style, which auto-run refuses.
		const result = await run(fake, pipelineTool({ presetId: { __rl: true, mode: 'list', value: '' } }), asTool(voiceover));
		const [projectId] = [...fake.state.voStore.projects.keys()];
		expect(result.error.message).toMatch(/no art style/);
		expect(result.error.message).toContain(`Project ID: ${projectId}. Next step: check Project → Get Status first`);
		expect(promptRequests(fake)).toHaveLength(0);
	});
});

describe('Wait for Completion and Get Status (the status tools)', () => {
	test('a project held past the limit: running with its ID and progress; after the fake lets it finish, both report it done', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 2, holdJobs: true } });
		const started = await run(fake, pipelineTool({ waitForCompletion: false }), asTool(voiceover));
		expect(started.error).toBeUndefined();
		const { projectId } = started.items[0].json;
		expect(started.items[0].json).toMatchObject({
			status: 'generating',
			projectId,
			auto_step: 'generating_images',
			is_done: false,
			pipeline: { segments_total: 2, segments_prompted: 2, image_jobs_enqueued: 4 },
			nextStep: expect.stringMatching(/Wait for Completion or Project → Get Status/),
		});

		const waited = await run(fake, waitTool({ toolWaitLimitSeconds: 1 }), asTool({ Project: projectId }));
		expect(waited.error).toBeUndefined();
		expect(waited.items).toEqual([
			{
				json: {
					status: 'running',
					projectId,
					auto_step: 'generating_images',
					progress: expect.objectContaining({ sentences_total: 4, sentences_complete: 0, image_jobs_active: 4 }),
					message: `Project ${projectId} is still being generated after 1 s, the most this tool waits: generating_images: 0/4 sentences complete, 0 failed, 4 image jobs active. It keeps going on the server.`,
					nextStep: 'Check it again with Project → Wait for Completion (or Project → Get Status) and this project ID.',
				},
				pairedItem: expect.anything(),
			},
		]);

		vo.configure(fake, { holdJobs: false });
		const status = await run(fake, statusTool, asTool({ Project: projectId }));
		expect(status.items[0].json).toEqual({
			status: 'complete',
			projectId,
			auto_step: 'complete',
			is_done: true,
			progress: { segments_total: 2, sentences_total: 4, prompts_ready: 4, sentences_complete: 4, sentences_failed: 0, image_jobs_active: 0 },
			nextStep: 'The project is complete: read its sentences and image URLs with Project → Get and this project ID.',
		});

		const finished = await run(fake, waitTool(), asTool({ Project: projectId }));
		expect(finished.items[0].json).toMatchObject({ status: 'complete', projectId, sentences_returned: 4 });
		const text = received(finished);
		for (const file of imageFilesOf(projectId)) expect(occurrences(text, file)).toBe(1);
		expect(cdnRequests()).toEqual([]);
	});

	test('failed images are listed without a URL, and the next step says how to generate them again', async () => {
		fake = await startFake({ config: { segments: 1, sentencesPerSegment: 3, failImages: { 2: 1 } } });
		const result = await run(fake, pipelineTool(), asTool(voiceover));
		const [{ json }] = result.items;
		expect(json.sentences[1]).toEqual({ sequence: 2, text: 'Sentence 2 of the voiceover.', status: 'failed', error: 'Image provider error' });
		expect(json.nextStep).toMatch(/^1 sentence\(s\) have no image: Project → Finalize with this project ID generates the failed images again/);
	});

	test('a Project that is not a UUID is refused before any request, with what is allowed', async () => {
		fake = await startFake();
		const result = await run(fake, waitTool(), asTool({ Project: 'my latest project' }));
		expect(result.error.message).toBe('Invalid "Project": "my latest project" is not a UUID. Allowed: a UUID such as 3f2b9c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f.');
		expect(fake.log).toEqual([]);
	});
});

describe('the step-by-step operations as tools', () => {
	test('Create → Set Audio → Run Prep → Generate Prompts → Finalize: each answers compactly with the project ID and the next step', async () => {
		fake = await startFake({ config: { segments: 3, sentencesPerSegment: 2 } });
		const project = projectById(fromAI('Project'));
		const created = await run(
			fake,
			{ resource: 'project', operation: 'create', title: fromAI('Title'), presetId: { __rl: true, mode: 'id', value: fromAI('Preset') } },
			asTool({ Title: 'Step by step', Preset: PRESET_ID }),
		);
		const { projectId } = created.items[0].json;
		expect(created.items[0].json).toMatchObject({ projectId: expect.any(String), title: 'Step by step', status: 'draft', preset_id: PRESET_ID });
		expect(created.items[0].json.nextStep).toMatch(/not prepared yet/);

		const calls = [
			[{ operation: 'setAudio', audioUrl: fromAI('Audio_URL') }, { audio_url: voiceover.Audio_URL, nextStep: expect.stringMatching(/Run Prep/) }],
			[{ operation: 'runPrep' }, { auto_step: 'generating_prompts', sentence_count: 6, segment_count: 3, characters: ['Narrator'] }],
			[{ operation: 'generatePrompts', segmentScope: 'all' }, { segments_total: 3, segments_prompted: 3, nextStep: expect.stringMatching(/Finalize/) }],
			[{ operation: 'finalize' }, { auto_step: 'generating_images', image_jobs_enqueued: 6, nextStep: expect.stringMatching(/Wait for Completion/) }],
		];
		for (const [parameters, expected] of calls) {
			const result = await run(fake, { resource: 'project', projectId: project, ...parameters }, asTool({ Project: projectId, Audio_URL: voiceover.Audio_URL }));
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ projectId, ...expected });
			expect(byteLength(result)).toBeLessThan(1000);
		}
		expect(received(await run(fake, waitTool(), asTool({ Project: projectId })))).toMatch(/"status":"complete"/);
	});

	test('Generate Prompts: when the limit passes, no further segment starts and the answer is running; calling it again sends only the rest', async () => {
		fake = await startFake({ config: { segments: 4, sentencesPerSegment: 1 } });
		const { id } = await preparedProject(fake);
		const generate = {
			resource: 'project',
			operation: 'generatePrompts',
			projectId: projectById(fromAI('Project')),
			segmentScope: 'all',
			options: { promptConcurrency: 2 },
		};
		const gate = fake.hold({ method: 'POST', path: PROMPTS_PATH });
		stopTheClock();
		const running = run(fake, { ...generate, toolWaitLimitSeconds: 1 }, asTool({ Project: id }));
		await gate.untilHeld(2);
		// The run's one-second budget began before these calls; once it has passed, let them answer.
		jest.setSystemTime(Date.now() + 1100);
		gate.open();
		const result = await running;
		jest.useRealTimers();

		expect(result.items.map((item) => item.json)).toEqual([
			{
				status: 'running',
				projectId: id,
				progress: { segments_total: 4, segments_with_prompts: 2 },
				message: 'The wait limit of this tool passed before the prompts of 2 segment(s) were started. Nothing failed: prompts written so far are kept.',
				nextStep: 'Continue with Project → Generate Prompts and this project ID: segments that have prompts are skipped. Then Project → Finalize.',
			},
		]);
		const again = await run(fake, generate, asTool({ Project: id }));
		expect(again.items[0].json).toMatchObject({ projectId: id, segments_total: 4, segments_skipped: 2, segments_prompted: 2 });
		expect(new Set(promptRequests(fake).map((entry) => entry.path)).size).toBe(4);
		expect(promptRequests(fake)).toHaveLength(4);
	});

	test('Get Many lists at most 20 projects, each with ID, title and state', async () => {
		fake = await startFake();
		const create = (title) => ({ resource: 'project', operation: 'create', title, presetId: locator(PRESET_ID) });
		for (let i = 1; i <= 22; i++) await run(fake, create(`Project ${i}`));
		const result = await run(fake, { resource: 'project', operation: 'getMany', returnAll: true }, asTool({}));
		expect(result.items).toHaveLength(20);
		expect(result.items[0].json).toEqual({
			projectId: expect.any(String),
			title: 'Project 22',
			status: 'draft',
			workflow_mode: 'automatic',
			preset_id: PRESET_ID,
			art_style_id: expect.any(String),
			generate_videos: false,
			sentence_count: 0,
			created_at: expect.any(String),
		});
	});
});

describe('Simplify (outside tool mode)', () => {
	test('off by default: the project output keeps the raw records', async () => {
		fake = await startFake({ config: { segments: 1, sentencesPerSegment: 2 } });
		const result = await run(fake, pipeline());
		const [{ json }] = result.items;
		expect(json).toHaveProperty('image_urls');
		expect(json.sentences[0]).toHaveProperty('images');
		expect(json.sentences[0]).toHaveProperty('image_urls');
	});

	test('one item per project: state, counts and every sentence with its image URL once', async () => {
		fake = await startFake({ config: { segments: 40, sentencesPerSegment: 2 } });
		const result = await run(fake, pipeline({ simplify: true }));
		expect(result.error).toBeUndefined();
		const [{ json }] = result.items;
		expect(Object.keys(json)).toEqual(['project_id', 'title', 'status', 'auto_step', 'is_done', 'progress', 'pipeline', 'sentences']);
		expect(json.sentences).toHaveLength(80);
		expect(json.sentences[0]).toEqual({
			sequence: 1,
			sentence_id: expect.any(String),
			text: 'Sentence 1 of the voiceover.',
			status: 'complete',
			image_url: expect.stringMatching(/\/cdn\/vo-.+\.png$/),
			start_ms: 0,
			end_ms: 3000,
		});
		const text = JSON.stringify(json);
		for (const file of imageFilesOf(json.project_id)) expect(occurrences(text, file)).toBe(1);
		expect(Buffer.byteLength(text)).toBeLessThan(25_000);
	});

	test('one item per sentence and per image, with downloads still working', async () => {
		fake = await startFake({ config: { segments: 1, sentencesPerSegment: 2 } });
		const perSentence = await run(fake, pipeline({ simplify: true, outputMode: 'sentence', downloadImages: true }));
		expect(perSentence.items.map((item) => Object.keys(item.json))).toEqual([
			['project_id', 'sequence', 'sentence_id', 'text', 'status', 'image_url', 'start_ms', 'end_ms'],
			['project_id', 'sequence', 'sentence_id', 'text', 'status', 'image_url', 'start_ms', 'end_ms'],
		]);
		expect(perSentence.items.every((item) => item.binary?.data)).toBe(true);

		const perImage = await run(fake, {
			resource: 'project',
			operation: 'waitForCompletion',
			projectId: locator(perSentence.items[0].json.project_id),
			outputMode: 'image',
			simplify: true,
		});
		expect(perImage.items.map((item) => item.json)).toEqual([
			{ project_id: expect.any(String), sequence: 1, sentence_id: expect.any(String), text: 'Sentence 1 of the voiceover.', image_id: expect.any(String), image_url: perSentence.items[0].json.image_url },
			{ project_id: expect.any(String), sequence: 2, sentence_id: expect.any(String), text: 'Sentence 2 of the voiceover.', image_id: expect.any(String), image_url: perSentence.items[1].json.image_url },
		]);
	});

	test('Project → Get: one page of simplified sentences says whether more follow', async () => {
		fake = await startFake({ config: { segments: 2, sentencesPerSegment: 2 } });
		const { items } = await run(fake, pipeline({ waitForCompletion: false }));
		const page = await run(fake, {
			resource: 'project',
			operation: 'get',
			projectId: locator(items[0].json.project_id),
			sentences: 'range',
			sentencesOffset: 1,
			sentencesLimit: 2,
			simplify: true,
		});
		const [{ json }] = page.items;
		expect(json).toMatchObject({ project_id: items[0].json.project_id, sentences_offset: 1, has_more_sentences: true });
		expect(json.sentences.map((s) => s.sequence)).toEqual([2, 3]);
		expect(json.sentences[0]).not.toHaveProperty('images');
	});
});

describe('the size bound with real-world lengths', () => {
	const { projectForAgent } = require('../../nodes/FlokanVoToImages/helpers/agentResult.ts');
	const uuid = (n) => `3f2b9c1e-8d4a-4f6b-9c2d-${String(n).padStart(12, '0')}`;
	const cdn = (n, extension) => `https://storage.flokan-cdn.example.com/storage/v1/object/public/vo-to-images/${uuid(1)}/${uuid(2)}/${uuid(n)}.${extension}`;

	/** A finished project whose sentences are long and whose URLs are as long as a storage bucket's. */
	function longProject(count, { videos = false } = {}) {
		const sentences = Array.from({ length: count }, (_, i) => ({
			id: uuid(1000 + i),
			sequence: i + 1,
			segment_id: uuid(5000 + Math.floor(i / 2)),
			text: `In the spring of ${1900 + i} the expedition finally reached the northern coast, where the ice had broken into a thousand drifting islands.`,
			status: 'complete',
			prompt: 'A long prompt '.repeat(30),
			images: [{ id: uuid(2000 + i), status: 'complete', image_url: cdn(2000 + i, 'png') }],
			video_jobs: videos ? [{ id: uuid(3000 + i), status: 'complete', video_url: cdn(3000 + i, 'mp4') }] : [],
		}));
		const project = { id: uuid(2), title: 'The northern expedition', status: 'complete', auto_step: 'complete', workflow_mode: 'automatic', sentences };
		const status = { project_id: project.id, status: 'complete', auto_step: 'complete', workflow_mode: 'automatic', is_done: true, progress: { segments_total: count / 2, sentences_total: count, sentences_complete: count, sentences_failed: 0, image_jobs_active: 0 } };
		return { project, status };
	}

	test.each([
		['80 sentences', 80, {}],
		['80 sentences with videos', 80, { videos: true }],
		['300 sentences', 300, {}],
	])('%s with 170-character URLs: under 16 kB, every listed URL once, and the offset of the rest', (_, count, options) => {
		const { project, status } = longProject(count, options);
		const json = projectForAgent(project, status, {});
		const text = JSON.stringify([json]);
		expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_RESULT_BYTES);
		const listed = json.sentences_returned;
		expect(listed).toBeGreaterThanOrEqual(options.videos ? 25 : 40);
		for (const sentence of project.sentences.slice(0, listed)) expect(occurrences(text, sentence.images[0].image_url)).toBe(1);
		expect(json.sentences[0].text).toBe('In the spring of 1900 the expedition finally reached the no…');
		expect(json.nextStep).toContain(`Sentences Offset ${listed}.`);
	});
});
