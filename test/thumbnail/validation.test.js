'use strict';
/** Every bad input is a NodeOperationError naming the field, thrown before any request is sent. */
const { NodeOperationError } = require('n8n-workflow');
const { useFake, run, generateParams, byId } = require('./setup');

const fake = useFake();
const ref = (n) => `https://i.ytimg.com/vi/v${n}/hqdefault.jpg`;
const refs = (count) => Array.from({ length: count }, (_, i) => ref(i)).join(',');

const search = (overrides) => ({ resource: 'thumbnail', operation: 'searchYoutube', query: 'hiking', limit: 5, ...overrides });
const generation = (operation, overrides) => ({ resource: 'generation', operation, generationId: byId('7d3b5c0a-3e4f-4a7b-8c1d-2e3f4a5b6c7d'), ...overrides });

const cases = [
	['Generate: empty Video Title', generateParams({ videoTitle: '={{ "" }}' }), 'Video Title', /1–500/],
	['Generate: 501-character Video Title', generateParams({ videoTitle: 'x'.repeat(501) }), 'Video Title', /1–500/],
	['Generate: 10001-character Prompt', generateParams({ prompt: 'x'.repeat(10001) }), 'Prompt', /1–10000/],
	['Generate: no Prompt and no reference', generateParams({ prompt: '' }), 'Prompt', /YouTube Reference URLs/],
	['Generate: unknown Image Model', generateParams({ imageModel: '={{ "ultra" }}' }), 'Image Model', /pro, standard, creative/],
	['Generate: unknown Aspect Ratio', generateParams({ aspectRatio: '={{ "9:16" }}' }), 'Aspect Ratio', /16:9, 4:3, 1:1/],
	['Generate: Image Count 0', generateParams({ imageCount: 0 }), 'Image Count', /1 to 4/],
	['Generate: Image Count 5', generateParams({ imageCount: 5 }), 'Image Count', /1 to 4/],
	['Generate: Image Count 2.5', generateParams({ imageCount: 2.5 }), 'Image Count', /1 to 4/],
	['Generate: unknown Provider', generateParams({ provider: '={{ "anthropic" }}' }), 'Provider', /platform, openai, google, fal, kie/],
	['Generate: 7 YouTube references', generateParams({ additionalFields: { youtubeReferences: refs(7) } }), 'YouTube Reference URLs', /at most 6/],
	[
		'Generate: a YouTube reference that is not a URL',
		generateParams({ additionalFields: { youtubeReferences: `${ref(1)}, not-a-url` } }),
		'YouTube Reference URLs (#2)',
		/URL/,
	],
	[
		'Generate: an ftp YouTube reference',
		generateParams({ additionalFields: { youtubeReferences: 'ftp://example.com/a.jpg' } }),
		'YouTube Reference URLs (#1)',
		/http/,
	],
	[
		'Generate: Reference Image URL over http',
		generateParams({ prompt: '', additionalFields: { referenceImageUrl: 'http://example.com/a.png' } }),
		'Reference Image URL',
		/https:\/\//,
	],
	['Generate: Style ID not a UUID', generateParams({ additionalFields: { styleId: 'modern' } }), 'Style ID', /ID like/],
	['Generate: Card ID not a UUID', generateParams({ additionalFields: { cardId: '12345' } }), 'Card ID', /ID like/],
	[
		'Generate: 201-character Reference Search Query',
		generateParams({ options: { referenceSearchQuery: 'x'.repeat(201) } }),
		'Reference Search Query',
		/1–200/,
	],
	[
		'Generate: Reference Search Count 7',
		generateParams({ options: { referenceSearchQuery: 'cats', referenceSearchCount: 7 } }),
		'Reference Search Count',
		/1 to 6/,
	],
	[
		'Generate: typed references plus Reference Search Count over 6',
		generateParams({ additionalFields: { youtubeReferences: refs(5) }, options: { referenceSearchQuery: 'cats', referenceSearchCount: 2 } }),
		'Reference Search Count',
		/at most 1/,
	],
	['Generate: unknown Images Output', generateParams({ options: { fileLayout: '={{ "zip" }}' } }), 'Images Output', /oneItem, itemPerFile/],
	['Generate: empty output field name', generateParams({ options: { binaryPropertyName: '' } }), 'Put Output File in Field', /1–256/],
	['Generate: Timeout 0', generateParams({ options: { timeoutSeconds: 0 } }), 'Timeout (Seconds)', /1 to 3600/],
	['Search YouTube: empty Query', search({ query: '={{ "" }}' }), 'Query', /1–200/],
	['Search YouTube: 201-character Query', search({ query: 'q'.repeat(201) }), 'Query', /1–200/],
	['Search YouTube: Limit 0', search({ limit: 0 }), 'Limit', /whole number/],
	['Get: empty Generation', generation('get', { generationId: byId('={{ "" }}') }), 'Generation', /UUID/],
	['Get: Generation not a UUID', generation('get', { generationId: byId('={{ "../generations" }}') }), 'Generation', /ID like/],
	['Delete: Generation not a UUID', generation('delete', { generationId: byId('={{ "latest" }}') }), 'Generation', /ID like/],
	['Get Many: unknown Status', { resource: 'generation', operation: 'getMany', filters: { status: '={{ "done" }}' } }, 'Status', /timed_out/],
	['Get Many: Card ID not a UUID', { resource: 'generation', operation: 'getMany', filters: { cardId: 'card-1' } }, 'Card ID', /ID like/],
	['Get Many: Limit -1', { resource: 'generation', operation: 'getMany', limit: -1 }, 'Limit', /whole number/],
];

test.each(cases)('%s', async (_name, parameters, field, allowed) => {
	const result = await run(fake(), parameters);
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error.message).toContain(`Invalid "${field}"`);
	expect(`${result.error.message} ${result.error.description ?? ''}`).toMatch(allowed);
	expect(result.error.context.itemIndex).toBe(0);
	expect(fake().log).toHaveLength(0);
});

// Typed (not computed) values the UI can check are refused by n8n itself before the node runs.
test.each([
	['an empty required field', generateParams({ videoTitle: '' })],
	['a generation ID the locator rejects', generation('get', { generationId: byId('latest') })],
])('n8n refuses %s before the node runs', async (_name, parameters) => {
	const result = await run(fake(), parameters);
	expect(result.error.name).toBe('WorkflowHasIssuesError');
	expect(fake().log).toHaveLength(0);
});

test('the failing item is named, and no item is sent: the whole batch is checked first', async () => {
	const items = [{ json: { title: 'ok' } }, { json: { title: '' } }, { json: { title: 'never' } }];
	const result = await run(fake(), generateParams({ videoTitle: '={{ $json.title }}' }), { items });
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error.context.itemIndex).toBe(1);
	expect(fake().log).toHaveLength(0);
});
