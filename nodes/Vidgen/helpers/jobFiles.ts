import type { IExecuteFunctions } from 'n8n-workflow';

import { inputFileSize, inputFileSource } from '../../shared/binary';
import { declaredMediaType } from '../../shared/mediaType';
import type { MultipartFile } from '../../shared/multipart';
import { isToolMode } from '../../shared/toolMode';
import type { UrlFileRules } from '../../shared/urlFile';
import { downloadUrlFile } from '../../shared/urlFile';
import { HTTP_URL, literalRefusalOf, shownUrl } from '../../shared/urlGuard';
import type { FieldValidator } from '../../shared/validation';
import { validatorFor } from '../../shared/validation';
import { AUDIO_MIME_TYPES, IMAGE_MIME_TYPES, MAX_FILE_BYTES } from '../transport';

type FileOrigin = 'binary' | 'url';
const FILE_ORIGINS: readonly FileOrigin[] = ['binary', 'url'];

/** One of the two files of a job, and the node fields that say where it comes from. */
interface FileSlot {
	/** The multipart part name Vidgen expects. */
	part: 'image' | 'audio';
	sourceField: string;
	binaryField: string;
	urlField: string;
	parameters: { source: string; binary: string; url: string };
	allowed: readonly string[];
	allowedText: string;
}

const SLOTS: FileSlot[] = [
	{
		part: 'image',
		sourceField: 'Image Source',
		binaryField: 'Image Input Field',
		urlField: 'Image URL',
		parameters: { source: 'imageSource', binary: 'imageBinaryPropertyName', url: 'imageUrl' },
		allowed: IMAGE_MIME_TYPES,
		allowedText: 'a JPEG, PNG or WebP image (image/jpeg, image/png, image/webp)',
	},
	{
		part: 'audio',
		sourceField: 'Audio Source',
		binaryField: 'Audio Input Field',
		urlField: 'Audio URL',
		parameters: { source: 'audioSource', binary: 'audioBinaryPropertyName', url: 'audioUrl' },
		allowed: AUDIO_MIME_TYPES,
		allowedText: `an MP3, WAV, M4A or OGG audio file (${AUDIO_MIME_TYPES.join(', ')})`,
	},
];

/** A job file as prepare leaves it: a binary ready to be written, or a URL to download before the POST. */
export type JobFile =
	| { part: FileSlot['part']; file: MultipartFile }
	| { part: FileSlot['part']; url: string; rules: UrlFileRules };

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** Presigned URLs carry long signatures. */
const MAX_URL_LENGTH = 8000;

type Checked =
	| { slot: FileSlot; property: string; contentType: string }
	| { slot: FileSlot; url: string };

async function checkBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
	slot: FileSlot,
): Promise<Checked> {
	if (isToolMode(context)) {
		check.fail(
			slot.sourceField,
			`an AI Agent tool never receives binary files, and this tool reads the ${slot.part} from a binary field`,
			`the ${slot.part} as an http(s) URL in ${slot.urlField} (set ${slot.sourceField} to URL in the tool's settings)`,
		);
	}
	const property = check.text(
		slot.binaryField,
		context.getNodeParameter(slot.parameters.binary, itemIndex, slot.part),
		1,
		200,
	);
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const fileName = binary.fileName ?? property;
	const contentType = declaredMediaType(binary.mimeType, binary.fileName);
	if (!slot.allowed.includes(contentType)) {
		check.fail(
			slot.binaryField,
			`"${fileName}" in "${property}" is ${contentType || 'of unknown type'}`,
			slot.allowedText,
		);
	}
	const size = await inputFileSize(context, itemIndex, property);
	if (size > MAX_FILE_BYTES) {
		check.fail(
			slot.binaryField,
			`"${fileName}" in "${property}" is ${megabytes(size)} MB`,
			'files of at most 50 MB',
		);
	}
	return { slot, property, contentType };
}

function checkUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
	slot: FileSlot,
	allowPrivate: boolean,
): Checked {
	const raw = context.getNodeParameter(slot.parameters.url, itemIndex, '');
	const text = check.text(
		slot.urlField,
		typeof raw === 'string' ? raw.trim() : raw,
		1,
		MAX_URL_LENGTH,
	);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		check.fail(slot.urlField, `"${text}" is not a URL`, HTTP_URL);
	}
	const refusal = literalRefusalOf(url, { allowPrivate });
	if (refusal) check.fail(slot.urlField, `${shownUrl(url)} ${refusal.problem}`, refusal.allowed);
	return { slot, url: url.href };
}

/**
 * Reads where the item's image and audio come from and checks what can be checked without a
 * request: a binary's type and size, a URL's form and host. Both files are checked before either is
 * opened, so a bad item starts nothing. URLs are downloaded later, by downloadJobFiles.
 */
export async function prepareJobFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	{ allowPrivate }: { allowPrivate: boolean },
): Promise<JobFile[]> {
	const check = validatorFor(context, itemIndex);
	const defaultOrigin: FileOrigin = isToolMode(context) ? 'url' : 'binary';
	const checked: Checked[] = [];
	for (const slot of SLOTS) {
		const origin = check.oneOf<FileOrigin>(
			slot.sourceField,
			context.getNodeParameter(slot.parameters.source, itemIndex, defaultOrigin),
			FILE_ORIGINS,
		);
		checked.push(
			origin === 'url'
				? checkUrl(context, itemIndex, check, slot, allowPrivate)
				: await checkBinary(context, itemIndex, check, slot),
		);
	}

	const files: JobFile[] = [];
	for (const entry of checked) {
		const { slot } = entry;
		if ('url' in entry) {
			files.push({
				part: slot.part,
				url: entry.url,
				rules: {
					field: slot.urlField,
					maxBytes: MAX_FILE_BYTES,
					allowedTypes: slot.allowed,
					allowedText: slot.allowedText,
					fallbackName: slot.part,
					allowPrivate,
					itemIndex,
				},
			});
			continue;
		}
		const file = await inputFileSource(context, itemIndex, entry.property);
		files.push({
			part: slot.part,
			file: {
				name: slot.part,
				fileName: file.fileName,
				contentType: entry.contentType,
				data: file,
			},
		});
	}
	return files;
}

/**
 * The job's files as multipart parts: URL files are downloaded here, one after the other and both
 * before anything is submitted, without the API key.
 */
export async function downloadJobFiles(
	context: IExecuteFunctions,
	files: JobFile[],
	deadline?: UrlFileRules['deadline'],
): Promise<MultipartFile[]> {
	const parts: MultipartFile[] = [];
	for (const entry of files) {
		if ('file' in entry) {
			parts.push(entry.file);
			continue;
		}
		const file = await downloadUrlFile(context, entry.url, { ...entry.rules, deadline });
		parts.push({
			name: entry.part,
			fileName: file.fileName,
			contentType: file.contentType,
			data: file,
		});
	}
	return parts;
}
