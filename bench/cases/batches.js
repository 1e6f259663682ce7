'use strict';
// Figure 6: batches. Many input items through one node run, up to Items in Parallel (K, the
// option's default as the node declares it) at once. ideal = max(ceil(N / K) × job time, the
// rate-limit bound for the calls made); the node's wall time is its execute(). Peaks in flight and
// polls come from the fakes' own request logs. Each output is matched back to its input through the
// fake's record of the call (prompt, title, input URL), so order and pairing are checked too.
const { repoPath } = require('../lib/tsRequire');
const { loadNode, credentialTypesFor, propertiesNamed } = require('../lib/nodes');
const { timedRun, runProblem } = require('../lib/harnessRun');
const { row, naRow, ms, seconds } = require('../lib/rows');

const ITEMS = 20;
const JOB_MS = 2000;
const FLORA_RUN_MS = 3000;
const FLORA_INTERVAL_S = 0.15;
const RATE = { items: 100, limit: 60, windowMs: 6000, jobMs: 100 };
const VO = { projects: 3, segments: 20, promptDelayMs: 2000, fanOutLimit: 10 };
const VO_SETTINGS = {
	segments: VO.segments,
	sentencesPerSegment: 2,
	promptDelayMs: VO.promptDelayMs,
	imageDelayMs: 500,
	imageWorkers: 10,
	autoRunDelayMs: 0,
};
const PROCESS_ROUTE = 'POST /api/v1/image-editor/process';
const THUMBNAIL_ROUTE = 'POST /api/v1/thumbnail-generator/generate';

const flokanFakes = () => require(repoPath('test', 'fakes', 'flokan'));
const flokanCredentials = (server) => ({
	flokanApi: { apiKey: server.apiKey, baseUrl: server.url },
});

/** The Items in Parallel default the node declares for resource/operation. */
function defaultK(loaded, resource, operation) {
	const option = propertiesNamed(loaded, 'options')
		.filter((p) => {
			const show = p.displayOptions?.show ?? {};
			return show.resource?.includes(resource) && show.operation?.includes(operation);
		})
		.flatMap((p) => p.options ?? [])
		.find((o) => o.name === 'itemsInParallel');
	if (!option) throw new Error(`${resource} → ${operation} has no Items in Parallel option`);
	return option.default;
}

/** Loads a node and its credential types, or throws the reason it cannot run. */
function load(name) {
	const loaded = loadNode(name);
	if (!loaded.ok) throw new Error(loaded.reason);
	const credentials = credentialTypesFor(loaded);
	if (!credentials.ok) throw new Error(credentials.reason);
	return { ...loaded, credentialTypes: credentials.classes };
}

/** Runs the node; throws when the run failed or an output is not paired with its own input. */
async function runBatch(loaded, options, expectOutput) {
	const run = await timedRun(loaded.NodeClass, {
		credentialTypes: loaded.credentialTypes,
		executionTimeoutMs: 300000,
		...options,
	});
	const problem = runProblem(run.result);
	if (problem) throw new Error(problem);
	const { items } = run.result;
	if (items.length !== options.items.length)
		throw new Error(`expected ${options.items.length} output items, got ${items.length}`);
	items.forEach((item, index) => {
		const pairedWith = item.pairedItem?.item ?? item.pairedItem?.[0]?.item;
		const mismatch =
			pairedWith !== index ? `paired with item ${pairedWith}` : expectOutput(item, index);
		if (mismatch) throw new Error(`output ${index} is not its input's result: ${mismatch}`);
	});
	return run;
}

/** "rows could not be measured" for every row of a figure, with the reason. */
const allNa = (rowSpecs, error) =>
	rowSpecs.map((spec) =>
		naRow(
			spec,
			error.message.startsWith('node run') ? error.message : `bench error: ${error.message}`,
		),
	);

// ---- Image Editor Generate and Thumbnail Generate: K at once vs one at a time ----------------

