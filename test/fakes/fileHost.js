'use strict';
/**
 * A small file host on 127.0.0.1 for URL inputs: each path answers as the test configures it, with
 * any headers, a true, missing or false Content-Length, a body streamed with backpressure (so the
 * host knows how much the client really took), a redirect, transient errors, or headers only (the
 * body is held until the client hangs up: whatever the client decides, it decides from the headers).
 *
 * It also answers as an HTTP forward proxy (absolute-form request lines), so with HTTP_PROXY
 * pointing at it, URLs on any host name reach it: `serve('http://media.example.com/a.png', …)`.
 */
const http = require('node:http');
const zlib = require('node:zlib');
const { conditionWatch } = require('./conditionWatch');

const CHUNK = 64 * 1024;

/**
 * @typedef {object} FileSpec
 * @property {Buffer} [body] the bytes to send
 * @property {{ size: number, head?: Buffer }} [generated] `size` bytes: `head`, then zeros (no big buffer is kept)
 * @property {Record<string, string>} [headers] e.g. { 'Content-Type': 'image/png' }
 * @property {number|'none'} [contentLength] a false length, or 'none' (chunked, no Content-Length); default: the true length
 * @property {boolean} [gzip] send the body gzip-encoded: Content-Length is then the compressed size
 * @property {number} [status] default 200 (302 with `redirect`)
 * @property {string} [redirect] Location of a redirect
 * @property {boolean} [holdBody] send the headers, then hold the body until the client hangs up
 * @property {number} [failFirst] answer this many requests with 503 first
 */

async function writeWithBackpressure(res, chunk) {
	if (res.destroyed) return false;
	if (res.write(chunk)) return true;
	return await new Promise((resolve) => {
		const done = (ok) => {
			res.off('drain', onDrain);
			res.off('close', onClose);
			resolve(ok);
		};
		const onDrain = () => done(true);
		const onClose = () => done(false);
		res.on('drain', onDrain);
		res.on('close', onClose);
	});
}

function* generatedChunks({ size, head = Buffer.alloc(0) }) {
	const zeros = Buffer.alloc(CHUNK);
	yield head;
	for (let sent = head.length; sent < size; sent += CHUNK) yield zeros.subarray(0, Math.min(CHUNK, size - sent));
}

function bodySize(spec) {
	return spec.body ? spec.body.length : spec.generated ? spec.generated.size : 0;
}

async function startFileHost() {
	/** @type {Map<string, FileSpec>} */
	const files = new Map();
	const requests = [];
	const sockets = new Set();
	const watch = conditionWatch();

	function specFor(url) {
		return files.get(`${url.host}${url.pathname}`) ?? files.get(url.pathname);
	}

	async function answer(req, res, entry) {
		const url = new URL(req.url, `http://${req.headers.host}`);
		const spec = specFor(url);
		if (!spec) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			return res.end('not here');
		}
		entry.spec = spec;
		if (spec.failFirst > 0) {
			spec.failFirst -= 1;
			res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '0' });
			return res.end('busy');
		}
		if (spec.redirect) {
			res.writeHead(spec.status ?? 302, { Location: spec.redirect });
			return res.end();
		}
		let body = spec.body;
		const headers = { ...spec.headers };
		if (spec.gzip) {
			body = zlib.gzipSync(spec.body ?? Buffer.concat([...generatedChunks(spec.generated)]));
			headers['Content-Encoding'] = 'gzip';
		}
		const length = spec.contentLength ?? (body ? body.length : bodySize(spec));
		if (length !== 'none') headers['Content-Length'] = String(length);
		res.writeHead(spec.status ?? 200, headers);
		res.flushHeaders();
		if (spec.holdBody) {
			await new Promise((resolve) => res.once('close', resolve));
			return;
		}
		const chunks = body ? [body] : generatedChunks(spec.generated);
		for (const chunk of chunks) {
			for (let offset = 0; offset < chunk.length; offset += CHUNK) {
				const piece = chunk.subarray(offset, offset + CHUNK);
				if (!(await writeWithBackpressure(res, piece))) return;
				entry.bytesSent += piece.length;
			}
		}
		res.end();
		entry.complete = true;
	}

	const server = http.createServer((req, res) => {
		const url = new URL(req.url, `http://${req.headers.host}`);
		const entry = { method: req.method, url: url.href, host: url.host, path: url.pathname, headers: req.headers, bytesSent: 0, complete: false, closedEarly: false };
		requests.push(entry);
		res.once('close', () => {
			entry.closedEarly = !res.writableFinished;
			entry.closed = true;
			watch.changed();
		});
		answer(req, res, entry).catch((error) => {
			entry.error = error.message;
			res.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${server.address().port}`;

	return {
		base,
		/** The URL of `path` on this host. */
		url: (path) => `${base}${path}`,
		requests,
		/**
		 * What `target` answers: a path (any host) or a full http URL (that host, through the proxy).
		 * @param {string} target
		 * @param {FileSpec} spec
		 */
		serve(target, spec) {
			const key = target.startsWith('http') ? `${new URL(target).host}${new URL(target).pathname}` : target;
			files.set(key, { ...spec });
		},
		/** Resolves once every request so far has been closed (answered or hung up on). */
		allClosed() {
			return watch.until(() => requests.every((entry) => entry.closed));
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { startFileHost };
