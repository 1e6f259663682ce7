'use strict';
/** Runs the FLORA node through the real n8n engine against the fake FLORA API. */
const { Workflow } = require('n8n-workflow');
const { runNode } = require('../harness');
const { core } = require('../harness/engine');
const { HarnessCredentialsHelper } = require('../harness/credentials-helper');
const { HarnessNodeTypes } = require('../harness/node-types');
const { startFloraFake } = require('../fakes/flora');
const { Flora } = require('../../nodes/Flora/Flora.node.ts');
const { FloraApi } = require('../../credentials/FloraApi.credentials.ts');

/** Recognisable, so a leak anywhere is easy to spot. */
const API_KEY = 'sk_live_LEAKCANARY_flora_0123456789abcdefXYZ';
const BASE = '/api/v1/techniques';
const IMAGE = 'https://media.flora.ai/uploads/shoe.png';

async function startFake(options = {}) {
	return await startFloraFake({ keys: [API_KEY], durations: { pendingMs: 10, runningMs: 40 }, ...options });
}

function credentialsFor(fake, apiKey = API_KEY) {
	return { floraApi: { apiKey, baseUrl: fake.url } };
}

/** One run of the node. `parameters` are the node's; `options` pass through to runNode. */
async function run(fake, parameters, options = {}) {
	return await runNode({
		node: Flora,
		parameters,
		credentials: credentialsFor(fake, options.apiKey),
		credentialTypes: [FloraApi],
		...options,
	});
}

const locator = (value, mode = 'list') => ({ __rl: true, mode, value });

/** Run → Create parameters with mapped inputs; fast polling so tests stay quick. */
function createRun({ slug = 'studio-shot', values = { product_image: IMAGE }, options = {}, ...extra } = {}) {
	return {
		resource: 'run',
		operation: 'create',
		technique: locator(slug),
		inputMode: 'mapper',
		inputs: { mappingMode: 'defineBelow', value: values, matchingColumns: [], schema: [] },
		options: { pollIntervalSeconds: 0.01, maxWaitSeconds: 10, ...options },
		...extra,
	};
}

/** A LoadOptionsContext of n8n-core for the node with these parameters (as the editor sends them). */
function loadOptionsContext(fake, parameters, path) {
	const nodeTypes = new HarnessNodeTypes(Flora, [], () => {});
	const node = {
		id: 'flora',
		name: 'Node',
		type: nodeTypes.nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { floraApi: { id: 'credential-floraApi', name: 'floraApi account' } },
	};
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const additionalData = {
		credentialsHelper: new HarnessCredentialsHelper(credentialsFor(fake), [FloraApi]),
		executionId: 'load-options',
		restApiUrl: 'https://n8n.test/rest',
		instanceBaseUrl: 'https://n8n.test/',
		currentNodeParameters: parameters,
	};
	return new core.LoadOptionsContext(workflow, workflow.getNode('Node'), additionalData, path);
}

async function searchTechniques(fake, filter) {
	const context = loadOptionsContext(fake, { resource: 'technique', operation: 'get' }, 'parameters.technique');
	return await new Flora().methods.listSearch.searchTechniques.call(context, filter);
}

async function techniqueInputFields(fake, technique) {
	const parameters = { resource: 'run', operation: 'create', technique, inputMode: 'mapper' };
	const context = loadOptionsContext(fake, parameters, 'parameters.inputs');
	return await new Flora().methods.resourceMapping.getTechniqueInputs.call(context);
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

const apiRequests = (fake) => fake.log.filter((entry) => entry.path.startsWith(BASE));
const creates = (fake) => fake.requests('POST', /^\/api\/v1\/techniques\/[^/]+\/runs$/);

module.exports = {
	API_KEY,
	BASE,
	IMAGE,
	startFake,
	run,
	locator,
	createRun,
	searchTechniques,
	techniqueInputFields,
	visibleText,
	apiRequests,
	creates,
};
