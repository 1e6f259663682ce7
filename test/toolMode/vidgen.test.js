'use strict';
/**
 * Vidgen as an AI Agent's tool, run the way n8n runs one: the `vidgenTool` variant, one JSON-only
 * item in (the model's arguments), `$fromAI` where the model fills a field. Job → Create takes the
 * image and audio as URLs, waits at most the Tool Wait Limit, never suspends, and answers compactly.
 */
const { startFileHost } = require('../fakes/fileHost');
const { Vidgen } = require('../../nodes/Vidgen/Vidgen.node.ts');
const { operations } = require('../../nodes/Vidgen/actions/operations.ts');
const vidgen = require('../vidgen/helpers');
const { received, occurrences } = require('./asAgentTool');

let fake;
let host;
beforeEach(async () => {
	fake = await vidgen.startFake();
	host = await startFileHost();
	host.serve('/portrait.png', { body: vidgen.PNG, headers: { 'Content-Type': 'image/png' } });
	host.serve('/voiceover.mp3', { body: vidgen.MP3, headers: { 'Content-Type': 'audio/mpeg' } });
});
afterEach(async () => {
	await fake.close();
	await host.close();
});

const posts = () => fake.requests('POST', '/api/jobs');
const downloads = () => fake.log.filter((entry) => entry.path.startsWith('/files/') || entry.path.startsWith('/share/'));

/** Job → Create as a user sets it up for an agent: the two URL fields handed to the model. */
const createTool = (extra = {}) => ({
	resource: 'job',
	operation: 'create',
	imageUrl: "={{ $fromAI('Image_URL', '', 'string') }}",
	audioUrl: "={{ $fromAI('Audio_URL', '', 'string') }}",
	pollIntervalSeconds: 0.01,
	options: { allowPrivateNetworkUrls: true },
	...extra,
});

const modelArguments = () => ({ Image_URL: host.url('/portrait.png'), Audio_URL: host.url('/voiceover.mp3') });

const asTool = async (parameters, json = modelArguments()) =>
	await vidgen.run(fake, parameters, { asTool: true, items: [{ json }] });

