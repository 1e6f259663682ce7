'use strict';
/**
 * The fake Vidgen API (image + audio → video), as /work/shared/api-docs/004_… describes it:
 * - GET /health (public), everything under /api/* needs X-API-Key.
 * - POST /api/jobs takes multipart/form-data (image, audio, optional https webhookUrl); one active
 *   (PENDING/PROCESSING) job per key → 409.
 * - A job's status is derived from its timestamps: PENDING for plan.pendingMs, PROCESSING (progress
 *   0–100) for plan.processingMs, then plan.outcome (COMPLETED or FAILED). CANCELLED once cancelled.
 * - On COMPLETED/FAILED a signed webhook (X-Webhook-Signature = hex HMAC-SHA256 of the raw body)
 *   goes to the job's webhookUrl through state.deliver(url, body, headers), by an unref'd timer or
 *   when a request first observes the transition, whichever is first.
 * Paths the page does not spell out (our choice, mirrored in nodes/Vidgen/transport.ts):
 *   list: GET /api/jobs        cancel: POST /api/jobs/:jobId/cancel
 */
const crypto = require('node:crypto');
const { createFakeServer, HttpError } = require('./core');
const { parseMultipart } = require('./vidgen.multipart');

const DEFAULT_KEY = 'vg_test_key_0123456789abcdef';
const OTHER_KEY = 'vg_test_key_other_fedcba9876543210';
const DEFAULT_WEBHOOK_SECRET = 'whsec_vidgen_test_secret_0123456789';

