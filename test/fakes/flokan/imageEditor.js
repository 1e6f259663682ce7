'use strict';
/**
 * Fake Flokan Image Editor API (/api/v1/image-editor), per /work/shared/api-docs/001_….
 *
 * Choices where the page is silent (keep in sync with docs/imageEditor.md):
 * - GET /jobs answers `{ success: true, data: { jobs: [row…], page, per_page, total, has_more } }`.
 *   `page`/`per_page` must be integers (page ≥ 1, 1 ≤ per_page ≤ 100), otherwise 400.
 * - A job row (GET /jobs, GET /jobs/:jobId) carries: job_id, status, prompt, model_tier, provider,
 *   provider_used, image_id, image_url, style_id, character_id, result_url, result_image_id,
 *   credits_consumed, processing_ms, error, created_at, completed_at.
 * - image_id / style_id / character_id that are not UUIDs → 400; unknown UUIDs → 404.
 * - The presigned PUT lives on the same host at /presigned/:imageId?expires=…&sig=… (public: no
 *   API auth, no rate-limit headers, like S3). It answers 400 when the request carries an
 *   Authorization or X-API-Key header, 403 (SignatureDoesNotMatch) when the signature is wrong or
 *   the Content-Type differs from the declared mime_type, 403 (Request has expired) after expiry.
 *   The uploaded object is then served by the fake CDN at public_url.
 * - Order of checks on POST /process: 400 validation (incl. BYOK matrix) → 422 BYOK not available →
 *   404 unknown ids → 402 credits → (processing delay) → 422 safety filter (recorded as a failed
 *   job, nothing charged) → 201. Credits are deducted only on success.
 *
 * Test hooks: server.state.processDelayMs (how long POST /process holds the call, default 0),
 * server.state.processHold (optional promise: after the delay, POST /process keeps its job
 * processing until it settles) and
 * server.state.imageEditor = { seedJobs(n, status), seedImage({ mimeType, data }), expireUpload(id),
 * images, jobs, styleIds, characterIds, tierCosts }.
 */
const crypto = require('node:crypto');
const { wait } = require('../core');

const BASE = '/api/v1/image-editor';

/** A valid 1×1 PNG: every generated result serves these bytes. */
const RESULT_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

const MIME_EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };
const MODEL_TIERS = ['pro', 'standard', 'creative'];
const PROVIDERS = ['platform', 'openai', 'google', 'fal', 'kie'];
const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed'];
/** BYOK provider → allowed model tiers (platform allows every tier). */
const BYOK_TIERS = {
	openai: ['pro', 'standard'],
	google: ['pro'],
	fal: ['pro', 'standard', 'creative'],
	kie: ['pro', 'standard', 'creative'],
};
const DEFAULT_TIER_COSTS = { pro: 50, standard: 20, creative: 30 };

