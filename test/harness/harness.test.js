'use strict';
// Proves the harness with throwaway nodes defined here (plain JS INodeType classes).
const http = require('node:http');
const { createHmac } = require('node:crypto');
const { NodeApiError, NodeOperationError, sleep } = require('n8n-workflow');
const { runNode, runWebhook, runUntilWait } = require('./index');

class HarnessApi {
	name = 'harnessApi';
	displayName = 'Harness API';
	properties = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://api.example.test' },
	];
	authenticate = { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } } };
}

class EchoNode {
	description = {
		displayName: 'Harness Echo',
		name: 'harnessEcho',
		group: ['transform'],
		version: 1,
		description: 'Throwaway node for the harness tests',
		defaults: { name: 'Harness Echo' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'harnessApi', required: true }],
		properties: [
			{
				displayName: 'Action',
				name: 'action',
				type: 'options',
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Sleep', value: 'sleep' },
					{ name: 'Fail', value: 'fail' },
				],
				default: 'call',
			},
			{ displayName: 'Message', name: 'message', type: 'string', default: '' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
			{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data' },
		],
	};

	async execute() {
		const output = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			try {
				const action = this.getNodeParameter('action', i);
				if (action === 'fail') {
					throw new NodeOperationError(this.getNode(), 'Message is required', { itemIndex: i, description: 'Set "Message"' });
				}
				if (action === 'sleep') {
					await sleep(10_000, this.getExecutionCancelSignal());
					output.push({ json: { slept: true } });
					continue;
				}
				const message = this.getNodeParameter('message', i);
				const { baseUrl } = await this.getCredentials('harnessApi');
				this.logger.debug('Calling the echo API', { message });
				const response = await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
					method: 'POST',
					url: `${baseUrl}${this.getNodeParameter('path', i)}`,
					body: { message },
					json: true,
				});
				const field = this.getNodeParameter('binaryPropertyName', i);
				const meta = this.helpers.assertBinaryData(i, field);
				const input = meta.id
					? await this.helpers.binaryToBuffer(await this.helpers.getBinaryStream(meta.id))
					: await this.helpers.getBinaryDataBuffer(i, field);
				const upper = await this.helpers.prepareBinaryData(Buffer.from(input.toString().toUpperCase()), 'upper.txt', 'text/plain');
				output.push({
					json: { message, authorization: response.authorization, readVia: meta.id ? 'stream' : 'buffer' },
					binary: { data: upper },
					pairedItem: { item: i },
				});
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [output];
	}
}

class CallbackNode {
	description = {
		displayName: 'Harness Callback',
		name: 'harnessCallback',
		group: ['transform'],
		version: 1,
		description: 'Waits for a signed callback',
		defaults: { name: 'Harness Callback' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'harnessApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '', restartWebhook: true }],
		properties: [],
	};

	async execute() {
		const resumeUrl = this.evaluateExpression('{{ $execution.resumeUrl }}', 0);
		await this.putExecutionToWait(new Date(Date.now() + 60_000));
		return [this.getInputData().map((item) => ({ json: { ...item.json, resumeUrl } }))];
	}

	async webhook() {
		const request = this.getRequestObject();
		const { apiKey } = await this.getCredentials('harnessApi');
		const expected = createHmac('sha256', apiKey).update(request.rawBody).digest('hex');
		if (request.headers['x-signature'] !== expected) {
			this.getResponseObject().status(401).json({ error: 'Invalid signature' });
			return { noWebhookResponse: true };
		}
		this.logger.debug('Callback signature verified');
		// n8n answers a webhook that starts or resumes a run with its responseData ('firstEntryJson'
		// text by default), not with webhookResponse: a node that wants a JSON answer writes it.
		this.getResponseObject().status(200).json({ received: true });
		return { workflowData: [[{ json: this.getBodyData() }]], noWebhookResponse: true };
	}
}

const credentialTypes = [HarnessApi];
let server;
let baseUrl;
const requests = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			requests.push({ path: req.url, headers: req.headers, body });
			const status = req.url === '/fail' ? 422 : 200;
			const payload = status === 200 ? { authorization: req.headers.authorization } : { message: 'The prompt is too long' };
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${server.address().port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const textItem = (json, text = 'hello') => ({
	json,
	binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'text/plain', fileName: 'in.txt' } },
});
const echo = (overrides = {}) => ({
	node: EchoNode,
	credentials: { harnessApi: { apiKey: 'k_123', baseUrl } },
	credentialTypes,
	parameters: { message: '={{ $json.name.toUpperCase() }}' },
	items: [textItem({ name: 'ada' })],
	...overrides,
});

