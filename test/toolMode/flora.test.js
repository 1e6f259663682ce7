'use strict';
/**
 * FLORA as an AI Agent's tool, run the way n8n runs one (the floraTool variant, one JSON-only item
 * whose keys are the model's arguments), and the tool as the model is shown it (n8n-core's own
 * createNodeAsTool and LangChain's OpenAI conversion on a node configured as the editor does).
 */
const { randomUUID } = require('node:crypto');
const { NodeHelpers } = require('n8n-workflow');
const { createNodeAsTool } = require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool');
const { convertToOpenAITool } = require('@langchain/core/utils/function_calling');
const { HarnessNodeTypes } = require('../harness/node-types');
const { Flora } = require('../../nodes/Flora/Flora.node.ts');
const { operations } = require('../../nodes/Flora/actions/operations.ts');
const { BASE, IMAGE, startFake, run, locator, techniqueInputFields, creates, apiRequests } = require('../flora/helpers');

const TOOL_TYPE = `${require('../../package.json').name}.floraTool`;

/**
 * The key n8n's editor gives a parameter when the user lets the model define it (n8n-editor-ui
 * 2.40 and 1.123): the field's label with every character outside [A-Za-z0-9-] turned into "_",
 * at most 63 characters, and an empty description.
 */
const editorKey = (label) => label.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 63);
const fromAi = (label, type = 'string') =>
	`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${editorKey(label)}', \`\`, '${type}') }}`;

/** Run → Create with a fixed technique, every input loaded into the mapper and left to the model. */
async function mapperCreate(fake, slug = 'studio-shot', extra = {}) {
	const { fields } = await techniqueInputFields(fake, locator(slug));
	fake.log.length = 0; // the editor's request is not the tool's
	return {
		resource: 'run',
		operation: 'create',
		technique: { ...locator(slug), cachedResultName: 'Studio Shot' },
		inputMode: 'mapper',
		inputs: {
			mappingMode: 'defineBelow',
			value: Object.fromEntries(fields.map((field) => [field.id, fromAi(field.displayName)])),
			matchingColumns: [],
			schema: fields.map((field) => ({ ...field, removed: false })),
		},
		options: { pollIntervalSeconds: 0.01 },
		...extra,
	};
}

/** Run → Create where the model names the technique and gives the inputs as JSON. */
const jsonCreate = (extra = {}) => ({
	resource: 'run',
	operation: 'create',
	technique: { __rl: true, mode: 'list', value: fromAi('Technique') },
	inputMode: 'json',
	inputsJson: fromAi('Inputs (JSON)', 'json'),
	options: { pollIntervalSeconds: 0.01 },
	...extra,
});

const runCheck = (operation, extra = {}) => ({
	resource: 'run',
	operation,
	technique: { __rl: true, mode: 'list', value: fromAi('Technique') },
	runId: fromAi('Run ID'),
	options: { pollIntervalSeconds: 0.01 },
	...extra,
});

/** One tool call: the model's arguments are the item's JSON. */
const call = async (fake, parameters, args, options = {}) =>
	await run(fake, parameters, { asTool: true, nodeName: 'FLORA', items: [{ json: args }], ...options });

/** The tool as the OpenAI model receives it: name, description and the JSON schema of its parameters. */
function toolAsModelSeesIt(parameters) {
	const nodeType = new HarnessNodeTypes(Flora, [], () => {}, { asTool: true }).getByNameAndVersion(TOOL_TYPE, 1);
	const node = { id: randomUUID(), name: 'FLORA', type: TOOL_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	// What n8n's Workflow does with the saved parameters: defaults filled in for the fields shown.
	node.parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, node, nodeType.description);
	const { response: tool } = createNodeAsTool({ node, nodeType, handleToolInvocation: async () => '' });
	// n8n 2.28+ evaluates a Tool Description that starts with "=", n8n 1.x hands it over as is: ours never needs it.
	const description = NodeHelpers.getToolDescriptionForNode(node, nodeType, () => {
		throw new Error('the description was an expression');
	});
	expect(tool.description).toBe(description);
	return convertToOpenAITool(tool).function;
}

