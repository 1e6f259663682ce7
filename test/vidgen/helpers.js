'use strict';
/** Runs the Vidgen nodes through the real n8n engine against the fake Vidgen API. */
const { runNode, runWebhook, runUntilWait } = require('../harness');
const { runListSearch } = require('../harness/load-options');
const { visibleText } = require('../harness/visible');
const { startVidgenFake, captureDeliveries } = require('../fakes/vidgen');
const { Vidgen } = require('../../nodes/Vidgen/Vidgen.node.ts');
const { VidgenTrigger } = require('../../nodes/VidgenTrigger/VidgenTrigger.node.ts');
const { VidgenApi } = require('../../credentials/VidgenApi.credentials.ts');

/** Recognisable, so a leak anywhere is easy to spot. */
const API_KEY = 'vg_LEAKCANARY_vidgen_5e4d3c2b1a09ZYXWVUTSRQ';
const OTHER_KEY = 'vg_other_account_key_0011223344';
const WEBHOOK_SECRET = 'whsec_LEAKCANARY_vidgen_secret_42';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const MP3 = Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000', 'latin1'), Buffer.from('\r\n--boundary-lookalike\r\n'), Buffer.alloc(64, 0xfb)]);

/** Small timings so jobs finish in ms; tests override per job with fake.planNextJob(). */
async function startFake(options = {}) {
	return await startVidgenFake({
		keys: { [API_KEY]: {}, [OTHER_KEY]: {} },
		webhookSecret: WEBHOOK_SECRET,
		pendingMs: 20,
		processingMs: 60,
		...options,
	});
}

function credentialsFor(fake, { apiKey = API_KEY, webhookSecret = WEBHOOK_SECRET } = {}) {
	return { vidgenApi: { baseUrl: fake.url, apiKey, webhookSecret } };
}

/** An input item with an image and an audio binary (property names image/audio by default). */
function mediaItem({ image = {}, audio = {}, json = {} } = {}) {
	return {
		json,
		binary: {
			image: { data: PNG, mimeType: 'image/png', fileName: 'portrait.png', ...image },
			audio: { data: MP3, mimeType: 'audio/mpeg', fileName: 'voiceover.mp3', ...audio },
		},
	};
}

const create = (extra = {}) => ({ resource: 'job', operation: 'create', pollIntervalSeconds: 0.01, maxWaitSeconds: 10, ...extra });
const jobRef = (id) => ({ __rl: true, mode: 'id', value: id });

/** One run of the Vidgen node. `options` pass through to runNode (items, cancelAfterMs, …). */
async function run(fake, parameters, options = {}) {
	return await runNode({
		node: Vidgen,
		parameters,
		credentials: credentialsFor(fake, options),
		credentialTypes: [VidgenApi],
		items: [mediaItem()],
		...options,
	});
}

async function runToWait(fake, parameters, options = {}) {
	return await runUntilWait({
		node: Vidgen,
		parameters,
		credentials: credentialsFor(fake, options),
		credentialTypes: [VidgenApi],
		items: [mediaItem()],
		...options,
	});
}

/** Calls the Vidgen Trigger's webhook with a raw body and headers. */
async function trigger(fake, { body, headers = {}, parameters = {}, ...options }) {
	const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body);
	let parsed;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		parsed = {};
	}
	return await runWebhook({
		node: VidgenTrigger,
		parameters,
		credentials: credentialsFor(fake, options),
		credentialTypes: [VidgenApi],
		request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: parsed, rawBody },
		...options,
	});
}

/** A webhook request exactly as the fake delivered it. */
function asRequest(delivery) {
	return {
		method: 'POST',
		headers: delivery.headers,
		body: JSON.parse(delivery.body),
		rawBody: Buffer.from(delivery.body),
	};
}

/** Waits for `condition`; the timeout is only a safety net, far above any machine's slowness. */
async function until(condition, { timeoutMs = 20_000, stepMs = 5 } = {}) {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, stepMs));
	}
}

/** Calls a listSearch method through n8n-core's real LoadOptionsContext. */
async function listSearch(fake, methodName, filter, paginationToken) {
	return await runListSearch({
		node: Vidgen,
		credentials: credentialsFor(fake),
		credentialTypes: [VidgenApi],
		parameterPath: 'parameters.jobId',
		method: methodName,
		filter,
		paginationToken,
	});
}

const apiRequests = (fake) => fake.log.filter((entry) => entry.path.startsWith('/api/'));

module.exports = {
	API_KEY,
	OTHER_KEY,
	WEBHOOK_SECRET,
	PNG,
	MP3,
	startFake,
	credentialsFor,
	mediaItem,
	create,
	jobRef,
	run,
	runToWait,
	trigger,
	asRequest,
	captureDeliveries,
	until,
	listSearch,
	visibleText,
	apiRequests,
};