/** Ids the fake knows out of the box (tests may add more to server.state.imageEditor). */
const KNOWN_STYLE_IDS = ['5b0c7a10-9d1e-4c2a-8f3b-1a2b3c4d5e6f', '0e5f2c3a-7b8d-4e9f-a1b2-c3d4e5f60718'];
const KNOWN_CHARACTER_IDS = ['c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8'];
/** An uploaded image that belongs to another workspace: 404 here. */
const FOREIGN_IMAGE_ID = 'f0f0f0f0-1111-4222-8333-444455556666';
const SAFETY_WORD = 'forbidden-content';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function register(server, workspace) {
	const { HttpError } = workspace;
	const bad = (message) => new HttpError(400, message);
	const signingSecret = crypto.randomBytes(16);

	const state = {
		/** image_id → { workspaceId, fileName, mimeType, fileSize, uploaded, cdnName, expiresAt } */
		images: new Map(),
		/** job_id → row */
		jobs: new Map(),
		styleIds: new Set(KNOWN_STYLE_IDS),
		characterIds: new Set(KNOWN_CHARACTER_IDS),
		tierCosts: { ...DEFAULT_TIER_COSTS },
		seedJobs,
		seedImage,
		expireUpload(imageId) {
			state.images.get(imageId).expiresAt = Date.now() - 1;
		},
	};
	server.state.imageEditor = state;
	if (server.state.processDelayMs === undefined) server.state.processDelayMs = 0;
	state.images.set(FOREIGN_IMAGE_ID, {
		workspaceId: 'another-workspace',
		fileName: 'theirs.png',
		mimeType: 'image/png',
		uploaded: true,
	});

	// ---- body validation ---------------------------------------------------------------------

	function bodyOf(req) {
		const body = req.body === undefined ? {} : req.body;
		if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('Request body must be a JSON object');
		return body;
	}

	function string(body, field, { required = false, min = 1, max = Infinity } = {}) {
		const value = body[field];
		if (value === undefined || value === null) {
			if (required) throw bad(`${field} is required`);
			return undefined;
		}
		if (typeof value !== 'string') throw bad(`${field} must be a string`);
		if (value.length < min || value.length > max) {
			throw bad(`${field} must be ${min}–${max === Infinity ? '∞' : max} characters (got ${value.length})`);
		}
		return value;
	}

	function oneOf(body, field, allowed, { required = false, fallback } = {}) {
		const value = string(body, field, { required });
		if (value === undefined) return fallback;
		if (!allowed.includes(value)) throw bad(`${field} must be one of ${allowed.join(', ')} (got "${value}")`);
		return value;
	}

	function uuid(body, field) {
		const value = string(body, field);
		if (value !== undefined && !UUID_RE.test(value)) throw bad(`${field} must be a UUID`);
		return value;
	}

	function checkByok(provider, modelTier) {
		if (provider === 'platform') return;
		if (!BYOK_TIERS[provider].includes(modelTier)) {
			throw bad(
				`model_tier "${modelTier}" is not supported with provider "${provider}" (allowed: ${BYOK_TIERS[provider].join(', ')})`,
			);
		}
	}

	function checkByokAvailable(provider) {
		if (provider === 'platform') return;
		if (!workspace.byokPlan) throw new HttpError(422, "The workspace's plan does not include BYOK");
		if (!workspace.byokProviders.includes(provider)) {
			throw new HttpError(422, `BYOK provider "${provider}" is not configured and enabled on this workspace`);
		}
	}

	function ownImage(imageId) {
		const image = state.images.get(imageId);
		return image && image.workspaceId === workspace.id ? image : undefined;
	}

	// ---- images ------------------------------------------------------------------------------

	function seedImage({ mimeType = 'image/png', data = RESULT_PNG, fileName = 'seed.png' } = {}) {
		const imageId = workspace.uuid();
		const cdnName = `${imageId}.${MIME_EXTENSIONS[mimeType]}`;
		state.images.set(imageId, { workspaceId: workspace.id, fileName, mimeType, uploaded: true, cdnName });
		const publicUrl = workspace.publish(cdnName, data, mimeType);
		return { imageId, publicUrl };
	}

	function sign(imageId, expiresAt, mimeType) {
		return crypto.createHmac('sha256', signingSecret).update(`${imageId}|${expiresAt}|${mimeType}`).digest('hex');
	}

	server.route('POST', `${BASE}/upload-url`, (req) => {
		const body = bodyOf(req);
		const fileName = string(body, 'file_name', { required: true, min: 1, max: 255 });
		const mimeType = oneOf(body, 'mime_type', Object.keys(MIME_EXTENSIONS), { required: true });
		const fileSize = body.file_size;
		if (fileSize !== undefined && fileSize !== null && (!Number.isInteger(fileSize) || fileSize < 0)) {
			throw bad('file_size must be a non-negative integer');
		}
		const imageId = workspace.uuid();
		const cdnName = `${imageId}.${MIME_EXTENSIONS[mimeType]}`;
		const expiresAt = Date.now() + 3600 * 1000;
		state.images.set(imageId, {
			workspaceId: workspace.id,
			fileName,
			mimeType,
			fileSize: fileSize ?? null,
			uploaded: false,
			cdnName,
			expiresAt,
		});
		const sig = sign(imageId, expiresAt, mimeType);
		return {
			status: 201,
			body: {
				success: true,
				data: {
					image_id: imageId,
					upload_url: `${server.url}/presigned/${imageId}?expires=${expiresAt}&sig=${sig}`,
					public_url: `${server.url}/cdn/${cdnName}`,
					expires_in: 3600,
				},
			},
		};
	});

	server.route(
		'PUT',
		'/presigned/:imageId',
		(req) => {
			if (req.headers.authorization !== undefined || req.headers['x-api-key'] !== undefined) {
				throw bad('Presigned URLs must not carry an Authorization or X-API-Key header');
			}
			const image = state.images.get(req.params.imageId);
			const expiresAt = Number(req.query.expires);
			const expected = image ? sign(req.params.imageId, expiresAt, image.mimeType) : '';
			if (!image || req.query.sig !== expected) {
				throw new HttpError(403, 'SignatureDoesNotMatch: the request signature does not match');
			}
			if (Date.now() > image.expiresAt) throw new HttpError(403, 'AccessDenied: Request has expired');
			const contentType = req.headers['content-type'];
			if (contentType !== image.mimeType) {
				throw new HttpError(
					403,
					`SignatureDoesNotMatch: Content-Type "${contentType ?? ''}" differs from the signed "${image.mimeType}"`,
				);
			}
			if (!req.rawBody.length) throw bad('Empty upload body');
			image.uploaded = true;
			image.bytes = req.rawBody;
			workspace.publish(image.cdnName, req.rawBody, image.mimeType);
			return { status: 200, body: undefined, headers: { ETag: `"${crypto.createHash('md5').update(req.rawBody).digest('hex')}"` } };
		},
		{ public: true },
	);

	// ---- credits -----------------------------------------------------------------------------

	function costOf(provider, modelTier) {
		return provider === 'platform' ? state.tierCosts[modelTier] : 0;
	}

	server.route('POST', `${BASE}/estimate-credits`, (req) => {
		const body = bodyOf(req);
		const modelTier = oneOf(body, 'model_tier', MODEL_TIERS, { required: true });
		const provider = oneOf(body, 'provider', PROVIDERS, { fallback: 'platform' });
		checkByok(provider, modelTier);
		checkByokAvailable(provider);
		const estimate = costOf(provider, modelTier);
		return {
			status: 200,
			body: {
				success: true,
				data: {
					model_tier: modelTier,
					provider,
					estimated_credits: estimate,
					is_exact: false,
					available_credits: workspace.credits,
					can_proceed: workspace.credits >= estimate,
					byok_skips_credits: provider !== 'platform',
				},
			},
		};
	});

	// ---- processing --------------------------------------------------------------------------

	function newJob(fields) {
		const job = {
			job_id: workspace.uuid(),
			status: 'pending',
			prompt: '',
			model_tier: 'standard',
			provider: 'platform',
			provider_used: 'system',
			image_id: null,
			image_url: null,
			style_id: null,
			character_id: null,
			result_url: null,
			result_image_id: null,
			credits_consumed: 0,
			processing_ms: null,
			error: null,
			created_at: new Date().toISOString(),
			completed_at: null,
			...fields,
		};
		state.jobs.set(job.job_id, job);
		return job;
	}

	function completeWithResult(job) {
		const resultImageId = workspace.uuid();
		const cdnName = `processed-${job.job_id}.png`;
		state.images.set(resultImageId, {
			workspaceId: workspace.id,
			fileName: cdnName,
			mimeType: 'image/png',
			uploaded: true,
			cdnName,
		});
		job.result_url = workspace.publish(cdnName, RESULT_PNG, 'image/png');
		job.result_image_id = resultImageId;
		job.status = 'completed';
	}

	server.route('POST', `${BASE}/process`, async (req) => {
		const body = bodyOf(req);
		const prompt = string(body, 'prompt', { required: true, min: 1, max: 10000 });
		const modelTier = oneOf(body, 'model_tier', MODEL_TIERS, { required: true });
		const imageId = uuid(body, 'image_id');
		const imageUrl = string(body, 'image_url', { max: 2000 });
		if (imageUrl !== undefined && !/^https:\/\/[^\s/]+/i.test(imageUrl)) throw bad('image_url must be an HTTPS URL');
		const styleId = uuid(body, 'style_id');
		const characterId = uuid(body, 'character_id');
		const provider = oneOf(body, 'provider', PROVIDERS, { fallback: 'platform' });
		checkByok(provider, modelTier);
		checkByokAvailable(provider);

		if (imageId !== undefined) {
			const image = ownImage(imageId);
			if (!image) throw new HttpError(404, `Image ${imageId} not found in this workspace`);
			if (!image.uploaded) throw new HttpError(404, `Image ${imageId} has no uploaded file yet`);
		}
		if (styleId !== undefined && !state.styleIds.has(styleId)) throw new HttpError(404, `Style ${styleId} not found`);
		if (characterId !== undefined && !state.characterIds.has(characterId)) {
			throw new HttpError(404, `Character ${characterId} not found`);
		}
		const cost = costOf(provider, modelTier);
		if (workspace.credits < cost) {
			throw new HttpError(402, `Insufficient AI credits: this call needs ${cost}, the workspace has ${workspace.credits}`);
		}

		const started = Date.now();
		const job = newJob({
			status: 'processing',
			prompt,
			model_tier: modelTier,
			provider,
			provider_used: provider === 'platform' ? 'system' : provider,
			image_id: imageId ?? null,
			image_url: imageId === undefined ? (imageUrl ?? null) : null,
			style_id: styleId ?? null,
			character_id: characterId ?? null,
		});
		if (server.state.processDelayMs > 0) await wait(server.state.processDelayMs);
		await server.state.processHold;
		job.processing_ms = Date.now() - started;
		job.completed_at = new Date().toISOString();

		if (/\bforbidden-content\b/i.test(prompt)) {
			job.status = 'failed';
			job.error = 'Provider safety filter rejected the prompt';
			throw new HttpError(422, job.error);
		}
		workspace.credits -= cost;
		job.credits_consumed = cost;
		completeWithResult(job);
		return {
			status: 201,
			body: {
				success: true,
				data: {
					job_id: job.job_id,
					status: job.status,
					result_url: job.result_url,
					result_image_id: job.result_image_id,
					model_tier: job.model_tier,
					provider_used: job.provider_used,
					credits_consumed: job.credits_consumed,
					processing_ms: job.processing_ms,
					created_at: job.created_at,
					completed_at: job.completed_at,
				},
			},
		};
	});

	// ---- jobs --------------------------------------------------------------------------------

	/**
	 * Add n jobs with the given status (default: completed), each older than the previous one so
	 * the first seeded job is the most recent. Returns the rows in that order.
	 */
	function seedJobs(n, status = 'completed') {
		const oldest = [...state.jobs.values()].reduce((min, j) => Math.min(min, Date.parse(j.created_at)), Date.now());
		const rows = [];
		for (let i = 0; i < n; i++) {
			const createdAt = oldest - (i + 1) * 1000;
			const job = newJob({
				status,
				prompt: `Seeded job ${i + 1}`,
				model_tier: MODEL_TIERS[i % MODEL_TIERS.length],
				created_at: new Date(createdAt).toISOString(),
			});
			if (status === 'completed') {
				completeWithResult(job);
				job.credits_consumed = state.tierCosts[job.model_tier];
			}
			if (status === 'failed') job.error = 'Provider returned an error: upstream timeout';
			if (status === 'completed' || status === 'failed') {
				job.processing_ms = 900;
				job.completed_at = new Date(createdAt + 900).toISOString();
			}
			rows.push(job);
		}
		return rows;
	}

	function integerQuery(query, name, fallback, { min, max }) {
		if (query[name] === undefined) return fallback;
		const value = Number(query[name]);
		if (!/^\d+$/.test(query[name]) || value < min || value > max) {
			throw bad(`${name} must be an integer from ${min} to ${max === Infinity ? '∞' : max} (got "${query[name]}")`);
		}
		return value;
	}

	server.route('GET', `${BASE}/jobs`, (req) => {
		const page = integerQuery(req.query, 'page', 1, { min: 1, max: Infinity });
		const perPage = integerQuery(req.query, 'per_page', 50, { min: 1, max: 100 });
		const status = req.query.status;
		if (status !== undefined && !JOB_STATUSES.includes(status)) {
			throw bad(`status must be one of ${JOB_STATUSES.join(', ')} (got "${status}")`);
		}
		const all = [...state.jobs.values()]
			.filter((job) => !status || job.status === status)
			.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
		const jobs = all.slice((page - 1) * perPage, page * perPage);
		return {
			status: 200,
			body: {
				success: true,
				data: { jobs, page, per_page: perPage, total: all.length, has_more: page * perPage < all.length },
			},
		};
	});

	server.route('GET', `${BASE}/jobs/:jobId`, (req) => {
		const job = state.jobs.get(req.params.jobId);
		if (!job) throw new HttpError(404, `Job ${req.params.jobId} not found`);
		return { status: 200, body: { success: true, data: job } };
	});
}

module.exports = {
	register,
	RESULT_PNG,
	KNOWN_STYLE_IDS,
	KNOWN_CHARACTER_IDS,
	FOREIGN_IMAGE_ID,
	SAFETY_WORD,
	BYOK_TIERS,
	DEFAULT_TIER_COSTS,
};
