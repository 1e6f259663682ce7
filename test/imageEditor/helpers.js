'use strict';
/** Runs the Flokan Image Editor node through the real n8n engine against the fake Flokan API. */
const { Workflow } = require('n8n-workflow');
const { runNode } = require('../harness');
const { core } = require('../harness/engine');
const { HarnessCredentialsHelper } = require('../harness/credentials-helper');
const { HarnessNodeTypes } = require('../harness/node-types');
const { startFlokanFake } = require('../fakes/flokan');
const { FlokanImageEditor } = require('../../nodes/FlokanImageEditor/FlokanImageEditor.node.ts');
const { FlokanApi } = require('../../credentials/FlokanApi.credentials.ts');

/** Recognisable, so a leak anywhere is easy to spot. */
const API_KEY = 'flk_LEAKCANARY_imageEditor_9f8e7d6c5b4a3210ZYXWVUTSRQ';
const BASE = '/api/v1/image-editor';

async function startFake(options = {}) {
	const { grants = { scopes: ['image_editor'] }, ...rest } = options;
	return await startFlokanFake({ keys: { [API_KEY]: grants }, ...rest });
}

function credentialsFor(fake, apiKey = API_KEY) {
	return { flokanApi: { apiKey, baseUrl: fake.url } };
}

/** One run of the node. `parameters` are the node's; `options` pass through to runNode. */
async function run(fake, parameters, options = {}) {
	return await runNode({
		node: FlokanImageEditor,
		parameters,
		credentials: credentialsFor(fake, options.apiKey),
		credentialTypes: [FlokanApi],
		...options,
	});
}

/** Everything a user or an operator could see after a run, as one string. */
function visibleText(result) {
	const error = result.error;
	return JSON.stringify({
		items: result.items,
		error: error && { message: error.message, description: error.description, context: error.context, messages: error.messages },
		logs: result.logs.map((entry) => ({ message: entry.message, meta: entry.meta })),
	});
}

/** Calls a listSearch method through n8n-core's real LoadOptionsContext. */
async function listSearch(fake, methodName, filter, paginationToken) {
	const nodeTypes = new HarnessNodeTypes(FlokanImageEditor, [], () => {});
	const node = {
		id: 'image-editor',
		name: 'Node',
		type: nodeTypes.nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'job', operation: 'get' },
		credentials: { flokanApi: { id: 'credential-flokanApi', name: 'flokanApi account' } },
	};
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const additionalData = {
		credentialsHelper: new HarnessCredentialsHelper(credentialsFor(fake), [FlokanApi]),
		executionId: 'list-search',
		restApiUrl: 'https://n8n.test/rest',
		instanceBaseUrl: 'https://n8n.test/',
	};
	const context = new core.LoadOptionsContext(workflow, workflow.getNode('Node'), additionalData, 'parameters.jobId');
	const nodeType = new FlokanImageEditor();
	return await nodeType.methods.listSearch[methodName].call(context, filter, paginationToken);
}

const apiRequests = (fake) => fake.log.filter((entry) => entry.path.startsWith(BASE));

module.exports = { API_KEY, BASE, startFake, run, visibleText, listSearch, apiRequests };
