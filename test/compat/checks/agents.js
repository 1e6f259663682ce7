'use strict';
// The AI Agent examples 08–12 (AI Agent ← OpenAI Chat Model + the package's …Tool variants) in the
// running n8n, against the fake APIs and the scripted model (test/fakes/openai.js): per example one
// conversation that calls the node's main tool with valid arguments and answers from its result.
// The examples use AI Agent 3.1; an n8n without it (1.123, 2.0 offer only 3) runs them with the
// newest agent version it offers, and the record says so.
const {
	AGENT_EXAMPLES,
	AGENT_TYPE,
	CHAT_MODEL_TYPE,
	agentOf,
	agentScenario,
} = require('../../e2e/agent-examples');
const { versionsOffered } = require('./install');
const { startCheck } = require('../outcome');

/** A tool result as the model got it: the first row of the items (older agents may hand an object). */
const firstRow = (result) => (Array.isArray(result?.json) ? result.json[0] : result?.json);
const urlsIn = (text) => text.match(/https?:\/\/[^"\s\\]*[^"\s\\.,;)]/g) ?? [];
const userUrls = (chat) => urlsIn(chat.requests[0].user[0]);

/** Per example: tool parameters to change, the conversation, and what each tool result must carry. */
const SCENARIOS = {
	imageEditor: {
		steps: () => [
			{ call: 'Generate_image', args: { Prompt: 'A red fox curled up in fresh snow at dawn' } },
			{ answer: (chat) => `Fox: ${firstRow(chat.results[0])?.result_url}` },
		],
		results: [(row) => row?.status === 'completed' && Boolean(row.result_url)],
	},
	thumbnails: {
		steps: () => [
			{ call: 'Search_YouTube', args: { Query: 'hidden hiking trails alps', Limit: 3 } },
			{
				call: 'Make_thumbnails',
				args: (chat) => ({
					Video_Title: '10 Hidden Hiking Trails in the Alps',
					Prompt: 'A hiker on a hidden ridge trail',
					Image_Count: 2,
					YouTube_Reference_URLs: chat.results[0].json
						.map((video) => video.thumbnail_url)
						.join(','),
				}),
			},
			{ answer: (chat) => firstRow(chat.results[1])?.image_urls?.join(' ') },
		],
		results: [(row) => Boolean(row?.thumbnail_url), (row) => row?.image_urls?.length === 2],
	},
	voToImages: {
		tools: { 'Voiceover to images': { toolWaitLimitSeconds: 600 } },
		steps: () => [
			{
				call: 'Voiceover_to_images',
				args: (chat) => ({ Title: 'The History of the Lighthouse', Audio_URL: userUrls(chat)[0] }),
			},
			{ answer: (chat) => `${firstRow(chat.results[0])?.sentences_total} images` },
		],
		results: [(row) => row?.sentences_total === 4],
	},
	flora: {
		steps: () => [
			{
				call: 'Studio_shot',
				args: (chat) => ({
					Product_Image__Image_URL_: userUrls(chat)[0],
					Background__Text__optional_: 'soft grey paper sweep',
				}),
			},
			{ answer: (chat) => firstRow(chat.results[0])?.outputs?.[0]?.url },
		],
		results: [(row) => row?.status === 'completed' && row.outputs?.length === 1],
	},
	vidgen: {
		steps: () => [
			{
				call: 'Make_a_video',
				args: (chat) => ({ Image_URL: userUrls(chat)[0], Audio_URL: userUrls(chat)[1] }),
			},
			{ answer: (chat) => firstRow(chat.results[0])?.outputVideo },
		],
		results: [(row) => row?.status === 'COMPLETED' && Boolean(row.outputVideo)],
	},
};

/** The agent version to run an example with on this n8n: the example's own, else the newest offered. */
function agentVersionFor(example, nodeTypes) {
	const offered = versionsOffered(nodeTypes, AGENT_TYPE);
	const wanted = agentOf(example).typeVersion;
	return { wanted, offered, used: offered.includes(wanted) ? wanted : offered.at(-1) };
}

/** An example pointed at the fakes, its agent node at the version this n8n runs it with (recorded in check.measured). */
function agentWorkflow(key, { fakes, nodeTypes, check, tag, tools }) {
	const { workflow, userMessage } = agentScenario(AGENT_EXAMPLES[key], fakes, { tag, tools });
	const agent = agentOf(workflow);
	const versions = agentVersionFor(workflow, nodeTypes);
	check.measured.agentVersion = versions;
	if (versions.used === undefined) throw new Error(`this n8n offers no ${AGENT_TYPE}`);
	agent.typeVersion = versions.used;
	const model = workflow.nodes.find((node) => node.type === CHAT_MODEL_TYPE);
	check.that(
		`this n8n offers ${CHAT_MODEL_TYPE} ${model.typeVersion}`,
		versionsOffered(nodeTypes, CHAT_MODEL_TYPE).includes(model.typeVersion),
	);
	return { workflow, userMessage, agent, versions };
}

