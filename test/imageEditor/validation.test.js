'use strict';
/** Bad input is refused with a NodeOperationError naming the field, before any request is sent. */
const { NodeOperationError } = require('n8n-workflow');
const { startFake, run } = require('./helpers');

let fake;
beforeAll(async () => {
	fake = await startFake({ byokProviders: ['openai', 'google', 'fal', 'kie'] });
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => fake.clearLog());

const generate = (extra = {}) => ({ resource: 'image', operation: 'generate', prompt: 'A fox', modelTier: 'pro', ...extra });
const pngItem = (binary) => ({ json: {}, binary: { data: { data: Buffer.from('png'), mimeType: 'image/png', fileName: 'a.png', ...binary } } });

const cases = [
	['BYOK OpenAI + Creative', generate({ provider: 'openai', modelTier: 'creative' }), /"Model Tier": "creative" cannot be used with the openai BYOK provider/, /pro, standard/],
	['BYOK Google + Standard', generate({ provider: 'google', modelTier: 'standard' }), /"Model Tier".*google/, /Allowed: pro\./],
	['BYOK mismatch on Estimate Credits', { resource: 'image', operation: 'estimateCredits', modelTier: 'creative', provider: 'openai' }, /openai BYOK/],
	['unknown provider from an expression', generate({ provider: '={{ "azure" }}' }), /"Provider": "azure" is not supported/, /platform, openai, google, fal, kie/],
	['unknown model tier from an expression', generate({ modelTier: '={{ "ultra" }}' }), /"Model Tier": "ultra"/, /pro, standard, creative/],
	['empty prompt from an expression', generate({ prompt: '={{ "" }}' }), /"Prompt": 0 characters/, /1–10000/],
	['prompt over 10000 characters', generate({ prompt: 'x'.repeat(10001) }), /"Prompt": 10001 characters/],
	['http image URL', generate({ source: 'imageUrl', imageUrl: 'http://example.com/a.png' }), /"Image URL": "http:" URLs are not accepted/, /https:\/\//],
	['not a URL', generate({ source: 'imageUrl', imageUrl: 'example.com/a.png' }), /"Image URL".*is not a URL/],
	['image URL over 2000 characters', generate({ source: 'imageUrl', imageUrl: `https://e.com/${'a'.repeat(2000)}` }), /"Image URL": 2014 characters/],
	['image ID that is not a UUID', generate({ source: 'imageId', imageId: 'abc' }), /"Image ID": "abc" is not a UUID/],
	['style ID that is not a UUID', generate({ additionalFields: { styleId: 'vintage' } }), /"Style ID": "vintage" is not a UUID/],
	['character ID that is not a UUID', generate({ additionalFields: { characterId: '42' } }), /"Character ID"/],
	['negative Max Credits', generate({ options: { maxCredits: -1 } }), /"Max Credits"/],
	['unsupported binary type', generate({ source: 'binary', inputBinaryField: 'data' }), /"Input Binary Field": the file type "image\/bmp" is not supported/, /image\/jpeg, image\/png, image\/webp, image\/gif/, [pngItem({ mimeType: 'image/bmp', fileName: 'a.bmp' })]],
	['generic type without a known extension', { resource: 'image', operation: 'upload', inputBinaryField: 'data' }, /"application\/octet-stream" is not supported/, undefined, [pngItem({ mimeType: 'application/octet-stream', fileName: 'blob' })]],
	['empty file', { resource: 'image', operation: 'upload', inputBinaryField: 'data' }, /is empty/, undefined, [pngItem({ data: Buffer.alloc(0) })]],
	['missing binary field', generate({ source: 'binary', inputBinaryField: 'photo' }), /photo/, undefined, [pngItem()]],
	['File Name over 255 characters', { resource: 'image', operation: 'upload', inputBinaryField: 'data', options: { fileName: 'n'.repeat(256) } }, /"File Name": 256 characters/, /1–255/, [pngItem()]],
	['job status filter from an expression', { resource: 'job', operation: 'getMany', filters: { status: '={{ "done" }}' } }, /"Status": "done"/],
	['empty job ID', { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ "" }}' } }, /"Job"/],
];

// Rows have 3–5 entries; a rest parameter keeps jest from taking a short row's last slot for `done`.
test.each(cases)('%s → refused before any request', async (...row) => {
	const [, parameters, message, description, items] = row;
	const result = await run(fake, parameters, items ? { items } : {});
	expect(result.status).toBe('error');
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error.message).toMatch(message);
	if (description) expect(result.error.description).toMatch(description);
	expect(result.error.context.itemIndex).toBe(0);
	expect(fake.log).toHaveLength(0);
});

test('with several items, the bad one is named by its index and nothing is sent for any item', async () => {
	const result = await run(fake, generate({ modelTier: '={{ $json.tier }}', options: { downloadResult: false } }), {
		items: [{ json: { tier: 'pro' } }, { json: { tier: 'mega' } }],
	});
	expect(result.error.context.itemIndex).toBe(1);
	// Every item is checked before the first request: the valid item 0 is not paid for either.
	expect(fake.log).toHaveLength(0);
});
