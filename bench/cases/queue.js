'use strict';
// Figure 7: queue mode. The load case of test/queue/load.js on n8n's scale-out setup (Redis,
// PostgreSQL, main, 2 workers, 1 webhook process; scripts/queue/cluster.js): 20 executions fired
// at once through the webhook process, 17 × Image Editor on 2 items → FLORA run with wait and 3 ×
// VO Run Pipeline and Wait, one 429 injected on each paid POST route. Records the wall time, how
// the executions spread over the workers, the 429s (and that each was re-sent only after its
// Retry-After) and paid POSTs accepted twice.
const { repoPath } = require('../lib/tsRequire');
const { row, seconds } = require('../lib/rows');

async function queueCase() {
	const { startQueueEnvironment } = require(repoPath('test', 'queue', 'environment'));
	const { runQueueLoad, IMAGE_EXECUTIONS, VO_EXECUTIONS } = require(
		repoPath('test', 'queue', 'load'),
	);
	const environment = await startQueueEnvironment();
	let load;
	try {
		load = await runQueueLoad(environment);
	} finally {
		await environment.stop();
	}
	const total = IMAGE_EXECUTIONS + VO_EXECUTIONS;
	const succeeded = load.statuses.filter((status) => status === 'success').length;
	const shares = Object.entries(load.perWorker);
	const earlyRetries = load.retries.filter(
		(r) => r.waitedMs === undefined || r.waitedMs < r.retryAfterMs,
	);
	const shortestWait = Math.min(...load.retries.map((r) => r.waitedMs ?? 0));
	const raw = { ...load, retries: undefined, retryWaitsMs: load.retries.map((r) => r.waitedMs) };
	return [
		row({
			id: 'queue.wall',
			figure: `Queue mode: ${total} executions at once, 2 workers: wall time`,
			value: load.wallMs / 1000,
			unit: 's',
			detail: `${succeeded}/${total} succeeded; ${load.paidPostsAccepted} paid POSTs accepted; peak prompt calls per project ${Object.values(load.peakPromptCallsPerProject).join(', ')}`,
			raw,
		}),
		row({
			id: 'queue.perWorker',
			figure: 'Queue mode: executions per worker',
			value: Math.min(...shares.map(([, count]) => count)),
			unit: 'min',
			detail: shares.map(([name, count]) => `${name}: ${count}`).join(', '),
		}),
		row({
			id: 'queue.429',
			figure: 'Queue mode: 429s (each re-sent only after its Retry-After)',
			value: load.count429,
			unit: '',
			goal: 0,
			goalText: '0 re-sent early',
			pass: earlyRetries.length === 0,
			detail: `${earlyRetries.length} re-sent early or never; shortest wait ${seconds(shortestWait)} for Retry-After 1 s`,
		}),
		row({
			id: 'queue.duplicates',
			figure: 'Queue mode: paid POSTs accepted twice',
			value: load.duplicates.length,
			unit: '',
			goal: 0,
			goalText: '0',
			pass: load.duplicates.length === 0,
			detail: load.duplicates.map((d) => `${d.id} ×${d.count}`).join('; ') || 'none',
		}),
	];
}

module.exports = { queueCase };
