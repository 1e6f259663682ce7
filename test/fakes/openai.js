'use strict';
/**
 * A scripted OpenAI-compatible model on 127.0.0.1, for n8n's OpenAI Chat Model node (@langchain/openai):
 * POST /v1/chat/completions (Use Responses API off), POST /v1/responses (on, n8n's default) and
 * GET /v1/models (the node's model list). Nothing is generated: each conversation follows a script
 * the test queued, and the fake records exactly what the model was given.
 *
 *   const chat = fake.converse('Draw me a fox', [
 *     { call: 'Generate_image', args: { Prompt: '' } },                    // 1st answer: a tool call
 *     { call: 'Generate_image', args: (chat) => ({ Prompt: 'A fox' }) },  // call and args may be functions
 *     { answer: (chat) => `Here it is: ${chat.results.at(-1).json[0].result_url}` },
 *   ]);
 *   … run the workflow …
 *   chat.tools      // the tool list of its first request: [{ name, description, parameters }]
 *   chat.results    // each tool result as the model got it: { callId, name, content, json }
 *
 * A function gets the conversation so far (chat.results: what the model received) and runs when the
 * model "decides", right before the tool runs: the place to take an ID from a result, or to arm a
 * fault or a hold on a fake for exactly that call.
 *
 * A request without tool results starts the queued conversation with that user message (so
 * workflows may run in any order); a request with tool results belongs to the conversation whose
 * scripted call IDs it answers, and its step is the number of tool results it carries. Whatever
 * the script does not foresee is answered 400 with the reason, so the agent (and the workflow)
 * fails with it instead of the test waiting for something.
 */
const { createFakeServer, HttpError } = require('./core');

const DEFAULT_KEY = 'sk-fake-model-key';
const MODEL = 'gpt-fake-tools';

/** A message's text, whether the content is a string or a list of parts (chat: text, responses: input_text). */
function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : (part.text ?? ''))).join('');
	return '';
}

function parseJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** What one request gives the model, in one shape for both APIs. */
const readRequest = {
	chat(body) {
		const messages = body.messages ?? [];
		const callNames = new Map();
		for (const message of messages) {
			for (const call of message.tool_calls ?? []) callNames.set(call.id, call.function?.name);
		}
		return {
			tools: (body.tools ?? []).map(({ function: fn }) => ({ name: fn.name, description: fn.description, parameters: fn.parameters })),
			system: messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content)),
			user: messages.filter((m) => m.role === 'user').map((m) => textOf(m.content)),
			results: messages
				.filter((m) => m.role === 'tool')
				.map((m) => ({ callId: m.tool_call_id, name: callNames.get(m.tool_call_id), content: textOf(m.content) })),
		};
	},
	responses(body) {
		const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input ?? []);
		const callNames = new Map(input.filter((i) => i.type === 'function_call').map((i) => [i.call_id, i.name]));
		const messages = input.filter((i) => i.role && (i.type === undefined || i.type === 'message'));
		return {
			tools: (body.tools ?? [])
				.filter((tool) => tool.type === 'function')
				.map(({ name, description, parameters }) => ({ name, description, parameters })),
			system: [
				...(body.instructions ? [body.instructions] : []),
				...messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content)),
			],
			user: messages.filter((m) => m.role === 'user').map((m) => textOf(m.content)),
			results: input
				.filter((i) => i.type === 'function_call_output')
				.map((i) => ({ callId: i.call_id, name: callNames.get(i.call_id), content: textOf(i.output) })),
		};
	},
};

/** The model's answer in each API's response shape: a tool call or a text. */
const reply = {
	chat(id, step) {
		const message = step.call
			? {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: step.callId, type: 'function', function: { name: step.call, arguments: JSON.stringify(step.args) } }],
				}
			: { role: 'assistant', content: step.text, refusal: null };
		return {
			id: `chatcmpl-${id}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: MODEL,
			choices: [{ index: 0, message, logprobs: null, finish_reason: step.call ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
		};
	},
	responses(id, step) {
		const output = step.call
			? [{ type: 'function_call', id: `fc_${id}`, call_id: step.callId, name: step.call, arguments: JSON.stringify(step.args), status: 'completed' }]
			: [{ type: 'message', id: `msg_${id}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: step.text, annotations: [] }] }];
		return {
			id: `resp_${id}`,
			object: 'response',
			created_at: Math.floor(Date.now() / 1000),
			status: 'completed',
			error: null,
			incomplete_details: null,
			model: MODEL,
			output,
			parallel_tool_calls: true,
			usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
		};
	},
};

