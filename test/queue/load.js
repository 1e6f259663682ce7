'use strict';
// The queue-mode load case, shared by test/queue/queue.e2e.test.js and `npm run bench --
// --only=queue`: 20 executions fired at once through the webhook process (17 × Image Editor on 2
// items → FLORA run with wait, 3 × VO to Images Run Pipeline and Wait), run by the workers, with
// one 429 injected on each paid POST route. It returns what the fakes and n8n saw.
const vo = require('../fakes/flokan/voToImages');
const { request, until } = require('./client');
const { imageThenFlora, voPipeline } = require('./workflows');

const IMAGE_EXECUTIONS = 17;
const VO_EXECUTIONS = 3;
const ITEMS_PER_IMAGE_EXECUTION = 2;
const SEGMENTS_PER_PROJECT = 14; // more than the 10 prompt calls the API allows at a time
const RETRY_AFTER_SECONDS = '1';

const IMAGE_PROCESS = '/api/v1/image-editor/process';
const FLORA_RUNS = /^\/api\/v1\/techniques\/[^/]+\/runs$/;
const VO_BASE = '/api/v1/vo-to-images/projects';
const VO_PROMPTS = /^\/api\/v1\/vo-to-images\/projects\/[^/]+\/segments\/[^/]+\/prompts$/;

/** Paid POSTs, each with what makes one call distinct from another (a re-send has the same key). */
const PAID = [
	{ fake: 'flokan', path: IMAGE_PROCESS, key: (e) => e.body?.prompt },
	{ fake: 'flora', path: FLORA_RUNS, key: (e) => e.body?.inputs?.find?.((input) => input.id === 'background')?.value },
	{ fake: 'flokan', path: VO_BASE, key: (e) => e.body?.title },
	{ fake: 'flokan', path: /^\/api\/v1\/vo-to-images\/projects\/[^/]+\/auto-run$/, key: (e) => e.path },
	{ fake: 'flokan', path: VO_PROMPTS, key: (e) => e.path },
	{ fake: 'flokan', path: /^\/api\/v1\/vo-to-images\/projects\/[^/]+\/finalize$/, key: (e) => e.path },
];

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** Highest number of prompt calls in progress at once, per project. */
function peakPromptCallsPerProject(flokan) {
	const peaks = {};
	const calls = vo.promptCalls(flokan);
	for (const call of calls) {
		const overlapping = calls.filter(
			(other) => other.projectId === call.projectId && other.startedAt <= call.startedAt && (other.endedAt ?? Infinity) > call.startedAt,
		);
		peaks[call.projectId] = Math.max(peaks[call.projectId] ?? 0, overlapping.length);
	}
	return peaks;
}

/** For every 429: how long until the same call (same route and key) came again. */
function retriesAfter429(fakes) {
	const retries = [];
	for (const { fake, path, key } of PAID) {
		const entries = fakes[fake].requests('POST', path);
		entries.forEach((entry, index) => {
			if (entry.status !== 429) return;
			const again = entries.slice(index + 1).find((next) => key(next) === key(entry) && next.path === entry.path);
			retries.push({
				path: entry.path,
				retryAfterMs: Number(RETRY_AFTER_SECONDS) * 1000,
				waitedMs: again ? again.at - entry.at : undefined,
			});
		});
	}
	return retries;
}

/** Paid calls the API accepted more than once (the same key answered 2xx twice). */
function paidDuplicates(fakes) {
	const duplicates = [];
	let accepted = 0;
	for (const { fake, path, key } of PAID) {
		const seen = new Map();
		for (const entry of fakes[fake].requests('POST', path)) {
			if (!(entry.status >= 200 && entry.status < 300)) continue;
			accepted += 1;
			const id = `${entry.path} ${key(entry)}`;
			seen.set(id, (seen.get(id) ?? 0) + 1);
		}
		for (const [id, count] of seen) if (count > 1) duplicates.push({ id, count });
	}
	return { duplicates, accepted };
}

