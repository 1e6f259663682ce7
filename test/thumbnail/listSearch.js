'use strict';
/**
 * Runs a listSearch method the way the n8n editor does: n8n-core's real LoadOptionsContext (real
 * credentials + httpRequestWithAuthentication), with the harness's credentials helper. The harness
 * has no runner for this yet, so it is built here from the harness's own parts.
 */
const { Workflow } = require('n8n-workflow');
const { core, useBinaryMode } = require('../harness/engine');
const { HarnessCredentialsHelper } = require('../harness/credentials-helper');
const { HarnessNodeTypes } = require('../harness/node-types');

async function runListSearch({ node: NodeClass, credentials, credentialTypes, method, parameterPath, filter, paginationToken }) {
	await useBinaryMode('default'); // boots the engine's DI container (logger, settings)
	const nodeType = new NodeClass();
	const nodeTypes = new HarnessNodeTypes(NodeClass, [], () => {});
	const node = {
		id: 'list-search-node',
		name: 'Node',
		type: nodeTypes.nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `credential-${type}`, name: type }])),
	};
	const workflow = new Workflow({ id: 'list-search', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const additionalData = {
		credentialsHelper: new HarnessCredentialsHelper(structuredClone(credentials), credentialTypes),
		currentNodeParameters: {},
		variables: {},
		instanceBaseUrl: 'https://n8n.test/',
		restApiUrl: 'https://n8n.test/rest',
		webhookBaseUrl: 'https://n8n.test/webhook',
		webhookTestBaseUrl: 'https://n8n.test/webhook-test',
		webhookWaitingBaseUrl: 'https://n8n.test/webhook-waiting',
		formWaitingBaseUrl: 'https://n8n.test/form-waiting',
		userId: 'harness-user',
	};
	const context = new core.LoadOptionsContext(workflow, workflow.getNode('Node'), additionalData, parameterPath);
	return await nodeType.methods.listSearch[method].call(context, filter, paginationToken);
}

module.exports = { runListSearch };
