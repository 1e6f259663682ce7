'use strict';
/**
 * Flokan Thumbnail Generator as an AI Agent tool, run the way n8n runs one: the `…Tool` node type,
 * one JSON-only item holding the model's arguments, read by `$fromAI` parameters as the editor's
 * "let the model define this parameter" button writes them.
 */
const { useFake, run, apiCalls, generateParams, seedGeneration, BASE } = require('../thumbnail/setup');
const { operations } = require('../../nodes/FlokanThumbnailGenerator/actions/operations.ts');
const { fromAI, asTool, received } = require('./asAgentTool');

const fake = useFake();
const generate = (overrides = {}) =>
	generateParams({ videoTitle: fromAI('Video_Title'), prompt: fromAI('Prompt'), imageCount: fromAI('Image_Count', 'number'), ...overrides });
const getGeneration = (overrides = {}) => ({
	resource: 'generation',
	operation: 'get',
	generationId: { __rl: true, mode: 'list', value: fromAI('Generation') },
	...overrides,
});
const listGenerations = (overrides = {}) => ({ resource: 'generation', operation: 'getMany', limit: fromAI('Limit', 'number'), ...overrides });
const search = (overrides = {}) => ({ resource: 'thumbnail', operation: 'searchYoutube', query: fromAI('Query'), limit: fromAI('Limit', 'number'), ...overrides });
const downloads = () => fake().log.filter((entry) => entry.path.startsWith('/cdn/'));
const LIST_ROW_KEYS = ['generation_id', 'status', 'video_title', 'image_urls', 'credits_consumed', 'created_at'];
const GENERATION_KEYS = [...LIST_ROW_KEYS, 'image_model', 'aspect_ratio', 'provider_used'];

describe('tool descriptions', () => {
	test('each field a model may fill is explained by its display name, with cost and time', () => {
		const { generate: op, searchYoutube } = operations.thumbnail;
		const fieldsOfGenerate = ['Video Title:', 'Prompt:', 'Image Count:', 'YouTube Reference URLs:', 'Reference Image URL:', 'Reference Search Query:', 'Style ID', 'Card ID'];
		for (const field of fieldsOfGenerate) expect(op.toolDescription).toContain(field);
		expect(op.toolDescription).toMatch(/credits/);
		expect(op.toolDescription).toMatch(/10–30 s/);
		for (const field of ['Query:', 'Limit:']) expect(searchYoutube.toolDescription).toContain(field);
		expect(operations.generation.get.toolDescription).toContain('Generation:');
		expect(operations.generation.delete.toolDescription).toContain('Generation:');
		expect(operations.generation.getMany.toolDescription).toContain('Limit:');
	});
});

