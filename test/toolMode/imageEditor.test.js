'use strict';
/**
 * Flokan Image Editor as an AI Agent tool, run the way n8n runs one: the `…Tool` node type, one
 * JSON-only item holding the model's arguments, read by `$fromAI` parameters as the editor's
 * "let the model define this parameter" button writes them.
 */
const imageEditor = require('../imageEditor/helpers');
const { operations } = require('../../nodes/FlokanImageEditor/actions/operations.ts');
const { fromAI, asTool, received } = require('./asAgentTool');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const generate = (overrides = {}) => ({
	resource: 'image',
	operation: 'generate',
	prompt: fromAI('Prompt'),
	modelTier: 'pro',
	source: 'none',
	...overrides,
});
const getJob = { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'list', value: fromAI('Job') } };
const listJobs = (overrides = {}) => ({ resource: 'job', operation: 'getMany', limit: fromAI('Limit', 'number'), ...overrides });
const notApi = (entry) => !entry.path.startsWith(imageEditor.BASE);

describe('tool descriptions', () => {
	test('each field a model may fill is explained by its display name, with cost and time', () => {
		const { generate: op, upload } = operations.image;
		for (const field of ['Prompt:', 'Image URL:', 'Image ID:', 'Style ID', 'Character ID']) expect(op.toolDescription).toContain(field);
		expect(op.toolDescription).toMatch(/credits/);
		expect(op.toolDescription).toMatch(/10–60 s/);
		expect(operations.job.get.toolDescription).toContain('Job:');
		expect(operations.job.getMany.toolDescription).toContain('Limit:');
		expect(upload.toolDescription).toMatch(/cannot work as an AI Agent tool/);
	});
});

