'use strict';
/**
 * The fake Flokan host: one server for the three Flokan APIs (same host, same keys, per-API scope).
 * Each API lives in its own module that registers its routes: register(server, workspace).
 */
const crypto = require('node:crypto');
const { createFakeServer, HttpError } = require('../core');

const API_MODULES = {
	image_editor: './imageEditor',
	thumbnail_generator: './thumbnailGenerator',
	vo_to_images: './voToImages',
};

const SCOPE_BY_PREFIX = {
	'/api/v1/image-editor': 'image_editor',
	'/api/v1/thumbnail-generator': 'thumbnail_generator',
	'/api/v1/vo-to-images': 'vo_to_images',
};

const DEFAULT_KEY = 'flk_test_0123456789abcdefghijklmnopqrstuvwxyzABCD';

/**
 * @param {object} [options]
 * @param {Record<string, {scopes: string[], permissions?: string[]}>} [options.keys] apiKey → grants
 * @param {number} [options.credits] workspace credits
 * @param {string[]} [options.byokProviders] BYOK providers configured + enabled
 * @param {boolean} [options.byokPlan] whether the plan includes BYOK
 */
async function startFlokanFake(options = {}) {
	const keys = options.keys ?? {
		[DEFAULT_KEY]: { scopes: Object.keys(API_MODULES) },
	};
	const workspace = {
		id: crypto.randomUUID(),
		credits: options.credits ?? 10000,
		byokProviders: options.byokProviders ?? [],
		byokPlan: options.byokPlan ?? true,
		/** CDN objects served without auth at /cdn/<path>. */
		files: new Map(),
		uuid: () => crypto.randomUUID(),
		HttpError,
	};

	const server = createFakeServer({
		name: 'flokan',
		rateLimitHeaders: 'x',
		rateLimitPerMinute: options.rateLimitPerMinute,
		rateLimitWindowMs: options.rateLimitWindowMs,
		errorBody: (status, message) => ({ success: false, error: message }),
		authenticate(req) {
			const header = req.headers.authorization || '';
			const match = /^Bearer (\S+)$/.exec(header);
			const grant = match && keys[match[1]];
			if (!grant) throw new HttpError(401, match ? 'Invalid API key' : 'Missing API key');
			const prefix = Object.keys(SCOPE_BY_PREFIX).find((p) => req.path.startsWith(p));
			const scope = SCOPE_BY_PREFIX[prefix];
			if (scope && !grant.scopes.includes(scope)) throw new HttpError(403, `API key is missing the ${scope} scope`);
			if (scope && grant.permissions && !grant.permissions.includes(scope)) {
				throw new HttpError(403, `The key's user lacks the access_${scope} permission`);
			}
		},
	});
	server.state.workspace = workspace;
	server.apiKey = Object.keys(keys)[0];

	server.route(
		'GET',
		'/cdn/:path',
		(req) => {
			const file = workspace.files.get(req.params.path);
			if (!file) throw new HttpError(404, 'No such object');
			return { status: 200, body: file.data, headers: { 'Content-Type': file.contentType } };
		},
		{ public: true },
	);

	for (const modulePath of Object.values(API_MODULES)) {
		let api;
		try {
			api = require(modulePath);
		} catch (error) {
			if (error.code === 'MODULE_NOT_FOUND' && error.message.includes(modulePath.slice(2))) continue;
			throw error;
		}
		api.register(server, workspace);
	}

	await server.listen();
	/** Store a file on the fake CDN and return its public URL. */
	workspace.publish = (name, data, contentType) => {
		workspace.files.set(name, { data, contentType });
		return `${server.url}/cdn/${name}`;
	};
	return server;
}

module.exports = { startFlokanFake, DEFAULT_KEY };
