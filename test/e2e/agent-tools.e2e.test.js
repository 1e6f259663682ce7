'use strict';
/**
 * Every action node as an AI Agent tool in a real n8n 2.40.7: the examples/08-… to 12-… workflows
 * (Manual Trigger → AI Agent with an OpenAI Chat Model and the node's `…Tool` variants, fields
 * filled by `$fromAI` as the editor's button writes them) run against the fake APIs and a scripted
 * OpenAI-compatible model (test/fakes/openai.js), and the assertions are on what the model received:
 * the tool list (names, descriptions, parameter schemas) and every tool result, byte for byte.
 *
 * All scenarios run in ONE n8n process (`n8n execute-batch`, run-batch.js), each in its own
 * conversation (the user message tells them apart). A scenario's script reacts to what the model
 * received (an ID is taken from the tool result it arrived in) and arms a fault or a held job on a
 * fake right before the tool call that meets it: nothing depends on timing. A job held by a fake
 * until the scripted status call releases it outlives a 1 s Tool Wait Limit by construction.
 *
 * How n8n 2.40.7 hands a tool's outcome to the model (AI Agent 3.1 in an execution: the agent asks
 * the engine to run the tool node; n8n-core's handleNodeExecutionError and the agent's buildSteps):
 * success → JSON.stringify of the output items' json (binary dropped), no items → `""`;
 * an error → `[{"error":"<error.message>"}]`, the message alone: no description, no "Details:".
 */
const fs = require('node:fs');
const path = require('node:path');
const { NodeHelpers } = require('n8n-workflow');
const { ensureRuntime, repoPackageTarball } = require('./n8n-process');
const { runWorkflows } = require('./run-batch');
const { startExampleFakes, exampleCredentials, PORTRAIT_JPEG, VOICEOVER_MP3 } = require('./examples-fakes');
const { AGENT_EXAMPLES, CHAT_MODEL_TYPE, agentOf, agentScenario } = require('./agent-examples');
const { loadExample, PACKAGE } = require('./examples-rewrite');
const { packageNodeDescriptions } = require('./package-nodes');
const { ACTION_NODES } = require('../toolMode/actionNodes');
const { occurrences } = require('../toolMode/asAgentTool');
const { paths } = require('../../scripts/n8n-env');
const vo = require('../fakes/flokan/voToImages');
const { BASE: IMAGE_EDITOR } = require('../imageEditor/helpers');
const { BASE: THUMBNAILS } = require('../fakes/flokan/thumbnailGenerator');

const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;
const HELD = { toolWaitLimitSeconds: 1 };
/** Large enough that only the job's end ends the wait, however busy the machine. */
const PATIENT = { toolWaitLimitSeconds: 600 };
const BASE64 = /base64|iVBORw0KGgo|\/9j\/4|[A-Za-z0-9+/=]{120,}/;
const FROM_AI = /^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('([A-Za-z0-9_-]{1,63})', ``, '(string|number|boolean|json)'\) \}\}$/;

const bytes = (text) => Buffer.byteLength(text, 'utf8');
/** Every URL in a text (a sentence's full stop is not part of it). */
const urlsIn = (text) => text.match(/https?:\/\/[^"\s\\]*[^"\s\\.,;)]/g) ?? [];
const userUrls = (chat) => urlsIn(chat.requests[0].user[0]);

/** A successful tool result: small, no file data, each URL once. */
function expectCompact(result, maxBytes) {
	expect(result.json).toEqual(expect.any(Array));
	expect(result.json[0]?.error).toBeUndefined();
	expect(bytes(result.content)).toBeLessThanOrEqual(maxBytes);
	expect(result.content).not.toMatch(BASE64);
	for (const url of new Set(urlsIn(result.content))) expect({ url, times: occurrences(result.content, url) }).toEqual({ url, times: 1 });
	return result.json;
}

/** A tool error as n8n 2.40.7 hands it to the model: [{"error": message}], nothing else. */
function errorMessageOf(result) {
	expect(result.json).toEqual([{ error: expect.any(String) }]);
	return result.json[0].error;
}

/** The tool as the model was shown it, with its parameter names and types. */
function toolOf(chat, name) {
	const tool = chat.tools.find((candidate) => candidate.name === name);
	expect(tool).toBeDefined();
	const types = Object.fromEntries(Object.entries(tool.parameters.properties).map(([key, schema]) => [key, schema.type]));
	return { ...tool, types };
}