const agentNote = (versions) =>
	versions.used === versions.wanted
		? `AI Agent ${versions.used}`
		: `AI Agent ${versions.used} (this n8n has no ${versions.wanted})`;

async function agentExample(key, { session, fakes, nodeTypes }) {
	const check = startCheck();
	const scenario = SCENARIOS[key];
	const { workflow, userMessage, agent, versions } = agentWorkflow(key, {
		fakes,
		nodeTypes,
		check,
		tools: scenario.tools,
	});
	const chat = fakes.openai.converse(userMessage, scenario.steps());
	const run = await session.run(workflow);
	check.expect(
		'run',
		{ status: run.status, error: run.error },
		{ status: 'success', error: undefined },
	);
	check.measured.api = chat.apis;
	check.expect(
		'toolCalls',
		chat.calls.map((call) => call.name),
		scenario
			.steps()
			.filter((s) => s.call)
			.map((s) => s.call),
	);
	chat.results.forEach((result, index) => {
		check.that(
			`${result.name} result ${index + 1} is what the tool returns: ${result.content.slice(0, 300)}`,
			scenario.results[index]?.(firstRow(result)),
		);
	});
	check.expect('toolResults', chat.results.length, scenario.results.length);
	check.expect('agentOutput', run.outputs(agent.name)[0]?.json.output, chat.answer);
	return check.done(
		`${agentNote(versions)}: ${chat.calls.map((call) => call.name).join(', ')} answered the model`,
	);
}

const EMPTY_PROMPT = /^Invalid "Prompt": 0 characters\. Allowed: 1–10000 characters\.$/;

/**
 * Example 08's tool called with an empty Prompt, then with a good one (the tool node's On Error
 * set if given). The node refuses the first before any request: nothing empty may reach Flokan.
 */
async function emptyPromptThenGood({ session, fakes, nodeTypes }, check, { tag, onError }) {
	const { workflow, userMessage, versions } = agentWorkflow('imageEditor', {
		fakes,
		nodeTypes,
		check,
		tag,
	});
	if (onError) {
		workflow.nodes.find((node) => node.type.endsWith('.flokanImageEditorTool')).onError = onError;
	}
	const chat = fakes.openai.converse(userMessage, [
		{ call: 'Generate_image', args: { Prompt: '' } },
		{ call: 'Generate_image', args: { Prompt: 'A red fox curled up in fresh snow at dawn' } },
		{ answer: (chat) => `Fox: ${firstRow(chat.results[1])?.result_url}` },
	]);
	const run = await session.run(workflow);
	const prompts = fakes.flokan
		.requests('POST', '/api/v1/image-editor/process')
		.map((e) => e.body.prompt);
	check.expect('emptyPromptsSent', prompts.filter((prompt) => prompt === '').length, 0);
	return { chat, run, versions };
}

/** The model got the node's message as the first call's result, and its corrected call worked. */
function modelCorrectedTheCall(check, { chat, run, versions }) {
	check.that(
		`the model got the node's message: ${chat.results[0]?.content.slice(0, 300)}`,
		EMPTY_PROMPT.test(firstRow(chat.results[0])?.error ?? ''),
	);
	check.expect(
		'run',
		{ status: run.status, error: run.error },
		{ status: 'success', error: undefined },
	);
	check.that('the corrected call worked', firstRow(chat.results[1])?.status === 'completed');
	return check.done(
		`${agentNote(versions)}: the node's message reached the model, which corrected the call`,
	);
}

/**
 * A tool call with bad input, then a good one. Where the node's message (the field and the allowed
 * values) goes is n8n's: to the model as the tool's result (it can correct the call), or into the
 * workflow's error (the run ends there). Either way it must be the node's message.
 */
async function agentToolError(context) {
	const check = startCheck();
	const conversation = await emptyPromptThenGood(context, check, { tag: 'bad input' });
	const handedToModel = conversation.chat.results[0] !== undefined;
	check.measured.errorGoesTo = handedToModel ? 'the model' : 'the workflow';
	if (handedToModel) return modelCorrectedTheCall(check, conversation);
	const { run, versions } = conversation;
	check.expect('runStatus', run.status, 'error');
	check.that(
		`the run failed with the node's message: ${run.error}`,
		EMPTY_PROMPT.test(run.error ?? ''),
	);
	return check.done(
		`${agentNote(versions)}: the node's message ended the run (the model never saw it)`,
	);
}

/**
 * The same with the tool node set to On Error → Continue (the README's advice for n8n up to 2.15):
 * the node answers with the error as the tool's result, so on every version the model gets the
 * message and corrects the call.
 */
async function agentToolErrorContinued(context) {
	const check = startCheck();
	const conversation = await emptyPromptThenGood(context, check, {
		tag: 'bad input, On Error: Continue',
		onError: 'continueRegularOutput',
	});
	return modelCorrectedTheCall(check, conversation);
}

module.exports = {
	AGENT_SCENARIOS: SCENARIOS,
	agentExample,
	agentToolError,
	agentToolErrorContinued,
	agentVersionFor,
};
