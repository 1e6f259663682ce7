'use strict';
/** Technique → Get, the technique picker (list, slug, URL) and the input fields loaded from the technique. */
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { BASE, startFake, run, locator, searchTechniques, techniqueInputFields, apiRequests } = require('./helpers');
const { KNOWN_TECHNIQUES } = require('../../nodes/Flora/techniques.ts');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const getTechnique = (technique) => ({ resource: 'technique', operation: 'get', technique });

describe('Technique → Get', () => {
	test.each([
		['list', locator('studio-shot')],
		['slug', locator('studio-shot', 'slug')],
		['url', locator('https://app.flora.ai/techniques/studio-shot', 'url')],
		['url with trailing slash and query', locator('https://app.flora.ai/techniques/studio-shot/?tab=run', 'url')],
	])('by %s: inputs, outputs and cost of the technique', async (_mode, technique) => {
		fake = await startFake();
		const result = await run(fake, getTechnique(technique));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			slug: 'studio-shot',
			name: 'Studio Shot',
			cost: 10,
			inputs: expect.arrayContaining([expect.objectContaining({ id: 'product_image', type: 'imageUrl', required: true })]),
			outputs: [expect.objectContaining({ id: 'studio_image', type: 'imageUrl' })],
		});
		expect(apiRequests(fake).map((entry) => `${entry.method} ${entry.path}`)).toEqual([`GET ${BASE}/studio-shot`]);
	});

	const BAD_TECHNIQUES = [
		['a URL on another host', 'https://example.com/techniques/studio-shot', 'url'],
		['an app URL that is not a technique page', 'https://app.flora.ai/projects/studio-shot', 'url'],
		['a slug with spaces', 'studio shot', 'slug'],
		['a slug with a slash', 'studio-shot/runs', 'slug'],
	];

	test.each(BAD_TECHNIQUES)('%s typed in: n8n itself refuses it (locator validation), no request', async (_name, value, mode) => {
		fake = await startFake();
		const result = await run(fake, getTechnique(locator(value, mode)));
		expect(result.error?.constructor.name).toBe('WorkflowHasIssuesError');
		expect(fake.log).toHaveLength(0);
	});

	test.each(BAD_TECHNIQUES)('%s from an expression fails on the Technique field, no request', async (_name, value, mode) => {
		fake = await startFake();
		const result = await run(fake, getTechnique(locator(`={{ ${JSON.stringify(value)} }}`, mode)));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toMatch(/^Invalid "Technique": /);
		expect(result.error.message).toContain(value);
		expect(result.error.description).toMatch(/^Allowed: /);
		expect(fake.log).toHaveLength(0);
	});

	test('an expression that yields nothing fails on the Technique field, no request', async () => {
		fake = await startFake();
		const result = await run(fake, getTechnique(locator('={{ $json.missing }}')));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toBe('Invalid "Technique": no technique chosen');
		expect(fake.log).toHaveLength(0);
	});

	test('the slug can come from the item (expression in the URL mode)', async () => {
		fake = await startFake();
		const result = await run(fake, getTechnique(locator('={{ $json.page }}', 'url')), {
			items: [{ json: { page: 'https://app.flora.ai/techniques/mugshot' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.slug).toBe('mugshot');
	});

	test('an unknown slug is a NodeApiError with FLORA\'s message and not_found advice', async () => {
		fake = await startFake();
		const result = await run(fake, getTechnique(locator('portrait-enhancer', 'slug')));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.message).toBe('FLORA: Technique portrait-enhancer not found');
		expect(result.error.httpCode).toBe('404');
		expect(result.error.description).toMatch(/slug or run ID was not found/);
		expect(result.error.context.apiCode).toBe('not_found');
	});
});

describe('technique picker list', () => {
	test('lists every technique named on the API page with name, description and app URL', async () => {
		fake = await startFake();
		const { results } = await searchTechniques(fake);
		expect(results).toHaveLength(KNOWN_TECHNIQUES.length);
		expect(results).toHaveLength(38);
		expect(results).toContainEqual({
			name: 'Studio Shot',
			value: 'studio-shot',
			description: 'Turns any product into a studio-lit shoot',
			url: 'https://app.flora.ai/techniques/studio-shot',
		});
		// The list is ours: it never calls the API.
		expect(fake.log).toHaveLength(0);
	});

	test('every listed slug is a technique the API serves', async () => {
		fake = await startFake();
		const { results } = await searchTechniques(fake);
		expect(results.map((r) => r.value).sort()).toEqual([...fake.state.techniques.keys()].sort());
	});

	test('filters by name, slug or description, case-insensitively', async () => {
		fake = await startFake();
		expect((await searchTechniques(fake, 'ANIMAT')).results.map((r) => r.value)).toEqual(
			expect.arrayContaining(['product-animator', 'product-motion', 'seamless-transition', 'sigil']),
		);
		expect((await searchTechniques(fake, 'quick-reframe')).results.map((r) => r.name)).toEqual(['Layout Resizer']);
		expect((await searchTechniques(fake, 'floor plans')).results.map((r) => r.value)).toEqual(['room-render']);
		expect((await searchTechniques(fake, 'no such thing')).results).toEqual([]);
	});
});

describe('input fields loaded from the technique (resource mapper)', () => {
	test('one field per input ID, typed in the label, optional ones said so (the label is the key an AI Agent fills)', async () => {
		fake = await startFake();
		const { fields } = await techniqueInputFields(fake, locator('studio-shot'));
		expect(fields).toEqual([
			expect.objectContaining({ id: 'product_image', displayName: 'Product Image (Image URL)', required: true, display: true, type: 'string' }),
			expect.objectContaining({ id: 'background', displayName: 'Background (Text, optional)', required: false, display: true, type: 'string' }),
		]);
		expect(apiRequests(fake).map((entry) => `${entry.method} ${entry.path}`)).toEqual([`GET ${BASE}/studio-shot`]);
		expect(apiRequests(fake)[0].headers.authorization).toBe(`Bearer ${fake.apiKey}`);
	});

	test('video inputs and a technique picked by URL', async () => {
		fake = await startFake();
		const { fields } = await techniqueInputFields(fake, locator('https://app.flora.ai/techniques/product-animator', 'url'));
		expect(fields.map((f) => [f.id, f.displayName, f.required])).toEqual([
			['product_image', 'Product Image (Image URL)', true],
			['motion_reference', 'Motion Reference (Video URL, optional)', false],
			['prompt', 'Prompt (Text, optional)', false],
		]);
	});

	test('two inputs with one name: the ID tells their labels apart', async () => {
		fake = await startFake();
		fake.state.techniques.get('color-transfer').inputs[1].name = 'Image';
		const { fields } = await techniqueInputFields(fake, locator('color-transfer'));
		expect(fields.map((f) => f.displayName)).toEqual(['Image (image, Image URL)', 'Image (reference, Image URL)']);
	});

	test('fields follow the technique as FLORA describes it now', async () => {
		fake = await startFake();
		fake.state.techniques.get('mugshot').inputs.push({ id: 'caption', name: 'Caption', type: 'text', required: true });
		const { fields } = await techniqueInputFields(fake, locator('mugshot'));
		expect(fields.map((f) => f.id)).toEqual(['portrait', 'caption']);
	});

	test('no technique chosen yet: a notice, no request', async () => {
		fake = await startFake();
		const result = await techniqueInputFields(fake, locator(''));
		expect(result).toEqual({ fields: [], emptyFieldsNotice: expect.stringMatching(/Choose a technique/) });
		expect(fake.log).toHaveLength(0);
	});

	test('an unknown technique surfaces FLORA\'s not_found error', async () => {
		fake = await startFake();
		await expect(techniqueInputFields(fake, locator('nope', 'slug'))).rejects.toThrow('FLORA: Technique nope not found');
	});
});
