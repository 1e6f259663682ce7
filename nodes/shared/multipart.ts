import { randomBytes } from 'node:crypto';

export interface MultipartField {
	name: string;
	value: string;
}

export interface MultipartFile {
	name: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

const quote = (text: string) => text.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));

/** A multipart/form-data body (RFC 7578), built without the form-data package. */
export function buildMultipart(parts: Array<MultipartField | MultipartFile>) {
	const boundary = `----n8nAiMedia${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const isFile = 'data' in part;
		const disposition = `form-data; name="${quote(part.name)}"${isFile ? `; filename="${quote(part.fileName)}"` : ''}`;
		const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${isFile ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`;
		chunks.push(
			Buffer.from(head, 'utf8'),
			isFile ? part.data : Buffer.from(part.value, 'utf8'),
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