describe('Job → Create as a tool', () => {
	test('URLs in, job created and polled, a compact result with the video URL once and nothing downloaded', async () => {
		const result = await asTool(createTool({ downloadVideo: true }));
		expect(result.error).toBeUndefined();
		const [job] = fake.state.jobs;
		expect(job.files.image.data.equals(vidgen.PNG)).toBe(true);
		expect(job.files.audio.data.equals(vidgen.MP3)).toBe(true);
		const [item] = result.items;
		expect(item.binary).toBeUndefined();
		expect(item.json).toEqual({
			jobId: job.id,
			status: 'COMPLETED',
			outputVideo: `${fake.url}/files/${job.id}/video.mp4`,
			outputShareLink: `${fake.url}/share/${job.id}`,
		});
		const text = received(result);
		expect(text.length).toBeLessThan(400);
		expect(occurrences(text, `/files/${job.id}/video.mp4`)).toBe(1);
		expect(occurrences(text, `/share/${job.id}`)).toBe(1);
		expect(text).not.toMatch(/base64|null|createdAt/);
		expect(downloads()).toEqual([]);
	});

	test('the tool variant reads the files from URLs by default; binary sources are refused, telling the model to pass URLs', async () => {
		const refused = await asTool(createTool({ imageSource: 'binary' }));
		expect(refused.error.message).toBe(
			'Invalid "Image Source": an AI Agent tool never receives binary files, and this tool reads the image from a binary field. Allowed: the image as an http(s) URL in Image URL (set Image Source to URL in the tool\'s settings).',
		);
		expect(host.requests).toEqual([]);
		expect(fake.log).toEqual([]);
	});

	test.each([
		[{ Image_URL: 'portrait.png' }, 'Invalid "Image URL": "portrait.png" is not a URL. Allowed: a URL starting with http:// or https://.'],
		[{ Image_URL: 'ftp://x.example/a.png' }, 'Invalid "Image URL": ftp://x.example/a.png is a "ftp:" URL. Allowed: a URL starting with http:// or https://.'],
		[{ Audio_URL: '' }, 'Invalid "Audio URL": 0 characters. Allowed: 1–8000 characters.'],
	])('bad arguments %j are refused before any request, the allowed values in the message', async (overrides, message) => {
		const result = await asTool(createTool(), { ...modelArguments(), ...overrides });
		expect(result.error.message).toBe(message);
		expect(host.requests).toEqual([]);
		expect(fake.log).toEqual([]);
	});

	test('a private URL is refused with the option off: the message says what would be allowed', async () => {
		const result = await asTool(createTool({ options: {} }));
		expect(result.error.message).toBe(
			`Invalid "Image URL": ${host.url('/portrait.png')} points at a loopback address (127.0.0.1). Allowed: a URL on the public internet, or turn on Options → Allow Private Network URLs to fetch from this machine or the local network.`,
		);
		expect(host.requests).toEqual([]);
		expect(fake.log).toEqual([]);
	});

	test('a job that outlives the Tool Wait Limit answers running + jobId; Job → Get Status finishes it once the job is done', async () => {
		fake.planNextJob({ pendingMs: 0, processingMs: Infinity });
		const running = await asTool(createTool({ toolWaitLimitSeconds: 1, maxWaitSeconds: 600 }));
		expect(running.error).toBeUndefined();
		const [job] = fake.state.jobs;
		expect(running.items.map((item) => item.json)).toEqual([
			{
				status: 'running',
				jobId: job.id,
				message: 'The job is still running after waiting 1 s, the most this tool waits.',
				nextStep: 'To check it, use Job → Get Status with this job ID.',
			},
		]);
		expect(fake.statusOf(job.id)).toBe('PROCESSING');

		const getStatus = { resource: 'job', operation: 'getStatus', jobId: { __rl: true, mode: 'id', value: "={{ $fromAI('Job', '', 'string') }}" } };
		const stillRunning = await asTool(getStatus, { Job: job.id });
		expect(stillRunning.items[0].json).toEqual({
			jobId: job.id,
			status: 'PROCESSING',
			progress: 0,
			nextStep: 'To check it, use Job → Get Status with this job ID.',
		});

		fake.finishJob(job.id);
		const done = await asTool(getStatus, { Job: job.id });
		expect(done.items[0].json).toEqual({
			jobId: job.id,
			status: 'COMPLETED',
			outputVideo: `${fake.url}/files/${job.id}/video.mp4`,
			outputShareLink: `${fake.url}/share/${job.id}`,
		});
		expect(posts()).toHaveLength(1);
		expect(downloads()).toEqual([]);
	});

	test('a download that outlives the Tool Wait Limit ends the call with nothing submitted', async () => {
		host.serve('/slow.png', { body: vidgen.PNG, headers: { 'Content-Type': 'image/png' }, holdBody: true });
		const result = await asTool(createTool({ toolWaitLimitSeconds: 1 }), { ...modelArguments(), Image_URL: host.url('/slow.png') });
		expect(result.error.message).toBe(
			`Could not download the Image URL ${host.url('/slow.png')}: it did not finish within the Tool Wait Limit (1 s). Nothing was submitted. The URL must answer with the file itself, without signing in.`,
		);
		await host.allClosed();
		expect(host.requests[0].closedEarly).toBe(true);
		expect(fake.log).toEqual([]);
	});

	test('Wait Mode "Resume on Webhook Callback" polls instead (a tool call is never suspended) and says so', async () => {
		// Done by the first poll: in this mode the (hidden) Poll Interval is its 10 s default.
		fake.planNextJob({ pendingMs: 0, processingMs: 0 });
		const result = await asTool(createTool({ waitMode: 'webhook' }));
		expect(result.status).toBe('success');
		const [job] = fake.state.jobs;
		expect(job.webhookUrl).toBeNull();
		expect(fake.requests('GET', `/api/status/${job.id}`).length).toBeGreaterThan(0);
		expect(result.items[0].json).toEqual({
			jobId: job.id,
			status: 'COMPLETED',
			outputVideo: `${fake.url}/files/${job.id}/video.mp4`,
			outputShareLink: `${fake.url}/share/${job.id}`,
			waitMode: 'polled',
			note: 'Wait Mode is Resume on Webhook Callback, but an AI Agent tool call cannot be suspended, so this call polled the job until it finished.',
		});
	});

	test('Wait Until Done off answers the jobId and how to follow it', async () => {
		const result = await asTool(createTool({ waitUntilDone: false }));
		const [job] = fake.state.jobs;
		expect(result.items[0].json).toEqual({
			jobId: job.id,
			message: 'Job created',
			nextStep: 'To check it, use Job → Get Status with this job ID.',
		});
	});

	test('another active job (409): the message names it and what to do, and nothing else is sent', async () => {
		const active = fake.seedJob({ status: 'PROCESSING' });
		const result = await asTool(createTool());
		expect(result.error.message).toBe(
			`Vidgen: You already have an active job (job ${active.id} is still PROCESSING). Nothing was submitted: Vidgen runs one job per API key at a time. Wait for job ${active.id} to finish (Job → Get Status with that ID shows when), or cancel it with Job → Cancel while it is PENDING, then try again. To queue behind it instead, set On Active Job to "Wait for It, Then Submit".`,
		);
		expect(posts()).toHaveLength(1);
	});

	test('"Wait for It, Then Submit" past the tool\'s limit: an error saying nothing was submitted, not the other job as "running"', async () => {
		const active = fake.seedJob({ status: 'PROCESSING' });
		const result = await asTool(createTool({ onActiveJob: 'wait', toolWaitLimitSeconds: 1 }));
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error.message).toBe(
			`Nothing was submitted: job ${active.id}, an earlier job on this API key, was still running when this tool's wait limit passed. Vidgen runs one job per API key at a time. Call this tool again once job ${active.id} has finished (Job → Get Status with that ID shows when), or cancel it with Job → Cancel while it is PENDING.`,
		);
		expect(posts()).toHaveLength(1);
	});

	test('a failed job is an error naming the job and the reason', async () => {
		fake.planNextJob({ pendingMs: 0, processingMs: 0, outcome: 'FAILED' });
		const result = await asTool(createTool());
		const [job] = fake.state.jobs;
		expect(result.error.message).toMatch(new RegExp(`^Vidgen job ${job.id} failed: Rendering failed: audio track could not be decoded\\..*Job ID: ${job.id}\\.`));
	});
});

