'use strict';
/**
 * The fake FLORA API (https://app.flora.ai): techniques, runs, polling. Enforces the page's contract:
 * Bearer sk_live_ keys, the { error: { code, message } } envelope, exact input matching, HTTPS media
 * URLs on the allowed hosts only, mode "async", idempotency_key replay, 402 when credits are short.
 *
 * Shapes the page does not show (our choice, mirrored by the node):
 *   technique: { technique_id, slug, name, description, inputs[{id,name,type,required,description}], outputs[{id,name,type}], cost }
 *   run:       { runId, status, progress, outputs, chargedCost, errorCode, errorMessage, createdAt, pollUrl }
 *              outputs: [{ id, type, url }] once completed; chargedCost set once completed (0 when failed).
 *
 * Run state is derived from timestamps on every GET: pending for pendingMs, running for runningMs
 * (progress rises 0→99), then completed or failed. Control it through server.state:
 *   state.durations = { pendingMs, runningMs }     used for runs created from now on (runningMs: Infinity =
 *                                                   running until the test calls finishRun)
 *   state.nextOutcome = 'failed'                    one-shot: the next created run fails
 *   server.queueRun({ outcome, errorCode, errorMessage, pendingMs, runningMs })  one-shot overrides, FIFO
 *   state.runs.get(runId)                           edit a run directly (e.g. run.outcome = 'failed', or
 *                                                   run.progress = 40: the progress a running run reports)
 *   server.finishRun(runId)                         the run ends (completed, or its outcome) at its next GET
 *   state.credits                                   credits left; each run costs its technique's cost
 *   server.failNext({ method, path, status, code })   the next matching request gets that error envelope
 */
const crypto = require('node:crypto');
const { createFakeServer, HttpError } = require('./core');
const { seedTechniques } = require('./floraTechniques');

const DEFAULT_KEY = 'sk_live_fake0123456789abcdefghijklmnopqrstuv';
const INPUT_TYPES = ['imageUrl', 'videoUrl', 'text'];
const MEDIA_TYPES = ['imageUrl', 'videoUrl'];

const CODE_BY_STATUS = {
	400: 'input_validation_error',
	401: 'unauthorized',
	402: 'insufficient_credits',
	404: 'not_found',
	429: 'rate_limited',
	500: 'internal_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
};

// 1×1 transparent PNG and a minimal MP4 header (ftyp box): enough for mime sniffing and byte checks.
const PNG_BYTES = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);
const MP4_BYTES = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const BUCKET = '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]';
/** Allowed media hosts; `pathBucket` forms need the bucket as the first path segment. */
const ALLOWED_HOSTS = [
	{ regex: /^media\.flora\.ai$/ },
	{ regex: /^storage\.googleapis\.com$/ },
	{ regex: new RegExp(`^${BUCKET}\\.storage\\.googleapis\\.com$`) },
	{ regex: new RegExp(`^${BUCKET}\\.s3(?:\\.dualstack)?(?:\\.${REGION})?\\.amazonaws\\.com$`) },
	{ regex: new RegExp(`^s3(?:\\.dualstack)?(?:\\.${REGION})?\\.amazonaws\\.com$`), pathBucket: true },
	{ regex: new RegExp(`^${BUCKET}\\.s3-accelerate(?:\\.dualstack)?\\.amazonaws\\.com$`) },
	{ regex: /^ik\.imagekit\.io$/ },
];

/** Why a media URL is refused, or undefined when it is accepted. */
function mediaUrlProblem(value) {
	let url;
	try {
		url = new URL(value);
	} catch {
		return 'is not a valid URL';
	}
	if (url.protocol !== 'https:') return 'must use https://';
	const host = ALLOWED_HOSTS.find((h) => h.regex.test(url.hostname));
	if (!host) return `host ${url.hostname} is not a supported media host`;
	if (host.pathBucket && !/^\/[^/]+\/.+/.test(url.pathname)) return 'path-style S3 URLs need /<bucket>/<key>';
	return undefined;
}

