/**
 * A media file's MIME type, as an API that accepts a fixed list of types wants it: from what the
 * file is declared as (a binary's MIME type, a Content-Type header), else from its first bytes,
 * else from its file name's extension.
 */

/** Names some tools give common media types, mapped to the usual name. */
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

/** Declared types that say nothing about the content. */
const UNSPECIFIC_TYPES = [
	'',
	'application/octet-stream',
	'binary/octet-stream',
	'application/binary',
];

/** Enough leading bytes to recognise every type in sniffMediaType. */
export const SNIFF_BYTES = 12;

/** A declared MIME type without parameters, lower case, aliases resolved ('' when none). */
export function normalisedMimeType(declared: string | undefined): string {
	const type = (declared ?? '').split(';')[0].trim().toLowerCase();
	return MIME_ALIASES[type] ?? type;
}

export function isUnspecificType(type: string): boolean {
	return UNSPECIFIC_TYPES.includes(type);
}

export function typeByExtension(fileName: string | undefined): string | undefined {
	const extension = fileName?.includes('.') ? fileName.split('.').pop()?.toLowerCase() : undefined;
	return extension ? TYPE_BY_EXTENSION[extension] : undefined;
}

const ascii = (bytes: Buffer, from: number, to: number) =>
	bytes.subarray(from, to).toString('latin1');

/** The media type the first bytes show (the file signatures of the types above), if any. */
export function sniffMediaType(head: Buffer): string | undefined {
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
	if (ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
	if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
	if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return 'audio/wav';
	if (ascii(head, 0, 4) === 'OggS') return 'audio/ogg';
	if (ascii(head, 0, 3) === 'ID3') return 'audio/mpeg';
	// An MPEG audio frame header: 11 sync bits, then layer III.
	if (head[0] === 0xff && ((head[1] ?? 0) & 0xe6) === 0xe2) return 'audio/mpeg';
	if (ascii(head, 4, 8) === 'ftyp' && /^M4[ABP] $/.test(ascii(head, 8, 12))) return 'audio/x-m4a';
	return undefined;
}

/** A binary's type: its declared MIME type, or (when n8n only knows octet-stream) its extension's. */
export function declaredMediaType(
	mimeType: string | undefined,
	fileName: string | undefined,
): string {
	const type = normalisedMimeType(mimeType);
	if (!isUnspecificType(type)) return type;
	return typeByExtension(fileName) ?? type;
}

/** The usual file extension of a type (for a file whose URL gives it no name). */
export function extensionOf(type: string): string {
	const known = Object.entries(TYPE_BY_EXTENSION).find(([, byExtension]) => byExtension === type);
	return known?.[0] ?? type.split('/').pop()?.replace(/^x-/, '') ?? 'bin';
}
