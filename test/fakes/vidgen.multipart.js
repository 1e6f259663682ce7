'use strict';
/**
 * A strict multipart/form-data parser for the Vidgen fake, written by hand so the fake checks the
 * bytes our node builds (not what a library would forgive). Throws HttpError(400) on anything that
 * is not well-formed multipart.
 */
const { HttpError } = require('./core');

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function boundaryOf(contentType) {
	if (!/^multipart\/form-data\s*;/i.test(contentType || '')) {
		throw new HttpError(400, 'Expected a multipart/form-data body');
	}
	const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
	if (!match) throw new HttpError(400, 'Malformed multipart body: no boundary in Content-Type');
	return match[1] ?? match[2];
}

/** Parameters of a Content-Disposition header value: form-data; name="x"; filename="y". */
function dispositionParams(value) {
	const params = {};
	const re = /;\s*([a-zA-Z*]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/g;
	let match;
	while ((match = re.exec(value))) {
		const name = match[1].toLowerCase();
		params[name] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
	}
	if (params['filename*']) {
		const ext = /^UTF-8''(.*)$/i.exec(params['filename*']);
		if (ext) params.filename = decodeURIComponent(ext[1]);
	}
	return params;
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) throw new HttpError(400, `Malformed multipart body: bad part header "${line}"`);
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

/**
 * @returns {{name: string, filename?: string, contentType?: string, data: Buffer}[]}
 */
function parseMultipart(body, contentType) {
	const boundary = boundaryOf(contentType);
	const delimiter = Buffer.from(`--${boundary}`);
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
	const parts = [];
	let pos = body.indexOf(delimiter);
	if (pos === -1) throw new HttpError(400, 'Malformed multipart body: boundary not found');
	for (;;) {
		pos += delimiter.length;
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // closing "--"
		if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new HttpError(400, 'Malformed multipart body: no CRLF after boundary');
		pos += 2;
		const headerEnd = body.indexOf(HEADER_END, pos);
		if (headerEnd === -1) throw new HttpError(400, 'Malformed multipart body: unterminated part headers');
		const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
		const dataStart = headerEnd + HEADER_END.length;
		const dataEnd = body.indexOf(nextDelimiter, dataStart);
		if (dataEnd === -1) throw new HttpError(400, 'Malformed multipart body: missing closing boundary');
		const disposition = headers['content-disposition'] || '';
		if (!/^form-data\s*;/i.test(disposition)) throw new HttpError(400, 'Malformed multipart body: part without form-data disposition');
		const params = dispositionParams(disposition);
		if (!params.name) throw new HttpError(400, 'Malformed multipart body: part without a name');
		parts.push({
			name: params.name,
			filename: params.filename,
			contentType: headers['content-type'],
			headers,
			data: Buffer.from(body.subarray(dataStart, dataEnd)),
		});
		pos = dataEnd + 2;
	}
}

module.exports = { parseMultipart };
