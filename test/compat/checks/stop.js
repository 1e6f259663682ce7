'use strict';
// A stop mid-wait: example 05 (Vidgen Job → Create, polling every 60 s) runs against a job that
// never finishes. The fake holds the node's first status poll: the execution is then running and
// the node is at its poll. The poll is answered, the node goes into its 60 s pause, and the
// execution is stopped through the REST API (the editor's Stop button). The node notices the stop
// when it cancels the job on Vidgen (POST /api/jobs/:id/cancel), which times the reaction: within
// a few hundred ms where the pause ends on the stop, the rest of the 60 s where it does not
// (n8n-workflow's sleep before 2.34 ignores the signal; the node sleeps in 250 ms slices there).
const { loadExample, pointAtFakes, PACKAGE } = require('../../e2e/examples-rewrite');
const { startCheck } = require('../outcome');

const EXAMPLE = '05-vidgen-image-and-audio-to-video.json';
const POLL_SECONDS = 60;
/** Far below the interval it interrupts, far above a busy machine's reaction (tens to hundreds of ms). */
const STOP_LIMIT_MS = 5000;

function stopWorkflow(fakes) {
	const workflow = pointAtFakes(loadExample(EXAMPLE), fakes);
	const create = workflow.nodes.find((node) => node.type === `${PACKAGE}.vidgen`);
	Object.assign(create.parameters, {
		pollIntervalSeconds: POLL_SECONDS,
		maxWaitSeconds: 3600,
		downloadVideo: false,
	});
	return { ...workflow, name: 'Compat: stop mid-wait' };
}

async function stopMidWait({ session, api, fakes }) {
	const check = startCheck();
	const vidgen = fakes.vidgen;
	vidgen.planNextJob({ pendingMs: Infinity });
	const polls = () => vidgen.requests('GET', /^\/api\/status\//);
	const firstPoll = vidgen.hold({ method: 'GET', path: /^\/api\/status\//, times: 1 });
	const { executionId, workflow } = await session.start(stopWorkflow(fakes));
	await firstPoll.untilHeld(1);
	const job = vidgen.state.jobs.at(-1);
	check.expect('runningWhileHeld', (await api.execution(executionId)).status, 'running');
	await firstPoll.release();

	const stopAt = Date.now();
	await api.rest('POST', `/rest/executions/${executionId}/stop`);
	const cancelRoute = `/api/jobs/${job.id}/cancel`;
	const cancelled = vidgen.when(() => vidgen.requests('POST', cancelRoute).length > 0);
	const gaveUp = new Promise((resolve) => setTimeout(resolve, (POLL_SECONDS + 30) * 1000).unref());
	await Promise.race([cancelled, gaveUp]);
	const [cancel] = vidgen.requests('POST', cancelRoute);
	const run = await session.ended(executionId, workflow.id, 60000);

	const ms = cancel ? cancel.at - stopAt : null;
	check.measured.msFromStopToRemoteCancel = ms;
	check.that(
		`the node cancelled job ${job.id} on Vidgen within ${STOP_LIMIT_MS} ms of the stop (${ms} ms)`,
		ms !== null && ms <= STOP_LIMIT_MS,
	);
	check.expect('pollsBeforeStop', polls().filter((entry) => entry.at < stopAt).length, 1);
	check.expect('pollsAfterStop', polls().filter((entry) => entry.at >= stopAt).length, 0);
	check.expect('executionStatus', run.status, 'canceled');
	return check.done(
		ms === null
			? `no remote cancel within ${POLL_SECONDS + 30} s of the stop`
			: `stopped in its ${POLL_SECONDS} s poll interval: job cancelled ${ms} ms after the stop, no poll after it`,
	);
}

module.exports = { stopMidWait, STOP_LIMIT_MS, POLL_SECONDS };