describe('Thumbnail → Generate', () => {
	test('answers with one compact result: the ID, status, each image URL once, credits; no binary, no download', async () => {
		const result = await run(
			fake(),
			generate({ options: { downloadImages: true } }),
			asTool({ Video_Title: '10 Hidden Hiking Trails', Prompt: "Bold 'TOP 10' over a hiker", Image_Count: 3 }),
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [{ json, binary }] = result.items;
		expect(binary).toBeUndefined();
		expect(Object.keys(json)).toEqual(GENERATION_KEYS);
		expect(json).toMatchObject({ status: 'completed', credits_consumed: 18, video_title: '10 Hidden Hiking Trails' });
		expect(json.image_urls).toHaveLength(3);
		const text = received(result);
		for (const url of json.image_urls) expect(text.split(url)).toHaveLength(2);
		expect(text).not.toMatch(/image_paths|workspace_id|styles\/|base64|iVBORw0KGgo/);
		expect(text.length).toBeLessThan(700);
		expect(downloads()).toEqual([]);
	});

	test('a Reference Search Query fills the references; they come back once, apart from the image URLs', async () => {
		const result = await run(
			fake(),
			generate({ prompt: '', options: { referenceSearchQuery: fromAI('Reference_Search_Query'), referenceSearchCount: 2 } }),
			asTool({ Video_Title: 'Trails', Image_Count: 1, Reference_Search_Query: 'hiking trails' }),
		);
		expect(result.error).toBeUndefined();
		const [{ json }] = result.items;
		expect(json.youtube_references).toHaveLength(2);
		const text = received(result);
		for (const url of [...json.youtube_references, ...json.image_urls]) expect(text.split(url)).toHaveLength(2);
		expect(downloads()).toEqual([]);
	});

	test.each([
		['Image_Count', 7, /^Invalid "Image Count": 7 is out of range\. Allowed: a whole number from 1 to 4\.$/],
		['Video_Title', '', /^Invalid "Video Title": 0 characters\. Allowed: 1–500 characters\.$/],
	])('a bad %s is refused before any request, with what is allowed in the message', async (key, value, message) => {
		const args = { Video_Title: 'Trails', Prompt: 'A hiker', Image_Count: 1, [key]: value };
		const result = await run(fake(), generate(), asTool(args));
		expect(result.error.message).toMatch(message);
		expect(fake().log).toEqual([]);
	});

	test('a bad YouTube reference URL is refused before any request, with what is allowed in the message', async () => {
		const result = await run(
			fake(),
			generate({ additionalFields: { youtubeReferences: fromAI('YouTube_Reference_URLs') } }),
			asTool({ Video_Title: 'Trails', Prompt: 'A hiker', Image_Count: 1, YouTube_Reference_URLs: 'https://i.ytimg.com/a.jpg, the hiking one' }),
		);
		expect(result.error.message).toMatch(/^Invalid "YouTube Reference URLs \(#2\)": .*Allowed: a URL starting with http:\/\/ or https:\/\/\.$/);
		expect(fake().log).toEqual([]);
	});

	test('a failed generation is an error naming its ID and the next step, in the message', async () => {
		fake().state.thumbnails.nextStatus = 'failed';
		const result = await run(fake(), generate(), asTool({ Video_Title: 'Trails', Prompt: 'A hiker', Image_Count: 1 }));
		const [record] = fake().state.thumbnails.generations.values();
		expect(result.error.message).toBe(
			`Thumbnail generation ${record.id} failed (credits consumed: 0). Last known state: failed. Generation ID: ${record.id}. Next step: look it up with Generation → Get, or run Generate again.`,
		);
		expect(apiCalls(fake(), 'POST', '/generate')).toHaveLength(1);
	});

	test('a slow POST /generate is waited for, never abandoned or sent twice: the tool answers with the thumbnails', async () => {
		const gate = fake().hold({ method: 'POST', path: `${BASE}/generate` });
		const running = run(fake(), generate(), asTool({ Video_Title: 'Trails', Prompt: 'A hiker', Image_Count: 1 }));
		await gate.untilHeld(1);
		await gate.release();
		const result = await running;

		expect(result.items.map((item) => item.json.status)).toEqual(['completed']);
		expect(apiCalls(fake(), 'POST', '/generate')).toHaveLength(1);
	});

	test('a paid call that lost its answer says in the message it was not sent again and how to check; the list finds it', async () => {
		fake().addFault({ method: 'POST', path: `${BASE}/generate`, kind: '500', afterHandler: true });
		const failed = await run(fake(), generate(), asTool({ Video_Title: 'Lost trails', Prompt: 'A hiker', Image_Count: 1 }));

		expect(failed.error.message).toMatch(/HTTP 500/);
		expect(failed.error.message).toMatch(/not sent again, so nothing is done or paid twice/);
		expect(failed.error.message).toMatch(/check Generation → Get Many before running the node again\./);
		expect(apiCalls(fake(), 'POST', '/generate')).toHaveLength(1);

		const list = await run(fake(), listGenerations(), asTool({ Limit: 5 }));
		expect(list.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ status: 'completed', video_title: 'Lost trails', image_urls: [expect.stringMatching(/^http/)] }),
		]);
	});
});