const FILE_TYPES = {
	image: ['image/jpeg', 'image/png', 'image/webp'],
	audio: ['audio/mpeg', 'audio/wav', 'audio/x-wav', 'audio/mp4', 'audio/x-m4a', 'audio/ogg'],
};
const STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'];
const ACTIVE = ['PENDING', 'PROCESSING'];
const TERMINAL_WITH_WEBHOOK = ['COMPLETED', 'FAILED'];
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A cuid-looking id: "cl" + 23 lowercase alphanumerics. */
function newJobId() {
	const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
	const bytes = crypto.randomBytes(23);
	return `cl${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}

function sign(body, secret) {
	return crypto.createHmac('sha256', secret).update(body).digest('hex');
}

function isLoopback(url) {
	try {
		return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
	} catch {
		return false;
	}
}

/** Without a test-provided deliver(), only loopback URLs are called (tests never leave the machine). */
async function defaultDeliver(url, body, headers) {
	if (!isLoopback(url)) throw new Error(`not delivered: ${url} is not a loopback URL and no deliver() was given`);
	const response = await fetch(url, { method: 'POST', headers, body });
	await response.arrayBuffer();
	return { status: response.status };
}

/**
 * @param {object} [options]
 * @param {Record<string, {active?: boolean, webhookSecret?: string}>} [options.keys] apiKey → account
 * @param {string} [options.webhookSecret] secret used to sign webhooks (accounts may override)
 * @param {number} [options.pendingMs] default time a job stays PENDING (Infinity = until cancelled)
 * @param {number} [options.processingMs] default time a job stays PROCESSING
 * @param {'COMPLETED'|'FAILED'} [options.outcome] default final status
 * @param {string} [options.errorMessage] default errorMessage of a FAILED job
 * @param {number} [options.maxFileBytes] per-file cap (50 MB by default)
 * @param {number} [options.rateLimitPerMinute] all /api/* (600)
 * @param {number} [options.submitLimitPerMinute] POST /api/jobs (30)
 * @param {number} [options.rateLimitWindowMs]
 * @param {(url: string, body: string, headers: object) => Promise<{status?: number}|void>} [options.deliver]
 */
async function startVidgenFake(options = {}) {
	const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
	const keys = options.keys ?? { [DEFAULT_KEY]: {}, [OTHER_KEY]: {} };
	const windowMs = options.rateLimitWindowMs ?? 60000;

	const server = createFakeServer({
		name: 'vidgen',
		rateLimitHeaders: 'ietf',
		rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
		rateLimitWindowMs: windowMs,
		errorBody: (status, message) => ({ error: message }),
		authenticate(req) {
			const key = req.headers['x-api-key'];
			if (!key) throw new HttpError(401, 'Missing X-API-Key header');
			const account = server.state.keys[key];
			if (!account || account.active === false) throw new HttpError(401, 'API key not recognized or has been deactivated');
		},
	});

	const state = server.state;
	Object.assign(state, {
		keys,
		jobs: [],
		/** Plans for the next created jobs, consumed in order: {pendingMs, processingMs, outcome, errorMessage}. */
		plans: [],
		pendingMs: options.pendingMs ?? 30,
		processingMs: options.processingMs ?? 60,
		outcome: options.outcome ?? 'COMPLETED',
		errorMessage: options.errorMessage ?? 'Rendering failed: audio track could not be decoded',
		maxFileBytes: options.maxFileBytes ?? 50 * 1024 * 1024,
		submitLimit: { limit: options.submitLimitPerMinute ?? 30, windowMs, windowStart: Date.now(), used: 0 },
		deliver: options.deliver,
		/** Every webhook attempt: {jobId, url, body, headers, at, status?, error?}. */
		deliveries: [],
	});
	server.apiKey = Object.keys(keys)[0];
	server.otherApiKey = Object.keys(keys)[1];
	server.webhookSecret = webhookSecret;
	const inFlightDeliveries = new Set();
	let sequence = 0;

	const secretOf = (apiKey) => state.keys[apiKey]?.webhookSecret ?? webhookSecret;

	function statusOf(job, now = Date.now()) {
		if (job.cancelledAt !== undefined) return 'CANCELLED';
		const elapsed = now - job.createdAt;
		if (elapsed < job.plan.pendingMs) return 'PENDING';
		if (elapsed < job.plan.pendingMs + job.plan.processingMs) return 'PROCESSING';
		return job.plan.outcome;
	}

	function describe(job) {
		const now = Date.now();
		const status = statusOf(job, now);
		const startedAt = job.createdAt + job.plan.pendingMs;
		const finishedAt = startedAt + job.plan.processingMs;
		const updatedAt = { PENDING: job.createdAt, PROCESSING: startedAt, CANCELLED: job.cancelledAt }[status] ?? finishedAt;
		const progress = {
			PENDING: 0,
			PROCESSING: Number.isFinite(job.plan.processingMs) && job.plan.processingMs > 0
				? Math.min(99, Math.floor(((now - startedAt) / job.plan.processingMs) * 100))
				: 0,
			COMPLETED: 100,
		}[status];
		const completed = status === 'COMPLETED';
		return {
			status,
			progress: progress ?? null,
			outputVideo: completed ? `${server.url}/files/${job.id}/video.mp4` : null,
			outputShareLink: completed ? `${server.url}/share/${job.id}` : null,
			errorMessage: status === 'FAILED' ? job.plan.errorMessage : null,
			createdAt: new Date(job.createdAt).toISOString(),
			updatedAt: new Date(updatedAt).toISOString(),
		};
	}

	function statusBody(job) {
		const { status, progress, outputVideo, outputShareLink, errorMessage, createdAt, updatedAt } = describe(job);
		return { jobId: job.id, status, progress, outputVideo, outputShareLink, errorMessage, createdAt, updatedAt };
	}

	function listItem(job) {
		const { status, outputVideo, outputShareLink, errorMessage, createdAt, updatedAt } = describe(job);
		return { id: job.id, status, outputVideo, outputShareLink, errorMessage, retries: 0, createdAt, updatedAt, webhookUrl: job.webhookUrl };
	}

	/** Sends the job's webhook once, when it has reached COMPLETED or FAILED. */
	function observe(job) {
		if (job.webhookSent || !job.webhookUrl || !TERMINAL_WITH_WEBHOOK.includes(statusOf(job))) return;
		job.webhookSent = true;
		clearTimeout(job.timer);
		const body = JSON.stringify(statusBody(job));
		const headers = { 'Content-Type': 'application/json', 'X-Webhook-Signature': sign(body, secretOf(job.apiKey)) };
		const record = { jobId: job.id, url: job.webhookUrl, body, headers, at: Date.now() };
		state.deliveries.push(record);
		const attempt = Promise.resolve()
			.then(() => (state.deliver ?? defaultDeliver)(job.webhookUrl, body, headers))
			.then(
				(result) => {
					record.status = result?.status;
				},
				(error) => {
					record.error = error.message;
				},
			)
			.finally(() => inFlightDeliveries.delete(attempt));
		inFlightDeliveries.add(attempt);
	}

	function scheduleWebhook(job) {
		if (!job.webhookUrl) return;
		const due = job.createdAt + job.plan.pendingMs + job.plan.processingMs - Date.now();
		if (!Number.isFinite(due) || due > MAX_TIMER_MS) return;
		job.timer = setTimeout(() => observe(job), Math.max(0, due) + 1);
		job.timer.unref();
	}

	function createJob({ apiKey, files, webhookUrl, plan, createdAt = Date.now() }) {
		const job = {
			id: newJobId(),
			seq: ++sequence,
			apiKey,
			createdAt,
			plan: {
				pendingMs: state.pendingMs,
				processingMs: state.processingMs,
				outcome: state.outcome,
				errorMessage: state.errorMessage,
				...plan,
			},
			files,
			webhookUrl: webhookUrl ?? null,
			webhookSent: false,
		};
		state.jobs.push(job);
		return job;
	}

	function ownJob(req) {
		const job = state.jobs.find((j) => j.id === req.params.jobId && j.apiKey === req.headers['x-api-key']);
		if (!job) throw new HttpError(404, 'Job not found');
		return job;
	}

	function submitLimitHeaders() {
		const bucket = state.submitLimit;
		if (Date.now() - bucket.windowStart >= bucket.windowMs) {
			bucket.windowStart = Date.now();
			bucket.used = 0;
		}
		const resetSeconds = Math.max(0, Math.ceil((bucket.windowStart + bucket.windowMs - Date.now()) / 1000));
		return {
			'RateLimit-Limit': String(bucket.limit),
			'RateLimit-Remaining': String(Math.max(0, bucket.limit - bucket.used)),
			'RateLimit-Reset': String(resetSeconds),
		};
	}

	function takeSubmitSlot() {
		const headers = submitLimitHeaders();
		if (state.submitLimit.used >= state.submitLimit.limit) {
			throw new HttpError(429, 'Too many job submissions, please slow down', {
				headers: { ...headers, 'Retry-After': String(Math.max(1, Number(headers['RateLimit-Reset']))) },
			});
		}
		state.submitLimit.used += 1;
	}

	function readSubmission(req) {
		const parts = parseMultipart(req.rawBody, req.headers['content-type']);
		const files = {};
		let webhookUrl;
		for (const part of parts) {
			const accepted = FILE_TYPES[part.name];
			if (part.filename === undefined) {
				if (accepted) throw new HttpError(400, `Field "${part.name}" must be a file upload`);
				if (part.name === 'webhookUrl') webhookUrl = part.data.toString('utf8');
				continue;
			}
			if (!accepted) throw new HttpError(400, `Unexpected file field "${part.name}"`);
			if (files[part.name]) throw new HttpError(400, `Only one ${part.name} file is allowed`);
			const mime = (part.contentType || 'application/octet-stream').split(';')[0].trim().toLowerCase();
			if (!accepted.includes(mime)) {
				throw new HttpError(415, `Unsupported ${part.name} type "${mime}". Accepted: ${accepted.join(', ')}`);
			}
			if (part.data.length > state.maxFileBytes) throw new HttpError(413, `${part.name} file exceeds the 50 MB limit`);
			files[part.name] = { filename: part.filename, contentType: part.contentType, data: part.data };
		}
		for (const name of Object.keys(FILE_TYPES)) {
			if (!files[name]) throw new HttpError(400, `Missing required file: ${name}`);
		}
		if (webhookUrl && !webhookUrl.startsWith('https://')) {
			throw new HttpError(400, 'Invalid webhookUrl: it must start with https://');
		}
		return { files, webhookUrl: webhookUrl || undefined };
	}

	server.route('GET', '/health', () => ({ body: { status: 'ok' } }), { public: true });

	server.route('POST', '/api/jobs', (req) => {
		takeSubmitSlot();
		const { files, webhookUrl } = readSubmission(req);
		const apiKey = req.headers['x-api-key'];
		const active = state.jobs.find((j) => j.apiKey === apiKey && ACTIVE.includes(statusOf(j)));
		if (active) throw new HttpError(409, 'You already have an active job', { headers: submitLimitHeaders() });
		const job = createJob({ apiKey, files, webhookUrl, plan: state.plans.shift() });
		scheduleWebhook(job);
		return { status: 201, body: { message: 'Job created', jobId: job.id }, headers: submitLimitHeaders() };
	});

	server.route('GET', '/api/status/:jobId', (req) => {
		const job = ownJob(req);
		observe(job);
		return { body: statusBody(job) };
	});

	server.route('GET', '/api/jobs', (req) => {
		const { limit: rawLimit, cursor, status } = req.query;
		const limit = rawLimit === undefined ? 20 : Number(rawLimit);
		if (!/^\d+$/.test(rawLimit ?? '20') || limit < 1 || limit > 100) {
			throw new HttpError(400, 'limit must be an integer between 1 and 100');
		}
		if (status !== undefined && !STATUSES.includes(status)) {
			throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}`);
		}
		const mine = state.jobs.filter((j) => j.apiKey === req.headers['x-api-key']).sort((a, b) => b.seq - a.seq);
		let fromSeq = Infinity;
		if (cursor !== undefined) {
			const at = mine.find((j) => j.id === cursor);
			if (!at) throw new HttpError(400, 'Invalid cursor');
			fromSeq = at.seq;
		}
		const matching = mine.filter((j) => j.seq <= fromSeq && (!status || statusOf(j) === status));
		const page = matching.slice(0, limit);
		const next = matching[limit];
		page.forEach(observe);
		return {
			body: {
				jobs: page.map(listItem),
				pagination: { limit, nextCursor: next ? next.id : null, hasNextPage: Boolean(next) },
			},
		};
	});

	server.route('POST', '/api/jobs/:jobId/cancel', (req) => {
		const job = ownJob(req);
		const status = statusOf(job);
		if (status !== 'PENDING') throw new HttpError(409, 'Job is not in a cancellable state');
		job.cancelledAt = Date.now();
		clearTimeout(job.timer);
		return { body: { success: true, message: 'Job cancelled successfully' } };
	});

	server.route(
		'GET',
		'/files/:jobId/video.mp4',
		(req) => {
			const job = state.jobs.find((j) => j.id === req.params.jobId);
			if (!job || statusOf(job) !== 'COMPLETED') throw new HttpError(404, 'No such video');
			return { body: server.videoBytes(job.id), headers: { 'Content-Type': 'video/mp4' } };
		},
		{ public: true },
	);

	server.route(
		'GET',
		'/share/:jobId',
		(req) => ({
			body: Buffer.from(`<!doctype html><title>Vidgen ${req.params.jobId}</title><video src="/files/${req.params.jobId}/video.mp4">`),
			headers: { 'Content-Type': 'text/html' },
		}),
		{ public: true },
	);

	/** Use plan for the next job created (queue several for several jobs). */
	server.planNextJob = (plan) => {
		state.plans.push(plan);
	};
	server.job = (jobId) => state.jobs.find((j) => j.id === jobId);
	/** A PENDING job (planned with pendingMs: Infinity) starts PROCESSING now. */
	server.startJob = (jobId) => {
		const job = server.job(jobId);
		job.plan.pendingMs = Date.now() - job.createdAt;
	};
	/**
	 * Ends a job held by its plan (e.g. processingMs: Infinity) now: from here on it reads as the
	 * plan's outcome. The test, not the clock, decides when a held job finishes.
	 */
	server.finishJob = (jobId) => {
		const job = server.job(jobId);
		const elapsed = Date.now() - job.createdAt;
		job.plan.pendingMs = Math.min(job.plan.pendingMs, elapsed);
		job.plan.processingMs = elapsed - job.plan.pendingMs;
		observe(job);
	};
	server.statusOf = (jobId) => statusOf(server.job(jobId));
	/** The (deterministic) bytes of a completed job's video. */
	server.videoBytes = (jobId) =>
		Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.from(`vidgen-fake-video:${jobId}`)]);
	server.sign = (body, apiKey = server.apiKey) => sign(body, secretOf(apiKey));
	/**
	 * Put a job straight into the store (for listings and "active job" situations), e.g.
	 * seedJob({status: 'PROCESSING'}) or seedJob({status: 'FAILED', errorMessage: '…'}). Seeded jobs never send webhooks.
	 */
	server.seedJob = ({ apiKey = server.apiKey, status = 'COMPLETED', errorMessage, ageMs = 0, plan } = {}) => {
		const plans = {
			PENDING: { pendingMs: Infinity, processingMs: 0 },
			PROCESSING: { pendingMs: 0, processingMs: Infinity },
			COMPLETED: { pendingMs: 0, processingMs: 0, outcome: 'COMPLETED' },
			FAILED: { pendingMs: 0, processingMs: 0, outcome: 'FAILED' },
			CANCELLED: { pendingMs: Infinity, processingMs: 0 },
		};
		if (!plans[status]) throw new Error(`seedJob: unknown status ${status}`);
		const job = createJob({
			apiKey,
			files: undefined,
			plan: { ...plans[status], ...(errorMessage ? { errorMessage } : {}), ...plan },
			createdAt: Date.now() - ageMs,
		});
		if (status === 'CANCELLED') job.cancelledAt = Date.now();
		job.webhookSent = true;
		return job;
	};
	server.setSubmitRateLimit = (limit, ms = state.submitLimit.windowMs) => {
		Object.assign(state.submitLimit, { limit, windowMs: ms, windowStart: Date.now(), used: 0 });
	};
	/** Resolves when every webhook delivery started so far has finished. */
	server.webhooksSettled = async () => {
		while (inFlightDeliveries.size) await Promise.allSettled([...inFlightDeliveries]);
	};

	const closeHttp = server.close;
	server.close = async () => {
		for (const job of state.jobs) clearTimeout(job.timer);
		await closeHttp();
	};

	await server.listen();
	return server;
}

/** Catches the fake's callbacks instead of sending them (any URL); returns the list they land in. */
function captureDeliveries(fake) {
	const delivered = [];
	fake.state.deliver = async (url, body, headers) => {
		delivered.push({ url, body, headers });
		return { status: 200 };
	};
	return delivered;
}

module.exports = { startVidgenFake, captureDeliveries, DEFAULT_KEY, OTHER_KEY, DEFAULT_WEBHOOK_SECRET, FILE_TYPES };