/** Which worker ran each execution, from the workers' "Worker started execution N" lines. */
function executionsPerWorker(cluster, ids) {
	const perWorker = {};
	for (const worker of cluster.workers) {
		const started = [...worker.output().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
		perWorker[worker.name] = ids.filter((id) => started.includes(String(id))).length;
	}
	return perWorker;
}

/**
 * Publishes the two workflows (once per client), fires the executions at once and waits for all
 * of them to finish. Resolves the measurements.
 */
async function runQueueLoad({ cluster, client, fakes, credentials, ca, tag = `${Date.now()}` }) {
	vo.configure(fakes.flokan, { segments: SEGMENTS_PER_PROJECT, sentencesPerSegment: 1, promptDelayMs: 150, imageDelayMs: 20, videoDelayMs: 20 });
	fakes.flokan.state.workspace.credits = 1e9;
	fakes.flora.state.credits = 1e9;
	const imagePath = `queue-load-image-${tag}`;
	const voPath = `queue-load-vo-${tag}`;
	const imageWorkflow = await client.createActiveWorkflow(imageThenFlora(imagePath, fakes, credentials));
	const voWorkflow = await client.createActiveWorkflow(voPipeline(voPath, fakes, credentials));
	const post = (path, body) => request('POST', `${cluster.webhookUrl}/webhook/${path}`, { body, ca });
	await until(async () => (await post(imagePath, { items: [] })).status !== 404, { what: 'the production webhook' });
	await until(async () => (await client.executions(imageWorkflow)).every((e) => FINISHED.includes(e.status)), { what: 'the probe execution' });
	const probeIds = (await client.executions(imageWorkflow)).map((e) => e.id);

	for (const fake of [fakes.flokan, fakes.flora]) fake.clearLog();
	fakes.flokan.state.voStore.promptCalls.length = 0;
	fakes.flokan.addFault({ method: 'POST', path: IMAGE_PROCESS, kind: '429', retryAfter: RETRY_AFTER_SECONDS });
	fakes.flokan.addFault({ method: 'POST', path: VO_PROMPTS, kind: '429', retryAfter: RETRY_AFTER_SECONDS });
	fakes.flora.addFault({ method: 'POST', path: FLORA_RUNS, kind: '429', retryAfter: RETRY_AFTER_SECONDS });

	const started = Date.now();
	const answers = await Promise.all([
		...Array.from({ length: IMAGE_EXECUTIONS }, (_, n) =>
			post(imagePath, { items: Array.from({ length: ITEMS_PER_IMAGE_EXECUTION }, (_, i) => ({ tag: `${tag}-${n}-${i}` })) }),
		),
		...Array.from({ length: VO_EXECUTIONS }, (_, n) => post(voPath, { title: `Queue load ${tag} #${n}` })),
	]);
	const executions = await until(
		async () => {
			const all = [
				...(await client.executions(imageWorkflow)).filter((e) => !probeIds.includes(e.id)),
				...(await client.executions(voWorkflow)),
			];
			return all.length === IMAGE_EXECUTIONS + VO_EXECUTIONS && all.every((e) => FINISHED.includes(e.status)) ? all : undefined;
		},
		{ what: `${IMAGE_EXECUTIONS + VO_EXECUTIONS} finished executions`, timeoutMs: 300000, stepMs: 500 },
	);
	const wallMs = Math.max(...executions.map((e) => new Date(e.stoppedAt).getTime())) - started;
	const ids = executions.map((e) => e.id);
	const retries = retriesAfter429(fakes);
	const { duplicates, accepted } = paidDuplicates(fakes);
	return {
		wallMs,
		webhookStatuses: answers.map((a) => a.status),
		statuses: executions.map((e) => e.status),
		executions: executions.length,
		perWorker: executionsPerWorker(cluster, ids),
		count429: retries.length,
		retries,
		duplicates,
		paidPostsAccepted: accepted,
		peakPromptCallsPerProject: peakPromptCallsPerProject(fakes.flokan),
		imageCalls: new Set(fakes.flokan.requests('POST', IMAGE_PROCESS).filter((e) => e.status >= 200 && e.status < 300).map((e) => e.body.prompt)).size,
	};
}

module.exports = { runQueueLoad, IMAGE_EXECUTIONS, VO_EXECUTIONS, ITEMS_PER_IMAGE_EXECUTION };