describe('Generation → Get (the status tool)', () => {
	test('reads the generation the model names, compactly; its images are not downloaded', async () => {
		const seeded = seedGeneration(fake(), { image_count: 2, credits_consumed: 12 });
		const result = await run(fake(), getGeneration({ options: { downloadImages: true } }), asTool({ Generation: seeded.id }));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json).toEqual({
			generation_id: seeded.id,
			status: 'completed',
			video_title: seeded.video_title,
			image_urls: seeded.image_urls,
			credits_consumed: 12,
			image_model: 'pro',
			aspect_ratio: '16:9',
			provider_used: 'system',
			created_at: seeded.created_at,
		});
		expect(received(result).length).toBeLessThan(550);
		expect(downloads()).toEqual([]);
	});

	test('a generation still running says when to look again', async () => {
		const seeded = seedGeneration(fake(), { status: 'generating' });
		const result = await run(fake(), getGeneration(), asTool({ Generation: seeded.id }));
		expect(result.items[0].json).toMatchObject({
			generation_id: seeded.id,
			status: 'generating',
			nextStep: 'The generation has not finished: call Generation → Get again with this generation_id in about 15 s.',
		});
	});

	test('an ID that is not a UUID is refused before any request, with what is allowed in the message', async () => {
		const result = await run(fake(), getGeneration(), asTool({ Generation: 'my last thumbnail' }));
		expect(result.error.message).toBe(
			'Invalid "Generation": "my last thumbnail" is not a UUID. Allowed: an ID like 9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6.',
		);
		expect(fake().log).toEqual([]);
	});

	test('an unknown ID is an error naming it and the next step', async () => {
		const id = '9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6';
		const result = await run(fake(), getGeneration(), asTool({ Generation: id }));
		expect(result.error.message).toMatch(/Generation not found/);
		expect(result.error.message).toContain(`Generation ID: ${id}. Next step: check the ID, or pick the generation from the list.`);
	});
});

describe('Generation → Get Many', () => {
	test("is bounded: the model's Limit is kept, Return All gives the 20 most recent; rows are compact", async () => {
		for (let n = 0; n < 30; n++) seedGeneration(fake(), { image_count: 4, video_title: `Video ${n} ${'long title '.repeat(n === 29 ? 50 : 0)}` });

		const limited = await run(fake(), listGenerations(), asTool({ Limit: 4 }));
		expect(limited.items).toHaveLength(4);

		const all = await run(fake(), listGenerations({ returnAll: true }), asTool({}));
		expect(all.items).toHaveLength(20);
		const rows = all.items.map((item) => item.json);
		expect(rows[0].video_title).toHaveLength(100);
		for (const row of rows) {
			expect(Object.keys(row)).toEqual(LIST_ROW_KEYS);
			expect(row.image_urls).toHaveLength(4);
		}
		expect(received(all).length).toBeLessThan(12000);
	});

	test('outside tool mode Return All still returns every generation, records unchanged', async () => {
		for (let n = 0; n < 30; n++) seedGeneration(fake());
		const result = await run(fake(), { resource: 'generation', operation: 'getMany', returnAll: true });
		expect(result.items).toHaveLength(30);
		expect(result.items[0].json).toHaveProperty('image_paths');
	});
});

describe('Thumbnail → Search YouTube', () => {
	test("is bounded: the model's Limit is kept, Return All gives 20; rows carry only the documented fields", async () => {
		fake().state.thumbnails.youtube.totalResults = 60;
		const limited = await run(fake(), search(), asTool({ Query: 'hiking trails', Limit: 3 }));
		expect(limited.items).toHaveLength(3);
		expect(Object.keys(limited.items[0].json)).toEqual(['title', 'channel_name', 'view_count', 'video_id', 'thumbnail_url']);

		const all = await run(fake(), search({ returnAll: true }), asTool({ Query: 'hiking trails' }));
		expect(all.items).toHaveLength(20);
		expect(received(all).length).toBeLessThan(4000);
	});

	test('an empty query is refused before any request, with what is allowed in the message', async () => {
		const result = await run(fake(), search(), asTool({ Query: '', Limit: 3 }));
		expect(result.error.message).toBe('Invalid "Query": 0 characters. Allowed: 1–200 characters.');
		expect(fake().log).toEqual([]);
	});
});

describe('Generation → Delete', () => {
	test('answers with which generation is gone', async () => {
		const seeded = seedGeneration(fake());
		const result = await run(
			fake(),
			{ resource: 'generation', operation: 'delete', generationId: { __rl: true, mode: 'list', value: fromAI('Generation') } },
			asTool({ Generation: seeded.id }),
		);
		expect(result.items.map((item) => item.json)).toEqual([{ generation_id: seeded.id, deleted: true }]);
	});
});