const SYNC_NODES = {
	imageEditor: {
		label: 'Image Editor Generate',
		node: 'FlokanImageEditor',
		resource: 'image',
		operation: 'generate',
		route: PROCESS_ROUTE,
		setDelay: (server, delayMs) => {
			server.state.processDelayMs = delayMs;
		},
		items: (count = ITEMS) =>
			Array.from({ length: count }, (_, i) => ({ json: { prompt: `Product shot ${i}` } })),
		parameters: (options) => ({
			resource: 'image',
			operation: 'generate',
			prompt: '={{ $json.prompt }}',
			modelTier: 'standard',
			source: 'none',
			options,
		}),
		check: (server) => (item, index) => {
			const job = server.state.imageEditor.jobs.get(item.json.job_id);
			return job?.prompt === `Product shot ${index}` ? undefined : `job prompt ${job?.prompt}`;
		},
	},
	thumbnail: {
		label: 'Thumbnail Generate',
		node: 'FlokanThumbnailGenerator',
		resource: 'thumbnail',
		operation: 'generate',
		route: THUMBNAIL_ROUTE,
		setDelay: (server, delayMs) => {
			server.state.thumbnails.generateDelayMs = delayMs;
		},
		items: () => Array.from({ length: ITEMS }, (_, i) => ({ json: { title: `Video ${i}` } })),
		parameters: (options) => ({
			resource: 'thumbnail',
			operation: 'generate',
			videoTitle: '={{ $json.title }}',
			prompt: 'Bold title text over a mountain',
			imageModel: 'standard',
			aspectRatio: '16:9',
			imageCount: 1,
			options,
		}),
		check: (server) => (item, index) => {
			const record = server.state.thumbnails.generations.get(item.json.id);
			return record?.video_title === `Video ${index}`
				? undefined
				: `video_title ${record?.video_title}`;
		},
	},
};

function syncRowSpecs(key) {
	const { label } = SYNC_NODES[key];
	return [
		{
			id: `batches.${key}.ideal`,
			figure: `${label}, ${ITEMS} items of ${JOB_MS / 1000} s, default K: wall ÷ ideal`,
			goal: 1.15,
			goalText: '≤ 1.15',
		},
		{
			id: `batches.${key}.peak`,
			figure: `${label}: peak calls in flight on the fake`,
			unit: '',
			goalText: '= K',
		},
		{
			id: `batches.${key}.speedup`,
			figure: `${label}: wall with K = 1 ÷ wall with default K`,
			goal: 4,
			goalText: '≥ 4×',
		},
	];
}

async function syncRows(key) {
	const spec = SYNC_NODES[key];
	const [idealRow, peakRow, speedupRow] = syncRowSpecs(key);
	const server = await flokanFakes().startFlokanFake({ rateLimitPerMinute: 1_000_000 });
	try {
		const loaded = load(spec.node);
		const k = defaultK(loaded, spec.resource, spec.operation);
		spec.setDelay(server, JOB_MS);
		const options = (parameterOptions) => ({
			credentials: flokanCredentials(server),
			parameters: spec.parameters(parameterOptions),
			items: spec.items(),
		});
		server.clearLog();
		const one = await runBatch(loaded, options({ itemsInParallel: 1 }), spec.check(server));
		const onePeak = server.peakConcurrency(spec.route);
		server.clearLog();
		const batch = await runBatch(loaded, options({}), spec.check(server));
		const peak = server.peakConcurrency(spec.route);
		const calls = server.requests('POST').length;
		const idealMs = Math.ceil(ITEMS / k) * JOB_MS;
		const ratio = batch.executeMs / idealMs;
		const speedup = one.executeMs / batch.executeMs;
		return [
			row({
				...idealRow,
				value: ratio,
				pass: ratio <= idealRow.goal,
				detail: `K = ${k} (the option's default): wall ${seconds(batch.executeMs)} vs ideal ceil(${ITEMS}/${k}) × ${seconds(JOB_MS)} = ${seconds(idealMs)}; ${calls} POST calls; outputs in input order, each paired with its input`,
				raw: { k, executeMs: batch.executeMs, idealMs, calls },
			}),
			row({
				...peakRow,
				goal: k,
				goalText: `= ${k}`,
				value: peak,
				pass: peak === k,
				detail: `most ${spec.route} calls the fake was handling at once (K = 1 run: ${onePeak})`,
				raw: { peak, onePeak, k },
			}),
			row({
				...speedupRow,
				value: speedup,
				pass: speedup >= speedupRow.goal,
				detail: `K = 1: ${seconds(one.executeMs)}; K = ${k}: ${seconds(batch.executeMs)}`,
				raw: { oneMs: one.executeMs, batchMs: batch.executeMs },
			}),
		];
	} catch (error) {
		return allNa([idealRow, peakRow, speedupRow], error);
	} finally {
		await server.close();
	}
}

