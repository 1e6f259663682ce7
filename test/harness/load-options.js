'use strict';
/**
 * Runs a node's editor-side methods (listSearch, resourceMapping) the way the n8n editor does:
 * n8n-core's real LoadOptionsContext, real credentials and httpRequestWithAuthentication.
 */
const { Workflow } = require('n8n-workflow');
const { core, useBinaryMode } = require('./engine');
const { HarnessCredentialsHelper } = require('./credentials-helper');
const { HarnessNodeTypes } = require('./node-types');

/**
 * @param {object} options
 * @param {Function} options.node the node class
 * @param {Record<string, object>} options.credentials credential type → data
 * @param {Function[]} options.credentialTypes credential classes
 * @param {object} [options.parameters] the node's current parameters, as the editor sends them
 * @param {string} options.parameterPath e.g. 'parameters.jobId'
 */
async function loadOptionsContext({ node: NodeClass, credentials, credentialTypes, parameters = {}, parameterPath }) {
	await useBinaryMode('default'); // boots the engine's DI container (logger, settings)
	const nodeTypes = new HarnessNodeTypes(NodeClass, [], () => {});
	const node = {
		id: 'load-options-node',
		name: 'Node',
		type: nodeTypes.nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `credential-${type}`, name: type }])),
	};
	const workflow = new Workflow({ id: 'load-options', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const additionalData = {
		credentialsHelper: new HarnessCredentialsHelper(structuredClone(credentials), credentialTypes),
		currentNodeParameters: parameters,
		executionId: 'load-options',
		variables: {},
		instanceBaseUrl: 'https://n8n.test/',
		restApiUrl: 'https://n8n.test/rest',
		webhookBaseUrl: 'https://n8n.test/webhook',
		webhookTestBaseUrl: 'https://n8n.test/webhook-test',
		webhookWaitingBaseUrl: 'https://n8n.test/webhook-waiting',
		formWaitingBaseUrl: 'https://n8n.test/form-waiting',
		userId: 'harness-user',
	};
	return new core.LoadOptionsContext(workflow, workflow.getNode('Node'), additionalData, parameterPath);
}

/** Calls `methods.listSearch[method]` with a filter and pagination token. */
async function runListSearch({ method, filter, paginationToken, ...options }) {
	const context = await loadOptionsContext(options);
	return await new options.node().methods.listSearch[method].call(context, filter, paginationToken);
}

/** Calls `methods.resourceMapping[method]`. */
async function runResourceMapping({ method, ...options }) {
	const context = await loadOptionsContext(options);
	return await new options.node().methods.resourceMapping[method].call(context);
}

module.exports = { loadOptionsContext, runListSearch, runResourceMapping };
