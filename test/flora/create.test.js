'use strict';
/** Run → Create: inputs (form fields and JSON), mode async, idempotency, waiting and downloads. */
const { NodeOperationError } = require('n8n-workflow');
const { BASE, IMAGE, startFake, run, locator, createRun, apiRequests, creates } = require('./helpers');
const { PNG_BYTES, MP4_BYTES } = require('../fakes/flora');
const { firstPollRead } = require('../fakes/gate');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

describe('Run → Create and wait', () => {
	test('form-field inputs: the technique is read, the run created (async, with a key) and polled to its outputs', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ values: { product_image: IMAGE, background: 'soft grey sweep' } }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.json).toMatchObject({
			technique: 'studio-shot',
			runId: expect.stringMatching(/^run_/),
			status: 'completed',
			progress: 100,
			chargedCost: 10,
			outputs: [{ id: 'studio_image', type: 'imageUrl', url: expect.stringContaining('/media/') }],
			idempotencyKey: expect.stringMatching(/^n8n-[0-9a-f]{64}$/),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary).toBeUndefined();

		const [getTechnique, post, ...polls] = apiRequests(fake);
		expect(`${getTechnique.method} ${getTechnique.path}`).toBe(`GET ${BASE}/studio-shot`);
		expect(`${post.method} ${post.path}`).toBe(`POST ${BASE}/studio-shot/runs`);
		expect(post.body).toEqual({
			inputs: [
				{ id: 'product_image', type: 'imageUrl', value: IMAGE },
				{ id: 'background', type: 'text', value: 'soft grey sweep' },
			],
			mode: 'async',
			idempotency_key: item.json.idempotencyKey,
		});
		expect(polls.length).toBeGreaterThan(0);
		expect(polls.every((p) => p.path === `${BASE}/studio-shot/runs/${item.json.runId}`)).toBe(true);
		expect(fake.state.runsCreated).toBe(1);
	});

	test('values come from expressions on the item; optional inputs left empty are not sent', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ values: { product_image: '={{ $json.photo }}', background: '' } }), {
			items: [{ json: { photo: 'https://my-bucket.s3.eu-west-1.amazonaws.com/shoe.jpg' } }],
		});
		expect(result.error).toBeUndefined();
		expect(creates(fake)[0].body.inputs).toEqual([
			{ id: 'product_image', type: 'imageUrl', value: 'https://my-bucket.s3.eu-west-1.amazonaws.com/shoe.jpg' },
		]);
	});

	test('several items: the technique is read once, every item gets its own run and key', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ values: { product_image: '={{ $json.photo }}' } }), {
			items: [1, 2, 3].map((n) => ({ json: { photo: `https://ik.imagekit.io/acme/p${n}.png` } })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(fake.requests('GET', `${BASE}/studio-shot`)).toHaveLength(1);
		const keys = creates(fake).map((c) => c.body.idempotency_key);
		expect(new Set(keys).size).toBe(3);
		expect(new Set(result.items.map((i) => i.json.runId)).size).toBe(3);
		expect(fake.state.runsCreated).toBe(3);
	});

	test('"Using JSON" as FLORA\'s own array', async () => {
		fake = await startFake();
		const inputs = [
			{ id: 'product_image', type: 'imageUrl', value: 'https://storage.googleapis.com/b/p.png' },
			{ id: 'motion_reference', type: 'videoUrl', value: 'https://my-bucket.storage.googleapis.com/move.mp4' },
			{ id: 'prompt', type: 'text', value: 'slow orbit' },
		];
		const result = await run(fake, createRun({ slug: 'product-animator', inputMode: 'json', inputsJson: JSON.stringify(inputs) }));
		expect(result.error).toBeUndefined();
		expect(creates(fake)[0].body.inputs).toEqual(inputs);
		expect(result.items[0].json.outputs[0].type).toBe('videoUrl');
	});

	test('"Using JSON" as an object of ID → value: types come from the technique', async () => {
		fake = await startFake();
		const result = await run(
			fake,
			createRun({ slug: 'auto-translate', inputMode: 'json', inputsJson: '={{ JSON.stringify({ source_image: $json.img, target_language: "German" }) }}' }),
			{ items: [{ json: { img: 'https://media.flora.ai/in.png' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(creates(fake)[0].body.inputs).toEqual([
			{ id: 'source_image', type: 'imageUrl', value: 'https://media.flora.ai/in.png' },
			{ id: 'target_language', type: 'text', value: 'German' },
		]);
	});

	test('a technique picked by URL', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ technique: locator('https://app.flora.ai/techniques/mugshot', 'url'), values: { portrait: IMAGE } }));
		expect(result.error).toBeUndefined();
		expect(creates(fake)[0].path).toBe(`${BASE}/mugshot/runs`);
		expect(result.items[0].json.technique).toBe('mugshot');
	});

	test('progress is reported while the run is running', async () => {
		// The run answers the first poll with 0 %, the second with 60 %, then ends.
		fake = await startFake({ durations: { pendingMs: 0, runningMs: Infinity } });
		const answered = (poll) => fake.requests('GET', /\/runs\/run_\w+$/)[poll]?.status === 200;
		const runOf = () => [...fake.state.runs.values()][0];
		void fake.when(() => answered(0)).then(() => (runOf().progress = 60));
		void fake.when(() => answered(1)).then(() => fake.finishRun(runOf().runId));
		const result = await run(fake, createRun());
		expect(result.error).toBeUndefined();
		const progress = result.logs.filter((l) => l.level === 'info' && /^run run_\w+: running \d+%$/.test(l.message));
		expect(progress.length).toBeGreaterThan(1);
	});

	test('without waiting: the created run comes back at once, no polling', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ waitForCompletion: false }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ technique: 'studio-shot', runId: expect.stringMatching(/^run_/), status: 'pending' });
		expect(fake.requests('GET', /\/runs\//)).toHaveLength(0);
	});
});

