'use strict';
/**
 * Fake Flokan Thumbnail Generator API (/api/v1/thumbnail-generator), per api-docs/002.
 *
 * Knobs on server.state.thumbnails:
 *   generateDelayMs   how long POST /generate takes (the record is "generating" meanwhile)
 *   generateHold      optional promise: after the delay, POST /generate stays "generating" until it settles
 *   nextStatus        one-shot: 'failed' | 'timed_out' makes the next generation end that way
 *   creditsPerImage   platform cost per image (BYOK costs 0)
 *   styles / cards    known style_id / card_id values (seeded with STYLE_IDS / CARD_IDS)
 *   generations       Map id → stored record (see seedGeneration to add one in any status)
 *   youtube           { pageSize, totalResults } for /youtube-search
 *
 * Choices where the page is silent (documented in docs/thumbnailGenerator.md):
 *   - GET /generations returns data: { generations: [...], page, per_page, total, has_more },
 *     most recent first.
 *   - A failed / timed_out generation still answers POST /generate with 201 and the record
 *     (status says what happened, no images, no credits consumed).
 *   - Unknown body fields are a 400, so a client sending stray fields is caught.
 *   - next_page_token is bound to the query; using it with another query is a 400.
 */
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const { wait } = require('../core');

const BASE = '/api/v1/thumbnail-generator';
const IMAGE_MODELS = ['pro', 'standard', 'creative'];
const ASPECT_RATIOS = ['16:9', '4:3', '1:1'];
const PROVIDERS = ['platform', 'openai', 'google', 'fal', 'kie'];
const STATUSES = ['pending', 'generating', 'completed', 'failed', 'timed_out'];
const GENERATE_FIELDS = [
	'video_title',
	'prompt',
	'image_model',
	'aspect_ratio',
	'image_count',
	'style_id',
	'card_id',
	'youtube_references',
	'reference_image_url',
	'provider',
];

