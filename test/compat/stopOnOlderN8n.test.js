'use strict';
/**
 * Stop on an n8n whose sleep() ignores the cancel signal (n8n-workflow before 2.34, so n8n before
 * 2.34): n8n-workflow's sleep is replaced by that version's. A stop in the middle of a long wait
 * must still end the run at once, with no request after it, not when the wait would have ended.
 * The stop comes while the node is inside sleep() (the replaced sleep reports each call), never
 * after a guessed time.
 */
let mockOnSleep = () => {};
const mockSleeps = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	const { sleepBefore234 } = jest.requireActual('../harness/older-n8n');
	return {
		...actual,
		__esModule: true,
		sleep: async (ms) => {
			mockSleeps.push(ms);
			mockOnSleep(ms);
			return await sleepBefore234(ms);
		},
	};
});

const { STOP_CHECK_MS } = require('../../nodes/shared/pause.ts');
const { startFake, create, run } = require('../vidgen/helpers');

const LONG_WAIT_SECONDS = 30;
/** Far below LONG_WAIT_SECONDS; a run that ignored the stop would hit it and fail the test. */
const EXECUTION_TIMEOUT_MS = 10_000;

let fake;
beforeEach(async () => {
	fake = await startFake({ pendingMs: 5, processingMs: 10 });
	mockSleeps.length = 0;
	mockOnSleep = () => {};
});
afterEach(async () => {
	await fake.close();
});

/** Resolves on the first sleep() of at least 1 ms that starts once `ready()` holds. */
function sleepStarting(ready) {
	return new Promise((resolve) => {
		mockOnSleep = (ms) => {
			if (ms < 1 || !ready()) return;
			mockOnSleep = () => {};
			resolve(mockSleeps.length - 1);
		};
	});
}

/** Runs until the node sleeps after `ready()` holds, then stops it. */
async function stopMidWait(parameters, ready) {
	let sleepIndexAtStop;
	const stopped = sleepStarting(ready).then((index) => {
		sleepIndexAtStop = index;
	});
	const result = await run(fake, parameters, { cancelWhen: stopped, executionTimeoutMs: EXECUTION_TIMEOUT_MS });
	return { result, sleepsAfterStop: mockSleeps.slice(sleepIndexAtStop + 1) };
}

test('the replaced sleep ignores the signal, as before n8n 2.34', async () => {
	const { sleep } = require('n8n-workflow');
	await expect(sleep(1, AbortSignal.abort())).resolves.toBeUndefined();
});

test('a stop during the poll interval ends the run at once: no poll after it', async () => {
	fake.planNextJob({ pendingMs: Infinity });
	const polls = () => fake.requests('GET', /^\/api\/status\//);
	const { result, sleepsAfterStop } = await stopMidWait(create({ pollIntervalSeconds: LONG_WAIT_SECONDS, maxWaitSeconds: 600 }), () => polls().length === 1);
	expect(result.cancelled).toBe(true);
	expect(result.error.message).toMatch(/stopped while waiting for job/);
	expect(polls()).toHaveLength(1);
	// The wait is cut into slices that each look at the signal, so a stop is seen within one slice.
	expect(Math.max(...mockSleeps)).toBeLessThanOrEqual(STOP_CHECK_MS);
	expect(sleepsAfterStop).toEqual([]);
	expect(result.msAfterCancel).toBeLessThan(LONG_WAIT_SECONDS * 1000);
});

test("a stop during a 429's Retry-After ends the run at once: the submit is not re-sent", async () => {
	fake.addFault({ method: 'POST', path: '/api/jobs', kind: '429', retryAfter: String(LONG_WAIT_SECONDS) });
	const submits = () => fake.requests('POST', '/api/jobs');
	const { result, sleepsAfterStop } = await stopMidWait(create(), () => submits().length === 1);
	expect(result.cancelled).toBe(true);
	expect(result.status).not.toBe('success');
	expect(submits().map((entry) => entry.status)).toEqual([429]);
	expect(fake.state.jobs).toHaveLength(0);
	expect(Math.max(...mockSleeps)).toBeLessThanOrEqual(STOP_CHECK_MS);
	expect(sleepsAfterStop).toEqual([]);
	expect(result.msAfterCancel).toBeLessThan(LONG_WAIT_SECONDS * 1000);
});