function validateInputs(technique, inputs) {
	const fields = [];
	const problem = (field, message) => fields.push({ field, message });
	if (!Array.isArray(inputs)) {
		problem('inputs', 'Required array');
		return fields;
	}
	const expected = new Map(technique.inputs.map((input) => [input.id, input]));
	const seen = new Set();
	inputs.forEach((input, i) => {
		if (!input || typeof input !== 'object') return problem(`inputs[${i}]`, 'Expected object');
		const spec = expected.get(input.id);
		if (typeof input.id !== 'string' || !spec) return problem(`inputs[${i}].id`, `Unknown input id ${JSON.stringify(input.id)}`);
		if (seen.has(input.id)) return problem(`inputs[${i}].id`, `Duplicate input id ${input.id}`);
		seen.add(input.id);
		if (!INPUT_TYPES.includes(input.type)) return problem(`inputs[${i}].type`, `Must be one of ${INPUT_TYPES.join(', ')}`);
		if (input.type !== spec.type) return problem(`inputs[${i}].type`, `Input ${input.id} expects type ${spec.type}`);
		if (typeof input.value !== 'string' || input.value === '') return problem(`inputs[${i}].value`, 'Required non-empty string');
		if (MEDIA_TYPES.includes(input.type)) {
			const why = mediaUrlProblem(input.value);
			if (why) problem(`inputs[${i}].value`, `Media URL ${why}`);
		}
	});
	for (const spec of technique.inputs) {
		if (spec.required && !seen.has(spec.id)) problem(spec.id, 'Required');
	}
	if (inputs.length > technique.inputs.length) {
		problem('inputs', `Expected at most ${technique.inputs.length} inputs, got ${inputs.length}`);
	}
	return fields;
}

/**
 * @param {object} [options]
 * @param {string[]} [options.keys] active API keys (first one is server.apiKey)
 * @param {string[]} [options.revokedKeys]
 * @param {number} [options.credits]
 * @param {{pendingMs?: number, runningMs?: number}} [options.durations]
 */