const STYLE_IDS = ['5b1f3f8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', '6c2a4b9f-2d3e-4f6a-9b0c-1d2e3f4a5b6c'];
const CARD_IDS = ['7d3b5c0a-3e4f-4a7b-8c1d-2e3f4a5b6c7d', '8e4c6d1b-4f5a-4b8c-9d2e-3f4a5b6c7d8e'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PIXELS = { '16:9': [32, 18], '4:3': [32, 24], '1:1': [24, 24] };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
function crc32(buffer) {
	let c = 0xffffffff;
	for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** A small valid RGB PNG of one colour. */
function solidPng(width, height, [r, g, b]) {
	const chunk = (type, data) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(typed));
		return Buffer.concat([length, typed, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.writeUInt8(8, 8); // bit depth
	header.writeUInt8(2, 9); // colour type RGB
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
	const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', pixels),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

const colourFor = (text) => [...crypto.createHash('sha256').update(text).digest().subarray(0, 3)];
// Characters as JavaScript counts them (UTF-16 code units), like a typical JS validator.
const charCount = (value) => value.length;

const publicView = ({ _seq, _files, ...record }) => record;

/** A stored generation record; _seq orders "most recent first", _files are its CDN objects. */
function buildRecord(workspace, state, fields) {
	state.sequence += 1;
	return {
		id: crypto.randomUUID(),
		workspace_id: workspace.id,
		card_id: null,
		video_title: `Generation ${state.sequence}`,
		prompt: null,
		image_model: 'pro',
		aspect_ratio: '16:9',
		image_count: 1,
		status: 'pending',
		image_paths: [],
		image_urls: [],
		total_file_size_bytes: 0,
		generation_time_ms: null,
		created_at: new Date().toISOString(),
		provider_used: 'system',
		credits_consumed: 0,
		...fields,
		_seq: state.sequence,
		_files: [],
	};
}

function publishImages(workspace, record) {
	const [width, height] = PIXELS[record.aspect_ratio];
	for (let n = 1; n <= record.image_count; n++) {
		const png = solidPng(width, height, colourFor(`${record.id}/${n}`));
		const cdnName = `thumb-${record.id}-${n}.png`;
		record._files.push(cdnName);
		record.image_paths.push(`${workspace.id}/styles/${record.id}/${n}.png`);
		record.image_urls.push(workspace.publish(cdnName, png, 'image/png'));
		record.total_file_size_bytes += png.length;
	}
}

function register(server, workspace) {
	const { HttpError } = workspace;
	const bad = (message) => new HttpError(400, message);
	const state = {
		generateDelayMs: 0,
		nextStatus: undefined,
		creditsPerImage: 6,
		styles: new Set(STYLE_IDS),
		cards: new Set(CARD_IDS),
		generations: new Map(),
		youtube: { pageSize: 5, totalResults: 15 },
		sequence: 0,
	};
	server.state.thumbnails = state;

	const checkString = (body, field, max, { required = false } = {}) => {
		const value = body[field];
		if (value === undefined) {
			if (required) throw bad(`${field} is required`);
			return;
		}
		if (typeof value !== 'string' || charCount(value) < 1 || charCount(value) > max) {
			throw bad(`${field} must be a string of 1-${max} characters`);
		}
	};
	const checkEnum = (body, field, allowed, { required = false } = {}) => {
		const value = body[field];
		if (value === undefined && !required) return;
		if (!allowed.includes(value)) throw bad(`${field} must be one of: ${allowed.join(', ')}`);
	};
	const checkKnownId = (body, field, known, what) => {
		const value = body[field];
		if (value === undefined) return;
		if (typeof value !== 'string' || !UUID.test(value)) throw bad(`${field} must be a UUID`);
		if (!known.has(value)) throw new HttpError(404, `${what} not found`);
	};
	const isFakeCdnUrl = (url) => server.url && url.startsWith(`${server.url}/cdn/`);

	function validateGenerate(body) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('Request body must be a JSON object');
		const unknown = Object.keys(body).filter((key) => !GENERATE_FIELDS.includes(key));
		if (unknown.length) throw bad(`Unknown field(s): ${unknown.join(', ')}`);

		checkString(body, 'video_title', 500, { required: true });
		checkEnum(body, 'image_model', IMAGE_MODELS, { required: true });
		checkEnum(body, 'aspect_ratio', ASPECT_RATIOS, { required: true });
		if (body.image_count === undefined) throw bad('image_count is required');
		if (!Number.isInteger(body.image_count) || body.image_count < 1 || body.image_count > 4) {
			throw bad('image_count must be an integer from 1 to 4');
		}
		checkEnum(body, 'provider', PROVIDERS);

		const refs = body.youtube_references;
		if (refs !== undefined) {
			if (!Array.isArray(refs)) throw bad('youtube_references must be an array of URLs');
			if (refs.length > 6) throw bad('youtube_references accepts at most 6 URLs');
			refs.forEach((ref, i) => {
				let parsed;
				try {
					parsed = new URL(ref);
				} catch {
					throw bad(`youtube_references[${i}] must be a URL`);
				}
				if (!['http:', 'https:'].includes(parsed.protocol)) throw bad(`youtube_references[${i}] must be a URL`);
				// The server fetches each reference; on the fake CDN we can tell whether it exists.
				if (isFakeCdnUrl(ref) && !workspace.files.has(decodeURIComponent(parsed.pathname.slice('/cdn/'.length)))) {
					throw bad(`Could not fetch youtube_references[${i}]`);
				}
			});
		}
		if (body.reference_image_url !== undefined) {
			let parsed;
			try {
				parsed = new URL(body.reference_image_url);
			} catch {
				throw bad('reference_image_url must be an HTTPS URL');
			}
			if (parsed.protocol !== 'https:') throw bad('reference_image_url must be an HTTPS URL');
		}
		const hasReference = (Array.isArray(refs) && refs.length > 0) || body.reference_image_url !== undefined;
		checkString(body, 'prompt', 10000, { required: !hasReference });
		if (body.prompt === undefined && !hasReference) throw bad('prompt is required');

		checkKnownId(body, 'style_id', state.styles, 'Style');
		checkKnownId(body, 'card_id', state.cards, 'Card');
	}

	function chargeFor(body) {
		const provider = body.provider ?? 'platform';
		if (provider !== 'platform') {
			if (!workspace.byokPlan) throw new HttpError(422, "The workspace's plan does not include BYOK");
			if (!workspace.byokProviders.includes(provider)) {
				throw new HttpError(422, `BYOK provider "${provider}" is not configured and enabled for this workspace`);
			}
			return { providerUsed: provider, credits: 0 };
		}
		const credits = state.creditsPerImage * body.image_count;
		if (workspace.credits < credits) {
			throw new HttpError(402, `Insufficient AI credits: ${credits} needed, ${workspace.credits} available`);
		}
		return { providerUsed: 'system', credits };
	}

	server.route('POST', `${BASE}/generate`, async (req) => {
		const body = req.body;
		validateGenerate(body);
		const { providerUsed, credits } = chargeFor(body);
		const started = Date.now();
		const record = buildRecord(workspace, state, {
			card_id: body.card_id ?? null,
			video_title: body.video_title,
			prompt: body.prompt ?? null,
			image_model: body.image_model,
			aspect_ratio: body.aspect_ratio,
			image_count: body.image_count,
			status: 'generating',
			provider_used: providerUsed,
		});
		state.generations.set(record.id, record);
		if (state.generateDelayMs > 0) await wait(state.generateDelayMs);
		await state.generateHold;

		const outcome = state.nextStatus ?? 'completed';
		state.nextStatus = undefined;
		record.generation_time_ms = Date.now() - started;
		record.status = outcome;
		if (outcome === 'completed') {
			publishImages(workspace, record);
			workspace.credits -= credits;
			record.credits_consumed = credits;
		}
		return { status: 201, body: { success: true, data: publicView(record) } };
	});

	const videoId = (query, index) =>
		crypto.createHash('sha256').update(`${query}#${index}`).digest('base64url').slice(0, 11);
	const queryTag = (query) => crypto.createHash('sha256').update(query).digest('hex').slice(0, 8);

	server.route('POST', `${BASE}/youtube-search`, (req) => {
		const body = req.body;
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('Request body must be a JSON object');
		const unknown = Object.keys(body).filter((key) => !['query', 'page_token'].includes(key));
		if (unknown.length) throw bad(`Unknown field(s): ${unknown.join(', ')}`);
		checkString(body, 'query', 200, { required: true });
		const { pageSize, totalResults } = state.youtube;
		let page = 0;
		if (body.page_token !== undefined) {
			const match = typeof body.page_token === 'string' && /^P(\d+)\.([0-9a-f]{8})$/.exec(body.page_token);
			page = match ? Number(match[1]) : NaN;
			if (!match || match[2] !== queryTag(body.query) || page * pageSize >= totalResults) {
				throw bad('Invalid page_token');
			}
		}
		const results = [];
		for (let i = page * pageSize; i < Math.min(totalResults, (page + 1) * pageSize); i++) {
			const id = videoId(body.query, i);
			const thumbnailUrl = workspace.publish(`yt-${id}.png`, solidPng(32, 18, colourFor(id)), 'image/png');
			results.push({
				video_id: id,
				title: `${body.query} — result ${i + 1}`,
				channel_name: `Channel ${(i % 3) + 1}`,
				thumbnail_url: thumbnailUrl,
				view_count: String(1000 * (totalResults - i)),
			});
		}
		const data = { results };
		if ((page + 1) * pageSize < totalResults) data.next_page_token = `P${page + 1}.${queryTag(body.query)}`;
		return { status: 200, body: { success: true, data } };
	});

	const positiveInt = (value, field, max) => {
		if (!/^\d+$/.test(value) || Number(value) < 1 || (max && Number(value) > max)) {
			throw bad(`${field} must be an integer from 1${max ? ` to ${max}` : ''}`);
		}
		return Number(value);
	};

	// List response shape (the page doesn't show it): data: { generations, page, per_page, total, has_more }.
	server.route('GET', `${BASE}/generations`, (req) => {
		const { query } = req;
		const page = query.page === undefined ? 1 : positiveInt(query.page, 'page');
		const perPage = query.per_page === undefined ? 25 : positiveInt(query.per_page, 'per_page', 100);
		if (query.status !== undefined && !STATUSES.includes(query.status)) {
			throw bad(`status must be one of: ${STATUSES.join(', ')}`);
		}
		if (query.card_id !== undefined) {
			if (!UUID.test(query.card_id)) throw bad('card_id must be a UUID');
			if (!state.cards.has(query.card_id)) throw new HttpError(404, 'Card not found');
		}
		const matching = [...state.generations.values()]
			.filter((g) => (query.status === undefined || g.status === query.status) && (query.card_id === undefined || g.card_id === query.card_id))
			.sort((a, b) => b._seq - a._seq);
		const generations = matching.slice((page - 1) * perPage, page * perPage).map(publicView);
		return {
			status: 200,
			body: {
				success: true,
				data: { generations, page, per_page: perPage, total: matching.length, has_more: page * perPage < matching.length },
			},
		};
	});

	const findGeneration = (id) => {
		const record = state.generations.get(id);
		if (!record) throw new HttpError(404, 'Generation not found');
		return record;
	};

	server.route('GET', `${BASE}/generations/:generationId`, (req) => ({
		status: 200,
		body: { success: true, data: publicView(findGeneration(req.params.generationId)) },
	}));

	server.route('DELETE', `${BASE}/generations/:generationId`, (req) => {
		const record = findGeneration(req.params.generationId);
		state.generations.delete(record.id);
		for (const name of record._files ?? []) workspace.files.delete(name);
		return { status: 200, body: { success: true, data: { id: record.id, deleted: true } } };
	});
}

/**
 * Store a generation directly (any status, optionally with published images) for list/get tests.
 * Returns the public record.
 */
function seedGeneration(server, fields = {}) {
	const workspace = server.state.workspace;
	const state = server.state.thumbnails;
	const record = buildRecord(workspace, state, { status: 'completed', prompt: 'seeded', generation_time_ms: 1000, ...fields });
	if (record.status === 'completed' && record.image_urls.length === 0) publishImages(workspace, record);
	state.generations.set(record.id, record);
	return publicView(record);
}

module.exports = {
	register,
	seedGeneration,
	solidPng,
	STYLE_IDS,
	CARD_IDS,
	IMAGE_MODELS,
	ASPECT_RATIOS,
	PROVIDERS,
	STATUSES,
	BASE,
};
