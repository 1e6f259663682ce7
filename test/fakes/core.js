'use strict';
/**
 * The base every fake API is built on: an HTTP server on 127.0.0.1 with a route table, a request
 * log, rate-limit headers, fault injection, concurrency tracking and gates (requests held until the
 * test lets them go, see gate.js). Route handlers stay small and describe only what the API page says.
 */
const http = require('node:http');
const { createGate, releaseInBatches } = require('./gate');
const { conditionWatch } = require('./conditionWatch');

const RATE_HEADER_STYLES = {
	// Flokan: X-RateLimit-* with Reset as epoch seconds.
	x: (limit, remaining, resetAtMs) => ({
		'X-RateLimit-Limit': String(limit),
		'X-RateLimit-Remaining': String(remaining),
		'X-RateLimit-Reset': String(Math.ceil(resetAtMs / 1000)),
	}),
	// Vidgen: IETF draft RateLimit-* with Reset as seconds from now.
	ietf: (limit, remaining, resetAtMs) => ({
		'RateLimit-Limit': String(limit),
		'RateLimit-Remaining': String(remaining),
		'RateLimit-Reset': String(Math.max(0, Math.ceil((resetAtMs - Date.now()) / 1000))),
	}),
	none: () => ({}),
};

class HttpError extends Error {
	constructor(status, message, extra = {}) {
		super(message);
		this.status = status;
		this.extra = extra;
	}
}

