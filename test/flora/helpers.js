'use strict';
/** Runs the FLORA node through the real n8n engine against the fake FLORA API. */
const { runNode } = require('../harness');
const { runListSearch, runResourceMapping } = require('../harness/load-options');
const { visibleText } = require('../harness/visible');
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

/** The technique picker's list, through n8n-core's real LoadOptionsContext. */
async function searchTechniques(fake, filter) {
	return await runListSearch({
		...editorContext(fake),
		parameters: { resource: 'technique', operation: 'get' },
		parameterPath: 'parameters.technique',
		method: 'searchTechniques',
		filter,
	});
}

/** The resource mapper's fields for a technique, loaded from GET technique. */
async function techniqueInputFields(fake, technique) {
	return await runResourceMapping({
		...editorContext(fake),
		parameters: { resource: 'run', operation: 'create', technique, inputMode: 'mapper' },
		parameterPath: 'parameters.inputs',
		method: 'getTechniqueInputs',
	});
}

function editorContext(fake) {
	return { node: Flora, credentials: credentialsFor(fake), credentialTypes: [FloraApi] };
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
