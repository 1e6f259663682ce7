'use strict';
/**
 * The tool-mode contract every node shares (nodes/shared/toolMode.ts), run the way n8n runs an AI
 * Agent's tool: the node's `<type>Tool` variant, one JSON-only item in.
 */
const imageEditor = require('../imageEditor/helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const generate = (overrides = {}) => ({
	resource: 'image',
	operation: 'generate',
	prompt: '={{ $json.prompt }}',
	modelTier: 'standard',
	source: 'none',
	options: { maxCredits: 100 },
	...overrides,
});

test('a tool answers with compact JSON and the result URL, and downloads nothing', async () => {
	fake = await imageEditor.startFake();
	const result = await imageEditor.run(fake, generate(), { asTool: true, items: [{ json: { prompt: 'A red fox' } }] });

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	const [item] = result.items;
	expect(item.binary).toBeUndefined();
	expect(item.json.result_url).toMatch(/^https?:\/\//);
	expect(Object.values(item.json)).not.toContain(null);
	// Nothing but the API calls: the result image was not fetched.
	const paths = fake.log.map((entry) => `${entry.method} ${entry.path}`);
	expect(paths.filter((p) => !p.includes('/api/v1/image-editor'))).toEqual([]);
});

test('outside tool mode the same call still downloads the result (outputs unchanged)', async () => {
	fake = await imageEditor.startFake();
	const result = await imageEditor.run(fake, generate(), { items: [{ json: { prompt: 'A red fox' } }] });
	expect(result.error).toBeUndefined();
	expect(result.items[0].binary?.data).toBeDefined();
});

test("a tool's error message carries the allowed values, since the model sees the message only", async () => {
	fake = await imageEditor.startFake();
	const result = await imageEditor.run(fake, generate(), { asTool: true, items: [{ json: { prompt: '' } }] });
	expect(result.error.message).toMatch(/Invalid "Prompt": 0 characters\. Allowed: 1–10000 characters\./);
	expect(imageEditor.apiRequests(fake)).toEqual([]);
});

// n8n up to 2.15 ends the agent's whole run on a tool's thrown error; a tool node set to On Error →
// Continue answers the model with the error as its result instead, on every version.
describe('with On Error: Continue, the error is the tool\'s result', () => {
	test('refused input: the item carries the field and the allowed values, and nothing is sent', async () => {
		fake = await imageEditor.startFake();
		const result = await imageEditor.run(fake, generate(), { asTool: true, continueOnFail: true, items: [{ json: { prompt: '' } }] });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ error: expect.stringMatching(/^Invalid "Prompt": 0 characters\. Allowed: 1–10000 characters\.$/) }]);
		expect(imageEditor.apiRequests(fake)).toEqual([]);
	});

	test('a paid call that lost its answer: the next step is in the error, once', async () => {
		fake = await imageEditor.startFake();
		fake.addFault({ method: 'POST', path: `${imageEditor.BASE}/process`, kind: '500', afterHandler: true });
		const result = await imageEditor.run(fake, generate(), { asTool: true, continueOnFail: true, items: [{ json: { prompt: 'A fox that got lost' } }] });
		expect(result.error).toBeUndefined();
		const [{ json }] = result.items;
		expect(json.error).toMatch(/HTTP 500/);
		expect(json.error.match(/not sent again, so nothing is done or paid twice/g)).toHaveLength(1);
		expect(json.error).toMatch(/Check Job → Get Many \(most recent first\) before running it again\./);
		expect(json.description).toBeUndefined();
		expect(fake.requests('POST', `${imageEditor.BASE}/process`)).toHaveLength(1);
	});
});

test("a value that merely contains a system error code keeps the field's own message (n8n would swap it for a generic text)", async () => {
	fake = await imageEditor.startFake();
	const result = await imageEditor.run(fake, generate({ modelTier: 'superpermanent-eperm' }), { asTool: true, items: [{ json: { prompt: 'A fox' } }] });
	expect(result.error.message).toMatch(/^Invalid "Model Tier": "superpermanent-eperm" is not supported\. Allowed: pro, standard, creative\./);
	expect(imageEditor.apiRequests(fake)).toEqual([]);
});

test('a list with no results answers the model with a count of 0, not the empty text n8n makes of no items', async () => {
	fake = await imageEditor.startFake();
	const result = await imageEditor.run(fake, { resource: 'job', operation: 'getMany', returnAll: true }, { asTool: true });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json)).toEqual([{ count: 0, message: 'Nothing found: the call succeeded with no results.' }]);
});