// ---- FLORA Run → Create, wait: K runs started and polled at once ------------------------------

const FLORA_ROWS = [
	{
		id: 'batches.flora.ideal',
		figure: `FLORA Run → Create with wait, ${ITEMS} runs of ${FLORA_RUN_MS / 1000} s: wall ÷ ideal`,
		goal: 1.2,
		goalText: '≤ 1.20',
	},
	{
		id: 'batches.flora.polls',
		figure: `FLORA: most polls for one run (interval ${FLORA_INTERVAL_S} s)`,
		unit: 'polls',
		goal: FLORA_RUN_MS / (FLORA_INTERVAL_S * 1000) + 1,
		goalText: `≤ run ÷ interval + 1 = ${FLORA_RUN_MS / (FLORA_INTERVAL_S * 1000) + 1}`,
	},
];

/** The most [start, end] intervals that overlap at one moment. */
function peakOverlap(intervals) {
	const events = intervals.flatMap(([start, end]) => [
		[start, 1],
		[end, -1],
	]);
	// at equal times an end comes first: a run that ended as the next began was not in flight with it
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let current = 0;
	let peak = 0;
	for (const [, change] of events) {
		current += change;
		peak = Math.max(peak, current);
	}
	return peak;
}

const floraImageUrl = (index) => `https://media.flora.ai/batch-${index}.png`;

async function floraRows() {
	const [idealRow, pollsRow] = FLORA_ROWS;
	const { startFloraFake } = require(repoPath('test', 'fakes', 'flora'));
	const server = await startFloraFake({
		durations: { pendingMs: 500, runningMs: FLORA_RUN_MS - 500 },
	});
	try {
		const loaded = load('Flora');
		const k = defaultK(loaded, 'run', 'create');
		const items = Array.from({ length: ITEMS }, (_, i) => ({ json: { url: floraImageUrl(i) } }));
		const batch = await runBatch(
			loaded,
			{
				credentials: { floraApi: { apiKey: server.apiKey, baseUrl: server.url } },
				parameters: {
					resource: 'run',
					operation: 'create',
					technique: { __rl: true, mode: 'slug', value: 'cctv-cam' },
					inputMode: 'json',
					inputsJson:
						'={{ JSON.stringify([{ id: "input_image", type: "imageUrl", value: $json.url }]) }}',
					waitForCompletion: true,
					downloadOutputs: false,
					options: { pollIntervalSeconds: FLORA_INTERVAL_S, maxWaitSeconds: 300 },
				},
				items,
			},
			(item, index) => {
				const run = server.state.runs.get(item.json.runId);
				const url = run?.inputs?.[0]?.value;
				return url === floraImageUrl(index) ? undefined : `run input ${url}`;
			},
		);
		const runs = [...server.state.runs.values()];
		const polls = runs.map(
			(run) => server.requests('GET', `/api/v1/techniques/${run.slug}/runs/${run.runId}`).length,
		);
		const maxPolls = Math.max(...polls);
		const idealMs = Math.ceil(ITEMS / k) * FLORA_RUN_MS;
		const ratio = batch.executeMs / idealMs;
		const runsInFlight = peakOverlap(
			runs.map((run) => {
				const runPolls = server.requests('GET', `/api/v1/techniques/${run.slug}/runs/${run.runId}`);
				return [run.createdAtMs, runPolls.at(-1)?.at ?? run.createdAtMs];
			}),
		);
		return [
			row({
				...idealRow,
				value: ratio,
				pass: ratio <= idealRow.goal,
				detail: `K = ${k}: wall ${seconds(batch.executeMs)} vs ideal ceil(${ITEMS}/${k}) × ${seconds(FLORA_RUN_MS)} = ${seconds(idealMs)}; ${runs.length} runs, at most ${runsInFlight} between their create and their last poll at once`,
				raw: { k, executeMs: batch.executeMs, idealMs, runsInFlight },
			}),
			row({
				...pollsRow,
				value: maxPolls,
				pass: maxPolls <= pollsRow.goal,
				detail: `polls per run: min ${Math.min(...polls)}, mean ${(polls.reduce((a, b) => a + b, 0) / polls.length).toFixed(1)}, max ${maxPolls}`,
				raw: { polls },
			}),
		];
	} catch (error) {
		return allNa(FLORA_ROWS, error);
	} finally {
		await server.close();
	}
}