describe('Image → Generate or Edit', () => {
	test('answers with one compact result: status, IDs, the URL once, credits; no binary, no download', async () => {
		fake = await imageEditor.startFake();
		const result = await imageEditor.run(fake, generate(), asTool({ Prompt: 'A red fox in the snow' }));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [{ json, binary }] = result.items;
		expect(binary).toBeUndefined();
		expect(Object.keys(json)).toEqual([
			'status',
			'job_id',
			'result_url',
			'result_image_id',
			'credits_consumed',
			'model_tier',
			'provider_used',
		]);
		expect(json).toMatchObject({ status: 'completed', credits_consumed: 50, model_tier: 'pro', provider_used: 'system' });
		const text = received(result);
		expect(text.split(json.result_url)).toHaveLength(2);
		expect(text).not.toMatch(/base64|iVBORw0KGgo/);
		expect(text.length).toBeLessThan(400);
		expect(fake.log.filter(notApi)).toEqual([]);
	});

	test('edits a picture from an Image URL, then refines the result by its result_image_id', async () => {
		fake = await imageEditor.startFake();
		const { publicUrl } = fake.state.imageEditor.seedImage();
		const pictureUrl = publicUrl.replace(/^http:/, 'https:');
		const first = await imageEditor.run(
			fake,
			generate({ source: 'imageUrl', imageUrl: fromAI('Image_URL') }),
			asTool({ Prompt: 'Make it night', Image_URL: pictureUrl }),
		);
		expect(first.error).toBeUndefined();
		const second = await imageEditor.run(
			fake,
			generate({ source: 'imageId', imageId: fromAI('Image_ID') }),
			asTool({ Prompt: 'Add stars', Image_ID: first.items[0].json.result_image_id }),
		);
		expect(second.error).toBeUndefined();

		const bodies = fake.requests('POST', `${imageEditor.BASE}/process`).map((entry) => entry.body);
		expect(bodies).toEqual([
			expect.objectContaining({ prompt: 'Make it night', image_url: pictureUrl }),
			expect.objectContaining({ prompt: 'Add stars', image_id: first.items[0].json.result_image_id }),
		]);
		expect(second.items[0].json.result_url).not.toBe(first.items[0].json.result_url);
	});

	test('Source Image = Binary File is refused before any request, naming what to use instead', async () => {
		fake = await imageEditor.startFake();
		const result = await imageEditor.run(fake, generate({ source: 'binary' }), asTool({ Prompt: 'A fox' }));
		expect(result.error.message).toBe(
			'Invalid "Source Image": "Binary File" cannot be used by an AI Agent tool, which receives no files. Allowed: Image URL (an https URL Flokan fetches), Image ID (an image already on Flokan, e.g. a result_image_id) or None (Text to Image).',
		);
		expect(fake.log).toEqual([]);
	});

	test.each([
		['Image_URL', { source: 'imageUrl', imageUrl: fromAI('Image_URL') }, 'http://example.com/a.png', /Invalid "Image URL": "http:" URLs are not accepted\. Allowed: a URL starting with https:\/\/\./],
		['Image_ID', { source: 'imageId', imageId: fromAI('Image_ID') }, 'the last picture', /Invalid "Image ID": "the last picture" is not a UUID\. Allowed: an ID like /],
		['Style_ID', { additionalFields: { styleId: fromAI('Style_ID') } }, 'watercolour', /Invalid "Style ID": "watercolour" is not a UUID\. Allowed: an ID like /],
	])('a bad %s is refused before any request, with what is allowed in the message', async (key, overrides, value, message) => {
		fake = await imageEditor.startFake();
		const result = await imageEditor.run(fake, generate(overrides), asTool({ Prompt: 'A fox', [key]: value }));
		expect(result.error.message).toMatch(message);
		expect(fake.log).toEqual([]);
	});

	test('a slow POST /process is waited for, never abandoned or sent twice: the tool answers with the image', async () => {
		fake = await imageEditor.startFake();
		const gate = fake.hold({ method: 'POST', path: `${imageEditor.BASE}/process` });
		const running = imageEditor.run(fake, generate(), asTool({ Prompt: 'A slow fox' }));
		await gate.untilHeld(1);
		await gate.release();
		const result = await running;

		expect(result.items.map((item) => item.json.status)).toEqual(['completed']);
		expect(fake.requests('POST', `${imageEditor.BASE}/process`)).toHaveLength(1);
	});

	test('a paid call that lost its answer says in the message it was not sent again and how to check; the job list finds the image', async () => {
		fake = await imageEditor.startFake();
		fake.addFault({ method: 'POST', path: `${imageEditor.BASE}/process`, kind: '500', afterHandler: true });
		const failed = await imageEditor.run(fake, generate(), asTool({ Prompt: 'A fox that got lost' }));

		expect(failed.error.message).toMatch(/HTTP 500/);
		expect(failed.error.message).toMatch(/not sent again, so nothing is done or paid twice/);
		expect(failed.error.message).toMatch(/Check Job → Get Many \(most recent first\) before running it again\./);
		expect(fake.requests('POST', `${imageEditor.BASE}/process`)).toHaveLength(1);

		const list = await imageEditor.run(fake, listJobs(), asTool({ Limit: 5 }));
		expect(list.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ status: 'completed', prompt: 'A fox that got lost', result_url: expect.stringMatching(/^http/) }),
		]);
	});
});

describe('Image → Upload', () => {
	test('is refused before any request: a tool gets no files; the message names the URL alternative', async () => {
		fake = await imageEditor.startFake();
		const result = await imageEditor.run(fake, { resource: 'image', operation: 'upload' }, asTool({}));
		expect(result.error.message).toBe(
			'Image → Upload cannot run as an AI Agent tool: a tool receives no files. To edit a picture from the web, use Image → Generate or Edit with Source Image = Image URL; to edit an image already on Flokan, use Source Image = Image ID.',
		);
		expect(fake.log).toEqual([]);
	});
});

describe('Image → Estimate Credits', () => {
	test('answers with the estimate, the credits available and whether they cover it', async () => {
		fake = await imageEditor.startFake({ credits: 120 });
		const result = await imageEditor.run(fake, { resource: 'image', operation: 'estimateCredits', modelTier: 'pro' }, asTool({}));
		expect(result.items.map((item) => item.json)).toEqual([
			{
				model_tier: 'pro',
				provider: 'platform',
				estimated_credits: 50,
				is_exact: false,
				available_credits: 120,
				can_proceed: true,
				byok_skips_credits: false,
			},
		]);
	});
});

