import type { INodeProperties } from 'n8n-workflow';

interface FileFields {
	part: 'image' | 'audio';
	label: 'Image' | 'Audio';
	accepts: string;
	example: string;
	/** e.g. where such a URL may come from */
	more?: string;
}

function sourceOptions({ label }: FileFields): INodeProperties['options'] {
	return [
		{
			name: 'Binary File',
			value: 'binary',
			description: `The ${label.toLowerCase()} is in a binary field of the input item`,
		},
		{
			name: 'URL',
			value: 'url',
			description: `The node downloads the ${label.toLowerCase()} from an http(s) URL (without your API key)`,
		},
	];
}

/**
 * Where one file comes from: a binary field or a URL. The AI Agent tool variant defaults to URL,
 * since a tool never receives binary files (the `@tool` display option picks the field with the
 * right default; n8n versions without it show the first one).
 */
function fieldsFor(file: FileFields): INodeProperties[] {
	const { part, label, accepts, example, more } = file;
	const source: INodeProperties = {
		displayName: `${label} Source`,
		name: `${part}Source`,
		type: 'options',
		noDataExpression: true,
		options: sourceOptions(file),
		default: 'binary',
		description: `Where the ${label.toLowerCase()} comes from`,
	};
	return [
		{ ...source, displayOptions: { hide: { '@tool': [true] } } },
		{ ...source, default: 'url', displayOptions: { show: { '@tool': [true] } } },
		{
			displayName: `${label} Input Field`,
			name: `${part}BinaryPropertyName`,
			type: 'string',
			default: part,
			required: true,
			hint: `The name of the input binary field holding the ${label.toLowerCase()} (${accepts}, at most 50 MB)`,
			displayOptions: { show: { [`${part}Source`]: ['binary'] } },
		},
		{
			displayName: `${label} URL`,
			name: `${part}Url`,
			type: 'string',
			default: '',
			required: true,
			placeholder: example,
			description: `The http(s) URL of the ${label.toLowerCase()} (${accepts}, at most 50 MB)${more ?? ''}. Downloaded before anything is submitted.`,
			displayOptions: { show: { [`${part}Source`]: ['url'] } },
		},
	];
}

/** Image and audio: each from a binary field or from a URL. */
export const fileSourceFields: INodeProperties[] = [
	...fieldsFor({
		part: 'image',
		label: 'Image',
		accepts: 'JPEG, PNG or WebP',
		example: 'https://example.com/portrait.png',
		more: ', e.g. the result_url of a Flokan Image Editor run',
	}),
	...fieldsFor({
		part: 'audio',
		label: 'Audio',
		accepts: 'MP3, WAV, M4A or OGG',
		example: 'https://example.com/voiceover.mp3',
	}),
];