describe('runNode', () => {
	test('applies the credential type authenticate header, resolves expressions, captures logs', async () => {
		const result = await runNode(echo());
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ message: 'ADA', authorization: 'Bearer k_123' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(requests.at(-1).headers.authorization).toBe('Bearer k_123');
		expect(result.logs).toContainEqual({ level: 'debug', message: 'Calling the echo API', meta: { message: 'ADA' } });
	});

	test.each(['default', 'filesystem'])('reads and writes binary data in %s mode', async (binaryMode) => {
		const result = await runNode(echo({ binaryMode, items: [textItem({ name: 'a' }, 'abc'), textItem({ name: 'b' }, 'xyz')] }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.readVia).toBe(binaryMode === 'filesystem' ? 'stream' : 'buffer');
		expect(result.items[1].binary.data).toMatchObject({ mimeType: 'text/plain', fileName: 'upper.txt' });
		if (binaryMode === 'filesystem') expect(result.items[1].binary.data.id).toMatch(/^filesystem/);
		expect((await result.binaryAsBuffer(result.items[1], 'data')).toString()).toBe('XYZ');
	});

	test('returns the NodeOperationError the node threw', async () => {
		const result = await runNode(echo({ parameters: { action: 'fail' } }));
		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error).toMatchObject({ message: 'Message is required', description: 'Set "Message"' });
		expect(result.items).toEqual([]);
	});

	test('returns the NodeApiError of a failed API call with its HTTP status', async () => {
		const result = await runNode(echo({ parameters: { message: 'x', path: '/fail' } }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.httpCode).toBe('422');
	});

	test('continueOnFail turns the error into an output item', async () => {
		const result = await runNode(echo({ parameters: { action: 'fail' }, continueOnFail: true }));
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { error: 'Message is required' }, pairedItem: { item: 0 } }]);
	});

	test('cancelling the execution aborts the node promptly', async () => {
		const started = Date.now();
		const result = await runNode(echo({ parameters: { action: 'sleep' }, cancelAfterMs: 100 }));
		expect(result.cancelled).toBe(true);
		expect(result.msAfterCancel).toBeLessThan(2000);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.items).toEqual([]);
	});
});

describe('webhooks', () => {
	const sign = (body, key = 'k_123') => createHmac('sha256', key).update(JSON.stringify(body)).digest('hex');
	const callback = { node: CallbackNode, credentials: { harnessApi: { apiKey: 'k_123' } }, credentialTypes };

	test('runWebhook answers a started run as n8n does: responseData, which defaults to the text firstEntryJson', async () => {
		const node = new (class extends CallbackNode {
			async webhook() {
				return { workflowData: [[{ json: this.getBodyData() }]], webhookResponse: { ignored: true } };
			}
		})();
		const answer = await runWebhook({ ...callback, node, request: { method: 'POST', headers: {}, body: { a: 1 } } });
		expect(answer.response).toMatchObject({ statusCode: 200, body: 'firstEntryJson' });
	});

	test('runWebhook returns what the node wrote to the response', async () => {
		const body = { status: 'done' };
		const { response, webhookResponse } = await runWebhook({
			...callback,
			request: { method: 'POST', headers: { 'X-Signature': 'forged' }, body },
		});
		expect(response).toMatchObject({ statusCode: 401, body: { error: 'Invalid signature' } });
		expect(webhookResponse).toEqual({ noWebhookResponse: true });

		const accepted = await runWebhook({ ...callback, request: { method: 'POST', headers: { 'x-signature': sign(body) }, body } });
		expect(accepted.response).toMatchObject({ statusCode: 200, body: { received: true } });
		expect(accepted.webhookResponse.workflowData).toEqual([[{ json: body }]]);
	});

	test('runUntilWait waits, rejects a forged callback, then resumes on a signed one', async () => {
		const waiting = await runUntilWait({ ...callback, items: [{ json: { job: 7 } }] });
		expect(waiting.status).toBe('waiting');
		expect(waiting.waitTill).toBeInstanceOf(Date);
		expect(waiting.resumeUrl).toMatch(new RegExp(`^https://n8n\\.test/webhook-waiting/${waiting.executionId}\\b`));
		expect(waiting.items[0].json).toEqual({ job: 7, resumeUrl: waiting.resumeUrl });

		const body = { job: 7, status: 'done' };
		const forged = await waiting.resume({ method: 'POST', headers: { 'x-signature': sign(body, 'wrong') }, body });
		expect(forged.resumed).toBe(false);
		expect(forged.response.statusCode).toBe(401);
		expect(forged.status).toBe('waiting');

		const done = await waiting.resume({ method: 'POST', headers: { 'x-signature': sign(body) }, body });
		expect(done.resumed).toBe(true);
		expect(done.response).toMatchObject({ statusCode: 200, body: { received: true } });
		expect(done.status).toBe('success');
		expect(done.items).toEqual([{ json: body, pairedItem: { item: 0 } }]);
		expect(done.logs.map((entry) => entry.message)).toContain('Callback signature verified');
	});
});