async function startFloraFake(options = {}) {
	const keys = new Set(options.keys ?? [DEFAULT_KEY]);
	const forcedErrors = [];
	const takeForcedError = (req) => {
		const index = forcedErrors.findIndex(
			(f) => (!f.method || f.method === req.method) && (!f.path || (f.path instanceof RegExp ? f.path.test(req.path) : f.path === req.path)),
		);
		return index === -1 ? undefined : forcedErrors.splice(index, 1)[0];
	};
	const revokedKeys = new Set(options.revokedKeys ?? []);

	const server = createFakeServer({
		name: 'flora',
		rateLimitHeaders: 'none',
		errorBody: (status, message, extra = {}) => ({
			error: {
				code: extra.code ?? CODE_BY_STATUS[status] ?? 'error',
				message,
				...(extra.fields ? { fields: extra.fields } : {}),
			},
		}),
		authenticate(req) {
			const forced = takeForcedError(req);
			if (forced) throw new HttpError(forced.status, forced.message, { code: forced.code });
			const header = req.headers.authorization;
			if (!header) throw new HttpError(401, 'Missing Authorization header', { code: 'unauthorized' });
			const match = /^Bearer (sk_live_\S+)$/.exec(header);
			if (!match || !keys.has(match[1]) || revokedKeys.has(match[1])) {
				throw new HttpError(401, 'Invalid or revoked API key', { code: 'invalid_api_key' });
			}
			req.apiKey = match[1];
		},
	});

	const state = server.state;
	state.techniques = seedTechniques();
	state.runs = new Map();
	state.idempotency = new Map();
	state.credits = options.credits ?? 100000;
	state.runsCreated = 0;
	state.durations = { pendingMs: 20, runningMs: 60, ...options.durations };
	state.nextOutcome = undefined;
	state.queued = [];
	state.keys = keys;
	state.revokedKeys = revokedKeys;

	server.apiKey = [...keys][0];
	server.queueRun = (overrides) => state.queued.push(overrides);
	server.revokeKey = (key) => revokedKeys.add(key);
	server.finishRun = (runId) => {
		const run = state.runs.get(runId);
		run.pendingMs = 0;
		run.runningMs = 0;
	};
	/** The next matching API request answers with this documented error instead (e.g. invalid_json). */
	server.failNext = ({ method, path, status, code, message = `Forced ${code}` }) =>
		forcedErrors.push({ method, path, status, code, message });

	function findTechnique(slug) {
		const technique = state.techniques.get(slug);
		if (!technique) throw new HttpError(404, `Technique ${slug} not found`, { code: 'not_found' });
		return technique;
	}

	function runView(run) {
		const elapsed = Date.now() - run.createdAtMs;
		const view = {
			runId: run.runId,
			status: 'pending',
			progress: 0,
			outputs: [],
			chargedCost: null,
			errorCode: null,
			errorMessage: null,
			createdAt: new Date(run.createdAtMs).toISOString(),
			pollUrl: `${server.url}/api/v1/techniques/${run.slug}/runs/${run.runId}`,
		};
		if (elapsed < run.pendingMs) return view;
		if (elapsed < run.pendingMs + run.runningMs) {
			const fraction = (elapsed - run.pendingMs) / Math.max(1, run.runningMs);
			return { ...view, status: 'running', progress: run.progress ?? Math.min(99, Math.floor(fraction * 100)) };
		}
		if (run.outcome === 'failed') {
			return { ...view, status: 'failed', progress: 100, chargedCost: 0, errorCode: run.errorCode, errorMessage: run.errorMessage };
		}
		const technique = state.techniques.get(run.slug);
		const outputs = technique.outputs.map((output) => ({
			id: output.id,
			type: output.type,
			url: `${server.url}/media/${run.runId}/${output.id}${output.type === 'videoUrl' ? '.mp4' : output.type === 'text' ? '.txt' : '.png'}`,
		}));
		return { ...view, status: 'completed', progress: 100, outputs, chargedCost: run.cost };
	}

	server.route('GET', '/api/v1/techniques/:slug', (req) => ({ status: 200, body: findTechnique(req.params.slug) }));

	server.route('POST', '/api/v1/techniques/:slug/runs', (req) => {
		const technique = findTechnique(req.params.slug);
		const body = req.body;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw new HttpError(400, 'Request body must be a JSON object', { code: 'invalid_json' });
		}
		const key = body.idempotency_key;
		if (key !== undefined && (typeof key !== 'string' || key === '')) {
			throw new HttpError(400, 'idempotency_key must be a non-empty string', { code: 'input_validation_error' });
		}
		const replayKey = key && `${req.apiKey}:${key}`;
		if (replayKey && state.idempotency.has(replayKey)) {
			const existing = state.runs.get(state.idempotency.get(replayKey));
			return { status: 200, body: runView(existing), headers: { 'Idempotent-Replayed': 'true' } };
		}
		const fields = validateInputs(technique, body.inputs);
		if (body.mode !== 'async') fields.push({ field: 'mode', message: 'Must be "async"' });
		if (fields.length) {
			const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
			throw new HttpError(400, message, { code: 'input_validation_error', fields });
		}
		if (state.credits < technique.cost) {
			throw new HttpError(402, `Insufficient credits: run costs ${technique.cost}, ${state.credits} left`, {
				code: 'insufficient_credits',
			});
		}
		state.credits -= technique.cost;
		const overrides = state.queued.shift() ?? {};
		const outcome = overrides.outcome ?? state.nextOutcome ?? 'completed';
		state.nextOutcome = undefined;
		const run = {
			runId: `run_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`,
			slug: technique.slug,
			apiKey: req.apiKey,
			inputs: body.inputs,
			idempotencyKey: key,
			cost: technique.cost,
			createdAtMs: Date.now(),
			pendingMs: overrides.pendingMs ?? state.durations.pendingMs,
			runningMs: overrides.runningMs ?? state.durations.runningMs,
			outcome,
			errorCode: overrides.errorCode ?? 'provider_error',
			errorMessage: overrides.errorMessage ?? 'The provider failed to complete the generation.',
		};
		state.runs.set(run.runId, run);
		if (replayKey) state.idempotency.set(replayKey, run.runId);
		state.runsCreated += 1;
		return { status: 201, body: runView(run) };
	});

	server.route('GET', '/api/v1/techniques/:slug/runs/:runId', (req) => {
		findTechnique(req.params.slug);
		const run = state.runs.get(req.params.runId);
		if (!run || run.slug !== req.params.slug || run.apiKey !== req.apiKey) {
			throw new HttpError(404, `Run ${req.params.runId} not found`, { code: 'not_found' });
		}
		return { status: 200, body: runView(run) };
	});

	server.route(
		'GET',
		'/media/:runId/:file',
		(req) => {
			const run = state.runs.get(req.params.runId);
			const match = /^(.+)\.(png|mp4|txt)$/.exec(req.params.file);
			if (!run || !match || runView(run).status !== 'completed') throw new HttpError(404, 'No such media', { code: 'not_found' });
			const [, outputId, ext] = match;
			if (ext === 'png') return { body: PNG_BYTES, headers: { 'Content-Type': 'image/png' } };
			if (ext === 'mp4') return { body: MP4_BYTES, headers: { 'Content-Type': 'video/mp4' } };
			return { body: Buffer.from(`Output ${outputId} of ${run.runId}`), headers: { 'Content-Type': 'text/plain' } };
		},
		{ public: true },
	);

	return server.listen();
}

module.exports = { startFloraFake, mediaUrlProblem, DEFAULT_KEY, PNG_BYTES, MP4_BYTES };
