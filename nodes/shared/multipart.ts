import { randomBytes } from 'node:crypto';

import type { FileSource } from './binary';

export interface MultipartField {
	name: string;
	value: string;
}

export interface MultipartFile {
	name: string;
	fileName: string;
	contentType: string;
	/** The bytes, or a source that writes them straight into the body (no extra copy). */
	data: Buffer | FileSource;
}

const quote = (text: string) => text.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));

function partHead(boundary: string, part: MultipartField | MultipartFile): Buffer {
	const isFile = 'data' in part;
	const disposition = `form-data; name="${quote(part.name)}"${isFile ? `; filename="${quote(part.fileName)}"` : ''}`;
	const type = isFile ? `Content-Type: ${part.contentType}\r\n` : '';
	return Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`, 'utf8');
}

/**
 * A multipart/form-data body (RFC 7578), built without the form-data package. The body is
 * allocated once at its final size and each file is written into it directly, so an upload holds
 * one copy of its files in memory, not two.
 */
export async function buildMultipart(parts: Array<MultipartField | MultipartFile>) {
	const boundary = `----n8nAiMedia${randomBytes(12).toString('hex')}`;
	const crlf = Buffer.from('\r\n');
	const pieces = parts.map((part) => {
		const content = 'data' in part ? part.data : Buffer.from(part.value, 'utf8');
		const size = Buffer.isBuffer(content) ? content.length : content.size;
		return { head: partHead(boundary, part), content, size };
	});
	const closing = Buffer.from(`--${boundary}--\r\n`);
	const total =
		pieces.reduce((sum, piece) => sum + piece.head.length + piece.size + crlf.length, 0) +
		closing.length;
	const body = Buffer.allocUnsafe(total);
	let offset = 0;
	for (const { head, content, size } of pieces) {
		offset += head.copy(body, offset);
		if (Buffer.isBuffer(content)) content.copy(body, offset);
		else await content.writeInto(body, offset);
		offset += size;
		offset += crlf.copy(body, offset);
	}
	closing.copy(body, offset);
	return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
