'use strict';
// Figure 1: VO to Images, Run Pipeline and Wait. 40 segments whose prompts calls take 2 s each on
// the fake server, then images as the fake schedules them (10 workers). The critical path is the
// server's own minimum with the API's 10-wide fan-out limit: ceil(40/10) × 2 s + the image work
// time. The node's wall time (its execute()) is divided by it; a naive sequential fetch client
// (bench/naiveVoClient.js) runs against the same fake for comparison.
const { performance } = require('node:perf_hooks');
const { repoPath } = require('../lib/tsRequire');
const { loadNode, credentialTypesFor } = require('../lib/nodes');
const { timedRun, runProblem } = require('../lib/harnessRun');
const { row, naRow, ms, seconds } = require('../lib/rows');
const { runNaivePipeline } = require('../naiveVoClient');

const SETTINGS = {
	segments: 40,
	sentencesPerSegment: 2,
	promptDelayMs: 2000,
	imageDelayMs: 500,
	imageWorkers: 10,
	autoRunDelayMs: 0,
};
const FAN_OUT_LIMIT = 10;
const POLL_INTERVAL_SECONDS = 0.2;
const ART_STYLE_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
const AUDIO_URL = 'https://example.com/voiceover.mp3';

const NODE_ROW = {
	id: 'vo.pipeline',
	figure: 'VO Run Pipeline and Wait: wall ÷ critical path',
	goal: 1.1,
	goalText: '≤ 1.10',
};
const NAIVE_ROW = {
	id: 'vo.naiveSequential',
	figure: 'naive sequential fetch client: wall ÷ critical path',
	goalText: '(baseline)',
};

function fakes() {
	return {
		...require(repoPath('test', 'fakes', 'flokan')),
		vo: require(repoPath('test', 'fakes', 'flokan', 'voToImages')),
	};
}

/** What the fake did for one project: the critical path and where the time went. */
function serverTimeline(server, vo, projectId, settings) {
	const project = vo.getProject(server, projectId);
	const calls = vo.promptCalls(server, projectId);
	const jobs = project.sentences.flatMap((s) => s.imageJobs);
	const imagesDoneAt = Math.max(...jobs.map((j) => j.doneAt));
	const imageWorkMs = imagesDoneAt - project.finalizedAt;
	const promptCriticalMs =
		Math.ceil(project.segments.length / FAN_OUT_LIMIT) * settings.promptDelayMs;
	const statusPolls = server.requests(
		'GET',
		`/api/v1/vo-to-images/projects/${projectId}/auto-status`,
	);
	return {
		segments: project.segments.length,
		images: jobs.length,
		promptCalls: calls.length,
		firstPromptAt: Math.min(...calls.map((c) => c.startedAt)),
		lastPromptEndAt: Math.max(...calls.map((c) => c.endedAt)),
		finalizedAt: project.finalizedAt,
		imagesDoneAt,
		imageWorkMs,
		criticalMs: promptCriticalMs + imageWorkMs,
		polls: statusPolls.length,
		lastPollAt: statusPolls.at(-1)?.at,
	};
}

async function runNodeCase(server, vo, loaded, credentials) {
	vo.configure(server, SETTINGS);
	server.clearLog();
	const { result, marks, executeMs } = await timedRun(loaded.NodeClass, {
		credentials: { flokanApi: { apiKey: server.apiKey, baseUrl: server.url } },
		credentialTypes: credentials.classes,
		parameters: {
			resource: 'project',
			operation: 'runPipeline',
			projectSource: 'new',
			title: 'Benchmark pipeline',
			audioUrl: AUDIO_URL,
			additionalFields: { artStyleId: ART_STYLE_ID, detectCharacters: false },
			waitForCompletion: true,
			pollIntervalSeconds: POLL_INTERVAL_SECONDS,
			maxWaitSeconds: 300,
			outputMode: 'project',
			downloadImages: false,
			options: { promptConcurrency: FAN_OUT_LIMIT },
		},
	});
	const problem = runProblem(result);
	if (problem) return naRow(NODE_ROW, problem);
	const projectId =
		result.items[0]?.json?.project_id ??
		result.items[0]?.json?.id ??
		[...server.state.voStore.projects.keys()].at(-1);
	const t = serverTimeline(server, vo, projectId, SETTINGS);
	const ratio = executeMs / t.criticalMs;
	const peak = vo.peakPromptConcurrency(server);
	const detail = [
		`wall ${seconds(executeMs)} vs critical ${seconds(t.criticalMs)} (${Math.ceil(t.segments / FAN_OUT_LIMIT)}×${SETTINGS.promptDelayMs} ms prompts + ${t.imageWorkMs} ms for ${t.images} images)`,
		`prep ${ms(t.firstPromptAt - marks.startedAt)}`,
		`prompts phase ${ms(t.lastPromptEndAt - t.firstPromptAt)} (peak ${peak} in flight, ${t.promptCalls} calls)`,
		`finalize ${ms(t.finalizedAt - t.lastPromptEndAt)} after last prompt`,
		`done noticed ${ms(t.lastPollAt - t.imagesDoneAt)} after images finished (${t.polls} polls at ${POLL_INTERVAL_SECONDS} s)`,
		`read + output ${ms(marks.endedAt - t.lastPollAt)}`,
	].join('; ');
	return row({
		...NODE_ROW,
		value: ratio,
		pass: ratio <= NODE_ROW.goal,
		detail,
		raw: { executeMs, ...t, peakPromptConcurrency: peak },
	});
}

async function runNaiveCase(server, vo) {
	vo.configure(server, SETTINGS);
	server.clearLog();
	const start = performance.now();
	const outcome = await runNaivePipeline({
		baseUrl: server.url,
		apiKey: server.apiKey,
		audioUrl: AUDIO_URL,
		artStyleId: ART_STYLE_ID,
		pollIntervalMs: POLL_INTERVAL_SECONDS * 1000,
	});
	const wallMs = performance.now() - start;
	const t = serverTimeline(server, vo, outcome.projectId, SETTINGS);
	const ratio = wallMs / t.criticalMs;
	return row({
		...NAIVE_ROW,
		value: ratio,
		detail: `wall ${seconds(wallMs)} vs critical ${seconds(t.criticalMs)}; prompts phase ${seconds(t.lastPromptEndAt - t.firstPromptAt)} one at a time`,
		raw: { wallMs, ...t },
	});
}

async function voPipelineCase({ skipNaive = false } = {}) {
	const { startFlokanFake, vo } = fakes();
	const server = await startFlokanFake();
	try {
		const rows = [];
		const loaded = loadNode('FlokanVoToImages');
		const credentials = loaded.ok ? credentialTypesFor(loaded) : undefined;
		if (!loaded.ok) rows.push(naRow(NODE_ROW, loaded.reason));
		else if (!credentials.ok) rows.push(naRow(NODE_ROW, credentials.reason));
		else {
			try {
				rows.push(await runNodeCase(server, vo, loaded, credentials));
			} catch (error) {
				rows.push(naRow(NODE_ROW, `bench error: ${error.message}`));
			}
		}
		rows.push(skipNaive ? naRow(NAIVE_ROW, 'skipped (--quick)') : await runNaiveCase(server, vo));
		return rows;
	} finally {
		await server.close();
	}
}

module.exports = { voPipelineCase, SETTINGS, POLL_INTERVAL_SECONDS };
