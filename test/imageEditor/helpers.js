'use strict';
/** Runs the Flokan Image Editor node through the real n8n engine against the fake Flokan API. */
const { runNode } = require('../harness');
const { runListSearch } = require('../harness/load-options');
const { visibleText } = require('../harness/visible');
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

/** Calls a listSearch method through n8n-core's real LoadOptionsContext. */
async function listSearch(fake, methodName, filter, paginationToken) {
	return await runListSearch({
		node: FlokanImageEditor,
		credentials: credentialsFor(fake),
		credentialTypes: [FlokanApi],
		parameters: { resource: 'job', operation: 'get' },
		parameterPath: 'parameters.jobId',
		method: methodName,
		filter,
		paginationToken,
	});
}

const apiRequests = (fake) => fake.log.filter((entry) => entry.path.startsWith(BASE));

module.exports = { API_KEY, BASE, startFake, run, visibleText, listSearch, apiRequests };
