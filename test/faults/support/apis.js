'use strict';
/**
 * The five APIs as the matrix drives them: a fresh fake per test and the real node inside the n8n
 * engine (test/harness), with the recognisable secrets of leak.js. Every run is leak-checked.
 */
const { runNode, runWebhook, runUntilWait } = require('../../harness');
const { startFlokanFake } = require('../../fakes/flokan');
const { startFloraFake } = require('../../fakes/flora');
const { startVidgenFake } = require('../../fakes/vidgen');
const { FlokanApi } = require('../../../credentials/FlokanApi.credentials.ts');
const { FloraApi } = require('../../../credentials/FloraApi.credentials.ts');
const { VidgenApi } = require('../../../credentials/VidgenApi.credentials.ts');
const { FLOKAN_KEY, FLORA_KEY, VIDGEN_KEY, VIDGEN_WEBHOOK_SECRET, assertNoLeak } = require('./leak');

const FLOKAN_SCOPES = ['image_editor', 'thumbnail_generator', 'vo_to_images'];

/** A fresh fake before each test of the calling describe block; returns a getter. */
function useFake(start) {
	let fake;
	beforeEach(async () => {
		fake = await start();
	});
	afterEach(async () => {
		await fake?.close();
		fake = undefined;
	});
	return () => fake;
}

async function startFlokan(options = {}) {
	return await startFlokanFake({ keys: { [FLOKAN_KEY]: { scopes: FLOKAN_SCOPES } }, ...options });
}

async function startFlora(options = {}) {
	return await startFloraFake({ keys: [FLORA_KEY], durations: { pendingMs: 10, runningMs: 40 }, ...options });
}

async function startVidgen(options = {}) {
	return await startVidgenFake({
		keys: { [VIDGEN_KEY]: {} },
		webhookSecret: VIDGEN_WEBHOOK_SECRET,
		pendingMs: 20,
		processingMs: 40,
		...options,
	});
}

const credentialsOf = {
	flokan: (fake) => ({ credentials: { flokanApi: { apiKey: FLOKAN_KEY, baseUrl: fake.url } }, credentialTypes: [FlokanApi] }),
	flora: (fake) => ({ credentials: { floraApi: { apiKey: FLORA_KEY, baseUrl: fake.url } }, credentialTypes: [FloraApi] }),
	vidgen: (fake) => ({
		credentials: { vidgenApi: { baseUrl: fake.url, apiKey: VIDGEN_KEY, webhookSecret: VIDGEN_WEBHOOK_SECRET } },
		credentialTypes: [VidgenApi],
	}),
};

/**
 * How soon a stopped run must be back: long before any wait the stop cells interrupt would end
 * (a call held unanswered, a 30 s Retry-After, a job that runs for a minute, a 10 s Max Wait). It
 * takes tens of ms on a quiet machine (each cell's note says how long); more is a busy machine,
 * not a stop that was missed.
 */
const STOPPED_WITHIN_MS = 5000;

/** One node run against `fake`; options pass through to runNode (items, cancelWhen, …). */
async function runAgainst(kind, node, fake, parameters, options = {}) {
	const started = Date.now();
	const result = await runNode({ node, parameters, executionTimeoutMs: 15000, ...credentialsOf[kind](fake), ...options });
	result.elapsedMs = Date.now() - started;
	return assertNoLeak(result, `${node.name} ${parameters.resource}/${parameters.operation}`, node.name);
}

async function webhookAgainst(kind, node, fake, request, options = {}) {
	const result = await runWebhook({ node, request, ...credentialsOf[kind](fake), ...options });
	return assertNoLeak(result, `${node.name} webhook`, node.name);
}

async function untilWaitAgainst(kind, node, fake, parameters, options = {}) {
	const waiting = await runUntilWait({ node, parameters, executionTimeoutMs: 15000, ...credentialsOf[kind](fake), ...options });
	assertNoLeak(waiting, `${node.name} until wait`, node.name);
	const resume = waiting.resume;
	waiting.resume = async (request) => assertNoLeak(await resume(request), `${node.name} resume`, node.name);
	return waiting;
}

/** Everything the user can read about a failure: message, description and context. */
function errorText(error) {
	if (!error) return '';
	return [error.message, error.description, JSON.stringify(error.context ?? {})].join('\n');
}

const byId = (value) => ({ __rl: true, mode: 'id', value });

module.exports = {
	useFake,
	startFlokan,
	startFlora,
	startVidgen,
	runAgainst,
	webhookAgainst,
	untilWaitAgainst,
	errorText,
	byId,
	STOPPED_WITHIN_MS,
};
