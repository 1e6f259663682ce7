'use strict';
/** Shared set-up for the Thumbnail Generator node tests: the fake Flokan host and a node runner. */
const { runNode } = require('../harness');
const { startFlokanFake, DEFAULT_KEY } = require('../fakes/flokan');
const { BASE, STYLE_IDS, CARD_IDS, seedGeneration } = require('../fakes/flokan/thumbnailGenerator');
const { FlokanThumbnailGenerator } = require('../../nodes/FlokanThumbnailGenerator/FlokanThumbnailGenerator.node.ts');
const { FlokanApi } = require('../../credentials/FlokanApi.credentials.ts');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Starts a fresh fake per test and closes it afterwards; returns a getter. */
function useFake(options) {
	let fake;
	beforeEach(async () => {
		fake = await startFlokanFake(options);
	});
	afterEach(async () => {
		await fake.close();
	});
	return () => fake;
}

function run(fake, parameters, extra = {}) {
	return runNode({
		node: FlokanThumbnailGenerator,
		credentials: { flokanApi: { apiKey: DEFAULT_KEY, baseUrl: fake.url } },
		credentialTypes: [FlokanApi],
		parameters,
		...extra,
	});
}

/** Requests to the API itself (CDN downloads left out). */
const apiCalls = (fake, method, path) =>
	fake.requests(method, path === undefined ? undefined : `${BASE}${path}`).filter((entry) => entry.path.startsWith(BASE));

const generateParams = (overrides = {}) => ({
	resource: 'thumbnail',
	operation: 'generate',
	videoTitle: '10 Hidden Hiking Trails',
	prompt: "Bold red text 'TOP 10' over surprised hiker",
	imageModel: 'pro',
	aspectRatio: '16:9',
	imageCount: 2,
	...overrides,
});

const byId = (id) => ({ __rl: true, mode: 'id', value: id });

module.exports = { useFake, run, apiCalls, generateParams, byId, seedGeneration, STYLE_IDS, CARD_IDS, BASE, PNG_SIGNATURE };