describe('Job → Get (the status tool)', () => {
	test('reads the job the model names, compactly: outcome and IDs, no timings or source URL', async () => {
		fake = await imageEditor.startFake();
		const made = await imageEditor.run(fake, generate(), asTool({ Prompt: 'A fox' }));
		const { job_id: jobId } = made.items[0].json;

		const result = await imageEditor.run(fake, getJob, asTool({ Job: jobId }));
		expect(result.error).toBeUndefined();
		const [{ json }] = result.items;
		expect(json).toEqual({
			job_id: jobId,
			status: 'completed',
			prompt: 'A fox',
			result_url: made.items[0].json.result_url,
			result_image_id: made.items[0].json.result_image_id,
			credits_consumed: 50,
			model_tier: 'pro',
			provider_used: 'system',
			created_at: expect.any(String),
		});
		expect(received(result).length).toBeLessThan(450);
	});

	test('a job still processing says when to look again', async () => {
		fake = await imageEditor.startFake();
		const [job] = fake.state.imageEditor.seedJobs(1, 'processing');
		const result = await imageEditor.run(fake, getJob, asTool({ Job: job.job_id }));
		expect(result.items[0].json).toMatchObject({
			status: 'processing',
			nextStep: 'The job has not finished: call Job → Get again with this job_id in about 30 s.',
		});
	});

	test('a failed job answers with its error, and a long prompt is cut short', async () => {
		fake = await imageEditor.startFake();
		const [job] = fake.state.imageEditor.seedJobs(1, 'failed');
		job.prompt = 'x'.repeat(5000);
		const result = await imageEditor.run(fake, getJob, asTool({ Job: job.job_id }));
		const [{ json }] = result.items;
		expect(json).toMatchObject({ status: 'failed', error: 'Provider returned an error: upstream timeout' });
		expect(json.prompt).toHaveLength(200);
		expect(json.prompt.endsWith('…')).toBe(true);
		expect(json.nextStep).toBeUndefined();
	});

	test('an unknown job ID is an error naming it', async () => {
		fake = await imageEditor.startFake();
		const result = await imageEditor.run(fake, getJob, asTool({ Job: '9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6' }));
		expect(result.error.message).toMatch(/Job 9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6 not found/);
	});
});

describe('Job → Get Many', () => {
	test("is bounded: the model's Limit is kept, Return All gives the 20 most recent; rows are compact", async () => {
		fake = await imageEditor.startFake();
		const jobs = fake.state.imageEditor.seedJobs(30);
		jobs[0].prompt = 'A very long prompt '.repeat(100);

		const limited = await imageEditor.run(fake, listJobs(), asTool({ Limit: 3 }));
		expect(limited.items.map((item) => item.json.job_id)).toEqual(jobs.slice(0, 3).map((job) => job.job_id));

		const all = await imageEditor.run(fake, listJobs({ returnAll: true }), asTool({}));
		expect(all.items).toHaveLength(20);
		const rows = all.items.map((item) => item.json);
		expect(rows[0].prompt).toHaveLength(100);
		for (const row of rows) {
			expect(Object.keys(row)).toEqual([
				'job_id',
				'status',
				'prompt',
				'result_url',
				'result_image_id',
				'credits_consumed',
				'model_tier',
				'provider_used',
				'created_at',
			]);
		}
		expect(received(all).length).toBeLessThan(8000);
	});

	test('outside tool mode Return All still returns every job, rows unchanged', async () => {
		fake = await imageEditor.startFake();
		fake.state.imageEditor.seedJobs(30);
		const result = await imageEditor.run(fake, { resource: 'job', operation: 'getMany', returnAll: true });
		expect(result.items).toHaveLength(30);
		expect(result.items[0].json).toHaveProperty('processing_ms');
	});
});