/** Every URL in a JSON text, with how often it occurs. */
function urlCounts(text) {
	const counts = new Map();
	for (const url of text.match(/https?:\/\/[^"\s]+/g) ?? []) counts.set(url, (counts.get(url) ?? 0) + 1);
	return counts;
}

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

describe('what the model is shown', () => {
	test('Run → Create with mapped inputs: a description of the tool, one typed parameter per input named after its label', async () => {
		fake = await startFake();
		const tool = toolAsModelSeesIt(await mapperCreate(fake));

		expect(tool.name).toBe('FLORA');
		expect(tool.description).toBe(operations.run.create.toolDescription);
		expect(tool.parameters.properties).toEqual({
			Product_Image__Image_URL_: { type: 'string' },
			Background__Text__optional_: { type: 'string' },
		});
		// The names carry type and optionality; the description says what each kind takes.
		expect(tool.description).toMatch(/Image_URL or Video_URL takes one https:\/\/ URL on media\.flora\.ai, storage\.googleapis\.com, Amazon S3 or ik\.imagekit\.io/);
		expect(tool.description).toMatch(/with Text, plain text; with optional, it may be ""/);
		expect(tool.description).toMatch(/costs? the technique's credits per run/i);
		expect(tool.description).toMatch(/seconds to minutes/);
		expect(tool.description).toMatch(/status "running" and the runId; then use FLORA Run → Get or Wait for Completion/);
	});

	test('a video technique: Video_URL and optional inputs in the parameter names', async () => {
		fake = await startFake();
		const tool = toolAsModelSeesIt(await mapperCreate(fake, 'product-animator'));
		expect(Object.keys(tool.parameters.properties)).toEqual([
			'Product_Image__Image_URL_',
			'Motion_Reference__Video_URL__optional_',
			'Prompt__Text__optional_',
		]);
	});

	test('Run → Create with the technique and JSON inputs from the model: the description explains both parameters', async () => {
		const tool = toolAsModelSeesIt(jsonCreate());
		expect(Object.keys(tool.parameters.properties).sort()).toEqual(['Inputs__JSON_', 'Technique']);
		expect(tool.description).toContain("Technique: the technique's slug, e.g. studio-shot.");
		expect(tool.description).toContain('Inputs__JSON_: an object of input ID → value, e.g. {"product_image": "https://media.flora.ai/…/shoe.png"}.');
	});

	test.each([
		['Run → Get', runCheck('get'), ['Run_ID', 'Technique']],
		['Run → Wait for Completion', runCheck('waitForCompletion'), ['Run_ID', 'Technique']],
		['Technique → Get', { resource: 'technique', operation: 'get', technique: fromAi('Technique') }, ['Technique']],
	])('%s: its own description, naming every parameter the model fills', (_name, parameters, keys) => {
		const tool = toolAsModelSeesIt(parameters);
		expect(tool.description).toBe(operations[parameters.resource][parameters.operation].toolDescription);
		expect(Object.keys(tool.parameters.properties).sort()).toEqual(keys);
		for (const key of keys) expect(tool.description).toContain(`${key}: `);
	});

	test('every operation has a plain-text description (no expression for n8n 1.x to leak) within OpenAI\'s 1024 characters', () => {
		for (const byName of Object.values(operations)) {
			for (const operation of Object.values(byName)) {
				expect(operation.toolDescription).toMatch(/^[A-Z]/);
				expect(operation.toolDescription).not.toMatch(/\{\{|\$fromAI/i);
				expect(operation.toolDescription.length).toBeLessThanOrEqual(1024);
				expect(operation.toolDescription).toMatch(/credits|free/);
			}
		}
	});
});

describe('Run → Create as a tool', () => {
	test('answers with status, runId, the output URL once and the credits charged, in a few hundred bytes; downloads nothing', async () => {
		fake = await startFake();
		const parameters = await mapperCreate(fake, 'studio-shot', { downloadOutputs: true });
		const result = await call(fake, parameters, { Product_Image__Image_URL_: IMAGE, Background__Text__optional_: '' });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [{ json, binary }] = result.items;
		const runId = [...fake.state.runs.keys()][0];
		expect(json).toEqual({
			status: 'completed',
			runId,
			technique: 'studio-shot',
			outputs: [{ id: 'studio_image', type: 'imageUrl', url: `${fake.url}/media/${runId}/studio_image.png` }],
			chargedCost: 10,
		});
		expect(binary).toBeUndefined();
		expect(JSON.stringify(json).length).toBeLessThan(400);
		expect(creates(fake)[0].body.inputs).toEqual([{ id: 'product_image', type: 'imageUrl', value: IMAGE }]);
		expect(fake.log.filter((entry) => !entry.path.startsWith(BASE))).toEqual([]);
	});

	test('six outputs: each URL exactly once, no base64, under 1 kB', async () => {
		fake = await startFake();
		const parameters = await mapperCreate(fake, 'character-lock');
		const result = await call(fake, parameters, { Character__Image_URL_: IMAGE });
		expect(result.error).toBeUndefined();
		const text = JSON.stringify(result.items[0].json);
		const counts = urlCounts(text);
		expect(counts.size).toBe(6);
		expect([...counts.values()]).toEqual([1, 1, 1, 1, 1, 1]);
		expect(text).not.toMatch(/[A-Za-z0-9+/]{200,}/);
		expect(text.length).toBeLessThan(1024);
	});

	test('the model names the technique and gives the inputs as a JSON object', async () => {
		fake = await startFake();
		const result = await call(fake, jsonCreate(), {
			Technique: 'auto-translate',
			Inputs__JSON_: { source_image: IMAGE, target_language: 'German' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'completed', technique: 'auto-translate', chargedCost: 6 });
		expect(creates(fake)[0].body.inputs).toEqual([
			{ id: 'source_image', type: 'imageUrl', value: IMAGE },
			{ id: 'target_language', type: 'text', value: 'German' },
		]);
	});

	test('without waiting: the created run, with which operation checks it', async () => {
		fake = await startFake({ durations: { pendingMs: 60000, runningMs: 60000 } });
		const parameters = await mapperCreate(fake, 'studio-shot', { waitForCompletion: false });
		const result = await call(fake, parameters, { Product_Image__Image_URL_: IMAGE, Background__Text__optional_: 'white' });
		const runId = [...fake.state.runs.keys()][0];
		expect(result.items[0].json).toEqual({
			status: 'pending',
			runId,
			technique: 'studio-shot',
			nextStep: `The run is pending. To check it, use Run → Get (or Run → Wait for Completion) with technique "studio-shot" and this run ID.`,
		});
	});
});

describe('a wrong input: every input of the technique in the message, nothing paid', () => {
	const STUDIO_SHOT_INPUTS =
		'Technique studio-shot (Studio Shot) takes product_image ("Product Image", imageUrl, required, tool parameter Product_Image__Image_URL_): Photo of the product; ' +
		'background ("Background", text, optional, tool parameter Background__Text__optional_): e.g. soft grey sweep. ' +
		'Image and video inputs take one https:// URL on media.flora.ai, storage.googleapis.com, Amazon S3 or ik.imagekit.io. ' +
		'Nothing was run or charged: correct the inputs and call again.';

	test('a media URL on a host FLORA refuses', async () => {
		fake = await startFake();
		const parameters = await mapperCreate(fake);
		const result = await call(fake, parameters, { Product_Image__Image_URL_: 'https://example.com/shoe.png', Background__Text__optional_: '' });
		expect(result.error.message).toMatch(/^Invalid "Inputs → Product Image \(Image URL\)": the host "example\.com" is not one FLORA accepts media from\. /);
		expect(result.error.message).toContain(STUDIO_SHOT_INPUTS);
		expect(creates(fake)).toEqual([]);
		expect(apiRequests(fake).map((entry) => `${entry.method} ${entry.path}`)).toEqual([`GET ${BASE}/studio-shot`]);
	});

	test('a required input the model left out', async () => {
		fake = await startFake();
		const parameters = await mapperCreate(fake);
		const result = await call(fake, parameters, { Background__Text__optional_: 'white' });
		// n8n checks a required mapped input itself, before the node reads it.
		expect(result.error.message).toMatch(/^Invalid input for 'product_image' \[item 0\]\. The value "product_image" is required but not set\. /);
		expect(result.error.message).toContain(STUDIO_SHOT_INPUTS);
		expect(creates(fake)).toEqual([]);
	});

	test('a required input the model sent empty', async () => {
		fake = await startFake();
		const parameters = await mapperCreate(fake);
		const result = await call(fake, parameters, { Product_Image__Image_URL_: '', Background__Text__optional_: 'white' });
		expect(result.error.message).toMatch(/^Invalid "Inputs → Product Image \(Image URL\)": is required but empty\. /);
		expect(result.error.message).toContain(STUDIO_SHOT_INPUTS);
		expect(creates(fake)).toEqual([]);
	});

	test('JSON inputs with an ID the technique does not have: the IDs and a JSON example', async () => {
		fake = await startFake();
		const result = await call(fake, jsonCreate(), { Technique: 'studio-shot', Inputs__JSON_: { image: IMAGE } });
		expect(result.error.message).toMatch(/^Invalid "Inputs \(JSON\)\.image": "image" is not an input of this technique\. /);
		expect(result.error.message).toContain('takes product_image ("Product Image", imageUrl, required): Photo of the product; background ("Background", text, optional): e.g. soft grey sweep.');
		expect(result.error.message).toContain(
			'Give the tool parameter Inputs__JSON_ as one object of input ID → value, e.g. {"product_image":"https://media.flora.ai/…/image.png","background":"…"}.',
		);
		expect(creates(fake)).toEqual([]);
	});

	test("FLORA's own input_validation_error: its message, its advice and the technique's inputs", async () => {
		fake = await startFake();
		fake.failNext({ method: 'POST', path: `${BASE}/studio-shot/runs`, status: 400, code: 'input_validation_error', message: 'inputs[0].value: Media URL is not reachable' });
		const parameters = await mapperCreate(fake);
		const result = await call(fake, parameters, { Product_Image__Image_URL_: IMAGE, Background__Text__optional_: '' });
		expect(result.error.message).toMatch(/^FLORA: inputs\[0\]\.value: Media URL is not reachable\. The inputs do not match what this technique expects\./);
		expect(result.error.message).toContain(STUDIO_SHOT_INPUTS);
		expect(fake.state.runsCreated).toBe(0);
	});

	test('out of credits: FLORA\'s message and what to do, no run', async () => {
		fake = await startFake({ credits: 3 });
		const parameters = await mapperCreate(fake);
		const result = await call(fake, parameters, { Product_Image__Image_URL_: IMAGE, Background__Text__optional_: '' });
		expect(result.error.message).toBe(
			'FLORA: Insufficient credits: run costs 10, 3 left. The FLORA workspace is out of credits. Ask FLORA for more credits (the API needs the Starter plan or above).',
		);
		expect(fake.state.runsCreated).toBe(0);
	});

	test('an unknown technique named by the model: FLORA\'s not_found, where slugs come from and the known slugs', async () => {
		fake = await startFake();
		const result = await call(fake, jsonCreate(), { Technique: 'studio-shots', Inputs__JSON_: { product_image: IMAGE } });
		expect(result.error.message).toMatch(/^FLORA: Technique studio-shots not found\. The technique slug or run ID was not found\. Find the slug in the FLORA app URL/);
		expect(result.error.message).toMatch(/ Techniques on FLORA's API page: art-directors-critique, auto-translate, .*, studio-shot, .*, wonder-fy\.$/);
		expect(creates(fake)).toEqual([]);
	});
});

describe('a run longer than the tool wait limit', () => {
	/** Runs stay "running" until the test calls fake.finishRun: only the tool's wait limit ends the wait. */
	const startHeldRuns = async () => await startFake({ durations: { pendingMs: 0, runningMs: Infinity } });
	const RUNNING = (runId) => ({
		status: 'running',
		runId,
		message: 'The run is still running after waiting 1 s, the most this tool waits.',
		nextStep: 'To check it, use Run → Get (or Run → Wait for Completion) with technique "studio-shot" and this run ID.',
	});

	test('Create answers running with the runId; Run → Get as a tool then finishes it', async () => {
		fake = await startHeldRuns();
		const parameters = await mapperCreate(fake, 'studio-shot', { toolWaitLimitSeconds: 1 });
		const first = await call(fake, parameters, { Product_Image__Image_URL_: IMAGE, Background__Text__optional_: '' });
		const runId = [...fake.state.runs.keys()][0];
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toEqual(RUNNING(runId));

		const still = await call(fake, runCheck('get'), { Technique: 'studio-shot', Run_ID: runId });
		expect(still.items[0].json).toEqual({
			status: 'running',
			runId,
			technique: 'studio-shot',
			progress: 0,
			nextStep: 'The run is running. To check it, use Run → Get (or Run → Wait for Completion) with technique "studio-shot" and this run ID.',
		});

		fake.finishRun(runId);
		const done = await call(fake, runCheck('get', { downloadOutputs: true }), { Technique: 'studio-shot', Run_ID: runId });
		expect(done.items[0].json).toEqual({
			status: 'completed',
			runId,
			technique: 'studio-shot',
			outputs: [{ id: 'studio_image', type: 'imageUrl', url: `${fake.url}/media/${runId}/studio_image.png` }],
			chargedCost: 10,
		});
		expect(done.items[0].binary).toBeUndefined();
		expect(fake.state.runsCreated).toBe(1);
		expect(fake.log.filter((entry) => entry.path.startsWith('/media/'))).toEqual([]);
	});

	test('Wait for Completion as a tool: running again at its limit, completed once the run finished', async () => {
		fake = await startHeldRuns();
		const parameters = await mapperCreate(fake, 'studio-shot', { toolWaitLimitSeconds: 1 });
		await call(fake, parameters, { Product_Image__Image_URL_: IMAGE, Background__Text__optional_: '' });
		const runId = [...fake.state.runs.keys()][0];

		const waitTool = runCheck('waitForCompletion', { toolWaitLimitSeconds: 1 });
		const waited = await call(fake, waitTool, { Technique: 'studio-shot', Run_ID: runId });
		expect(waited.items[0].json).toEqual(RUNNING(runId));

		fake.finishRun(runId);
		const done = await call(fake, waitTool, { Technique: 'studio-shot', Run_ID: runId });
		expect(done.items[0].json).toMatchObject({ status: 'completed', runId, chargedCost: 10 });
		expect(fake.state.runsCreated).toBe(1);
	});

	test('the model calls Create again with the same inputs in the same execution: the same run, no second charge', async () => {
		fake = await startHeldRuns();
		const parameters = await mapperCreate(fake, 'studio-shot', { toolWaitLimitSeconds: 1 });
		const sameExecution = { executionId: `agent-${randomUUID()}`, nodeId: randomUUID() };
		const args = { Product_Image__Image_URL_: IMAGE, Background__Text__optional_: '' };
		const first = await call(fake, parameters, args, sameExecution);
		const runId = first.items[0].json.runId;
		fake.finishRun(runId);
		const again = await call(fake, parameters, args, sameExecution);

		expect(again.items[0].json).toMatchObject({ status: 'completed', runId });
		expect(creates(fake)).toHaveLength(2);
		expect(fake.state.runsCreated).toBe(1);
		expect(fake.state.credits).toBe(100000 - 10);
	});

	test('a run that failed: Run → Get reports its error code and message', async () => {
		fake = await startFake();
		fake.queueRun({ outcome: 'failed', errorCode: 'nsfw_blocked', errorMessage: 'Content was blocked.' });
		const parameters = await mapperCreate(fake, 'studio-shot', { waitForCompletion: false });
		const created = await call(fake, parameters, { Product_Image__Image_URL_: IMAGE, Background__Text__optional_: '' });
		const runId = created.items[0].json.runId;
		fake.finishRun(runId);
		const checked = await call(fake, runCheck('get'), { Technique: 'studio-shot', Run_ID: runId });
		expect(checked.items[0].json).toEqual({
			status: 'failed',
			runId,
			technique: 'studio-shot',
			chargedCost: 0,
			errorCode: 'nsfw_blocked',
			errorMessage: 'Content was blocked.',
		});
	});
});

describe('Technique → Get as a tool', () => {
	test('the technique in a few hundred bytes: cost, inputs with type, required and description, outputs', async () => {
		fake = await startFake();
		const result = await call(fake, { resource: 'technique', operation: 'get', technique: fromAi('Technique') }, { Technique: 'studio-shot' });
		expect(result.items[0].json).toEqual({
			slug: 'studio-shot',
			name: 'Studio Shot',
			description: 'Turns any product into a studio-lit shoot',
			cost: 10,
			inputs: [
				{ id: 'product_image', name: 'Product Image', type: 'imageUrl', required: true, description: 'Photo of the product' },
				{ id: 'background', name: 'Background', type: 'text', required: false, description: 'e.g. soft grey sweep' },
			],
			outputs: [{ id: 'studio_image', type: 'imageUrl' }],
		});
		expect(JSON.stringify(result.items[0].json).length).toBeLessThan(500);
	});

	test('outside tool mode the output is unchanged (FLORA\'s whole technique)', async () => {
		fake = await startFake();
		const result = await run(fake, { resource: 'technique', operation: 'get', technique: locator('studio-shot') });
		expect(result.items[0].json).toEqual({ slug: 'studio-shot', ...fake.state.techniques.get('studio-shot') });
	});
});
