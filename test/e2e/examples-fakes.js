'use strict';
// The fake APIs the examples run against in the real n8n, all on 127.0.0.1:
// Flokan (Image Editor, Thumbnail Generator, VO to Images), FLORA, Vidgen, and
// a plain "media host" serving the image and audio the HTTP Request nodes of
// the Vidgen examples download. Also the credentials the examples reference,
// with the fakes' URLs and keys instead of the placeholders.
const fs = require('node:fs');
const path = require('node:path');
const { createFakeServer, HttpError } = require('../fakes/core');
const { startFlokanFake, DEFAULT_KEY: FLOKAN_KEY } = require('../fakes/flokan');
const vo = require('../fakes/flokan/voToImages');
const { startFloraFake, DEFAULT_KEY: FLORA_KEY } = require('../fakes/flora');
const { startVidgenFake, DEFAULT_KEY: VIDGEN_KEY, DEFAULT_WEBHOOK_SECRET } = require('../fakes/vidgen');
const { startOpenAiFake } = require('../fakes/openai');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const CREDENTIALS_FILE = path.join(EXAMPLES_DIR, 'credentials', 'credentials.example.json');

/** A small JPEG-looking image and an MP3-looking track: Vidgen checks types, not pixels. */
const PORTRAIT_JPEG = Buffer.concat([
	Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
	Buffer.alloc(256, 0x7f),
	Buffer.from('ffd9', 'hex'),
]);
const VOICEOVER_MP3 = Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1'), Buffer.alloc(512, 0xfb)]);

const MEDIA = {
	'portrait.jpg': { data: PORTRAIT_JPEG, contentType: 'image/jpeg' },
	'voiceover.mp3': { data: VOICEOVER_MP3, contentType: 'audio/mpeg' },
};

async function startMediaHost() {
	const server = createFakeServer({
		name: 'media',
		rateLimitHeaders: 'none',
		errorBody: (status, message) => ({ error: message }),
	});
	server.route(
		'GET',
		'/media/:file',
		(req) => {
			const file = MEDIA[req.params.file];
			if (!file) throw new HttpError(404, 'No such file');
			return { status: 200, body: file.data, headers: { 'Content-Type': file.contentType } };
		},
		{ public: true },
	);
	await server.listen();
	server.imageUrl = `${server.url}/media/portrait.jpg`;
	server.audioUrl = `${server.url}/media/voiceover.mp3`;
	return server;
}

/** Every fake, with quick timings (jobs and runs finish in well under a second). */
async function startExampleFakes() {
	const started = [];
	const keep = async (promise) => {
		const server = await promise;
		started.push(server);
		return server;
	};
	try {
		const flokan = await keep(startFlokanFake());
		vo.configure(flokan, { segments: 2, sentencesPerSegment: 2, imageDelayMs: 20 });
		const flora = await keep(startFloraFake({ durations: { pendingMs: 30, runningMs: 120 } }));
		const vidgen = await keep(startVidgenFake({ pendingMs: 50, processingMs: 250 }));
		const media = await keep(startMediaHost());
		// The chat model of the AI Agent examples: answers only what a test scripts (fake.converse).
		const openai = await keep(startOpenAiFake());
		return {
			flokan,
			flora,
			vidgen,
			media,
			openai,
			/** A preset of the fake workspace (presets are per workspace: the example's own is replaced). */
			voPresetId: vo.DEFAULT_PRESETS[0].id,
			async close() {
				await Promise.all(started.map((server) => server.close()));
			},
		};
	} catch (error) {
		await Promise.all(started.map((server) => server.close()));
		throw error;
	}
}

/**
 * The credentials of examples/credentials/credentials.example.json (same ids, names and types,
 * so the examples' references resolve), with data pointing at the fakes.
 */
function exampleCredentials(fakes) {
	const data = {
		flokanApi: { apiKey: FLOKAN_KEY, baseUrl: fakes.flokan.url },
		floraApi: { apiKey: FLORA_KEY, baseUrl: fakes.flora.url },
		vidgenApi: { baseUrl: fakes.vidgen.url, apiKey: VIDGEN_KEY, webhookSecret: DEFAULT_WEBHOOK_SECRET },
		openAiApi: { apiKey: fakes.openai.apiKey, url: fakes.openai.baseUrl },
	};
	const templates = JSON.parse(fs.readFileSync(CREDENTIALS_FILE, 'utf8'));
	return templates.map((template) => {
		if (!data[template.type]) throw new Error(`no fake for credential type ${template.type}`);
		return { id: template.id, name: template.name, type: template.type, data: data[template.type] };
	});
}

module.exports = {
	EXAMPLES_DIR,
	CREDENTIALS_FILE,
	MEDIA,
	PORTRAIT_JPEG,
	VOICEOVER_MP3,
	VIDGEN_WEBHOOK_SECRET: DEFAULT_WEBHOOK_SECRET,
	startExampleFakes,
	exampleCredentials,
};