describe('the other operations as tools', () => {
	test('Job → Get Many: each job once, compact, bounded by Limit', async () => {
		for (let i = 0; i < 3; i++) fake.seedJob({ status: 'COMPLETED' });
		fake.seedJob({ status: 'FAILED', errorMessage: 'bad audio' });
		const result = await asTool({ resource: 'job', operation: 'getMany', limit: "={{ $fromAI('Limit', '', 'number') }}" }, { Limit: 3 });
		const rows = result.items.map((item) => item.json);
		expect(rows).toHaveLength(3);
		expect(rows[0]).toEqual({ jobId: expect.any(String), status: 'FAILED', errorMessage: 'bad audio', createdAt: expect.any(String) });
		expect(Object.keys(rows[1]).sort()).toEqual(['createdAt', 'jobId', 'outputShareLink', 'outputVideo', 'status']);
		expect(received(result).length).toBeLessThan(1000);
	});

	test('Job → Get Many with Return All answers at most 20 jobs', async () => {
		for (let i = 0; i < 25; i++) fake.seedJob({ status: 'COMPLETED' });
		const result = await asTool({ resource: 'job', operation: 'getMany', returnAll: true }, {});
		expect(result.items).toHaveLength(20);
		expect(received(result).length).toBeLessThan(6000);
	});

	test('Job → Cancel and Health → Check answer compactly', async () => {
		const pending = fake.seedJob({ status: 'PENDING' });
		const cancelled = await asTool({ resource: 'job', operation: 'cancel', jobId: { __rl: true, mode: 'id', value: "={{ $fromAI('Job', '', 'string') }}" } }, { Job: pending.id });
		expect(cancelled.items[0].json).toEqual({ jobId: pending.id, success: true, message: 'Job cancelled successfully' });
		const health = await asTool({ resource: 'health', operation: 'check' }, {});
		expect(health.items[0].json).toEqual({ status: 'ok' });
	});

	test('Job → Cancel of a job already rendering tells the model why and what to use instead', async () => {
		const processing = fake.seedJob({ status: 'PROCESSING' });
		const result = await asTool({ resource: 'job', operation: 'cancel', jobId: { __rl: true, mode: 'id', value: processing.id } }, {});
		expect(result.error.message).toMatch(/job .* is now PROCESSING; only PENDING jobs can be cancelled\)\. Only PENDING jobs can be cancelled\. .*use Job → Get Status to follow it\.$/);
	});

	test('every operation has a Tool Description shown only on the tool, and the node a Tool Wait Limit', () => {
		const { properties } = new Vidgen().description;
		for (const [resource, byName] of Object.entries(operations)) {
			for (const [operation, module] of Object.entries(byName)) {
				expect([resource, operation, typeof module.toolDescription]).toEqual([resource, operation, 'string']);
				const field = properties.find(
					(p) => p.name === 'toolDescription' && p.displayOptions.show.resource[0] === resource && p.displayOptions.show.operation[0] === operation,
				);
				expect(field.default).toBe(module.toolDescription);
				expect(field.displayOptions.show['@tool']).toEqual([true]);
			}
		}
		expect(operations.job.create.toolDescription).toMatch(/Image URL: .*Audio URL: /);
		expect(properties.find((p) => p.name === 'toolWaitLimitSeconds').displayOptions.show['@tool']).toEqual([true]);
	});
});
