'use strict';
/**
 * Fake of the Flokan VO to Images API (/api/v1/vo-to-images) as a state machine over time.
 *
 * Everything that "happens later" (image and video jobs) is derived from timestamps recorded at
 * finalize, so no timer outlives the server: a sentence's image is queued, processing, complete
 * or failed depending on the time when someone looks (Date.now(), or the fake's own manualClock).
 *
 * Configuration lives in server.state.vo (mutate fields in a test, or call configure()):
 *   segments (3)               segments auto-run creates
 *   sentencesPerSegment (4)    a number, or an array with one count per segment
 *   autoRunDelayMs (0)         how long auto-run takes (status is transcribing, then characters)
 *   promptDelayMs (0)          how long one prompts call takes
 *   imageDelayMs (20)          how long one image takes
 *   imageWorkers (10)          images processed at the same time
 *   videoDelayMs (20)          how long one video takes (starts when its image completes)
 *   failSegments ({})          { segmentIdOr1BasedPosition: timesToFail } → prompts answer 500 and
 *                              the segment's sentences become `failed`
 *   failImages ({})            { sentenceSequence: timesToFail } → that image job ends failed
 *   failVideos ({})            { sentenceSequence: timesToFail } → that video job ends failed
 *   holdJobs (false)           while true, no started image or video job finishes (it stays
 *                              processing): a project outlives any wait until the test sets it
 *                              back to false, then jobs past their time are done at once
 *   tooBigAudio (/huge/)       audio URLs matching this answer 413
 *   requireArtStyle (true)     auto-run answers 400 when the project has no art style
 *   manualClock (false)        true: the time-derived state reads the fake's own clock instead of
 *                              Date.now(); it starts at the first look and moves only by
 *                              advanceClock(server, ms) and by statusStepMs after each auto-status
 *   statusStepMs (0)           with manualClock: how far each GET auto-status answer moves the clock
 *   credits per item: imageCredits 49, promptCredits 2, characterCredits 25, detectCredits 10
 *
 * Choices where the page is silent (keep in sync with docs/voToImages.md):
 *   - GET /projects answers { success, data: { projects: [summary…, newest first], page, per_page,
 *     total, has_more } } (the shape the Image Editor's GET /jobs uses on the same host).
 *   - GET /presets answers { success, data: [presets] } (the flow section says "POST /presets";
 *     the endpoint section says GET, which is what is implemented).
 *   - Each sentence carries its segment_id, so a client can tell which segments still lack prompts.
 *   - A failed prompts call marks that segment's sentences `failed` (hence finalize accepting
 *     `failed` sentences); a later successful call for the segment makes them `prompt_ready`.
 *   - Finalize enqueues `prompt_ready` sentences and `failed` sentences that have a prompt (image
 *     retry); credits for those images are charged at finalize.
 */

const BASE = '/api/v1/vo-to-images';
const ROUTES = {
	prompts: `POST ${BASE}/projects/:id/segments/:segmentId/prompts`,
};
const PROJECT_STATUSES = ['draft', 'transcribing', 'characters', 'prompts', 'generating', 'complete'];
const WORKFLOW_MODES = ['automatic', 'manual'];
const ESTIMATE_ACTIONS = ['generate_images', 'generate_prompts', 'create_characters', 'detect_characters'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64',
);
const MP4 = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');

const DEFAULT_PRESETS = [
	{
		id: '5d0c2b0e-6f4a-4c47-9a51-2f6a0d1e7a01',
		name: 'Cinematic documentary',
		art_style_id: 'a1b2c3d4-0000-4000-8000-000000000001',
		char_gen_style_id: 'c1b2c3d4-0000-4000-8000-000000000001',
		detect_characters: true,
		generate_characters: false,
		generate_videos: false,
	},
	{
		id: '5d0c2b0e-6f4a-4c47-9a51-2f6a0d1e7a02',
		name: 'Anime shorts',
		art_style_id: 'a1b2c3d4-0000-4000-8000-000000000002',
		char_gen_style_id: 'c1b2c3d4-0000-4000-8000-000000000002',
		detect_characters: false,
		generate_characters: false,
		generate_videos: true,
	},
	{
		id: '5d0c2b0e-6f4a-4c47-9a51-2f6a0d1e7a03',
		name: 'Watercolour stories',
		art_style_id: 'a1b2c3d4-0000-4000-8000-000000000003',
		char_gen_style_id: null,
		detect_characters: true,
		generate_characters: true,
		generate_videos: false,
	},
];