describe('downloading outputs', () => {
	test('one output lands in "data" with its bytes and MIME type', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ downloadOutputs: true }));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.binary)).toEqual(['data']);
		expect(item.binary.data).toMatchObject({ mimeType: 'image/png', fileName: 'studio_image.png' });
		expect(await result.binaryAsBuffer(item, 'data')).toEqual(PNG_BYTES);
		expect(item.json.outputs[0].binaryProperty).toBe('data');
		// The API key never goes to the file host.
		const [download] = fake.requests('GET', /^\/media\//);
		expect(download.headers.authorization).toBeUndefined();
	});

	test('several outputs are numbered under a custom field name; stored on disk in filesystem mode', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ slug: 'icon-pack', values: { prompt: 'weather icons' }, downloadOutputs: true, binaryPropertyName: 'icon' }), {
			binaryMode: 'filesystem',
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.binary)).toEqual(['icon_0', 'icon_1', 'icon_2', 'icon_3']);
		expect(item.binary.icon_2.id).toMatch(/^filesystem/);
		expect(await result.binaryAsBuffer(item, 'icon_3')).toEqual(PNG_BYTES);
		expect(item.json.outputs.map((o) => o.binaryProperty)).toEqual(['icon_0', 'icon_1', 'icon_2', 'icon_3']);
	});

	test('video outputs come down as MP4', async () => {
		fake = await startFake();
		const result = await run(fake, createRun({ slug: 'product-motion', downloadOutputs: true }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary.data.mimeType).toBe('video/mp4');
		expect(await result.binaryAsBuffer(result.items[0], 'data')).toEqual(MP4_BYTES);
	});
});

describe('idempotency: a retried create never starts a second paid run', () => {
	test('the connection drops after FLORA created the run: re-sent with the same key, exactly one run', async () => {
		fake = await startFake();
		fake.addFault({ method: 'POST', path: `${BASE}/studio-shot/runs`, kind: 'drop', afterHandler: true });
		const result = await run(fake, createRun());
		expect(result.error).toBeUndefined();
		const posts = creates(fake);
		expect(posts).toHaveLength(2);
		expect(posts[0].body.idempotency_key).toBe(posts[1].body.idempotency_key);
		expect(posts[1].status).toBe(200);
		expect(fake.state.runsCreated).toBe(1);
		expect(result.items[0].json).toMatchObject({ status: 'completed', runId: [...fake.state.runs.keys()][0] });
		expect(fake.state.credits).toBe(100000 - 10);
	});

	test('a 500 after FLORA created the run: re-sent with the same key, exactly one run', async () => {
		fake = await startFake();
		fake.addFault({ method: 'POST', path: `${BASE}/studio-shot/runs`, kind: '500', afterHandler: true });
		const result = await run(fake, createRun());
		expect(result.error).toBeUndefined();
		const posts = creates(fake);
		expect(posts.map((p) => p.status)).toEqual([500, 200]);
		expect(posts[0].body.idempotency_key).toBe(posts[1].body.idempotency_key);
		expect(fake.state.runsCreated).toBe(1);
	});

	test('a 503 before any work: re-sent with the same key, one run', async () => {
		fake = await startFake();
		fake.addFault({ method: 'POST', path: `${BASE}/studio-shot/runs`, kind: '503' });
		const result = await run(fake, createRun());
		expect(result.error).toBeUndefined();
		expect(creates(fake).map((p) => p.status)).toEqual([503, 201]);
		expect(fake.state.runsCreated).toBe(1);
	});

	test('a user-set key: sent as given, and a second execution with it gets the same run back', async () => {
		fake = await startFake();
		const params = createRun({ options: { idempotencyKey: '={{ "order-" + $json.orderId }}', pollIntervalSeconds: 0.01 } });
		const first = await run(fake, params, { items: [{ json: { orderId: 42 } }] });
		const second = await run(fake, params, { items: [{ json: { orderId: 42 } }] });
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(creates(fake).map((c) => c.body.idempotency_key)).toEqual(['order-42', 'order-42']);
		expect(second.items[0].json.runId).toBe(first.items[0].json.runId);
		expect(second.items[0].json.idempotencyKey).toBe('order-42');
		expect(fake.state.runsCreated).toBe(1);
	});

	test('the derived key differs between executions, so a new execution starts a new run', async () => {
		fake = await startFake();
		const first = await run(fake, createRun({ waitForCompletion: false }));
		const second = await run(fake, createRun({ waitForCompletion: false }));
		expect(first.items[0].json.idempotencyKey).not.toBe(second.items[0].json.idempotencyKey);
		expect(fake.state.runsCreated).toBe(2);
	});

	test('a create that keeps failing reports the key it used, for a safe re-run', async () => {
		fake = await startFake();
		fake.addFault({ method: 'POST', path: `${BASE}/studio-shot/runs`, kind: 'drop', times: 10 });
		const result = await run(fake, createRun());
		expect(result.error).toBeDefined();
		expect(result.error.context.idempotencyKey).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(new Set(creates(fake).map((c) => c.body.idempotency_key)).size).toBe(1);
		expect(fake.state.runsCreated).toBe(0);
	});
});