/** The package's node a tool node is the variant of (…floraTool → flora). */
const baseNameOf = (node) => node.type.slice(PACKAGE.length + 1).replace(/Tool$/, '');

/** The operation module behind a tool node of an example: its toolDescription is what the model must see. */
function operationOf(workflow, nodeName) {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	return ACTION_NODES[baseNameOf(node)].operations[node.parameters.resource][node.parameters.operation];
}

describe('the AI Agent examples (static)', () => {
	const descriptions = new Map(packageNodeDescriptions().map((description) => [description.name, description]));

	test.each(Object.values(AGENT_EXAMPLES))('%s: Manual Trigger → AI Agent ← OpenAI Chat Model + this package\'s tools, $fromAI as the editor writes it', (file) => {
		const workflow = loadExample(file);
		const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
		const trigger = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger');
		expect(trigger).toHaveLength(1);
		const agent = agentOf(workflow);
		expect(agent).toMatchObject({ typeVersion: 3.1, parameters: { promptType: 'define', text: expect.any(String) } });
		expect(workflow.connections[trigger[0].name].main).toEqual([[{ node: agent.name, type: 'main', index: 0 }]]);

		const into = (type) =>
			Object.entries(workflow.connections)
				.filter(([, outputs]) => outputs[type]?.flat().some((connection) => connection.node === agent.name))
				.map(([from]) => byName.get(from));
		const [model] = into('ai_languageModel');
		expect(model).toMatchObject({ type: CHAT_MODEL_TYPE, typeVersion: 1.3, credentials: { openAiApi: { id: 'openAiApiExample', name: 'OpenAI' } } });
		const tools = into('ai_tool');
		expect(tools.length).toBeGreaterThanOrEqual(2);
		for (const tool of tools) {
			expect(tool.type).toMatch(new RegExp(`^${PACKAGE}\\.[a-zA-Z]+Tool$`));
			expect(Object.values(tool.credentials)[0].id).toMatch(/^(flokan|flora|vidgen)ApiExample$/);
			expect(typeof operationOf(workflow, tool.name).toolDescription).toBe('string');
			const description = descriptions.get(baseNameOf(tool));
			const resolved = NodeHelpers.getNodeParameters(description.properties, tool.parameters, true, false, tool, description);
			expect({ node: tool.name, unknown: Object.keys(tool.parameters).filter((name) => !(name in resolved)) }).toEqual({ node: tool.name, unknown: [] });
			const fromAi = JSON.stringify(tool.parameters).match(/"=\{\{[^"]*\$fromAI[^"]*"/g) ?? [];
			expect(fromAi.length).toBeGreaterThan(0);
			for (const expression of fromAi) expect(JSON.parse(expression)).toMatch(FROM_AI);
		}
		// Every node is connected, and the examples carry public sample addresses only.
		for (const node of workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote' && n !== agent)) {
			expect(Object.keys(workflow.connections)).toContain(node.name);
		}
		expect(JSON.stringify(workflow)).not.toMatch(/https?:\/\/(localhost|127\.0\.0\.1)|http:\/\//);
	});
});

describe('every action node as an AI Agent tool, in a real n8n', () => {
	let fakes;
	let results = {};
	const chats = {};
	const workflows = {};
	const sizes = [];

	/** One conversation: a copy of an example, its script queued on the fake model. */
	function scenario(key, file, options, steps) {
		const { workflow, userMessage } = agentScenario(file, fakes, options);
		workflows[key] = workflow;
		chats[key] = fakes.openai.converse(userMessage, steps);
	}

	/** The run of a scenario, failing with n8n's reason when it did not succeed. */
	function runOf(key) {
		const result = results[key];
		if (result?.error) throw new Error(`scenario ${key}: ${result.error}`);
		return result;
	}

	/** Every tool result of a scenario's conversation, with its size recorded for the report. */
	function resultsOf(key) {
		runOf(key);
		const chat = chats[key];
		for (const result of chat.results) sizes.push(`${key} ${result.name}: ${bytes(result.content)} B`);
		return chat.results;
	}

	/** The items each run of a tool node gave the agent carried no binary. */
	function expectNoBinary(key, nodeName) {
		const runs = runOf(key).run.data.resultData.runData[nodeName] ?? [];
		expect(runs.length).toBeGreaterThan(0);
		for (const nodeRun of runs) for (const item of nodeRun.data?.ai_tool?.[0] ?? []) expect(item.binary).toBeUndefined();
	}

	beforeAll(async () => {
		ensureRuntime();
		fakes = await startExampleFakes();
		const { flokan, flora, vidgen } = fakes;

		// Image Editor (Chat Completions): an empty prompt, a fox, an owl whose answer is lost (500 after the work), the job list.
		const FOX = 'A red fox curled up in fresh snow at dawn';
		const OWL = 'A snowy owl on a fence post at dusk';
		scenario('imageEditor', AGENT_EXAMPLES.imageEditor, {}, [
			{ call: 'Generate_image', args: { Prompt: '' } },
			{ call: 'Generate_image', args: { Prompt: FOX } },
			{
				call: 'Generate_image',
				args: () => {
					flokan.addFault({ method: 'POST', path: `${IMAGE_EDITOR}/process`, kind: '500', afterHandler: true });
					return { Prompt: OWL };
				},
			},
			{ call: 'List_recent_images', args: { Limit: 5 } },
			{
				answer: (chat) => {
					const owl = chat.results[3].json.find((job) => job.prompt?.startsWith(OWL));
					return `Fox: ${chat.results[1].json[0].result_url} Owl: ${owl?.result_url}`;
				},
			},
		]);
		// A Model Tier the user handed to the model by typing $fromAI into its expression: a wrong tier is answered with the allowed ones.
		scenario(
			'imageEditorTier',
			AGENT_EXAMPLES.imageEditor,
			{ tag: 'model tier', tools: { 'Generate image': { modelTier: "={{ $fromAI('Model_Tier', ``, 'string') }}" } } },
			[
				{ call: 'Generate_image', args: { Prompt: FOX, Model_Tier: 'ultra' } },
				{ call: 'Generate_image', args: { Prompt: FOX, Model_Tier: 'standard' } },
				{ answer: (chat) => `Fox: ${chat.results[1].json[0].result_url}` },
			],
		);

		// Thumbnail Generator (Responses): search, 6 images refused, 2 images after the search's thumbnails.
		const TITLE = '10 Hidden Hiking Trails in the Alps';
		const references = (chat) => chat.results[0].json.map((video) => video.thumbnail_url).join(',');
		scenario('thumbnails', AGENT_EXAMPLES.thumbnails, {}, [
			{ call: 'Search_YouTube', args: { Query: 'hidden hiking trails alps', Limit: 3 } },
			{ call: 'Make_thumbnails', args: (chat) => ({ Video_Title: TITLE, Prompt: 'A hiker on a hidden ridge trail', Image_Count: 6, YouTube_Reference_URLs: references(chat) }) },
			{ call: 'Make_thumbnails', args: (chat) => ({ Video_Title: TITLE, Prompt: 'A hiker on a hidden ridge trail', Image_Count: 2, YouTube_Reference_URLs: references(chat) }) },
			{ answer: (chat) => chat.results[2].json[0].image_urls.join(' ') },
		]);

		// VO to Images (Responses): 40 segments / 80 sentences in one answer.
		const VOICEOVER = (chat) => ({ Title: 'The History of the Lighthouse', Audio_URL: userUrls(chat)[0] });
		scenario('voToImages', AGENT_EXAMPLES.voToImages, { tools: { 'Voiceover to images': PATIENT } }, [
			{
				call: 'Voiceover_to_images',
				args: (chat) => {
					vo.configure(flokan, { segments: 40, sentencesPerSegment: 2, holdJobs: false });
					return VOICEOVER(chat);
				},
			},
			{ answer: (chat) => `${chat.results[0].json[0].sentences_total} images, the first: ${chat.results[0].json[0].sentences[0].image_url}` },
		]);
		// VO held past the Tool Wait Limit: running + projectId, then the tool its nextStep names finishes it.
		scenario('voToImagesHeld', AGENT_EXAMPLES.voToImages, { tag: 'held', tools: { 'Voiceover to images': HELD } }, [
			{
				call: 'Voiceover_to_images',
				args: (chat) => {
					vo.configure(flokan, { segments: 2, sentencesPerSegment: 2, holdJobs: true });
					return VOICEOVER(chat);
				},
			},
			{
				// Where the limit struck (between pipeline steps or in the wait for the images) depends on
				// the machine; the model follows whichever next step it was given.
				call: (chat) => (/Continue Existing Project/.test(chat.results[0].json[0].nextStep) ? 'Continue_a_project' : 'Wait_for_the_images'),
				args: (chat) => {
					vo.configure(flokan, { holdJobs: false });
					return { Project: chat.results[0].json[0].projectId };
				},
			},
			{ answer: (chat) => `${chat.results[1].json[0].sentences_total} images` },
		]);

		// FLORA (Chat Completions): an input on a host FLORA refuses, then the user's URL.
		const SNEAKER = (chat) => ({ Product_Image__Image_URL_: userUrls(chat)[0], Background__Text__optional_: 'soft grey paper sweep' });
		scenario('flora', AGENT_EXAMPLES.flora, {}, [
			{ call: 'Studio_shot', args: { Product_Image__Image_URL_: 'https://example.com/sneaker.png', Background__Text__optional_: '' } },
			{ call: 'Studio_shot', args: SNEAKER },
			{ answer: (chat) => chat.results[1].json[0].outputs[0].url },
		]);
		// FLORA run held past the Tool Wait Limit: running + runId; Check a run with that runId once it finished.
		scenario('floraHeld', AGENT_EXAMPLES.flora, { tag: 'held', tools: { 'Studio shot': HELD } }, [
			{
				call: 'Studio_shot',
				args: (chat) => {
					flora.queueRun({ pendingMs: 0, runningMs: Infinity });
					return { ...SNEAKER(chat), Background__Text__optional_: 'white seamless' };
				},
			},
			{
				call: 'Check_a_run',
				args: (chat) => {
					const { runId } = chat.results[0].json[0];
					if (runId) flora.finishRun(runId);
					return { Run_ID: runId };
				},
			},
			{ answer: (chat) => chat.results[1].json[0].outputs[0].url },
		]);

		// Vidgen (Responses): an empty Audio URL, then the portrait and voiceover URLs from the user's message.
		const FILES = (chat) => ({ Image_URL: userUrls(chat)[0], Audio_URL: userUrls(chat)[1] });
		scenario('vidgen', AGENT_EXAMPLES.vidgen, {}, [
			{ call: 'Make_a_video', args: (chat) => ({ ...FILES(chat), Audio_URL: '' }) },
			{ call: 'Make_a_video', args: FILES },
			{ answer: (chat) => chat.results[1].json[0].outputVideo },
		]);
		scenario('vidgenHeld', AGENT_EXAMPLES.vidgen, { tag: 'held', tools: { 'Make a video': HELD } }, [
			{
				call: 'Make_a_video',
				args: (chat) => {
					vidgen.planNextJob({ pendingMs: 0, processingMs: Infinity });
					return FILES(chat);
				},
			},
			{
				call: 'Check_a_video',
				args: (chat) => {
					const { jobId } = chat.results[0].json[0];
					if (jobId) vidgen.finishJob(jobId);
					return { Job: jobId };
				},
			},
			{ answer: (chat) => chat.results[1].json[0].outputVideo },
		]);
		// A URL the model got wrong: the message names the field, the URL and the HTTP status.
		scenario('vidgenMissing', AGENT_EXAMPLES.vidgen, { tag: 'missing file' }, [
			{ call: 'Make_a_video', args: (chat) => ({ ...FILES(chat), Audio_URL: `${fakes.media.url}/media/missing.mp3` }) },
			{ answer: 'The voiceover URL does not work.' },
		]);
		// A host that does not resolve (.invalid never does): the message still names the field and the URL.
		scenario('vidgenUnresolvable', AGENT_EXAMPLES.vidgen, { tag: 'unresolvable host' }, [
			{ call: 'Make_a_video', args: (chat) => ({ ...FILES(chat), Audio_URL: 'https://media.example.invalid/voiceover.mp3' }) },
			{ answer: 'The voiceover URL does not work.' },
		]);
		// The example as published (Allow Private Network URLs off): 127.0.0.1 is refused before anything is fetched.
		scenario('vidgenPrivate', AGENT_EXAMPLES.vidgen, { tag: 'private URLs', privateUrls: false }, [
			{ call: 'Make_a_video', args: FILES },
			{ answer: 'I could not fetch those files.' },
		]);

		const started = Date.now();
		results = await runWorkflows({
			workflows: Object.entries(workflows).map(([key, workflow]) => ({ key, workflow })),
			credentials: exampleCredentials(fakes),
			packages: [repoPackageTarball()],
		});
		console.log(`agent e2e: ${Object.keys(workflows).length} workflows in one n8n batch, ${Math.round((Date.now() - started) / 1000)} s`);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await fakes?.close();
		if (sizes.length) console.log(`what the model received per tool call:\n${sizes.join('\n')}`);
		// E2E_AGENT_TRANSCRIPTS=<file>: every conversation as the model saw it (tools, calls, results, answer).
		if (process.env.E2E_AGENT_TRANSCRIPTS) {
			const transcripts = Object.fromEntries(
				Object.entries(chats).map(([key, chat]) => [key, { apis: chat.apis, tools: chat.tools, calls: chat.calls, results: chat.results.map(({ name, content }) => ({ name, content })), answer: chat.answer }]),
			);
			fs.writeFileSync(process.env.E2E_AGENT_TRANSCRIPTS, JSON.stringify(transcripts, null, 2));
		}
	});

	test('the examples use n8n 2.40.7\'s current AI Agent and OpenAI Chat Model versions', () => {
		const langchain = path.join(paths().n8nDir, 'node_modules', '@n8n', 'n8n-nodes-langchain', 'dist', 'nodes');
		const agentSource = fs.readFileSync(path.join(langchain, 'agents', 'Agent', 'Agent.node.js'), 'utf8');
		const modelSource = fs.readFileSync(path.join(langchain, 'llms', 'LMChatOpenAi', 'LmChatOpenAi.node.js'), 'utf8');
		const agentVersion = Number(agentSource.match(/defaultVersion: ([\d.]+)/)[1]);
		const modelVersions = JSON.parse(modelSource.match(/version: (\[[\d., ]+\])/)[1]);
		for (const file of Object.values(AGENT_EXAMPLES)) {
			const workflow = loadExample(file);
			expect(agentOf(workflow).typeVersion).toBe(agentVersion);
			expect(workflow.nodes.find((node) => node.type === CHAT_MODEL_TYPE).typeVersion).toBe(Math.max(...modelVersions));
		}
	});

	test('Image Editor: the model-written descriptions; an empty prompt answered with the allowed range; the image URL once; a lost paid answer not re-sent, with the advice; the job list finds it', () => {
		const [empty, fox, owl, list] = resultsOf('imageEditor');
		const chat = chats.imageEditor;
		expect(chat.apis).toEqual(['chat']);
		const generate = toolOf(chat, 'Generate_image');
		expect(generate.description).toBe(operationOf(workflows.imageEditor, 'Generate image').toolDescription);
		expect(generate.types).toEqual({ Prompt: 'string' });
		const jobs = toolOf(chat, 'List_recent_images');
		expect(jobs.description).toBe(operationOf(workflows.imageEditor, 'List recent images').toolDescription);
		expect(jobs.types).toEqual({ Limit: 'number' });

		expect(errorMessageOf(empty)).toMatch(/^Invalid "Prompt": 0 characters\. Allowed: 1–10000 characters\.$/);
		const [image] = expectCompact(fox, 400);
		expect(image).toMatchObject({ status: 'completed', job_id: expect.any(String), result_url: expect.stringMatching(/^http/), result_image_id: expect.any(String), credits_consumed: expect.any(Number) });
		const lost = errorMessageOf(owl);
		expect(lost).toMatch(/HTTP 500/);
		expect(lost).toMatch(/not sent again/);
		expect(lost).toMatch(/Check Job → Get Many/);
		const rows = expectCompact(list, 4000);
		expect(rows.length).toBeLessThanOrEqual(5);
		const owlJob = rows.find((row) => row.prompt?.startsWith('A snowy owl'));
		expect(owlJob).toMatchObject({ status: 'completed', result_url: expect.stringMatching(/^http/) });

		const prompts = fakes.flokan.requests('POST', `${IMAGE_EDITOR}/process`).map((entry) => entry.body.prompt);
		expect(prompts.filter((prompt) => prompt === '')).toEqual([]);
		expect(prompts.filter((prompt) => prompt.startsWith('A snowy owl'))).toHaveLength(1);
		expect(runOf('imageEditor').outputs('AI Agent')[0].json.output).toBe(`Fox: ${image.result_url} Owl: ${owlJob.result_url}`);
		expectNoBinary('imageEditor', 'Generate image');
	});

	test('Image Editor: a Model Tier the model fills is answered, when unknown, with the allowed tiers; the corrected call works', () => {
		const [wrong, right] = resultsOf('imageEditorTier');
		expect(toolOf(chats.imageEditorTier, 'Generate_image').types).toEqual({ Prompt: 'string', Model_Tier: 'string' });
		const message = errorMessageOf(wrong);
		expect(message).toMatch(/^Invalid "Model Tier": "ultra"/);
		expect(message).toMatch(/Allowed: .*pro.*standard/);
		expect(expectCompact(right, 400)[0]).toMatchObject({ status: 'completed', model_tier: 'standard' });
	});

	test('Thumbnail Generator: search rows bounded; an Image Count of 6 answered with 1–4 before any request; the thumbnails made after the searched references, each URL once', () => {
		const [search, tooMany, made] = resultsOf('thumbnails');
		const chat = chats.thumbnails;
		expect(chat.apis).toEqual(['responses']);
		expect(toolOf(chat, 'Search_YouTube')).toMatchObject({ description: operationOf(workflows.thumbnails, 'Search YouTube').toolDescription, types: { Query: 'string', Limit: 'number' } });
		expect(toolOf(chat, 'Make_thumbnails')).toMatchObject({
			description: operationOf(workflows.thumbnails, 'Make thumbnails').toolDescription,
			types: { Video_Title: 'string', Prompt: 'string', Image_Count: 'number', YouTube_Reference_URLs: 'string' },
		});

		const videos = expectCompact(search, 2000);
		expect(videos).toHaveLength(3);
		for (const video of videos) expect(video.thumbnail_url).toMatch(/^http/);
		expect(errorMessageOf(tooMany)).toMatch(/^Invalid "Image Count": 6 .*Allowed: .*\b1\b.*\b4\b/);
		const [generation] = expectCompact(made, 1000);
		expect(generation).toMatchObject({ status: 'completed', generation_id: expect.any(String) });
		expect(generation.image_urls).toHaveLength(2);

		const generates = fakes.flokan.requests('POST', `${THUMBNAILS}/generate`).filter((entry) => entry.body.video_title === '10 Hidden Hiking Trails in the Alps');
		expect(generates.map((entry) => entry.body)).toEqual([
			expect.objectContaining({ image_count: 2, youtube_references: videos.map((video) => video.thumbnail_url) }),
		]);
		expectNoBinary('thumbnails', 'Make thumbnails');
	});

	test('VO to Images: 40 segments / 80 sentences answered in at most 16 kB, every image URL once', () => {
		const [pipeline] = resultsOf('voToImages');
		const chat = chats.voToImages;
		expect(chat.apis).toEqual(['responses']);
		expect(toolOf(chat, 'Voiceover_to_images')).toMatchObject({
			description: operationOf(workflows.voToImages, 'Voiceover to images').toolDescription,
			types: { Title: 'string', Audio_URL: 'string' },
		});
		expect(toolOf(chat, 'Wait_for_the_images').types).toEqual({ Project: 'string' });
		expect(toolOf(chat, 'Continue_a_project').types).toEqual({ Project: 'string' });

		const [project] = expectCompact(pipeline, 16000);
		expect(project).toMatchObject({ status: 'complete', projectId: expect.any(String), sentences_total: 80, sentences_returned: 80 });
		const files = vo.getProject(fakes.flokan, project.projectId).sentences.map((sentence) => `vo-${sentence.imageJobs.at(-1).id}.png`);
		expect(files).toHaveLength(80);
		for (const file of files) expect(occurrences(pipeline.content, file)).toBe(1);
		expect(fakes.flokan.requests('POST', `${vo.BASE}/projects/${project.projectId}/audio`)[0].body).toEqual({ audio_url: userUrls(chat)[0] });
		expectNoBinary('voToImages', 'Voiceover to images');
	});

	test('VO to Images: held past the Tool Wait Limit → running + projectId; the tool its next step names finishes it without starting anything twice', () => {
		const [running, finished] = resultsOf('voToImagesHeld');
		const [first] = expectCompact(running, 2000);
		expect(first).toMatchObject({ status: 'running', projectId: expect.any(String), message: expect.stringContaining(first.projectId) });
		expect(first.nextStep).toMatch(/Run Pipeline and Wait \(Project: Continue Existing Project\)|Wait for Completion/);
		const chat = chats.voToImagesHeld;
		expect(chat.calls[1].args).toEqual({ Project: first.projectId });
		expect(expectCompact(finished, 16000)[0]).toMatchObject({ status: 'complete', projectId: first.projectId, sentences_returned: 4 });
		expect(fakes.flokan.requests('POST', `${vo.BASE}/projects`).filter((entry) => entry.body.title === 'The History of the Lighthouse')).toHaveLength(2);
		expect(fakes.flokan.requests('POST', `${vo.BASE}/projects/${first.projectId}/finalize`)).toHaveLength(1);
		expect(fakes.flokan.requests('POST', new RegExp(`/projects/${first.projectId}/segments/[^/]+/prompts$`))).toHaveLength(2);
	});

	test('FLORA: the Run → Create description (not n8n\'s "Create a run in FLORA"), one typed parameter per mapped input; a refused host answered with every input; the output URL once', () => {
		const [refused, done] = resultsOf('flora');
		const chat = chats.flora;
		expect(chat.apis).toEqual(['chat']);
		const create = toolOf(chat, 'Studio_shot');
		expect(create.description).toBe(operationOf(workflows.flora, 'Studio shot').toolDescription);
		expect(create.description).not.toMatch(/^Create a run in FLORA/);
		expect(create.types).toEqual({ Product_Image__Image_URL_: 'string', Background__Text__optional_: 'string' });
		expect(toolOf(chat, 'Check_a_run')).toMatchObject({ description: operationOf(workflows.flora, 'Check a run').toolDescription, types: { Run_ID: 'string' } });

		const message = errorMessageOf(refused);
		expect(message).toMatch(/^Invalid "Inputs → Product Image \(Image URL\)": the host "example\.com" is not one FLORA accepts media from\./);
		expect(message).toContain('Technique studio-shot (Studio Shot) takes product_image');
		expect(message).toContain('media.flora.ai, storage.googleapis.com, Amazon S3 or ik.imagekit.io');
		const [run] = expectCompact(done, 1000);
		expect(run).toMatchObject({ status: 'completed', runId: expect.any(String), technique: 'studio-shot', chargedCost: expect.any(Number) });
		expect(run.outputs).toEqual([{ id: 'studio_image', type: 'imageUrl', url: expect.stringMatching(/^http/) }]);
		const creates = fakes.flora.requests('POST', '/api/v1/techniques/studio-shot/runs');
		expect(creates.filter((entry) => entry.body.inputs.some((input) => input.value === 'https://example.com/sneaker.png'))).toEqual([]);
		expectNoBinary('flora', 'Studio shot');
	});

	test('FLORA: a run held past the Tool Wait Limit → running + runId; Check a run with the runId the model got finishes it', () => {
		const [running, checked] = resultsOf('floraHeld');
		const [first] = expectCompact(running, 1000);
		expect(first).toEqual({ status: 'running', runId: expect.any(String), message: expect.stringMatching(/still running after waiting 1 s/), nextStep: expect.stringMatching(/Run → Get/) });
		expect(chats.floraHeld.calls[1].args).toEqual({ Run_ID: first.runId });
		const [run] = expectCompact(checked, 1000);
		expect(run).toMatchObject({ status: 'completed', runId: first.runId, outputs: [expect.objectContaining({ url: expect.stringMatching(/^http/) })] });
		const creates = fakes.flora.requests('POST', '/api/v1/techniques/studio-shot/runs');
		expect(creates.filter((entry) => entry.body.inputs.some((input) => input.value === 'white seamless'))).toHaveLength(1);
	});

	test('Vidgen from URLs: an empty Audio URL answered with the allowed length; the files fetched from the URLs the user gave and uploaded; the video URL once', () => {
		const [empty, made] = resultsOf('vidgen');
		const chat = chats.vidgen;
		expect(chat.apis).toEqual(['responses']);
		expect(toolOf(chat, 'Make_a_video')).toMatchObject({ description: operationOf(workflows.vidgen, 'Make a video').toolDescription, types: { Image_URL: 'string', Audio_URL: 'string' } });
		expect(toolOf(chat, 'Check_a_video')).toMatchObject({ description: operationOf(workflows.vidgen, 'Check a video').toolDescription, types: { Job: 'string' } });

		expect(errorMessageOf(empty)).toBe('Invalid "Audio URL": 0 characters. Allowed: 1–8000 characters.');
		const [video] = expectCompact(made, 400);
		expect(video).toMatchObject({ status: 'COMPLETED', jobId: expect.any(String), outputVideo: expect.stringMatching(/^http/) });
		const job = fakes.vidgen.state.jobs.find((candidate) => candidate.id === video.jobId);
		expect(job.files.image.data.equals(PORTRAIT_JPEG)).toBe(true);
		expect(job.files.audio.data.equals(VOICEOVER_MP3)).toBe(true);
		expect(userUrls(chat)).toEqual([fakes.media.imageUrl, fakes.media.audioUrl]);
		expectNoBinary('vidgen', 'Make a video');
	});

	test('Vidgen: a job held past the Tool Wait Limit → running + jobId; Check a video with that jobId finishes it', () => {
		const [running, checked] = resultsOf('vidgenHeld');
		const [first] = expectCompact(running, 400);
		expect(first).toEqual({ status: 'running', jobId: expect.any(String), message: expect.stringMatching(/still running after waiting 1 s/), nextStep: 'To check it, use Job → Get Status with this job ID.' });
		expect(chats.vidgenHeld.calls[1].args).toEqual({ Job: first.jobId });
		expect(expectCompact(checked, 400)[0]).toMatchObject({ jobId: first.jobId, status: 'COMPLETED', outputVideo: expect.stringMatching(/^http/) });
	});

	test('Vidgen: a URL that answers 404 is named with its field and status; nothing submitted', () => {
		const [missing] = resultsOf('vidgenMissing');
		expect(errorMessageOf(missing)).toMatch(/^Could not download the Audio URL http:\/\/127\.0\.0\.1:\d+\/media\/missing\.mp3: HTTP 404/);
	});

	// n8n swaps an error message that mentions ENOTFOUND for "The connection cannot be established, …"
	// (without the field or the URL) unless the node sets it back: only a real n8n shows it.
	test('Vidgen: a host that does not resolve is named with its field and URL; nothing submitted', () => {
		const [unresolvable] = resultsOf('vidgenUnresolvable');
		expect(errorMessageOf(unresolvable)).toMatch(/^Could not download the Audio URL https:\/\/media\.example\.invalid\/voiceover\.mp3: /);
	});

	test('Vidgen as published (Allow Private Network URLs off): a 127.0.0.1 URL is refused, naming the option; nothing fetched', () => {
		const [refused] = resultsOf('vidgenPrivate');
		expect(errorMessageOf(refused)).toMatch(/^Invalid "Image URL": http:\/\/127\.0\.0\.1:\d+\/media\/portrait\.jpg points at a loopback address \(127\.0\.0\.1\)\. Allowed: .*Allow Private Network URLs/);
	});

	test('no tool downloaded anything: the fakes saw API calls only (results, images and videos stay URLs)', () => {
		for (const key of Object.keys(workflows)) runOf(key);
		const notApi = (fake, allowed) => fake.log.filter((entry) => !allowed.test(entry.path)).map((entry) => `${entry.method} ${entry.path}`);
		expect(notApi(fakes.flokan, /^\/api\//)).toEqual([]);
		expect(notApi(fakes.flora, /^\/api\//)).toEqual([]);
		expect(notApi(fakes.vidgen, /^\/api\//)).toEqual([]);
		// The media host served Vidgen's inputs only: the voiceover once per job made from it.
		const media = fakes.media.requests('GET').map((entry) => entry.path);
		expect(media.filter((file) => !['/media/portrait.jpg', '/media/voiceover.mp3', '/media/missing.mp3'].includes(file))).toEqual([]);
		expect(media.filter((file) => file === '/media/voiceover.mp3')).toHaveLength(2);
	});
});
