'use strict';
/** The FLORA API credential: fields, Bearer auth, and its test request against the fake. */
const { Workflow } = require('n8n-workflow');
const { HarnessCredentialsHelper } = require('../harness/credentials-helper');
const { HarnessNodeTypes } = require('../harness/node-types');
const { FloraApi } = require('../../credentials/FloraApi.credentials.ts');
const { Flora } = require('../../nodes/Flora/Flora.node.ts');
const { API_KEY, startFake } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

/** Resolves the credential's test request the way n8n does (expressions + authenticate), then sends it. */
async function sendTestRequest(data) {
	const nodeTypes = new HarnessNodeTypes(Flora, [], () => {});
	const node = { id: 'n', name: 'Node', type: nodeTypes.nodeType, typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const helper = new HarnessCredentialsHelper({ floraApi: data }, [FloraApi]);
	const credentials = await helper.getDecrypted({}, {}, 'floraApi', 'internal');
	const { request } = new FloraApi().test;
	const baseURL = workflow.expression.getSimpleParameterValue(node, request.baseURL, 'internal', { $credentials: credentials });
	const options = await helper.authenticate(credentials, 'floraApi', { headers: {} }, workflow, node);
	const response = await fetch(`${baseURL}${request.url}`, { headers: options.headers });
	return { status: response.status, url: `${baseURL}${request.url}`, headers: options.headers };
}

test('fields: a password API key starting sk_live_, base URL defaulting to https://app.flora.ai', () => {
	const credential = new FloraApi();
	expect(credential.name).toBe('floraApi');
	expect(credential.displayName).toBe('FLORA API');
	const apiKey = credential.properties.find((p) => p.name === 'apiKey');
	expect(apiKey).toMatchObject({ type: 'string', typeOptions: { password: true }, required: true });
	expect(apiKey.hint).toContain('sk_live_');
	expect(credential.properties.find((p) => p.name === 'baseUrl').default).toBe('https://app.flora.ai');
	expect(credential.documentationUrl).toMatch(/^https:\/\//);
	expect(credential.icon).toEqual({ light: 'file:../nodes/Flora/flora.svg', dark: 'file:../nodes/Flora/flora.dark.svg' });
});

test('the test request reads a technique with the Bearer key (trailing slash on the base URL is fine)', async () => {
	fake = await startFake();
	const ok = await sendTestRequest({ apiKey: API_KEY, baseUrl: `${fake.url}/` });
	expect(ok).toMatchObject({ status: 200, url: `${fake.url}/api/v1/techniques/studio-shot`, headers: { Authorization: `Bearer ${API_KEY}` } });
	const bad = await sendTestRequest({ apiKey: 'sk_live_wrong', baseUrl: fake.url });
	expect(bad.status).toBe(401);
	const rule = new FloraApi().test.rules.find((r) => r.properties.value === 401);
	expect(rule.properties.message).toMatch(/missing, wrong or revoked/);
});