describe('when a run does not complete', () => {
	test('a failed run is an error carrying runId, errorCode and errorMessage', async () => {
		fake = await startFake();
		fake.queueRun({ outcome: 'failed', errorCode: 'provider_error', errorMessage: 'The provider failed to complete the generation.' });
		const result = await run(fake, createRun());
		expect(result.error).toBeInstanceOf(NodeOperationError);
		const runId = [...fake.state.runs.keys()][0];
		expect(result.error.message).toBe(`FLORA run ${runId} failed: The provider failed to complete the generation. (provider_error)`);
		expect(result.error.context).toMatchObject({
			runId,
			technique: 'studio-shot',
			errorCode: 'provider_error',
			errorMessage: 'The provider failed to complete the generation.',
		});
		expect(result.error.description).toContain(`Run ID: ${runId}`);
	});

	test('with Continue On Fail the failed run becomes an item with runId, errorCode and errorMessage', async () => {
		fake = await startFake();
		fake.queueRun({ outcome: 'failed', errorCode: 'nsfw_blocked', errorMessage: 'Content was blocked.' });
		const result = await run(fake, createRun({ values: { product_image: '={{ $json.photo }}' } }), {
			continueOnFail: true,
			items: [{ json: { photo: IMAGE } }, { json: { photo: IMAGE.replace('shoe', 'bag') } }],
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		const runId = [...fake.state.runs.keys()][0];
		expect(result.items[0].json).toMatchObject({ runId, errorCode: 'nsfw_blocked', errorMessage: 'Content was blocked.' });
		expect(result.items[0].json.error).toContain(runId);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json.status).toBe('completed');
	});

	test('past Max Wait: the error names the run and says to use Run → Get', async () => {
		fake = await startFake({ durations: { pendingMs: 10, runningMs: 60000 } });
		const result = await run(fake, createRun({ options: { pollIntervalSeconds: 0.02, maxWaitSeconds: 0.3 } }));
		const runId = [...fake.state.runs.keys()][0];
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toMatch(new RegExp(`^Gave up waiting for run ${runId} `));
		expect(result.error.description).toContain(`Run ID: ${runId}`);
		expect(result.error.description).toContain('use Run → Get');
		expect(result.error.description).toMatch(/may still be running/);
		expect(result.error.context.runId).toBe(runId);
		expect(fake.state.runsCreated).toBe(1);
	});

	test('stopping the execution mid-wait returns promptly and names the run', async () => {
		fake = await startFake({ durations: { pendingMs: 10, runningMs: 60000 } });
		// Stopped once the node has read the answer to its first poll: it is in its minute-long pause.
		const result = await run(fake, createRun({ options: { pollIntervalSeconds: 60, maxWaitSeconds: 600 } }), { cancelWhen: firstPollRead(fake, /\/runs\/run_\w+$/) });
		expect(result.cancelled).toBe(true);
		expect(result.msAfterCancel).toBeLessThan(1500);
		expect(result.error).toBeDefined();
		const runId = [...fake.state.runs.keys()][0];
		expect(result.error.message).toContain(runId);
	});
});
