'use strict';
/** Every bad input is refused before any request, naming the field, the allowed values and the item. */
const { startFake, run, pipeline, locator, apiRequests } = require('./helpers');

let fake;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => fake.clearLog());

const project = (operation, extra = {}) => ({
	resource: 'project',
	operation,
	projectId: locator('3f2b9c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f'),
	...extra,
});
const long = (n) => 'x'.repeat(n);

const cases = [
	['Create: empty title', project('create', { title: '={{ "" }}' }), /Invalid "Title": 0 characters/, /1–200 characters/],
	['Create: 201-character title', project('create', { title: long(201) }), /Invalid "Title": 201 characters/, /1–200/],
	['Create: unknown workflow mode', project('create', { title: 'T', workflowMode: 'auto' }), /Invalid "Workflow Mode"/, /automatic, manual/],
	['Create: preset ID not a UUID', project('create', { title: 'T', presetId: locator('={{ "my-preset" }}') }), /Invalid "Preset": "my-preset" is not a UUID/, /UUID/],
	['Create: art style not a UUID', project('create', { title: 'T', additionalFields: { artStyleId: 'watercolour' } }), /Invalid "Art Style ID"/, /UUID/],
	['Create: character style not a UUID', project('create', { title: 'T', additionalFields: { charGenStyleId: '123' } }), /Invalid "Character Style ID"/, /UUID/],
	['Get: project ID not a UUID', project('get', { projectId: locator('={{ "abc" }}') }), /Invalid "Project": "abc" is not a UUID/, /UUID/],
	['Get: empty project ID', project('get', { projectId: locator('={{ "" }}') }), /Invalid "Project": it is empty/, /UUID/],
	['Get: sentences limit above 300', project('get', { sentences: 'range', sentencesLimit: 301 }), /Invalid "Sentences Limit"/, /1 to 300/],
	['Get: negative sentences offset', project('get', { sentences: 'range', sentencesOffset: -1 }), /Invalid "Sentences Offset"/, /from 0/],
	['Get Many: limit 0', { resource: 'project', operation: 'getMany', limit: 0 }, /Invalid "Limit"/, /from 1/],
	['Get Many: unknown status', { resource: 'project', operation: 'getMany', filters: { status: 'done' } }, /Invalid "Status"/, /draft, transcribing, characters, prompts, generating, complete/],
	['Set Audio: ftp URL', project('setAudio', { audioUrl: 'ftp://example.com/a.mp3' }), /Invalid "Audio URL": "ftp:" URLs are not accepted/, /http:\/\/ or https:\/\//],
	['Set Audio: not a URL', project('setAudio', { audioUrl: 'voiceover.mp3' }), /Invalid "Audio URL"/, /http/],
	['Set Audio: 2001 characters', project('setAudio', { audioUrl: `https://e.com/${long(1987)}` }), /Invalid "Audio URL": 2001 characters/, /1–2000/],
	['Set Audio: empty', project('setAudio', { audioUrl: '={{ "" }}' }), /Invalid "Audio URL"/, /1–2000/],
	['Apply Preset: empty preset', project('applyPreset', { presetId: locator('={{ "" }}') }), /Invalid "Preset": it is empty/, /UUID/],
	['Generate Prompts: segment ID not a UUID', project('generatePrompts', { segmentScope: 'one', segmentId: 'seg-1' }), /Invalid "Segment ID"/, /UUID/],
	['Generate Prompts: concurrency 11', project('generatePrompts', { options: { promptConcurrency: 11 } }), /Invalid "Prompt Concurrency": 11/, /1 to 10/],
	['Generate Prompts: concurrency 0', project('generatePrompts', { options: { promptConcurrency: 0 } }), /Invalid "Prompt Concurrency"/, /1 to 10/],
	['Estimate: unknown action', { resource: 'credits', operation: 'estimate', projectId: locator('3f2b9c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f'), action: 'render' }, /Invalid "Action"/, /generate_images, generate_prompts, create_characters, detect_characters/],
	['Wait for Completion: poll interval 0', project('waitForCompletion', { pollIntervalSeconds: 0 }), /Invalid "Poll Interval \(Seconds\)"/, /above 0/],
	['Wait for Completion: unknown output', project('waitForCompletion', { outputMode: 'video' }), /Invalid "Output"/, /project, sentence, image/],
	['Pipeline: empty title', pipeline({ title: '={{ "" }}' }), /Invalid "Title"/, /1–200/],
	['Pipeline: 201-character title', pipeline({ title: long(201) }), /Invalid "Title"/, /1–200/],
	['Pipeline: ftp audio URL', pipeline({ audioUrl: 'ftp://x/a.mp3' }), /Invalid "Audio URL"/, /http/],
	['Pipeline: audio URL too long', pipeline({ audioUrl: `http://e.com/${long(1990)}` }), /Invalid "Audio URL"/, /1–2000/],
	['Pipeline: preset not a UUID', pipeline({ presetId: locator('={{ "cinematic" }}') }), /Invalid "Preset"/, /UUID/],
	['Pipeline: concurrency 11', pipeline({ options: { promptConcurrency: 11 } }), /Invalid "Prompt Concurrency"/, /1 to 10/],
	['Pipeline: negative Max Credits', pipeline({ options: { maxCredits: -5 } }), /Invalid "Max Credits"/, /0 \(no ceiling\)/],
	['Pipeline: unknown failure policy', pipeline({ options: { onSegmentFailure: 'ignore' } }), /Invalid "If Segments Still Fail"/, /stop, finalizeReady/],
	['Pipeline: poll interval 0', pipeline({ pollIntervalSeconds: 0 }), /Invalid "Poll Interval/, /above 0/],
	['Pipeline: max wait 0', pipeline({ maxWaitSeconds: 0 }), /Invalid "Max Wait/, /above 0/],
	['Pipeline: empty binary field', pipeline({ downloadImages: true, binaryPropertyName: '={{ "" }}' }), /Invalid "Put Output File in Field"/, /1–200/],
	['Pipeline: existing project ID not a UUID', pipeline({ projectSource: 'existing', projectId: locator('={{ "last-one" }}') }), /Invalid "Project"/, /UUID/],
	['Pipeline: existing project, bad audio URL', pipeline({ projectSource: 'existing', projectId: locator('3f2b9c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f'), audioUrl: 'file:///a.mp3' }), /Invalid "Audio URL"/, /http/],
];

test.each(cases)('%s → refused with zero requests', async (_name, parameters, message, allowed) => {
	const result = await run(fake, parameters);
	expect(result.error).toBeDefined();
	expect(result.error.message).toMatch(message);
	expect(result.error.description).toMatch(allowed);
	expect(result.error.context.itemIndex).toBe(0);
	expect(apiRequests(fake)).toHaveLength(0);
});

// Typed-in IDs in the wrong format never reach execute(): n8n reports the locator's own check first.
test.each([
	['project', project('get', { projectId: locator('abc') }), /Not a valid project ID \(UUID\)/],
	['preset', project('applyPreset', { presetId: locator('my-preset') }), /Not a valid preset ID \(UUID\)/],
	['existing project', pipeline({ projectSource: 'existing', projectId: locator('last-one') }), /Not a valid project ID/],
])('a literal %s ID in the wrong format is flagged by n8n with zero requests', async (_name, parameters, message) => {
	const result = await run(fake, parameters);
	expect(result.error.message).toMatch(message);
	expect(apiRequests(fake)).toHaveLength(0);
});

test('the item index of the bad item is named', async () => {
	const result = await run(fake, pipeline({ title: '={{ $json.title }}' }), {
		items: [{ json: { title: 'fine' } }, { json: { title: '' } }],
	});
	// the first item runs (and needs requests); the second is refused by itself
	expect(result.error.message).toMatch(/Invalid "Title"/);
	expect(result.error.context.itemIndex).toBe(1);
});
