'use strict';
/** Quick checks that the Vidgen fake keeps the page's contract (plain fetch, no node code). */
const crypto = require('node:crypto');
const { startVidgenFake } = require('./vidgen');

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
const MP3 = Buffer.from('ID3\u0003\u0000\r\n--not-a-boundary\r\nsound', 'latin1');

function form({ image = PNG, imageType = 'image/png', audio = MP3, audioType = 'audio/mpeg', webhookUrl, omit } = {}) {
	const body = new FormData();
	if (omit !== 'image') body.append('image', new Blob([image], { type: imageType }), 'portrait.png');
	if (omit !== 'audio') body.append('audio', new Blob([audio], { type: audioType }), 'voice over.mp3');
	if (webhookUrl !== undefined) body.append('webhookUrl', webhookUrl);
	return body;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Vidgen fake', () => {
	let fake;
	const call = (path, { key = fake.apiKey, ...init } = {}) =>
		fetch(`${fake.url}${path}`, { ...init, headers: { ...(key ? { 'X-API-Key': key } : {}), ...init.headers } });
	const json = async (response) => ({ status: response.status, body: await response.json(), headers: response.headers });
	const submit = (options, key) => call('/api/jobs', { method: 'POST', body: form(options), key }).then(json);
	async function waitForStatus(jobId, wanted, key) {
		for (let i = 0; i < 200; i += 1) {
			const { body } = await json(await call(`/api/status/${jobId}`, { key }));
			if (body.status === wanted) return body;
			await sleep(10);
		}
		throw new Error(`job ${jobId} never reached ${wanted}`);
	}

	beforeEach(async () => {
		fake = await startVidgenFake({ pendingMs: 40, processingMs: 80 });
	});
	afterEach(() => fake.close());

	test('health is public, everything else needs a known, active X-API-Key', async () => {
		expect(await json(await call('/health', { key: null }))).toMatchObject({ status: 200, body: { status: 'ok' } });
		const missing = await json(await call('/api/jobs', { key: null }));
		expect(missing).toMatchObject({ status: 401, body: { error: 'Missing X-API-Key header' } });
		expect((await call('/api/jobs', { key: 'nope' })).status).toBe(401);
		fake.state.keys[fake.apiKey].active = false;
		expect(await json(await call('/api/jobs'))).toMatchObject({ status: 401, body: { error: expect.stringMatching(/deactivated/) } });
	});

	test('a job is created from multipart files whose bytes, names and types are kept', async () => {
		const created = await submit({ webhookUrl: 'https://hooks.example.test/vidgen' });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ message: 'Job created', jobId: expect.stringMatching(/^cl[0-9a-z]{23}$/) });
		expect(created.headers.get('ratelimit-limit')).toBe('30');
		const job = fake.job(created.body.jobId);
		expect(job.files.image).toMatchObject({ filename: 'portrait.png', contentType: 'image/png' });
		expect(job.files.image.data.equals(PNG)).toBe(true);
		expect(job.files.audio).toMatchObject({ filename: 'voice over.mp3', contentType: 'audio/mpeg' });
		expect(job.files.audio.data.equals(MP3)).toBe(true);
		expect(job.webhookUrl).toBe('https://hooks.example.test/vidgen');
	});

	test('bad uploads: 415 type, 413 size, 400 missing part / http webhook / not multipart', async () => {
		expect((await submit({ imageType: 'image/gif' })).status).toBe(415);
		expect((await submit({ audioType: 'audio/flac' })).body.error).toMatch(/audio\/flac/);
		fake.state.maxFileBytes = 10;
		expect(await submit()).toMatchObject({ status: 413, body: { error: expect.stringMatching(/50 MB/) } });
		fake.state.maxFileBytes = 1024;
		expect(await submit({ omit: 'audio' })).toMatchObject({ status: 400, body: { error: 'Missing required file: audio' } });
		expect((await submit({ webhookUrl: 'http://insecure.test/hook' })).status).toBe(400);
		const notMultipart = await call('/api/jobs', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
		expect(notMultipart.status).toBe(400);
		expect(fake.state.jobs).toHaveLength(0);
	});

	test('hand-built multipart: quoted boundary accepted, a file field sent as text or a truncated body → 400', async () => {
		const boundary = 'b0und4ry-x';
		const raw = (parts, end = `--${boundary}--\r\n`) =>
			Buffer.concat([...parts.flatMap(([head, data]) => [Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), data, Buffer.from('\r\n')]), Buffer.from(end)]);
		const image = ['Content-Disposition: form-data; name="image"; filename="a.webp"\r\nContent-Type: image/webp', PNG];
		const audio = ['Content-Disposition: form-data; name="audio"; filename="b.ogg"\r\nContent-Type: audio/ogg', MP3];
		const post = (body) =>
			call('/api/jobs', { method: 'POST', body, headers: { 'Content-Type': `multipart/form-data; boundary="${boundary}"` } }).then(json);
		expect((await post(raw([['Content-Disposition: form-data; name="image"', PNG], audio]))).status).toBe(400);
		expect((await post(raw([image, audio], ''))).body.error).toMatch(/Malformed multipart/);
		const created = await post(raw([image, audio]));
		expect(created.status).toBe(201);
		expect(fake.job(created.body.jobId).files.image).toMatchObject({ filename: 'a.webp', contentType: 'image/webp' });
	});

	test('one active job per key: 409 until it finishes; other keys are independent', async () => {
		const first = await submit();
		expect(await submit()).toMatchObject({ status: 409, body: { error: 'You already have an active job' } });
		expect((await submit({}, fake.otherApiKey)).status).toBe(201);
		await waitForStatus(first.body.jobId, 'COMPLETED');
		expect((await submit()).status).toBe(201);
	});

	test('status moves PENDING → PROCESSING (progress) → COMPLETED with a downloadable video', async () => {
		// Each state lasts until the test moves the job on, however long a read takes.
		fake.planNextJob({ pendingMs: Infinity, processingMs: Infinity });
		const { body } = await submit();
		const pending = await json(await call(`/api/status/${body.jobId}`));
		expect(pending.body).toMatchObject({ jobId: body.jobId, status: 'PENDING', progress: 0, outputVideo: null });
		fake.startJob(body.jobId);
		const processing = await waitForStatus(body.jobId, 'PROCESSING');
		expect(processing.progress).toBeGreaterThanOrEqual(0);
		expect(processing.progress).toBeLessThanOrEqual(100);
		fake.finishJob(body.jobId);
		const done = await waitForStatus(body.jobId, 'COMPLETED');
		expect(done).toMatchObject({ progress: 100, errorMessage: null, outputShareLink: expect.stringContaining(body.jobId) });
		const video = await fetch(done.outputVideo);
		expect(video.headers.get('content-type')).toBe('video/mp4');
		expect(Buffer.from(await video.arrayBuffer()).equals(fake.videoBytes(body.jobId))).toBe(true);
		expect((await call(`/api/status/${body.jobId}`, { key: fake.otherApiKey })).status).toBe(404);
		expect((await call('/api/status/clnope')).status).toBe(404);
	});

	test('a planned failure ends FAILED with its errorMessage', async () => {
		fake.planNextJob({ pendingMs: 0, processingMs: 10, outcome: 'FAILED', errorMessage: 'bad audio' });
		const { body } = await submit();
		const failed = await waitForStatus(body.jobId, 'FAILED');
		expect(failed).toMatchObject({ errorMessage: 'bad audio', outputVideo: null });
	});

	test('cancel works only while PENDING', async () => {
		fake.planNextJob({ pendingMs: Infinity });
		const { body } = await submit();
		const cancel = () => call(`/api/jobs/${body.jobId}/cancel`, { method: 'POST' }).then(json);
		expect(await cancel()).toMatchObject({ status: 200, body: { success: true, message: 'Job cancelled successfully' } });
		expect((await cancel()).status).toBe(409);
		expect(fake.statusOf(body.jobId)).toBe('CANCELLED');
		const processing = fake.seedJob({ status: 'PROCESSING', apiKey: fake.otherApiKey });
		expect((await call(`/api/jobs/${processing.id}/cancel`, { method: 'POST', key: fake.otherApiKey })).status).toBe(409);
		expect((await call(`/api/jobs/${processing.id}/cancel`, { method: 'POST' })).status).toBe(404);
	});

	test('the list is newest first, cursor-paginated and filterable', async () => {
		const seeded = [];
		for (let i = 0; i < 5; i += 1) seeded.push(fake.seedJob({ status: i % 2 ? 'FAILED' : 'COMPLETED' }));
		fake.seedJob({ apiKey: fake.otherApiKey });
		const first = await json(await call('/api/jobs?limit=2'));
		expect(first.body.jobs.map((j) => j.id)).toEqual([seeded[4].id, seeded[3].id]);
		expect(first.body.pagination).toEqual({ limit: 2, nextCursor: seeded[2].id, hasNextPage: true });
		expect(first.body.jobs[0]).toMatchObject({ retries: 0, webhookUrl: null, status: 'COMPLETED' });
		const last = await json(await call(`/api/jobs?limit=2&cursor=${seeded[0].id}`));
		expect(last.body).toEqual({ jobs: [expect.objectContaining({ id: seeded[0].id })], pagination: { limit: 2, nextCursor: null, hasNextPage: false } });
		const failed = await json(await call('/api/jobs?status=FAILED'));
		expect(failed.body.jobs.map((j) => j.id)).toEqual([seeded[3].id, seeded[1].id]);
		expect(failed.body.pagination.limit).toBe(20);
		for (const bad of ['limit=0', 'limit=101', 'limit=abc', 'status=DONE', 'cursor=clunknown']) {
			expect((await call(`/api/jobs?${bad}`)).status).toBe(400);
		}
	});

	test('a finished job POSTs one signed webhook, without anyone polling', async () => {
		const received = [];
		fake.state.deliver = async (url, body, headers) => {
			received.push({ url, body, headers });
			return { status: 200 };
		};
		fake.planNextJob({ pendingMs: 5, processingMs: 5 });
		const { body } = await submit({ webhookUrl: 'https://n8n.example.test/webhook-waiting/42' });
		for (let i = 0; i < 100 && received.length === 0; i += 1) await sleep(10);
		await call(`/api/status/${body.jobId}`);
		await fake.webhooksSettled();
		expect(received).toHaveLength(1);
		const [hook] = received;
		expect(hook.url).toBe('https://n8n.example.test/webhook-waiting/42');
		expect(JSON.parse(hook.body)).toMatchObject({ jobId: body.jobId, status: 'COMPLETED' });
		const expected = crypto.createHmac('sha256', fake.webhookSecret).update(hook.body).digest('hex');
		expect(hook.headers['X-Webhook-Signature']).toBe(expected);
		expect(fake.state.deliveries[0]).toMatchObject({ jobId: body.jobId, status: 200 });
	});

	test('without deliver(), only loopback webhook URLs are called', async () => {
		fake.planNextJob({ pendingMs: 0, processingMs: 0 });
		await submit({ webhookUrl: 'https://elsewhere.example.test/hook' });
		for (let i = 0; i < 100 && fake.state.deliveries.length === 0; i += 1) await sleep(5);
		await fake.webhooksSettled();
		expect(fake.state.deliveries[0].error).toMatch(/not a loopback URL/);
	});

	test('rate limits: 30 submissions and 600 requests per window, IETF headers, 429 with Retry-After', async () => {
		fake.setSubmitRateLimit(1);
		await submit();
		const limited = await submit();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
		fake.setRateLimit(2);
		const ok = await call('/api/jobs');
		expect(ok.headers.get('ratelimit-limit')).toBe('2');
		expect(ok.headers.get('ratelimit-remaining')).toBe('1');
		await call('/api/jobs');
		expect((await call('/api/jobs')).status).toBe(429);
		expect((await call('/health', { key: null })).status).toBe(200);
	});
});
