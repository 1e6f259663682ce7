'use strict';
/**
 * The scripted model fake on its own, with request bodies shaped as @langchain/openai 1.4 sends them
 * from n8n 2.40.7's OpenAI Chat Model (Chat Completions and Responses, both seen in the agent e2e).
 */
const { startOpenAiFake, DEFAULT_KEY, MODEL } = require('./openai');

let fake;
beforeEach(async () => {
	fake = await startOpenAiFake();
});
afterEach(async () => {
	await fake.close();
});

const post = async (path, body, key = DEFAULT_KEY) => {
	const response = await fetch(`${fake.baseUrl}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: await response.json() };
};

const TOOL = { name: 'Generate_image', description: 'Makes an image. Prompt: what to draw.', parameters: { type: 'object', properties: { Prompt: { type: 'string' } }, required: ['Prompt'] } };

test('the model list, and 401 without the key', async () => {
	const models = await fetch(`${fake.baseUrl}/models`, { headers: { authorization: `Bearer ${DEFAULT_KEY}` } }).then((r) => r.json());
	expect(models.data.map((model) => model.id)).toEqual([MODEL]);
	const refused = await post('/chat/completions', { messages: [] }, 'sk-wrong');
	expect(refused).toEqual({ status: 401, body: { error: expect.objectContaining({ message: 'Incorrect API key provided' }) } });
});

test('Chat Completions: a tool call, then (with the tool result) the answer; the tools and the result are recorded', async () => {
	const chat = fake.converse('Draw a fox', [
		{ call: 'Generate_image', args: { Prompt: 'A fox' } },
		{ answer: (c) => `Here: ${c.results[0].json[0].url}` },
	]);
	const tools = [{ type: 'function', function: { ...TOOL, strict: false } }];
	const first = await post('/chat/completions', { model: 'gpt-5-mini', stream: false, tools, messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Draw a fox' }] });
	const [call] = first.body.choices[0].message.tool_calls;
	expect(first.body.choices[0].finish_reason).toBe('tool_calls');
	expect(call).toEqual({ id: expect.any(String), type: 'function', function: { name: 'Generate_image', arguments: '{"Prompt":"A fox"}' } });

	const second = await post('/chat/completions', {
		model: 'gpt-5-mini',
		tools,
		messages: [
			{ role: 'user', content: 'Draw a fox' },
			{ role: 'assistant', content: [], tool_calls: [call] },
			{ role: 'tool', content: '[{"url":"https://cdn.example.com/fox.png"}]', tool_call_id: call.id },
		],
	});
	expect(second.body.choices[0].message).toMatchObject({ role: 'assistant', content: 'Here: https://cdn.example.com/fox.png' });
	expect(chat.apis).toEqual(['chat']);
	expect(chat.tools).toEqual([TOOL]);
	expect(chat.requests[0].system).toEqual(['Be brief.']);
	expect(chat.results).toEqual([{ callId: call.id, name: 'Generate_image', content: '[{"url":"https://cdn.example.com/fox.png"}]', json: [{ url: 'https://cdn.example.com/fox.png' }] }]);
	expect(chat.answer).toBe('Here: https://cdn.example.com/fox.png');
});

test('Responses: function_call out, function_call_output in; the step a function of what the model got', async () => {
	const chat = fake.converse('Draw an owl', [
		{ call: () => 'Generate_image', args: () => ({ Prompt: 'An owl' }) },
		{ answer: (c) => `Got ${c.results.length} result` },
	]);
	const tools = [{ type: 'function', ...TOOL, strict: false }];
	const first = await post('/responses', { model: 'gpt-5-mini', tools, input: [{ type: 'message', role: 'user', content: 'Draw an owl' }] });
	const [call] = first.body.output;
	expect(call).toMatchObject({ type: 'function_call', name: 'Generate_image', arguments: '{"Prompt":"An owl"}', call_id: expect.any(String) });

	const second = await post('/responses', {
		model: 'gpt-5-mini',
		tools,
		input: [
			{ type: 'message', role: 'user', content: 'Draw an owl' },
			{ type: 'function_call', name: call.name, arguments: call.arguments, call_id: call.call_id },
			{ type: 'function_call_output', call_id: call.call_id, output: '[{"error":"Invalid \\"Prompt\\""}]' },
		],
	});
	expect(second.body.output).toEqual([expect.objectContaining({ type: 'message', content: [expect.objectContaining({ type: 'output_text', text: 'Got 1 result' })] })]);
	expect(chat.apis).toEqual(['responses']);
	expect(chat.results[0]).toMatchObject({ name: 'Generate_image', json: [{ error: 'Invalid "Prompt"' }] });
});

test('what the script does not foresee is a 400 naming it: an unscripted conversation, a tool not offered, a step too many', async () => {
	expect((await post('/chat/completions', { messages: [{ role: 'user', content: 'Hello?' }] })).body.error.message).toBe('fake model: no script for a conversation that starts with "Hello?"');

	fake.converse('Draw', [{ call: 'Missing_tool', args: {} }]);
	const missing = await post('/chat/completions', { tools: [{ type: 'function', function: TOOL }], messages: [{ role: 'user', content: 'Draw' }] });
	expect(missing).toEqual({ status: 400, body: { error: expect.objectContaining({ message: 'fake model: the script calls "Missing_tool" but the tools offered are ["Generate_image"]' }) } });

	fake.converse('Once', [{ call: 'Generate_image', args: {} }]);
	const tools = [{ type: 'function', function: TOOL }];
	const first = await post('/chat/completions', { tools, messages: [{ role: 'user', content: 'Once' }] });
	const [call] = first.body.choices[0].message.tool_calls;
	const again = await post('/chat/completions', { tools, messages: [{ role: 'user', content: 'Once' }, { role: 'assistant', tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '""' }] });
	expect(again.body.error.message).toBe('fake model: the script has no step 2 (after 1 tool results)');
});