function defaultConfig() {
	return {
		segments: 3,
		sentencesPerSegment: 4,
		autoRunDelayMs: 0,
		promptDelayMs: 0,
		imageDelayMs: 20,
		imageWorkers: 10,
		videoDelayMs: 20,
		failSegments: {},
		failImages: {},
		failVideos: {},
		holdJobs: false,
		tooBigAudio: /huge/,
		requireArtStyle: true,
		manualClock: false,
		statusStepMs: 0,
		imageCredits: 49,
		promptCredits: 2,
		characterCredits: 25,
		detectCredits: 10,
	};
}

const ok = (data, status = 200) => ({ status, body: { success: true, data } });

function register(server, workspace) {
	const { HttpError } = workspace;
	const vo = defaultConfig();
	server.state.vo = vo;
	const store = { projects: new Map(), presets: DEFAULT_PRESETS.map((p) => ({ ...p })), promptCalls: [] };
	server.state.voStore = store;

	const bad = (message) => new HttpError(400, message);

	// The time the time-derived state is read at: real time, or the fake's own clock (manualClock).
	let manualNow;
	const clockNow = () => (vo.manualClock ? (manualNow ??= Date.now()) : Date.now());
	store.advanceClock = (ms) => {
		if (!vo.manualClock) throw new Error('advanceClock needs manualClock: true');
		manualNow = clockNow() + ms;
	};

	// Handler delays (auto-run, prompts) end with the server: a client that hung up must not leave
	// a timer behind that keeps the test process alive.
	const delays = new Set();
	const delay = (ms) =>
		ms > 0
			? new Promise((resolve) => {
					const timer = setTimeout(() => {
						delays.delete(timer);
						resolve();
					}, ms);
					delays.add(timer);
				})
			: Promise.resolve();
	const closeServer = server.close;
	server.close = async () => {
		for (const timer of delays) clearTimeout(timer);
		delays.clear();
		await closeServer();
	};

	// ---------- helpers ----------

	function findProject(id) {
		const project = store.projects.get(id);
		if (!project) throw new HttpError(404, `Project ${id} not found`);
		return project;
	}

	function findPreset(id) {
		const preset = store.presets.find((p) => p.id === id);
		if (!preset) throw new HttpError(404, `Preset ${id} not found`);
		return preset;
	}

	function body(req) {
		if (req.body === undefined) return {};
		if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
			throw bad('Request body must be a JSON object');
		}
		return req.body;
	}

	function optionalUuid(value, field) {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string' || !UUID.test(value)) throw bad(`${field} must be a UUID`);
		return value;
	}

	function optionalBoolean(value, field) {
		if (value === undefined) return undefined;
		if (typeof value !== 'boolean') throw bad(`${field} must be a boolean`);
		return value;
	}

	function integerParam(query, name, { min, max, fallback }) {
		if (query[name] === undefined || query[name] === '') return fallback;
		const value = Number(query[name]);
		if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
			throw bad(`${name} must be an integer between ${min} and ${max ?? 'infinity'}`);
		}
		return value;
	}

	function spend(credits) {
		if (workspace.credits < credits) {
			throw new HttpError(402, `Insufficient AI credits: ${credits} needed, ${workspace.credits} available`);
		}
		workspace.credits -= credits;
	}

	/** Takes one injected failure for `key` from a { key: times } map. */
	function takeFailure(map, ...keys) {
		for (const key of keys) {
			if (map[key] > 0) {
				map[key] -= 1;
				return true;
			}
		}
		return false;
	}

	function applyPresetSettings(project, preset) {
		for (const field of ['art_style_id', 'char_gen_style_id', 'detect_characters', 'generate_characters', 'generate_videos']) {
			if (preset[field] !== undefined) project[field] = preset[field];
		}
		project.preset_id = preset.id;
	}

	// ---------- time-derived state ----------

	function jobState(job, now) {
		if (now < job.startAt) return 'queued';
		if (now < job.doneAt || vo.holdJobs) return 'processing';
		return job.willFail ? 'failed' : 'complete';
	}

	/** The sentence's latest image job and (when it completed) its video job, as of `now`. */
	function sentenceView(project, sentence, now) {
		const images = sentence.imageJobs.map((job) => {
			const status = jobState(job, now);
			const image = { id: job.id, status, created_at: new Date(job.createdAt).toISOString() };
			if (status === 'complete') image.image_url = workspace.publish(`vo-${job.id}.png`, PNG, 'image/png');
			if (status === 'failed') image.error = 'Image provider error';
			return image;
		});
		const latest = sentence.imageJobs[sentence.imageJobs.length - 1];
		const latestState = latest && jobState(latest, now);
		const videoJobs = [];
		if (project.generate_videos) {
			for (const job of sentence.imageJobs) {
				if (jobState(job, now) !== 'complete') continue;
				if (!job.video) {
					const startAt = job.doneAt;
					job.video = {
						id: workspace.uuid(),
						startAt,
						doneAt: startAt + vo.videoDelayMs,
						willFail: takeFailure(vo.failVideos, String(sentence.sequence)),
					};
				}
				const status = jobState(job.video, now);
				const video = { id: job.video.id, image_id: job.id, status };
				if (status === 'complete') video.video_url = workspace.publish(`vo-${job.video.id}.mp4`, MP4, 'video/mp4');
				if (status === 'failed') video.error = 'Video provider error';
				videoJobs.push(video);
			}
		}
		let status = sentence.status;
		if (latest && sentence.queuedAfterPrompt) {
			status = latestState === 'complete' ? 'complete' : latestState === 'failed' ? 'failed' : 'generating';
		}
		return {
			id: sentence.id,
			sequence: sentence.sequence,
			segment_id: sentence.segment_id,
			text: sentence.text,
			start_ms: sentence.start_ms,
			end_ms: sentence.end_ms,
			status,
			prompt: sentence.prompt,
			images,
			video_jobs: videoJobs,
		};
	}

	function progressOf(project, now) {
		const views = project.sentences.map((s) => sentenceView(project, s, now));
		const allJobs = project.sentences.flatMap((s) => s.imageJobs);
		const videos = views.flatMap((v) => v.video_jobs);
		const progress = {
			segments_total: project.segments.length,
			sentences_total: views.length,
			prompts_ready: views.filter((v) => v.prompt !== null).length,
			sentences_complete: views.filter((v) => v.status === 'complete').length,
			sentences_failed: views.filter((v) => v.status === 'failed').length,
			image_jobs_active: allJobs.filter((j) => ['queued', 'processing'].includes(jobState(j, now))).length,
			image_jobs_failed: allJobs.filter((j) => jobState(j, now) === 'failed').length,
			video_jobs_total: videos.length,
			video_jobs_complete: videos.filter((v) => v.status === 'complete').length,
			video_jobs_failed: videos.filter((v) => v.status === 'failed').length,
		};
		const sentencesTerminal =
			views.length > 0 && progress.sentences_complete + progress.sentences_failed === views.length;
		const videosTerminal =
			!project.generate_videos || videos.every((v) => v.status === 'complete' || v.status === 'failed');
		const isDone = sentencesTerminal && videosTerminal;
		return { views, progress, isDone, imagesDone: sentencesTerminal };
	}

	/** Project status and auto_step as of now. */
	function stepOf(project, now) {
		if (!project.finalizedAt) return { status: project.status, auto_step: project.auto_step };
		const { isDone, imagesDone } = progressOf(project, now);
		if (isDone) return { status: 'complete', auto_step: 'complete' };
		if (imagesDone && project.generate_videos) return { status: 'generating', auto_step: 'generating_videos' };
		return { status: 'generating', auto_step: 'generating_images' };
	}

	function summary(project, now = clockNow()) {
		const step = stepOf(project, now);
		return {
			id: project.id,
			title: project.title,
			workflow_mode: project.workflow_mode,
			status: step.status,
			auto_step: step.auto_step,
			preset_id: project.preset_id,
			art_style_id: project.art_style_id,
			char_gen_style_id: project.char_gen_style_id,
			detect_characters: project.detect_characters,
			generate_characters: project.generate_characters,
			generate_videos: project.generate_videos,
			audio_url: project.audio_url,
			duration_ms: project.duration_ms,
			sentence_count: project.sentences.length,
			segment_count: project.segments.length,
			created_at: project.created_at,
			updated_at: project.updated_at,
		};
	}

	function touch(project) {
		project.updated_at = new Date().toISOString();
	}

	// ---------- routes ----------

	server.route('POST', `${BASE}/projects`, (req) => {
		const input = body(req);
		const { title } = input;
		if (typeof title !== 'string' || title.length < 1 || title.length > 200) {
			throw bad('title is required and must be 1–200 characters');
		}
		const workflowMode = input.workflow_mode ?? 'automatic';
		if (!WORKFLOW_MODES.includes(workflowMode)) throw bad(`workflow_mode must be one of: ${WORKFLOW_MODES.join(', ')}`);
		const presetId = optionalUuid(input.preset_id, 'preset_id');
		const artStyleId = optionalUuid(input.art_style_id, 'art_style_id');
		const charStyleId = optionalUuid(input.char_gen_style_id, 'char_gen_style_id');
		const flags = {};
		for (const field of ['detect_characters', 'generate_characters', 'generate_videos']) {
			flags[field] = optionalBoolean(input[field], field);
		}
		const now = new Date().toISOString();
		const project = {
			id: workspace.uuid(),
			title,
			workflow_mode: workflowMode,
			status: 'draft',
			auto_step: null,
			preset_id: null,
			art_style_id: null,
			char_gen_style_id: null,
			detect_characters: true,
			generate_characters: false,
			generate_videos: false,
			audio_url: null,
			duration_ms: null,
			transcript: null,
			characters: [],
			segments: [],
			sentences: [],
			finalizedAt: undefined,
			created_at: now,
			updated_at: now,
		};
		if (presetId) applyPresetSettings(project, findPreset(presetId));
		if (artStyleId) project.art_style_id = artStyleId;
		if (charStyleId) project.char_gen_style_id = charStyleId;
		for (const [field, value] of Object.entries(flags)) if (value !== undefined) project[field] = value;
		store.projects.set(project.id, project);
		return ok(summary(project), 201);
	});

	server.route('GET', `${BASE}/projects`, (req) => {
		const page = integerParam(req.query, 'page', { min: 1, fallback: 1 });
		const perPage = integerParam(req.query, 'per_page', { min: 1, max: 100, fallback: 50 });
		const { status } = req.query;
		if (status !== undefined && !PROJECT_STATUSES.includes(status)) {
			throw bad(`status must be one of: ${PROJECT_STATUSES.join(', ')}`);
		}
		const now = clockNow();
		const all = [...store.projects.values()]
			.reverse()
			.map((p) => summary(p, now))
			.filter((p) => !status || p.status === status);
		const projects = all.slice((page - 1) * perPage, page * perPage);
		return ok({ projects, page, per_page: perPage, total: all.length, has_more: page * perPage < all.length });
	});

	server.route('GET', `${BASE}/projects/:id`, (req) => {
		const project = findProject(req.params.id);
		const offset = integerParam(req.query, 'sentences_offset', { min: 0, fallback: 0 });
		const limit = integerParam(req.query, 'sentences_limit', { min: 1, max: 300, fallback: 150 });
		const now = clockNow();
		const page = project.sentences.slice(offset, offset + limit).map((s) => sentenceView(project, s, now));
		return ok({
			...summary(project, now),
			transcript: project.transcript,
			characters: project.characters,
			sentences_offset: offset,
			sentences_limit: limit,
			has_more_sentences: offset + limit < project.sentences.length,
			sentences: page,
		});
	});

	server.route('DELETE', `${BASE}/projects/:id`, (req) => {
		const project = findProject(req.params.id);
		for (const sentence of project.sentences) {
			for (const job of sentence.imageJobs) {
				workspace.files.delete(`vo-${job.id}.png`);
				if (job.video) workspace.files.delete(`vo-${job.video.id}.mp4`);
			}
		}
		store.projects.delete(project.id);
		return ok({ id: project.id, deleted: true });
	});

	server.route('POST', `${BASE}/projects/:id/audio`, (req) => {
		const project = findProject(req.params.id);
		const { audio_url: audioUrl } = body(req);
		if (typeof audioUrl !== 'string' || !audioUrl) throw bad('audio_url is required');
		if (audioUrl.length > 2000) throw bad('audio_url must be at most 2000 characters');
		let parsed;
		try {
			parsed = new URL(audioUrl);
		} catch {
			throw bad('audio_url must be an HTTP(S) URL');
		}
		if (!['http:', 'https:'].includes(parsed.protocol)) throw bad('audio_url must be an HTTP(S) URL');
		if (project.auto_step !== null) throw bad(`Audio can't change once auto-run has started (auto_step: ${project.auto_step})`);
		if (vo.tooBigAudio && vo.tooBigAudio.test(audioUrl)) {
			throw new HttpError(413, 'Audio file exceeds the 200 MB upload cap');
		}
		project.audio_url = audioUrl;
		project.duration_ms = null;
		touch(project);
		return ok({ project_id: project.id, audio_url: audioUrl, status: project.status });
	});

	server.route('POST', `${BASE}/projects/:id/auto-run`, async (req) => {
		const project = findProject(req.params.id);
		if (project.workflow_mode !== 'automatic') throw bad('Auto-run only works on automatic projects');
		if (!project.audio_url) throw bad('Project has no audio: call POST /projects/{projectId}/audio first');
		if (vo.requireArtStyle && !project.art_style_id) throw bad('Project has no art style: set art_style_id or apply a preset');
		if (project.auto_step !== null) throw bad(`Wrong auto_step for auto-run: ${project.auto_step}`);
		project.auto_step = 'transcribing';
		project.status = 'transcribing';
		await delay(vo.autoRunDelayMs / 2);
		if (project.detect_characters) project.status = 'characters';
		await delay(vo.autoRunDelayMs / 2);

		const counts = Array.from({ length: vo.segments }, (_, i) =>
			Array.isArray(vo.sentencesPerSegment) ? vo.sentencesPerSegment[i] ?? 1 : vo.sentencesPerSegment,
		);
		project.segments = [];
		project.sentences = [];
		let sequence = 0;
		counts.forEach((count, index) => {
			const segment = { id: workspace.uuid(), position: index + 1 };
			project.segments.push(segment);
			for (let n = 0; n < count; n += 1) {
				sequence += 1;
				project.sentences.push({
					id: workspace.uuid(),
					sequence,
					segment_id: segment.id,
					text: `Sentence ${sequence} of the voiceover.`,
					start_ms: (sequence - 1) * 3000,
					end_ms: sequence * 3000,
					status: 'pending',
					prompt: null,
					imageJobs: [],
					queuedAfterPrompt: false,
				});
			}
		});
		project.duration_ms = sequence * 3000;
		project.transcript = project.sentences.map((s) => s.text).join(' ');
		project.characters = project.detect_characters ? [{ id: workspace.uuid(), name: 'Narrator' }] : [];
		project.status = 'prompts';
		project.auto_step = 'generating_prompts';
		touch(project);
		const base = `/api/v1/vo-to-images/projects/${project.id}`;
		return ok(
			{
				project_id: project.id,
				auto_step: project.auto_step,
				sentence_count: project.sentences.length,
				duration_ms: project.duration_ms,
				transcript: project.transcript,
				characters: project.characters,
				skipped_character_detection: !project.detect_characters,
				segment_ids: project.segments.map((s) => s.id),
				next_actions: [
					`For each segment_id, call POST ${base}/segments/{segmentId}/prompts to generate prompts (parallelizable, up to 10 at a time).`,
					`Once all segments have prompts, call POST ${base}/finalize to enqueue image generation jobs.`,
					`Poll GET ${base}/auto-status to track progress.`,
				],
			},
			202,
		);
	});

	server.route('POST', `${BASE}/projects/:id/segments/:segmentId/prompts`, async (req) => {
		const project = findProject(req.params.id);
		const segment = project.segments.find((s) => s.id === req.params.segmentId);
		if (!segment) throw new HttpError(404, `Segment ${req.params.segmentId} not found in project ${project.id}`);
		const input = body(req);
		const smart = optionalBoolean(input.smart_camera_angles, 'smart_camera_angles') ?? false;
		if (project.auto_step !== 'generating_prompts') {
			throw bad(`Wrong auto_step for prompts: ${project.auto_step}`);
		}
		const call = { projectId: project.id, segmentId: segment.id, startedAt: Date.now(), endedAt: undefined, outcome: undefined };
		store.promptCalls.push(call);
		await delay(vo.promptDelayMs);
		call.endedAt = Date.now();
		const sentences = project.sentences.filter((s) => s.segment_id === segment.id);
		if (takeFailure(vo.failSegments, segment.id, String(segment.position))) {
			call.outcome = 'failed';
			for (const s of sentences) if (s.prompt === null) s.status = 'failed';
			throw new HttpError(500, `Prompt generation failed for segment ${segment.id}`);
		}
		spend(sentences.length * vo.promptCredits);
		for (const s of sentences) {
			s.prompt = `${smart ? '[low angle] ' : ''}Illustration of: ${s.text}`;
			s.status = 'prompt_ready';
		}
		call.outcome = 'ok';
		touch(project);
		return ok({
			project_id: project.id,
			segment_id: segment.id,
			prompts_generated: sentences.length,
			sentences: sentences.map((s) => ({ id: s.id, sequence: s.sequence, status: s.status, prompt: s.prompt })),
		});
	});

	server.route('POST', `${BASE}/projects/:id/finalize`, (req) => {
		const project = findProject(req.params.id);
		const now = clockNow();
		const current = project.sentences.map((s) => ({ s, view: sentenceView(project, s, now) }));
		const eligible = current.filter(({ view }) => view.status === 'prompt_ready' || view.status === 'failed');
		if (eligible.length === 0) throw bad('Nothing to finalize: no sentences are in prompt_ready or failed status');
		const toQueue = eligible.filter(({ s }) => s.prompt !== null).map(({ s }) => s);
		spend(toQueue.length * vo.imageCredits);
		const width = Math.max(1, vo.imageWorkers);
		toQueue.forEach((sentence, index) => {
			const startAt = now + Math.floor(index / width) * vo.imageDelayMs;
			sentence.imageJobs.push({
				id: workspace.uuid(),
				createdAt: now,
				startAt,
				doneAt: startAt + vo.imageDelayMs,
				willFail: takeFailure(vo.failImages, String(sentence.sequence)),
				video: undefined,
			});
			sentence.queuedAfterPrompt = true;
		});
		project.finalizedAt = now;
		project.auto_step = 'generating_images';
		project.status = 'generating';
		touch(project);
		return ok(
			{
				project_id: project.id,
				auto_step: 'generating_images',
				image_jobs_enqueued: toQueue.length,
				next_actions: [`Poll GET /api/v1/vo-to-images/projects/${project.id}/auto-status to track progress.`],
			},
			202,
		);
	});

	server.route('GET', `${BASE}/projects/:id/auto-status`, (req) => {
		const project = findProject(req.params.id);
		const now = clockNow();
		const { progress, isDone } = progressOf(project, now);
		const step = stepOf(project, now);
		if (vo.manualClock) manualNow = now + vo.statusStepMs;
		return ok({
			project_id: project.id,
			status: step.status,
			auto_step: step.auto_step,
			workflow_mode: project.workflow_mode,
			is_done: isDone,
			progress,
		});
	});

	server.route('GET', `${BASE}/estimate-credits`, (req) => {
		const { project_id: projectId, action } = req.query;
		if (!projectId) throw bad('project_id is required');
		if (!UUID.test(projectId)) throw bad('project_id must be a UUID');
		if (!ESTIMATE_ACTIONS.includes(action)) throw bad(`action must be one of: ${ESTIMATE_ACTIONS.join(', ')}`);
		const project = findProject(projectId);
		const now = clockNow();
		const views = project.sentences.map((s) => sentenceView(project, s, now));
		let count;
		let perItem;
		let isExact = true;
		if (action === 'generate_images') {
			const todo = views.filter((v) => v.status !== 'complete' && v.status !== 'generating');
			count = todo.length;
			isExact = todo.every((v) => v.prompt !== null);
			perItem = vo.imageCredits;
		} else if (action === 'generate_prompts') {
			count = views.filter((v) => v.prompt === null).length;
			perItem = vo.promptCredits;
		} else if (action === 'create_characters') {
			count = project.characters.length;
			isExact = project.auto_step !== null;
			perItem = vo.characterCredits;
		} else {
			count = 1;
			perItem = vo.detectCredits;
		}
		const estimated = count * perItem;
		return ok({
			action,
			count,
			estimated_credits: estimated,
			per_item_credits: perItem,
			is_exact: isExact,
			available_credits: workspace.credits,
			can_proceed: workspace.credits >= estimated,
		});
	});

	server.route('GET', `${BASE}/presets`, () => ok(store.presets.map((p) => ({ ...p }))));

	server.route('POST', `${BASE}/projects/:id/apply-preset`, (req) => {
		const project = findProject(req.params.id);
		const { preset_id: presetId } = body(req);
		if (presetId === undefined || presetId === null) throw bad('preset_id is required');
		optionalUuid(presetId, 'preset_id');
		applyPresetSettings(project, findPreset(presetId));
		touch(project);
		return ok(summary(project));
	});
}