function compilePath(pattern) {
	const names = [];
	const source = pattern
		.split('/')
		.map((part) => {
			if (part.startsWith(':')) {
				names.push(part.slice(1));
				return '([^/]+)';
			}
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { regex: new RegExp(`^${source}$`), names };
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {object} options
 * @param {string} options.name
 * @param {(status:number, message:string, extra?:object) => object} options.errorBody the API's error envelope
 * @param {(req) => void} [options.authenticate] throws HttpError when the request is not allowed
 * @param {'x'|'ietf'|'none'} [options.rateLimitHeaders]
 * @param {number} [options.rateLimitPerMinute]
 * @param {number} [options.rateLimitWindowMs] window length, small in tests that exercise pacing
 */
function createFakeServer(options) {
	const routes = [];
	const log = [];
	const faults = [];
	const inflight = new Map();
	const peaks = new Map();
	const rate = {
		limit: options.rateLimitPerMinute ?? 10000,
		windowMs: options.rateLimitWindowMs ?? 60000,
		windowStart: Date.now(),
		used: 0,
		headerStyle: options.rateLimitHeaders ?? 'x',
	};
	const sockets = new Set();
	const gates = [];
	const watch = conditionWatch();
	const changed = watch.changed;

	function route(method, pattern, handler, routeOptions = {}) {
		routes.push({ method, pattern, handler, ...compilePath(pattern), ...routeOptions });
	}

	/**
	 * Inject a fault: kind '429' | '500' | '503' | 'drop' | 'slow' | 'malformed'. `headers` (optional)
	 * go on the fault's answer over the usual rate-limit headers, e.g. a 429 that also says
	 * X-RateLimit-Remaining 0 with a reset far away.
	 */
	function addFault({ method, path, kind, times = 1, retryAfter = '1', delayMs = 0, afterHandler = false, headers = {} }) {
		faults.push({ method, path, kind, times, retryAfter, delayMs, afterHandler, headers });
	}

	function takeFault(req, phase) {
		const index = faults.findIndex(
			(f) =>
				f.times > 0 &&
				f.afterHandler === (phase === 'after') &&
				(!f.method || f.method === req.method) &&
				(f.path instanceof RegExp ? f.path.test(req.path) : !f.path || f.path === req.path),
		);
		if (index === -1) return undefined;
		const fault = faults[index];
		fault.times -= 1;
		return fault;
	}

	function rateHeaders() {
		const now = Date.now();
		if (now - rate.windowStart >= rate.windowMs) {
			rate.windowStart = now;
			rate.used = 0;
		}
		const resetAt = rate.windowStart + rate.windowMs;
		return { resetAt, headers: RATE_HEADER_STYLES[rate.headerStyle](rate.limit, Math.max(0, rate.limit - rate.used), resetAt) };
	}

	function send(res, status, body, headers = {}) {
		const isRaw = Buffer.isBuffer(body);
		const payload = isRaw ? body : body === undefined ? '' : JSON.stringify(body);
		res.writeHead(status, {
			...(isRaw || body === undefined ? {} : { 'Content-Type': 'application/json' }),
			...headers,
		});
		res.end(payload);
	}

	async function handle(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url, 'http://127.0.0.1');
		const entry = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			rawBody,
			body: undefined,
			status: undefined,
			at: Date.now(),
		};
		const contentType = req.headers['content-type'] || '';
		if (contentType.includes('application/json') && rawBody.length) {
			try {
				entry.body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				entry.body = Symbol.for('invalid-json');
			}
		}
		log.push(entry);
		res.once('finish', changed);
		changed();

		const matched = routes
			.filter((r) => r.method === req.method)
			.map((r) => ({ r, m: r.regex.exec(url.pathname) }))
			.find(({ m }) => m);
		const { resetAt, headers: limitHeaders } = rateHeaders();
		const respond = (status, body, headers = {}) => {
			entry.status = status;
			const extra = matched && matched.r.public ? {} : limitHeaders;
			send(res, status, body, { ...extra, ...headers });
		};

		const fault = takeFault(entry, 'before');
		if (fault) {
			entry.fault = fault.kind;
			if (fault.kind === 'drop') return req.socket.destroy();
			if (fault.kind === 'slow') await wait(fault.delayMs);
			else if (fault.kind === '429') {
				return respond(429, options.errorBody(429, 'Rate limit exceeded'), { 'Retry-After': fault.retryAfter, ...fault.headers });
			}
			else if (fault.kind === 'malformed') return respond(200, Buffer.from('{"success": tru'), { 'Content-Type': 'application/json' });
			else return respond(Number(fault.kind), options.errorBody(Number(fault.kind), 'Injected server error'));
		}

		if (!matched) return respond(404, options.errorBody(404, `No route ${req.method} ${url.pathname}`));
		const { r, m } = matched;
		entry.route = `${r.method} ${r.pattern}`;
		const params = Object.fromEntries(r.names.map((name, i) => [name, decodeURIComponent(m[i + 1])]));

		try {
			if (!r.public && options.authenticate) options.authenticate(entry, r);
			if (!r.public) {
				if (rate.used >= rate.limit) {
					const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
					return respond(429, options.errorBody(429, 'Rate limit exceeded'), { 'Retry-After': String(retryAfter) });
				}
				rate.used += 1;
			}
			if (entry.body === Symbol.for('invalid-json')) throw new HttpError(400, 'Malformed JSON body', { code: 'invalid_json' });
			const key = entry.route;
			inflight.set(key, (inflight.get(key) || 0) + 1);
			peaks.set(key, Math.max(peaks.get(key) || 0, inflight.get(key)));
			let result;
			try {
				const gate = gates.find((g) => g.wants(entry));
				if (gate) await gate.pass(entry, res);
				result = await r.handler({ ...entry, params }, server);
			} finally {
				inflight.set(key, inflight.get(key) - 1);
			}
			const after = takeFault(entry, 'after');
			if (after) {
				// The work was done but the client never hears about it (the money case).
				entry.fault = after.kind;
				if (after.kind === 'drop') return req.socket.destroy();
				return respond(Number(after.kind), options.errorBody(Number(after.kind), 'Injected server error'));
			}
			const { status = 200, body, headers } = result || {};
			const { headers: freshLimitHeaders } = rateHeaders();
			entry.status = status;
			send(res, status, body, { ...(r.public ? {} : freshLimitHeaders), ...headers });
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			respond(error.status, options.errorBody(error.status, error.message, error.extra), error.extra.headers);
		}
	}

	const httpServer = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) send(res, 500, options.errorBody(500, `Fake crashed: ${error.message}`));
		});
	});
	httpServer.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	const server = {
		name: options.name,
		url: undefined,
		log,
		state: {},
		route,
		addFault,
		HttpError,
		rate,
		/** Requests that reached the fake, optionally only those matching method + path (string or RegExp). */
		requests(method, path) {
			return log.filter(
				(e) => (!method || e.method === method) && (!path || (path instanceof RegExp ? path.test(e.path) : e.path === path)),
			);
		},
		/** Highest number of requests to one route that were in progress at the same time. */
		peakConcurrency(routeKey) {
			return peaks.get(routeKey) || 0;
		},
		clearLog() {
			log.length = 0;
			peaks.clear();
		},
		/**
		 * Holds requests matching method + path (string or RegExp) inside the fake, in flight,
		 * until the test releases them: a gate (see gate.js). `times` holds only the first ones,
		 * `only(entry)` only those it accepts.
		 */
		hold({ method, path, times, only } = {}) {
			const gate = createGate({ method, path, times, only });
			gates.push(gate);
			return gate;
		},
		/**
		 * A gate that lets requests through in batches of `inFlight` (the last one smaller, after
		 * `total` requests it opens), in `order` ('arrival', 'newest-first' or a sort function):
		 * `inFlight` requests are in flight at once whenever the client allows it, on any machine.
		 */
		holdInBatches({ method, path, inFlight, total, order, settleMs, stallMs }) {
			return releaseInBatches(server.hold({ method, path }), { inFlight, total, order, settleMs, stallMs });
		},
		/** Resolves once `condition()` holds; checked now, on every request that arrives and every answer sent. */
		when(condition) {
			return watch.until(condition);
		},
		setRateLimit(limit, windowMs = rate.windowMs) {
			rate.limit = limit;
			rate.windowMs = windowMs;
			rate.windowStart = Date.now();
			rate.used = 0;
		},
		async listen() {
			await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
			server.url = `http://127.0.0.1:${httpServer.address().port}`;
			return server;
		},
		async close() {
			for (const gate of gates) gate.dispose();
			watch.clear();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => httpServer.close(resolve));
		},
	};
	return server;
}

module.exports = { createFakeServer, HttpError, wait };
