'use strict';
/** Run → Get (one check) and Run → Wait for Completion for a run created earlier. */
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { BASE, startFake, run, locator, createRun, apiRequests } = require('./helpers');
const { PNG_BYTES } = require('../fakes/flora');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const getRun = (runId, extra = {}) => ({ resource: 'run', operation: 'get', technique: locator('studio-shot'), runId, ...extra });
const waitRun = (runId, extra = {}) => ({
	resource: 'run',
	operation: 'waitForCompletion',
	technique: locator('studio-shot'),
	runId,
	options: { pollIntervalSeconds: 0.01, maxWaitSeconds: 10 },
	...extra,
});

async function startRun(durations) {
	if (durations) fake.state.durations = durations;
	const created = await run(fake, createRun({ waitForCompletion: false }));
	expect(created.error).toBeUndefined();
	fake.clearLog();
	return created.items[0].json.runId;
}

describe('Run → Get', () => {
	test('one status check: a single GET, status and progress as FLORA reports them', async () => {
		fake = await startFake();
		const runId = await startRun({ pendingMs: 0, runningMs: 60000 });
		const result = await run(fake, getRun(runId));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ technique: 'studio-shot', runId, status: 'running', progress: expect.any(Number) });
		expect(apiRequests(fake).map((e) => `${e.method} ${e.path}`)).toEqual([`GET ${BASE}/studio-shot/runs/${runId}`]);
	});

	test('a completed run: outputs and chargedCost, outputs downloaded on request', async () => {
		fake = await startFake();
		const runId = await startRun({ pendingMs: 0, runningMs: 0 });
		const result = await run(fake, getRun(runId, { downloadOutputs: true }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'completed', chargedCost: 10, outputs: [expect.objectContaining({ id: 'studio_image' })] });
		expect(await result.binaryAsBuffer(result.items[0], 'data')).toEqual(PNG_BYTES);
	});

	test('a failed run is returned as data (Get reports, it does not judge)', async () => {
		fake = await startFake();
		fake.state.nextOutcome = 'failed';
		const runId = await startRun({ pendingMs: 0, runningMs: 0 });
		const result = await run(fake, getRun(runId));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'failed', errorCode: 'provider_error', errorMessage: expect.any(String) });
	});

	test('an unknown run ID: FLORA\'s not_found, with advice', async () => {
		fake = await startFake();
		const result = await run(fake, getRun('run_doesnotexist'));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.message).toBe('FLORA: Run run_doesnotexist not found');
		expect(result.error.httpCode).toBe('404');
		expect(result.error.description).toMatch(/run ID returned by Run → Create for the same technique/);
	});

	test('the run ID is checked before any request', async () => {
		fake = await startFake();
		const result = await run(fake, getRun('={{ "run 1/../x" }}'));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toBe('Invalid "Run ID": "run 1/../x" is not a run ID');
		expect(fake.log).toHaveLength(0);
	});
});

describe('Run → Wait for Completion', () => {
	test('waits for a run made earlier and returns its outputs', async () => {
		fake = await startFake();
		// The run keeps running until the fake has answered the node's first poll.
		const runId = await startRun({ pendingMs: 0, runningMs: Infinity });
		const polls = () => fake.requests('GET', `${BASE}/studio-shot/runs/${runId}`);
		void fake.when(() => polls()[0]?.status === 200).then(() => fake.finishRun(runId));
		const result = await run(fake, waitRun(runId, { downloadOutputs: true, binaryPropertyName: 'shot' }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ runId, status: 'completed', chargedCost: 10 });
		expect(Object.keys(result.items[0].binary)).toEqual(['shot']);
		expect(fake.requests('POST')).toHaveLength(0);
		expect(polls().length).toBeGreaterThan(1);
	});

	test('the run ID can come from a Create that did not wait (expression)', async () => {
		fake = await startFake();
		const runId = await startRun();
		const result = await run(fake, waitRun('={{ $json.runId }}', { technique: locator('={{ $json.technique }}', 'slug') }), {
			items: [{ json: { runId, technique: 'studio-shot' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
	});

	test('a failed run ends the wait with runId, errorCode and errorMessage', async () => {
		fake = await startFake();
		fake.queueRun({ outcome: 'failed', errorCode: 'timeout', errorMessage: 'Generation timed out.' });
		const runId = await startRun();
		const result = await run(fake, waitRun(runId));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.context).toMatchObject({ runId, errorCode: 'timeout', errorMessage: 'Generation timed out.' });
	});

	test('Max Wait is one budget for all items: a second slow item does not wait again', async () => {
		fake = await startFake();
		const first = await startRun({ pendingMs: 0, runningMs: 60000 });
		const second = await startRun({ pendingMs: 0, runningMs: 60000 });
		const started = Date.now();
		const result = await run(fake, waitRun('={{ $json.runId }}', { options: { pollIntervalSeconds: 0.02, maxWaitSeconds: 0.3 } }), {
			continueOnFail: true,
			items: [{ json: { runId: first } }, { json: { runId: second } }],
		});
		expect(Date.now() - started).toBeLessThan(3000);
		expect(result.items.map((i) => i.json.runId)).toEqual([first, second]);
		for (const item of result.items) expect(item.json.error).toMatch(/^Gave up waiting for run /);
		expect(result.items[1].json.description).toContain('use Run → Get');
	});
});