// ---- Image Editor under a scaled rate limit ---------------------------------------------------

const RATE_ROWS = [
	{
		id: 'batches.rateLimit.429s',
		figure: `Image Editor, ${RATE.items} items at ${RATE.limit} calls per ${RATE.windowMs / 1000} s: 429 answers`,
		unit: '',
		goal: 0,
		goalText: '0',
	},
	{
		id: 'batches.rateLimit.bound',
		figure: 'Image Editor under the rate limit: wall ÷ rate-limit bound',
		goal: 1.15,
		goalText: '≤ 1.15',
	},
];

/**
 * The soonest the calls can be made without a 429: `limit` per window, the next window opening
 * when the fake says (X-RateLimit-Reset is in whole epoch seconds, so a client cannot know the
 * reset more precisely; the exact window end is reported too), the last window's calls K at a time.
 */
function rateLimitBound(firstCallAt, k) {
	const windows = Math.ceil(RATE.items / RATE.limit);
	const lastWindowCalls = RATE.items - (windows - 1) * RATE.limit;
	const tailMs = Math.ceil(lastWindowCalls / k) * RATE.jobMs;
	const exactMs = (windows - 1) * RATE.windowMs + tailMs;
	let advertisedMs = tailMs;
	let windowStart = firstCallAt;
	for (let w = 1; w < windows; w++) {
		const advertisedReset = Math.ceil((windowStart + RATE.windowMs) / 1000) * 1000;
		advertisedMs += advertisedReset - windowStart;
		windowStart = advertisedReset;
	}
	return { exactMs, advertisedMs, windows, lastWindowCalls, tailMs };
}

async function rateLimitRows() {
	const [errorsRow, boundRow] = RATE_ROWS;
	const server = await flokanFakes().startFlokanFake();
	try {
		const loaded = load('FlokanImageEditor');
		const k = defaultK(loaded, 'image', 'generate');
		server.state.processDelayMs = RATE.jobMs;
		server.setRateLimit(RATE.limit, RATE.windowMs);
		// the first window opens with the node's first call, not when the limit was set
		server.rate.windowStart = 0;
		server.clearLog();
		const batch = await runBatch(
			loaded,
			{
				credentials: flokanCredentials(server),
				parameters: SYNC_NODES.imageEditor.parameters({}),
				items: SYNC_NODES.imageEditor.items(RATE.items),
			},
			SYNC_NODES.imageEditor.check(server),
		);
		const calls = server.requests('POST', '/api/v1/image-editor/process');
		const refused = server.log.filter((e) => e.status === 429).length;
		const bound = rateLimitBound(calls[0].at, k);
		const ratio = batch.executeMs / bound.advertisedMs;
		return [
			row({
				...errorsRow,
				value: refused,
				pass: refused === 0,
				detail: `${calls.length} POST /process calls reached the fake, ${refused} answered 429; K = ${k}`,
				raw: { calls: calls.length, refused },
			}),
			row({
				...boundRow,
				value: ratio,
				pass: ratio <= boundRow.goal,
				detail: `wall ${seconds(batch.executeMs)} vs bound ${seconds(bound.advertisedMs)}: ${bound.windows - 1} window(s) until the advertised reset, then ${bound.lastWindowCalls} calls ${k} at a time × ${RATE.jobMs} ms; against the exact window end (${seconds(bound.exactMs)}): ${(batch.executeMs / bound.exactMs).toFixed(2)}×; ideal without the limit ceil(${RATE.items}/${k}) × ${RATE.jobMs} ms = ${seconds(Math.ceil(RATE.items / k) * RATE.jobMs)}`,
				raw: { executeMs: batch.executeMs, ...bound },
			}),
		];
	} catch (error) {
		return allNa(RATE_ROWS, error);
	} finally {
		await server.close();
	}
}

