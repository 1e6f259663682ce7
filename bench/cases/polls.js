'use strict';
// Figure 2: polling discipline of the three wait-until-done operations. Each job takes
// DURATION_MS on the fake server; the node polls at INTERVAL_S. Figures:
//   polls made ÷ (job duration ÷ poll interval)     goal ≤ 1.1
//   (last poll − fake's own completion time) ÷ interval   goal ≤ 1 (noticed within one interval)
// The completion time is the fake's (its state is derived from timestamps), the polls are the
// fake's request log, so neither depends on the node's own account.
const { repoPath } = require('../lib/tsRequire');
const { loadNode, credentialTypesFor } = require('../lib/nodes');
const { timedRun, runProblem } = require('../lib/harnessRun');
const { row, naRow, ms } = require('../lib/rows');

const DURATION_MS = 3000;
const INTERVAL_S = 0.15;
/** Allowance for timers and one HTTP round trip on top of "within one interval". */
const LAG_SLACK_MS = 20;

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64',
);

const SERVICES = {
	vo: {
		label: 'VO to Images (Run Pipeline and Wait)',
		node: 'FlokanVoToImages',
		async start() {
			const { startFlokanFake } = require(repoPath('test', 'fakes', 'flokan'));
			const vo = require(repoPath('test', 'fakes', 'flokan', 'voToImages'));
			const server = await startFlokanFake();
			// 10 images on 10 workers: the wait is exactly one image's time after finalize
			vo.configure(server, {
				segments: 2,
				sentencesPerSegment: 5,
				promptDelayMs: 0,
				imageDelayMs: DURATION_MS,
				imageWorkers: 10,
			});
			return server;
		},
		credentials: (server) => ({ flokanApi: { apiKey: server.apiKey, baseUrl: server.url } }),
		parameters: () => ({
			resource: 'project',
			operation: 'runPipeline',
			projectSource: 'new',
			title: 'Benchmark polling',
			audioUrl: 'https://example.com/voiceover.mp3',
			additionalFields: {
				artStyleId: 'a1b2c3d4-0000-4000-8000-000000000001',
				detectCharacters: false,
			},
			waitForCompletion: true,
			pollIntervalSeconds: INTERVAL_S,
			maxWaitSeconds: 60,
			outputMode: 'project',
		}),
		timeline(server) {
			const vo = require(repoPath('test', 'fakes', 'flokan', 'voToImages'));
			const [projectId] = [...server.state.voStore.projects.keys()];
			const project = vo.getProject(server, projectId);
			const doneAt = Math.max(
				...project.sentences.flatMap((s) => s.imageJobs.map((j) => j.doneAt)),
			);
			const polls = server
				.requests('GET', `/api/v1/vo-to-images/projects/${projectId}/auto-status`)
				.filter((e) => e.at >= project.finalizedAt);
			return { startedAt: project.finalizedAt, doneAt, polls };
		},
	},
	flora: {
		label: 'FLORA (Run → Create, wait)',
		node: 'Flora',
		async start() {
			const { startFloraFake } = require(repoPath('test', 'fakes', 'flora'));
			return await startFloraFake({ durations: { pendingMs: 500, runningMs: DURATION_MS - 500 } });
		},
		credentials: (server) => ({ floraApi: { apiKey: server.apiKey, baseUrl: server.url } }),
		parameters: () => ({
			resource: 'run',
			operation: 'create',
			technique: { __rl: true, mode: 'slug', value: 'cctv-cam' },
			inputMode: 'json',
			inputsJson: JSON.stringify([
				{ id: 'input_image', type: 'imageUrl', value: 'https://media.flora.ai/benchmark.png' },
			]),
			waitForCompletion: true,
			downloadOutputs: false,
			options: { pollIntervalSeconds: INTERVAL_S, maxWaitSeconds: 60 },
		}),
		timeline(server) {
			const [run] = [...server.state.runs.values()];
			const polls = server.requests('GET', `/api/v1/techniques/${run.slug}/runs/${run.runId}`);
			return {
				startedAt: run.createdAtMs,
				doneAt: run.createdAtMs + run.pendingMs + run.runningMs,
				polls,
			};
		},
	},
	vidgen: {
		label: 'Vidgen (Job → Create, wait by polling)',
		node: 'Vidgen',
		async start() {
			const { startVidgenFake } = require(repoPath('test', 'fakes', 'vidgen'));
			return await startVidgenFake({ pendingMs: 500, processingMs: DURATION_MS - 500 });
		},
		credentials: (server) => ({ vidgenApi: { apiKey: server.apiKey, baseUrl: server.url } }),
		items: () => [
			{
				json: {},
				binary: {
					image: { data: PNG, mimeType: 'image/png', fileName: 'still.png' },
					audio: {
						data: Buffer.from('ID3benchmark-audio'),
						mimeType: 'audio/mpeg',
						fileName: 'voice.mp3',
					},
				},
			},
		],
		parameters: () =>
			require('./vidgenParameters').createAndPoll({
				intervalSeconds: INTERVAL_S,
				maxWaitSeconds: 60,
			}),
		timeline(server) {
			const [job] = server.state.jobs;
			const polls = server.requests('GET', `/api/status/${job.id}`);
			return {
				startedAt: job.createdAt,
				doneAt: job.createdAt + job.plan.pendingMs + job.plan.processingMs,
				polls,
			};
		},
	},
};

