'use strict';
/** Job → Create: the multipart upload, waiting by polling, 409 policies, stop → remote cancel, 429s. */
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { API_KEY, OTHER_KEY, PNG, MP3, startFake, run, create, mediaItem, visibleText } = require('./helpers');
const { firstPollRead } = require('../fakes/gate');

let fake;
beforeEach(async () => {
	fake = await startFake();
});
afterEach(async () => {
	await fake.close();
});

const posts = () => fake.requests('POST', '/api/jobs');
/** Whether the fake has answered the node's `index`-th status poll (0 = the first). */
const statusAnswered = (index) => fake.requests('GET', /^\/api\/status\//)[index]?.status === 200;

describe('the upload', () => {
	test('sends both files as multipart/form-data with their bytes, names and types, plus the webhook URL', async () => {
		const result = await run(fake, create({ waitUntilDone: false, options: { webhookUrl: 'https://hooks.example.test/vidgen' } }));
		expect(result.status).toBe('success');
		const [job] = fake.state.jobs;
		expect(result.items[0].json).toEqual({ jobId: job.id, message: 'Job created' });
		expect(job.files.image).toMatchObject({ filename: 'portrait.png', contentType: 'image/png' });
		expect(job.files.image.data.equals(PNG)).toBe(true);
		expect(job.files.audio).toMatchObject({ filename: 'voiceover.mp3', contentType: 'audio/mpeg' });
		expect(job.files.audio.data.equals(MP3)).toBe(true);
		expect(job.webhookUrl).toBe('https://hooks.example.test/vidgen');
		const [post] = posts();
		expect(post.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(post.headers['x-api-key']).toBe(API_KEY);
	});

	test('reads files from n8n filesystem binary storage and configurable fields, normalising MIME aliases', async () => {
		const result = await run(fake, create({ waitUntilDone: false, imageBinaryPropertyName: 'photo', audioBinaryPropertyName: 'voice' }), {
			binaryMode: 'filesystem',
			items: [
				{
					json: {},
					binary: {
						photo: { data: PNG, mimeType: 'image/jpg', fileName: 'face.jpg' },
						voice: { data: MP3, mimeType: 'application/octet-stream', fileName: 'take 2.m4a' },
					},
				},
			],
		});
		expect(result.status).toBe('success');
		const [job] = fake.state.jobs;
		expect(job.files.image).toMatchObject({ filename: 'face.jpg', contentType: 'image/jpeg' });
		expect(job.files.audio).toMatchObject({ filename: 'take 2.m4a', contentType: 'audio/x-m4a' });
		expect(job.files.audio.data.equals(MP3)).toBe(true);
	});
});

describe('waiting by polling', () => {
	test('reports progress and outputs the finished job, optionally with the video as binary', async () => {
		// The job is PENDING until the first poll was answered, PROCESSING until the second was.
		fake.planNextJob({ pendingMs: Infinity, processingMs: Infinity });
		const jobId = () => fake.state.jobs[0].id;
		void fake.when(() => statusAnswered(0)).then(() => fake.startJob(jobId()));
		void fake.when(() => statusAnswered(1)).then(() => fake.finishJob(jobId()));
		const result = await run(fake, create({ downloadVideo: true, binaryPropertyName: 'video' }));
		expect(result.status).toBe('success');
		const [job] = fake.state.jobs;
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			jobId: job.id,
			status: 'COMPLETED',
			progress: 100,
			outputVideo: `${fake.url}/files/${job.id}/video.mp4`,
			outputShareLink: `${fake.url}/share/${job.id}`,
			errorMessage: null,
		});
		expect(result.items[0].binary.video).toMatchObject({ mimeType: 'video/mp4', fileName: `${job.id}.mp4` });
		expect((await result.binaryAsBuffer(result.items[0], 'video')).equals(fake.videoBytes(job.id))).toBe(true);
		const progress = result.logs.filter((entry) => entry.level === 'info' && entry.message.includes(job.id)).map((e) => e.message);
		expect(progress.some((message) => /PENDING 0%/.test(message))).toBe(true);
		expect(progress.some((message) => /PROCESSING \d{1,3}%/.test(message))).toBe(true);
		expect(progress.some((message) => /COMPLETED 100%/.test(message))).toBe(true);
		expect(fake.requests('GET', `/files/${job.id}/video.mp4`)[0].headers['x-api-key']).toBeUndefined();
	});

	test('a FAILED job is an error naming the job and Vidgen\'s errorMessage', async () => {
		fake.planNextJob({ pendingMs: 0, processingMs: 10, outcome: 'FAILED', errorMessage: 'Audio track could not be decoded' });
		const result = await run(fake, create());
		const [job] = fake.state.jobs;
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(`Vidgen job ${job.id} failed: Audio track could not be decoded`);
		expect(result.error.context.jobId).toBe(job.id);
		expect(result.error.description).toMatch(/Get Status/);
	});

	test('gives up at Max Wait, naming the job that may still run', async () => {
		fake.planNextJob({ pendingMs: 0, processingMs: Infinity });
		const result = await run(fake, create({ maxWaitSeconds: 0.2 }));
		const [job] = fake.state.jobs;
		expect(result.error.message).toMatch(new RegExp(`Gave up waiting for job ${job.id}`));
		expect(result.error.description).toMatch(/may still be running/);
		expect(fake.requests('POST', /cancel$/)).toHaveLength(0);
	});

	test('items are processed one at a time: each job is submitted after the previous one finished', async () => {
		const result = await run(fake, create(), { items: [mediaItem(), mediaItem(), mediaItem()] });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(posts().map((entry) => entry.status)).toEqual([201, 201, 201]);
		const jobs = fake.state.jobs;
		for (let i = 1; i < jobs.length; i += 1) {
			const previousDone = jobs[i - 1].createdAt + jobs[i - 1].plan.pendingMs + jobs[i - 1].plan.processingMs;
			expect(jobs[i].createdAt).toBeGreaterThanOrEqual(previousDone);
		}
	});

	test('continue on fail: a bad item becomes an error item, the others still run', async () => {
		const result = await run(fake, create(), {
			continueOnFail: true,
			items: [mediaItem({ image: { mimeType: 'image/gif', fileName: 'a.gif' } }), mediaItem()],
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json.error).toMatch(/"Image Input Field"/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json.status).toBe('COMPLETED');
		expect(posts()).toHaveLength(1);
	});
});

describe('one active job per key (409)', () => {
	test('"fail": the error names the active job found through the list, and nothing else is sent', async () => {
		const active = fake.seedJob({ status: 'PROCESSING' });
		fake.seedJob({ status: 'COMPLETED', apiKey: OTHER_KEY });
		const result = await run(fake, create());
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe('409');
		expect(result.error.message).toBe(`Vidgen: You already have an active job (job ${active.id} is still PROCESSING)`);
		expect(result.error.description).toMatch(/Wait for It, Then Submit/);
		expect(result.error.context.activeJobId).toBe(active.id);
		expect(posts()).toHaveLength(1);
		expect(fake.requests('GET', '/api/jobs').map((entry) => entry.query.status)).toEqual(['PENDING', 'PROCESSING']);
	});

	test('"wait": waits for the active job to finish, then submits the same upload again', async () => {
		// The active job stays PENDING until the fake has answered the node's first poll of it.
		const active = fake.seedJob({ status: 'PENDING', plan: { outcome: 'FAILED' } });
		const activePolls = () => fake.requests('GET', `/api/status/${active.id}`);
		let finishedAt;
		void fake.when(() => activePolls()[0]?.status === 200).then(() => {
			finishedAt = Date.now();
			fake.finishJob(active.id);
		});
		const result = await run(fake, create({ onActiveJob: 'wait' }));
		expect(result.status).toBe('success');
		const statuses = posts().map((entry) => entry.status);
		expect(statuses).toEqual([409, 201]);
		const [first, second] = posts();
		expect(second.rawBody.equals(first.rawBody)).toBe(true);
		expect(second.at).toBeGreaterThanOrEqual(finishedAt);
		expect(activePolls().length).toBeGreaterThan(1);
		expect(fake.requests('POST', /cancel$/)).toHaveLength(0);
		const job = fake.state.jobs.find((j) => j.id !== active.id);
		expect(result.items[0].json).toMatchObject({ jobId: job.id, status: 'COMPLETED' });
	});

	test('"wait" is bounded by Max Wait and says nothing was submitted for the item', async () => {
		const active = fake.seedJob({ status: 'PROCESSING' });
		const result = await run(fake, create({ onActiveJob: 'wait', maxWaitSeconds: 0.15 }));
		expect(result.error.message).toMatch(new RegExp(`Gave up waiting for job ${active.id}`));
		expect(result.error.description).toMatch(/nothing was submitted for this item/);
		expect(posts()).toHaveLength(1);
	});
});

describe('stopping the execution', () => {
	test('while the job is PENDING cancels it on the server', async () => {
		fake.planNextJob({ pendingMs: Infinity });
		const result = await run(fake, create({ pollIntervalSeconds: 0.02 }), { cancelWhen: firstPollRead(fake, /^\/api\/status\//) });
		expect(result.cancelled).toBe(true);
		// Back with the remote cancel done: tens of ms when the machine is quiet, far below the
		// 10 s Max Wait the stopped wait would have run to.
		expect(result.msAfterCancel).toBeLessThan(5000);
		const [job] = fake.state.jobs;
		const cancels = fake.requests('POST', `/api/jobs/${job.id}/cancel`);
		expect(cancels).toHaveLength(1);
		expect(cancels[0].status).toBe(200);
		expect(fake.statusOf(job.id)).toBe('CANCELLED');
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toMatch(new RegExp(`stopped while waiting for job ${job.id}`));
		expect(result.logs.some((entry) => entry.message.includes(`cancelled job ${job.id}`))).toBe(true);
	});

	test('while the job is PROCESSING leaves it running (it can no longer be cancelled)', async () => {
		fake.planNextJob({ pendingMs: 0, processingMs: Infinity });
		// Stopped once the node has read a status that says PROCESSING.
		const result = await run(fake, create({ pollIntervalSeconds: 0.02 }), { cancelWhen: firstPollRead(fake, /^\/api\/status\//) });
		expect(result.cancelled).toBe(true);
		expect(fake.requests('POST', /cancel$/)).toHaveLength(0);
		expect(result.error.description).toMatch(/may still be running/);
	});
});

describe('rate limits and failures', () => {
	test('a 429 on the submit is honoured: retried after Retry-After, one job created', async () => {
		fake.addFault({ method: 'POST', path: '/api/jobs', kind: '429', retryAfter: '1' });
		const started = Date.now();
		const result = await run(fake, create());
		expect(result.status).toBe('success');
		expect(posts().map((entry) => entry.status)).toEqual([429, 201]);
		expect(posts()[1].at - posts()[0].at).toBeGreaterThanOrEqual(900);
		expect(Date.now() - started).toBeLessThan(8000);
		expect(fake.state.jobs).toHaveLength(1);
	});

	test("the fake's own 30/min submission limit (IETF RateLimit headers) paces the next item", async () => {
		fake.setSubmitRateLimit(1, 1000);
		const result = await run(fake, create(), { items: [mediaItem(), mediaItem()] });
		expect(result.status).toBe('success');
		const statuses = posts().map((entry) => entry.status);
		expect(statuses.filter((status) => status === 201)).toHaveLength(2);
		expect(fake.state.jobs).toHaveLength(2);
	});

	test('a 500 on the submit is not sent again (it may have started a job) and says where to look', async () => {
		fake.addFault({ method: 'POST', path: '/api/jobs', kind: '500' });
		const result = await run(fake, create());
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe('500');
		expect(result.error.description).toMatch(/not sent again.*Get Many/);
		expect(posts()).toHaveLength(1);
	});

	test('a connection dropped after the job was created is not re-sent either', async () => {
		fake.addFault({ method: 'POST', path: '/api/jobs', kind: 'drop', afterHandler: true });
		const result = await run(fake, create());
		expect(result.status).toBe('error');
		expect(posts()).toHaveLength(1);
		expect(fake.state.jobs).toHaveLength(1);
		expect(result.error.description).toMatch(/Get Many/);
	});

	test('a transient 503 while polling is retried; the API key never shows in output, errors or logs', async () => {
		fake.addFault({ method: 'GET', path: /^\/api\/status\//, kind: '503', times: 2 });
		const ok = await run(fake, create());
		expect(ok.status).toBe('success');
		expect(visibleText(ok)).not.toContain(API_KEY);
		fake.planNextJob({ outcome: 'FAILED' });
		const failed = await run(fake, create());
		expect(visibleText(failed)).not.toContain(API_KEY);
	});
});