// ---------- helpers for tests ----------

/** Merges settings into server.state.vo. */
function configure(server, settings) {
	Object.assign(server.state.vo, settings);
	return server.state.vo;
}

/** Moves the fake's own clock (manualClock: true) on by `ms`: images and videos progress by that much. */
function advanceClock(server, ms) {
	server.state.voStore.advanceClock(ms);
}

/** Replaces the workspace's presets. */
function seedPresets(server, presets) {
	server.state.voStore.presets = presets.map((p) => ({ ...p }));
	return server.state.voStore.presets;
}

/** Every prompts call that reached the handler: { projectId, segmentId, startedAt, endedAt, outcome }. */
function promptCalls(server, projectId) {
	return server.state.voStore.promptCalls.filter((c) => !projectId || c.projectId === projectId);
}

/** The stored project (internal shape, includes segments and sentences). */
function getProject(server, projectId) {
	return server.state.voStore.projects.get(projectId);
}

/** Highest number of prompts calls that ran at the same time. */
function peakPromptConcurrency(server) {
	return server.peakConcurrency(ROUTES.prompts);
}

module.exports = {
	register,
	configure,
	advanceClock,
	seedPresets,
	promptCalls,
	getProject,
	peakPromptConcurrency,
	DEFAULT_PRESETS,
	ROUTES,
	BASE,
	PNG,
};
