'use strict';
/** Runs the Flokan VO to Images node through the real n8n engine against the fake Flokan API. */
const { runNode } = require('../harness');
const { runListSearch } = require('../harness/load-options');
const { visibleText } = require('../harness/visible');
const { startFlokanFake } = require('../fakes/flokan');
const vo = require('../fakes/flokan/voToImages');
const { FlokanVoToImages } = require('../../nodes/FlokanVoToImages/FlokanVoToImages.node.ts');
const { FlokanApi } = require('../../credentials/FlokanApi.credentials.ts');

const API_KEY = 'flk_LEAKCANARY_voToImages_0a1b2c3d4e5f6789ABCDEFGHIJKLMN';
const BASE = vo.BASE;
const PRESET_ID = vo.DEFAULT_PRESETS[0].id;
const PROMPTS_PATH = /\/segments\/[^/]+\/prompts$/;

/** A fake with small, fast defaults: 3 segments × 4 sentences, 10 ms images. */
async function startFake({ credits = 100000, config = {}, grants = { scopes: ['vo_to_images'] } } = {}) {
	const fake = await startFlokanFake({ keys: { [API_KEY]: grants }, credits });
	vo.configure(fake, { imageDelayMs: 10, videoDelayMs: 10, ...config });
	return fake;
}

/** One run of the node. */
async function run(fake, parameters, options = {}) {
	return await runNode({
		node: FlokanVoToImages,
		parameters,
		credentials: { flokanApi: { apiKey: API_KEY, baseUrl: fake.url } },
		credentialTypes: [FlokanApi],
		...options,
	});
}

const locator = (value) => ({ __rl: true, mode: 'id', value });

/** Run Pipeline and Wait with quick polling; `extra` overrides any parameter. */
function pipeline(extra = {}) {
	return {
		resource: 'project',
		operation: 'runPipeline',
		projectSource: 'new',
		title: 'Narrated video',
		audioUrl: 'https://example.com/voiceover.mp3',
		presetId: locator(PRESET_ID),
		pollIntervalSeconds: 0.02,
		maxWaitSeconds: 10,
		...extra,
	};
}

/** Requests to the VO to Images API (not the CDN). */
const apiRequests = (fake) => fake.log.filter((entry) => entry.path.startsWith(BASE));
const promptRequests = (fake) => fake.requests('POST', PROMPTS_PATH);

/** Creates a project through the fake's own API and runs it up to the prompts step. */
async function preparedProject(fake, body = {}) {
	const call = async (method, path, json) => {
		const res = await fetch(`${fake.url}${BASE}${path}`, {
			method,
			headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
			body: json === undefined ? undefined : JSON.stringify(json),
		});
		return (await res.json()).data;
	};
	const project = await call('POST', '/projects', { title: 'Existing', preset_id: PRESET_ID, ...body });
	await call('POST', `/projects/${project.id}/audio`, { audio_url: 'https://example.com/a.mp3' });
	const prep = await call('POST', `/projects/${project.id}/auto-run`);
	return { id: project.id, segmentIds: prep.segment_ids, call };
}

/** Calls a listSearch method through n8n-core's real LoadOptionsContext. */
async function listSearch(fake, methodName, filter, paginationToken) {
	return await runListSearch({
		node: FlokanVoToImages,
		credentials: { flokanApi: { apiKey: API_KEY, baseUrl: fake.url } },
		credentialTypes: [FlokanApi],
		parameterPath: 'parameters.projectId',
		method: methodName,
		filter,
		paginationToken,
	});
}

module.exports = {
	API_KEY,
	BASE,
	PRESET_ID,
	PROMPTS_PATH,
	vo,
	startFake,
	run,
	pipeline,
	locator,
	apiRequests,
	promptRequests,
	preparedProject,
	listSearch,
	visibleText,
};
