import type { INodeProperties } from 'n8n-workflow';

import { binaryOutputProperty, waitOptions } from '../../shared/descriptions';

const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A project picked from the workspace's projects, or given by ID. */
export function projectLocator(description = 'The VO to Images project'): INodeProperties {
	return {
		displayName: 'Project',
		name: 'projectId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchProjects', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f2b9c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a valid project ID (UUID)' },
					},
				],
			},
		],
	};
}

/** A settings preset picked from GET /presets, or given by ID. */
export function presetLocator(options: {
	required: boolean;
	description: string;
}): INodeProperties {
	return {
		displayName: 'Preset',
		name: 'presetId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPresets', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5d0c2b0e-6f4a-4c47-9a51-2f6a0d1e7a01',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a valid preset ID (UUID)' },
					},
				],
			},
		],
	};
}

export const audioUrlField: INodeProperties = {
	displayName: 'Audio URL',
	name: 'audioUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/voiceover.mp3',
	description:
		'HTTP(S) URL of the voiceover that the Flokan server can fetch (max 2000 characters; files up to 200 MB; MP3, WAV, M4A, AAC, OGG, FLAC or WebM)',
};

/** Project settings the API accepts at creation (all optional). */
export const projectSettingsFields: INodeProperties[] = [
	{
		displayName: 'Art Style ID',
		name: 'artStyleId',
		type: 'string',
		default: '',
		description: "UUID of an art style. Overrides the preset's art style.",
	},
	{
		displayName: 'Character Style ID',
		name: 'charGenStyleId',
		type: 'string',
		default: '',
		description: "UUID of a character generation style. Overrides the preset's.",
	},
	{
		displayName: 'Detect Characters',
		name: 'detectCharacters',
		type: 'boolean',
		default: true,
		description:
			'Whether prep detects characters in the transcript (when off, auto-run skips the character-detect step)',
	},
	{
		displayName: 'Generate Character Portraits',
		name: 'generateCharacters',
		type: 'boolean',
		default: false,
		description: 'Whether character portraits are generated automatically',
	},
	{
		displayName: 'Generate Videos',
		name: 'generateVideos',
		type: 'boolean',
		default: false,
		description: 'Whether a video job is enqueued for every image once it completes',
	},
];

/** Simplify: per sentence only what a workflow uses (see helpers/simplify.ts). Off by default, so saved workflows keep their output. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	hint: 'Per sentence: sequence, ID, text, timing, status and its newest image URL (and video URL), each URL once',
};

export const OUTPUT_MODES = ['project', 'sentence', 'image'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** An AI Agent's tool always answers with one compact item and no files: these fields are hidden there. */
export const NOT_ON_TOOL = { '@tool': [true] };

const outputFields: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		default: 'project',
		options: [
			{
				name: 'One Item per Image',
				value: 'image',
				description: 'One item for every completed image, with its sentence',
			},
			{
				name: 'One Item per Project',
				value: 'project',
				description:
					'One item with the project, its progress and all sentences with their image URLs',
			},
			{
				name: 'One Item per Sentence',
				value: 'sentence',
				description: 'One item for every sentence, with its image URLs',
			},
		],
	},
	simplifyField,
	{
		displayName: 'Download Images',
		name: 'downloadImages',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the images as binary data. Per sentence and per project, the latest completed image of each sentence is downloaded.',
	},
	{
		...binaryOutputProperty('data'),
		hint: "The binary field for the image. With one item per project, each sentence's image goes to <field>_<sequence>, e.g. data_1.",
		displayOptions: { show: { downloadImages: [true] } },
	},
];

/** How finished results come out of the node. */
export const resultOutputFields: INodeProperties[] = outputFields.map((field) => ({
	...field,
	displayOptions: { ...field.displayOptions, hide: NOT_ON_TOOL },
}));

export const POLL_INTERVAL_SECONDS = 8;
export const MAX_WAIT_SECONDS = 3600;

/** Poll interval (the API advises 5–10 s) and the run-wide maximum wait. */
export function projectWaitFields(): INodeProperties[] {
	return waitOptions({
		intervalSeconds: POLL_INTERVAL_SECONDS,
		maxWaitSeconds: MAX_WAIT_SECONDS,
	}).map((field) =>
		field.name === 'pollIntervalSeconds'
			? {
					...field,
					description: 'How long to wait between status checks. Flokan recommends 5–10 seconds.',
				}
			: field,
	);
}

export const promptConcurrencyOption: INodeProperties = {
	displayName: 'Prompt Concurrency',
	name: 'promptConcurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 10,
	description: 'How many segments get their prompts at the same time (max 10, as the API advises)',
};

export const smartCameraAnglesOption: INodeProperties = {
	displayName: 'Smart Camera Angles',
	name: 'smartCameraAngles',
	type: 'boolean',
	default: false,
	description: 'Whether prompts get AI-chosen camera directions',
};

export const retryFailedSegmentsOption: INodeProperties = {
	displayName: 'Retry Failed Segments Once',
	name: 'retryFailedSegmentsOnce',
	type: 'boolean',
	default: false,
	description:
		'Whether a segment whose prompts call failed (server error or dropped connection) is sent once more. Prompts calls are paid: the node never re-sends them on its own. With this on, it first re-reads the project and skips segments that got their prompts anyway, then re-sends the rest once, which may be charged again.',
};