function rowsFor(key, reasonOrMeasure) {
	const service = SERVICES[key];
	const pollsRow = {
		id: `polls.${key}`,
		figure: `${service.label}: polls ÷ (duration ÷ interval)`,
		goal: 1.1,
		goalText: '≤ 1.10',
	};
	const lagRow = {
		id: `polls.${key}.lag`,
		figure: `${service.label}: end noticed after (intervals)`,
		unit: 'intervals',
		goal: 1,
		goalText: '≤ 1 interval + 20 ms',
	};
	if (typeof reasonOrMeasure === 'string')
		return [naRow(pollsRow, reasonOrMeasure), naRow(lagRow, reasonOrMeasure)];
	const m = reasonOrMeasure;
	const intervalMs = INTERVAL_S * 1000;
	const durationMs = m.doneAt - m.startedAt;
	const expected = durationMs / intervalMs;
	const ratio = m.polls.length / expected;
	const lastPollAt = m.polls.at(-1)?.at;
	const lagMs = lastPollAt - m.doneAt;
	const gaps = m.polls.slice(1).map((p, i) => p.at - m.polls[i].at);
	const meanGap = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : NaN;
	return [
		row({
			...pollsRow,
			value: ratio,
			pass: ratio <= pollsRow.goal,
			detail: `${m.polls.length} polls for a ${ms(durationMs)} job at ${intervalMs} ms (expected ${expected.toFixed(1)}); mean gap ${meanGap.toFixed(1)} ms, min ${Math.min(...gaps)} ms`,
			raw: { polls: m.polls.length, durationMs, intervalMs, gaps },
		}),
		row({
			...lagRow,
			value: lagMs / intervalMs,
			pass: lagMs >= 0 && lagMs <= intervalMs + LAG_SLACK_MS,
			detail: `last poll ${ms(lagMs)} after the fake finished (interval ${intervalMs} ms); node returned ${ms(m.endedAt - m.doneAt)} after it`,
			raw: { lagMs },
		}),
	];
}

async function measure(key) {
	const service = SERVICES[key];
	const loaded = loadNode(service.node);
	if (!loaded.ok) return loaded.reason;
	const credentials = credentialTypesFor(loaded);
	if (!credentials.ok) return credentials.reason;
	const server = await service.start();
	try {
		const { result, marks } = await timedRun(loaded.NodeClass, {
			credentials: service.credentials(server),
			credentialTypes: credentials.classes,
			parameters: service.parameters(),
			items: service.items?.(),
		});
		const problem = runProblem(result);
		if (problem) return problem;
		return { ...service.timeline(server), endedAt: marks.endedAt };
	} catch (error) {
		return `bench error: ${error.message}`;
	} finally {
		await server.close();
	}
}

async function pollsCase() {
	const rows = [];
	for (const key of Object.keys(SERVICES)) rows.push(...rowsFor(key, await measure(key)));
	return rows;
}

module.exports = { pollsCase, DURATION_MS, INTERVAL_S };