// ---- VO Run Pipeline and Wait, several projects at once --------------------------------------

const VO_ROWS = [
	{
		id: 'batches.vo.peakPrompts',
		figure: `VO Run Pipeline and Wait, ${VO.projects} projects × ${VO.segments} segments: peak prompt calls in flight`,
		unit: '',
		goal: VO.fanOutLimit,
		goalText: `≤ ${VO.fanOutLimit} per credential`,
	},
	{
		id: 'batches.vo.criticalPath',
		figure: `VO ${VO.projects} projects at once: wall ÷ critical path`,
		goal: 1.15,
		goalText: '≤ 1.15',
	},
];

async function voRows() {
	const [peakRow, criticalRow] = VO_ROWS;
	const { startFlokanFake, vo } = {
		...flokanFakes(),
		vo: require(repoPath('test', 'fakes', 'flokan', 'voToImages')),
	};
	const server = await startFlokanFake();
	try {
		const loaded = load('FlokanVoToImages');
		vo.configure(server, VO_SETTINGS);
		server.clearLog();
		const title = (index) => `Batch project ${index}`;
		const batch = await runBatch(
			loaded,
			{
				credentials: flokanCredentials(server),
				parameters: {
					resource: 'project',
					operation: 'runPipeline',
					projectSource: 'new',
					title: '={{ $json.title }}',
					audioUrl: 'https://example.com/voiceover.mp3',
					additionalFields: {
						artStyleId: 'a1b2c3d4-0000-4000-8000-000000000001',
						detectCharacters: false,
					},
					waitForCompletion: true,
					pollIntervalSeconds: 0.2,
					maxWaitSeconds: 300,
					outputMode: 'project',
					downloadImages: false,
				},
				items: Array.from({ length: VO.projects }, (_, i) => ({ json: { title: title(i) } })),
			},
			(item, index) => {
				const id = item.json.project_id ?? item.json.id;
				const project = vo.getProject(server, id);
				return project?.title === title(index) ? undefined : `project title ${project?.title}`;
			},
		);
		const projects = [...server.state.voStore.projects.values()];
		const calls = vo.promptCalls(server);
		const peak = vo.peakPromptConcurrency(server);
		const imageWork = projects.map((project) => {
			const doneAt = Math.max(
				...project.sentences.flatMap((s) => s.imageJobs.map((j) => j.doneAt)),
			);
			return doneAt - project.finalizedAt;
		});
		const promptsMs = Math.ceil(calls.length / VO.fanOutLimit) * VO.promptDelayMs;
		const criticalMs = promptsMs + Math.min(...imageWork);
		const ratio = batch.executeMs / criticalMs;
		const firstPrompt = Math.min(...calls.map((c) => c.startedAt));
		const lastPromptEnd = Math.max(...calls.map((c) => c.endedAt));
		return [
			row({
				...peakRow,
				value: peak,
				pass: peak <= VO.fanOutLimit,
				detail: `${calls.length} prompt calls for ${projects.length} projects on one credential; the fake counted at most ${peak} at once`,
				raw: { peak, calls: calls.length },
			}),
			row({
				...criticalRow,
				value: ratio,
				pass: ratio <= criticalRow.goal,
				detail: `wall ${seconds(batch.executeMs)} vs critical ${seconds(criticalMs)} (ceil(${calls.length}/${VO.fanOutLimit}) × ${seconds(VO.promptDelayMs)} prompts + ${ms(Math.min(...imageWork))} images after the last finalize); prompts phase ${seconds(lastPromptEnd - firstPrompt)}; prep before the first prompt ${ms(firstPrompt - batch.marks.startedAt)}`,
				raw: { executeMs: batch.executeMs, criticalMs, promptsMs, imageWork },
			}),
		];
	} catch (error) {
		return allNa(VO_ROWS, error);
	} finally {
		await server.close();
	}
}

async function batchesCase() {
	return [
		...(await syncRows('imageEditor')),
		...(await syncRows('thumbnail')),
		...(await floraRows()),
		...(await rateLimitRows()),
		...(await voRows()),
	];
}

module.exports = { batchesCase };
