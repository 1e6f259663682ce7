import type { IExecuteFunctions } from 'n8n-workflow';

import { inputFileSize, inputFileSource } from '../../shared/binary';
import type { MultipartFile } from '../../shared/multipart';
import { validatorFor } from '../../shared/validation';
import { AUDIO_MIME_TYPES, IMAGE_MIME_TYPES, MAX_FILE_BYTES } from '../transport';

/** Names some tools give the accepted types, mapped to the name Vidgen accepts. */
const MIME_ALIASES: Record<string, string> = {
	'image/jpg': 'image/jpeg',
	'image/pjpeg': 'image/jpeg',
	'audio/mp3': 'audio/mpeg',
	'audio/mpeg3': 'audio/mpeg',
	'audio/x-mp3': 'audio/mpeg',
	'audio/x-mpeg': 'audio/mpeg',
	'audio/wave': 'audio/wav',
	'audio/vnd.wave': 'audio/wav',
	'audio/m4a': 'audio/x-m4a',
};

/** For files n8n only knows as application/octet-stream. */
const TYPE_BY_EXTENSION: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	m4a: 'audio/x-m4a',
	ogg: 'audio/ogg',
};

interface FileSlot {
	/** The multipart part name Vidgen expects. */
	part: 'image' | 'audio';
	/** The node field naming the input binary property. */
	field: string;
	property: string;
	allowed: readonly string[];
	allowedText: string;
}

function mimeTypeOf(mimeType: string | undefined, fileName: string | undefined): string {
	const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (type && type !== 'application/octet-stream') return MIME_ALIASES[type] ?? type;
	const extension = fileName?.split('.').pop()?.toLowerCase() ?? '';
	return TYPE_BY_EXTENSION[extension] ?? type;
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/**
 * Reads the image and audio of one item for POST /api/jobs. Both files' types and sizes are checked
 * before either is read, so a bad item never starts an upload.
 */
export async function loadJobFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	properties: { image: string; audio: string },
): Promise<MultipartFile[]> {
	const check = validatorFor(context, itemIndex);
	const slots: FileSlot[] = [
		{
			part: 'image',
			field: 'Image Input Field',
			property: check.text('Image Input Field', properties.image, 1, 200),
			allowed: IMAGE_MIME_TYPES,
			allowedText: 'a JPEG, PNG or WebP image (image/jpeg, image/png, image/webp)',
		},
		{
			part: 'audio',
			field: 'Audio Input Field',
			property: check.text('Audio Input Field', properties.audio, 1, 200),
			allowed: AUDIO_MIME_TYPES,
			allowedText: `an MP3, WAV, M4A or OGG audio file (${AUDIO_MIME_TYPES.join(', ')})`,
		},
	];

	const checked: Array<{ slot: FileSlot; contentType: string }> = [];
	for (const slot of slots) {
		const binary = context.helpers.assertBinaryData(itemIndex, slot.property);
		const fileName = binary.fileName ?? slot.property;
		const contentType = mimeTypeOf(binary.mimeType, binary.fileName);
		if (!slot.allowed.includes(contentType)) {
			check.fail(
				slot.field,
				`"${fileName}" in "${slot.property}" is ${contentType || 'of unknown type'}`,
				slot.allowedText,
			);
		}
		const size = await inputFileSize(context, itemIndex, slot.property);
		if (size > MAX_FILE_BYTES) {
			check.fail(
				slot.field,
				`"${fileName}" in "${slot.property}" is ${megabytes(size)} MB`,
				'files of at most 50 MB',
			);
		}
		checked.push({ slot, contentType });
	}

	const files: MultipartFile[] = [];
	for (const { slot, contentType } of checked) {
		const file = await inputFileSource(context, itemIndex, slot.property);
		files.push({ name: slot.part, fileName: file.fileName, contentType, data: file });
	}
	return files;
}