async function startOpenAiFake({ apiKey = DEFAULT_KEY } = {}) {
	const fake = createFakeServer({
		name: 'openai',
		rateLimitHeaders: 'none',
		errorBody: (status, message) => ({ error: { message, type: status === 401 ? 'invalid_request_error' : 'fake_model_error', code: null } }),
		authenticate(entry) {
			if (entry.headers.authorization !== `Bearer ${apiKey}`) throw new HttpError(401, 'Incorrect API key provided');
		},
	});
	const queued = [];
	const conversations = [];
	let answers = 0;

	function conversationFor(request) {
		if (!request.results.length) {
			const index = queued.findIndex((chat) => chat.userMessage === request.user[0]);
			if (index === -1) throw new HttpError(400, `fake model: no script for a conversation that starts with ${JSON.stringify(request.user[0])}`);
			const [next] = queued.splice(index, 1);
			conversations.push(next);
			return next;
		}
		const callId = request.results[0].callId;
		const found = conversations.find((chat) => chat.callIds.includes(callId));
		if (!found) throw new HttpError(400, `fake model: tool result for ${callId}, a call this fake never made`);
		return found;
	}

	function answer(api, body) {
		if (body.stream) throw new HttpError(400, 'fake model: streaming is not scripted');
		const request = readRequest[api](body);
		const chat = conversationFor(request);
		chat.requests.push({ api, body, ...request });
		chat.results = request.results.map((result) => ({ ...result, json: parseJson(result.content) }));
		const index = request.results.length;
		const scripted = chat.steps[index];
		if (!scripted) throw new HttpError(400, `fake model: the script has no step ${index + 1} (after ${index} tool results)`);
		const id = `${chat.number}_${++answers}`;
		let step;
		if (scripted.call) {
			const name = typeof scripted.call === 'function' ? scripted.call(chat) : scripted.call;
			const offered = request.tools.map((tool) => tool.name);
			if (!offered.includes(name)) {
				throw new HttpError(400, `fake model: the script calls "${name}" but the tools offered are ${JSON.stringify(offered)}`);
			}
			// args may be a function: it runs when the model "decides" to call, right before the tool runs.
			const args = typeof scripted.args === 'function' ? scripted.args(chat) : (scripted.args ?? {});
			step = { call: name, args, callId: chat.callIds[index] ?? `call_${id}` };
			chat.callIds[index] = step.callId;
			chat.calls[index] = { name: step.call, args, callId: step.callId };
		} else {
			step = { text: typeof scripted.answer === 'function' ? scripted.answer(chat) : scripted.answer };
			chat.answer = step.text;
		}
		return { status: 200, body: reply[api](id, step) };
	}

	fake.route('GET', '/v1/models', () => ({
		body: { object: 'list', data: [{ id: MODEL, object: 'model', created: 1700000000, owned_by: 'fake' }] },
	}));
	fake.route('POST', '/v1/chat/completions', (req) => answer('chat', req.body ?? {}));
	fake.route('POST', '/v1/responses', (req) => answer('responses', req.body ?? {}));

	/** Queues the script of the next conversation whose user message is `userMessage`; returns its record (filled in as it runs). */
	fake.converse = (userMessage, steps) => {
		const chat = {
			number: conversations.length + queued.length + 1,
			userMessage,
			steps,
			requests: [],
			callIds: [],
			calls: [],
			results: [],
			answer: undefined,
			/** The tool list the model was given (first request). */
			get tools() {
				return this.requests[0]?.tools ?? [];
			},
			/** Which API the agent's model node used. */
			get apis() {
				return [...new Set(this.requests.map((r) => r.api))];
			},
		};
		queued.push(chat);
		return chat;
	};
	fake.conversations = conversations;
	fake.apiKey = apiKey;
	fake.model = MODEL;
	await fake.listen();
	fake.baseUrl = `${fake.url}/v1`;
	return fake;
}

module.exports = { startOpenAiFake, DEFAULT_KEY, MODEL };
