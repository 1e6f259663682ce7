'use strict';
/** Image → Generate or Edit: every source mode, chaining, BYOK, download and Max Credits. */
const { BASE, startFake, run } = require('./helpers');
const { PROCESS_TIMEOUT_MS } = require('../../nodes/FlokanImageEditor/transport.ts');
const { RESULT_PNG, KNOWN_STYLE_IDS, KNOWN_CHARACTER_IDS } = require('../fakes/flokan/imageEditor');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const generate = (extra = {}) => ({
	resource: 'image',
	operation: 'generate',
	prompt: 'A lighthouse at dawn',
	modelTier: 'pro',
	...extra,
});

describe('Generate or Edit', () => {
	test('text to image: documented fields out, the result downloaded into a custom binary field', async () => {
		fake = await startFake({ credits: 100 });
		const result = await run(fake, generate({ options: { downloadResult: true, binaryPropertyName: 'edited' } }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.json).toMatchObject({
			status: 'completed',
			model_tier: 'pro',
			provider_used: 'system',
			credits_consumed: 50,
			result_image_id: expect.any(String),
			job_id: expect.any(String),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.binary)).toEqual(['edited']);
		expect(item.binary.edited.mimeType).toBe('image/png');
		expect(await result.binaryAsBuffer(item, 'edited')).toEqual(RESULT_PNG);

		const [post] = fake.requests('POST', `${BASE}/process`);
		expect(post.body).toEqual({ prompt: 'A lighthouse at dawn', model_tier: 'pro', provider: 'platform' });
		expect(fake.state.workspace.credits).toBe(50);
	});

	test('the binary lands in "data" by default; no download when switched off', async () => {
		fake = await startFake();
		const withDefault = await run(fake, generate());
		expect(Object.keys(withDefault.items[0].binary)).toEqual(['data']);
		const without = await run(fake, generate({ options: { downloadResult: false } }));
		expect(without.items[0].binary).toBeUndefined();
		expect(fake.requests('GET', /^\/cdn\//)).toHaveLength(1);
	});

	test('edit by Image ID, then chain on result_image_id via an expression', async () => {
		fake = await startFake();
		const { imageId } = fake.state.imageEditor.seedImage();
		const first = await run(fake, generate({ source: 'imageId', imageId, options: { downloadResult: false } }));
		expect(first.error).toBeUndefined();
		expect(fake.requests('POST', `${BASE}/process`)[0].body.image_id).toBe(imageId);

		const chained = await run(
			fake,
			generate({ prompt: 'Now add fog', source: 'imageId', imageId: '={{ $json.result_image_id }}', options: { downloadResult: false } }),
			{ items: [{ json: first.items[0].json }] },
		);
		expect(chained.error).toBeUndefined();
		const second = fake.requests('POST', `${BASE}/process`)[1].body;
		expect(second.image_id).toBe(first.items[0].json.result_image_id);
		expect(chained.items[0].json.result_image_id).not.toBe(second.image_id);
	});

	test('edit by Image URL with style and character presets', async () => {
		fake = await startFake();
		const result = await run(
			fake,
			generate({
				source: 'imageUrl',
				imageUrl: 'https://example.com/photo.jpg',
				additionalFields: { styleId: KNOWN_STYLE_IDS[1], characterId: KNOWN_CHARACTER_IDS[0] },
				options: { downloadResult: false },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(fake.requests('POST', `${BASE}/process`)[0].body).toEqual({
			prompt: 'A lighthouse at dawn',
			model_tier: 'pro',
			provider: 'platform',
			image_url: 'https://example.com/photo.jpg',
			style_id: KNOWN_STYLE_IDS[1],
			character_id: KNOWN_CHARACTER_IDS[0],
		});
		const job = fake.state.imageEditor.jobs.get(result.items[0].json.job_id);
		expect(job).toMatchObject({ image_url: 'https://example.com/photo.jpg', style_id: KNOWN_STYLE_IDS[1] });
	});

	test('a BYOK provider on a matching tier spends no credits', async () => {
		fake = await startFake({ byokProviders: ['google'], credits: 0 });
		const result = await run(fake, generate({ provider: 'google', options: { downloadResult: false } }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provider_used: 'google', credits_consumed: 0 });
	});

	test('one request set per item, each output paired with its item', async () => {
		fake = await startFake();
		const result = await run(fake, generate({ prompt: '={{ $json.idea }}', options: { downloadResult: false } }), {
			items: [{ json: { idea: 'a cat' } }, { json: { idea: 'a dog' } }],
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(fake.requests('POST', `${BASE}/process`).map((r) => r.body.prompt)).toEqual(['a cat', 'a dog']);
	});

	test('holds the synchronous call open until the image is ready; its timeout is above the API maximum of 300 s', async () => {
		expect(PROCESS_TIMEOUT_MS).toBeGreaterThan(300_000);
		fake = await startFake();
		fake.state.processDelayMs = 1500;
		const result = await run(fake, generate({ options: { downloadResult: false } }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.processing_ms).toBeGreaterThanOrEqual(1400);
		expect(fake.requests('POST', `${BASE}/process`)).toHaveLength(1);
	});
});

describe('Max Credits', () => {
	test('an estimate within the ceiling goes ahead: estimate first, then one /process', async () => {
		fake = await startFake({ credits: 100 });
		const result = await run(fake, generate({ modelTier: 'standard', options: { maxCredits: 20, downloadResult: false } }));
		expect(result.error).toBeUndefined();
		expect(fake.log.map((e) => `${e.method} ${e.path}`)).toEqual([`POST ${BASE}/estimate-credits`, `POST ${BASE}/process`]);
		expect(fake.log[0].body).toEqual({ model_tier: 'standard', provider: 'platform' });
	});

	test('an estimate above the ceiling is refused before anything is spent', async () => {
		fake = await startFake({ credits: 1000 });
		const result = await run(fake, generate({ options: { maxCredits: 49 } }));
		expect(result.error.message).toBe('The estimate of 50 credits is above Max Credits (49)');
		expect(result.error.description).toMatch(/no credits were spent/);
		expect(fake.requests('POST', `${BASE}/process`)).toHaveLength(0);
		expect(fake.state.workspace.credits).toBe(1000);
	});

	test('can_proceed false is refused even under the ceiling', async () => {
		fake = await startFake({ credits: 10 });
		const result = await run(fake, generate({ options: { maxCredits: 500 } }));
		expect(result.error.message).toMatch(/Not enough Flokan credits/);
		expect(result.error.description).toMatch(/available: 10/);
		expect(fake.requests('POST', `${BASE}/process`)).toHaveLength(0);
	});

	test('the binary source is not uploaded when the ceiling refuses', async () => {
		fake = await startFake();
		const result = await run(fake, generate({ source: 'binary', inputBinaryField: 'data', options: { maxCredits: 0 } }), {
			items: [{ json: {}, binary: { data: { data: Buffer.from('png bytes'), mimeType: 'image/png', fileName: 'a.png' } } }],
		});
		expect(result.error.message).toMatch(/above Max Credits \(0\)/);
		expect(fake.log.map((e) => e.path)).toEqual([`${BASE}/estimate-credits`]);
	});
});
