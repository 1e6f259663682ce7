import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { inputFileSize, openInputFile } from '../../../shared/binary';
import { setRetryHint } from '../../../shared/errors';
import { withRetries } from '../../../shared/retryPolicy';
import { apiRequest, executionSignal } from '../../../shared/transport';
import type { FieldValidator } from '../../../shared/validation';
import { imageEditor } from '../../transport';

const EXTENSION_BY_MIME: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
};
const MIME_BY_EXTENSION: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	gif: 'image/gif',
};
export const UPLOAD_MIME_TYPES = Object.keys(EXTENSION_BY_MIME);
const MAX_FILE_NAME = 255;
const PUT_TIMEOUT_MS = 120_000;

export interface PreparedImage {
	/** The input binary property the bytes are read from when they are sent. */
	binaryField: string;
	fileName: string;
	mimeType: string;
	size: number;
	/** The Content-Type declared to /upload-url, and sent with the PUT. */
	uploadMimeType: string;
	uploadFileName: string;
}

/** Checks the input file as the API will (type, name, non-empty) without reading it. No request is sent. */
export async function prepareImage(
	context: IExecuteFunctions,
	check: FieldValidator,
	itemIndex: number,
	binaryField: string,
	fileNameOverride?: string,
): Promise<PreparedImage> {
	const binary = context.helpers.assertBinaryData(itemIndex, binaryField);
	const file = {
		binaryField,
		fileName: binary.fileName ?? binaryField,
		mimeType: binary.mimeType,
		size: await inputFileSize(context, itemIndex, binaryField),
	};
	const extension = /\.([a-z0-9]+)$/i.exec(file.fileName)?.[1]?.toLowerCase() ?? '';
	const declared = file.mimeType === 'image/jpg' ? 'image/jpeg' : file.mimeType;
	const uploadMimeType = EXTENSION_BY_MIME[declared] ? declared : MIME_BY_EXTENSION[extension];
	if (!uploadMimeType || (declared.startsWith('image/') && !EXTENSION_BY_MIME[declared])) {
		check.fail(
			'Input Binary Field',
			`the file type "${file.mimeType}" is not supported`,
			UPLOAD_MIME_TYPES.join(', '),
		);
	}
	if (file.size === 0) check.fail('Input Binary Field', `the file in "${binaryField}" is empty`);
	const uploadFileName =
		fileNameOverride !== undefined
			? check.text('File Name', fileNameOverride, 1, MAX_FILE_NAME)
			: shortenFileName(file.fileName || `image.${EXTENSION_BY_MIME[uploadMimeType]}`);
	return { ...file, uploadMimeType, uploadFileName };
}

/** Keeps a derived name within the API's 255 characters, extension included. */
function shortenFileName(name: string): string {
	if (name.length <= MAX_FILE_NAME) return name;
	const dot = name.lastIndexOf('.');
	const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
	return name.slice(0, MAX_FILE_NAME - extension.length) + extension;
}

export interface UploadedImage {
	image_id: string;
	public_url: string;
}

/**
 * POST /upload-url, then PUT the bytes to the presigned URL with exactly the declared Content-Type
 * and without the API key (plain httpRequest). The presigned URL never leaves this function.
 */
export async function uploadImage(
	context: IExecuteFunctions,
	image: PreparedImage,
	itemIndex: number,
): Promise<UploadedImage> {
	const target = (await apiRequest.call(context, imageEditor, {
		method: 'POST',
		path: '/upload-url',
		body: {
			file_name: image.uploadFileName,
			mime_type: image.uploadMimeType,
			file_size: image.size,
		},
		// Free: a repeated call only leaves an unused upload slot behind.
		resendable: true,
		itemIndex,
	})) as IDataObject;
	const imageId = String(target.image_id);
	await putToPresignedUrl(context, String(target.upload_url), image, imageId, itemIndex);
	return { image_id: imageId, public_url: String(target.public_url) };
}

async function putToPresignedUrl(
	context: IExecuteFunctions,
	uploadUrl: string,
	image: PreparedImage,
	imageId: string,
	itemIndex: number,
) {
	const failure = (detail: string, httpCode?: number) =>
		new NodeApiError(
			context.getNode(),
			{ message: detail },
			{
				message: `Flokan Image Editor: uploading the image to storage failed (${detail})`,
				description: `The presigned upload for image ${imageId} was refused. Run the node again to get a fresh upload URL.`,
				httpCode: httpCode ? String(httpCode) : undefined,
				itemIndex,
			},
		);

	// The same bytes to the same URL: safe to send again after a dropped connection or a 5xx.
	await withRetries({ resendable: true, signal: executionSignal(context) }, async () => {
		// Streamed from disk when n8n keeps binaries there, so each attempt opens the file anew.
		const file = await openInputFile(context, itemIndex, image.binaryField);
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequest({
				method: 'PUT',
				url: uploadUrl,
				body: file.body as Buffer,
				headers: { 'Content-Type': image.uploadMimeType, 'Content-Length': String(file.size) },
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: PUT_TIMEOUT_MS,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			throw setRetryHint(failure(typeof code === 'string' ? code : 'connection failed'), {
				retryable: true,
			});
		}
		const status = response.statusCode;
		if (status >= 200 && status < 300) return;
		const reason = storageMessage(response.body);
		const error = failure(`HTTP ${status}${reason ? `: ${reason}` : ''}`, status);
		throw setRetryHint(error, {
			retryable: status >= 500 || status === 429,
			refusedBeforeWork: status === 429,
		});
	});
}

/** Storage answers JSON or S3-style XML; take its message without echoing anything else. */
function storageMessage(body: unknown): string | undefined {
	let text = Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: undefined;
	if (text === undefined && body && typeof body === 'object') text = JSON.stringify(body);
	if (!text) return undefined;
	try {
		const parsed = JSON.parse(text) as IDataObject;
		if (typeof parsed.error === 'string') return parsed.error;
		if (typeof parsed.message === 'string') return parsed.message;
	} catch {
		const xml = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
		if (xml) return xml;
	}
	return undefined;
}
