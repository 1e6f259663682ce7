import type {
	IBinaryData,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { BINARY_ENCODING, NodeApiError } from 'n8n-workflow';

import { setRetryHint } from './errors';
import { withRetries } from './retryPolicy';
import { executionSignal } from './transport';

/** An input file as a body to upload: a stream when n8n keeps it on disk, the bytes otherwise. */
export async function openInputFile(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
) {
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = binary.fileName ?? propertyName;
	if (binary.id) {
		const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
		const body = await context.helpers.getBinaryStream(binary.id);
		return { body, mimeType: binary.mimeType, fileName, size: fileSize };
	}
	const body = Buffer.from(binary.data, BINARY_ENCODING);
	return { body, mimeType: binary.mimeType, fileName, size: body.length };
}

/** A file that can be written straight into a larger buffer (a request body) without a copy. */
export interface FileSource {
	size: number;
	writeInto(target: Buffer, offset: number): Promise<void>;
}

/**
 * An input file as a source for a request body: decoded from base64 straight into the body, or
 * streamed from disk chunk by chunk, so the file is never held twice.
 */
export async function inputFileSource(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<FileSource & { fileName: string; mimeType: string }> {
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = binary.fileName ?? propertyName;
	const size = await inputFileSize(context, itemIndex, propertyName);
	const id = binary.id;
	const writeInto = id
		? async (target: Buffer, offset: number) => {
				let position = offset;
				for await (const chunk of await context.helpers.getBinaryStream(id)) {
					position += (chunk as Buffer).copy(target, position);
				}
			}
		: async (target: Buffer, offset: number) => {
				target.write(binary.data, offset, size, BINARY_ENCODING);
			};
	return { fileName, mimeType: binary.mimeType, size, writeInto };
}

/** Declared size of an input file, without reading it (for limits checked before any request). */
export async function inputFileSize(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<number> {
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	if (binary.id) return (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, BINARY_ENCODING);
}

export function fileNameFromUrl(url: string, fallback = 'file'): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		return last ? decodeURIComponent(last) : fallback;
	} catch {
		return fallback;
	}
}

/**
 * Downloads a result file (a CDN or presigned URL) into n8n's binary data, streaming it so large
 * videos do not pass through memory when n8n stores binaries on disk. No API key is sent there.
 */
export async function downloadAsBinary(
	context: IExecuteFunctions | IWebhookFunctions,
	url: string,
	itemIndex: number,
	fileName = fileNameFromUrl(url),
): Promise<IBinaryData> {
	const response = await withRetries(
		{ resendable: true, signal: executionSignal(context) },
		async () => {
			try {
				return (await context.helpers.httpRequest({
					method: 'GET',
					url,
					encoding: 'stream',
					returnFullResponse: true,
					timeout: 300_000,
				})) as IN8nHttpFullResponse;
			} catch (error) {
				const status = (error as { response?: { status?: number } }).response?.status;
				const failure = new NodeApiError(
					context.getNode(),
					{ message: `Download failed${status ? ` with HTTP ${status}` : ''}` },
					{
						message: `Could not download ${fileName}${status ? ` (HTTP ${status})` : ''}`,
						description: `The file at ${url.split('?')[0]} could not be fetched.`,
						httpCode: status ? String(status) : undefined,
						itemIndex,
					},
				);
				const transient = status === undefined || status === 429 || status >= 500;
				throw setRetryHint(failure, { retryable: transient });
			}
		},
	);
	const contentType = response.headers?.['content-type'] as string | undefined;
	return await context.helpers.prepareBinaryData(
		response.body as Buffer,
		fileName,
		contentType?.split(';')[0].trim() || undefined,
	);
}
