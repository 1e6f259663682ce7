import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { RunContext } from '../../../shared/router';
import { apiRequest } from '../../../shared/transport';
import type { FieldValidator } from '../../../shared/validation';
import { validatorFor } from '../../../shared/validation';
import { ASPECT_RATIO_OPTIONS, IMAGE_MODEL_OPTIONS, PROVIDER_OPTIONS } from '../../helpers/choices';
import type { Generation } from '../../helpers/generation';
import { assertSucceeded } from '../../helpers/generation';
import { generationForAgent } from '../../helpers/generationForAgent';
import { generationItems, imageOutputOptions } from '../../helpers/imageOutput';
import { searchYoutube } from '../../helpers/youtubeSearch';
import { GENERATE_TIMEOUT_SECONDS, thumbnailGenerator } from '../../transport';
import type { GenerateInput } from './generateInput';
import { readGenerateInput } from './generateInput';

const properties: INodeProperties[] = [
	{
		displayName: 'Video Title',
		name: 'videoTitle',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 10 Hidden Hiking Trails',
		description: 'Title of the video the thumbnail is for (1–500 characters)',
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: "e.g. Bold red text 'TOP 10' over surprised hiker, mountain backdrop",
		description:
			'What the thumbnail should show (1–10000 characters). May stay empty when YouTube Reference URLs, a Reference Image URL or a Reference Search Query is given.',
	},
	{
		displayName: 'Image Model',
		name: 'imageModel',
		type: 'options',
		options: IMAGE_MODEL_OPTIONS,
		default: 'pro',
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: ASPECT_RATIO_OPTIONS,
		default: '16:9',
	},
	{
		displayName: 'Image Count',
		name: 'imageCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 4 },
		default: 1,
		description: 'How many thumbnails to generate (1–4)',
	},
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		options: PROVIDER_OPTIONS,
		default: 'platform',
		description:
			"Who runs the model. Platform uses Flokan's keys and deducts credits; a BYOK provider uses the workspace's own key (configured and enabled, on a plan with BYOK) and costs no credits.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Card ID',
				name: 'cardId',
				type: 'string',
				default: '',
				description: 'Link the generation to a board card of the workspace (a UUID)',
			},
			{
				displayName: 'Reference Image URL',
				name: 'referenceImageUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/reference.png',
				description:
					'An HTTPS URL of an image you host. It becomes the primary content reference, ahead of the YouTube references.',
			},
			{
				displayName: 'Style ID',
				name: 'styleId',
				type: 'string',
				default: '',
				description: 'A thumbnail style preset (a UUID)',
			},
			{
				displayName: 'YouTube Reference URLs',
				name: 'youtubeReferences',
				type: 'string',
				default: '',
				placeholder: 'https://i.ytimg.com/vi/…/hqdefault.jpg',
				description:
					'Up to 6 thumbnail image URLs, separated by commas or new lines (or an array from an expression), e.g. the Thumbnail URLs of Search YouTube. The first is the primary content reference unless a Reference Image URL is set.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...imageOutputOptions,
			{
				displayName: 'Reference Search Query',
				name: 'referenceSearchQuery',
				type: 'string',
				default: '',
				placeholder: 'e.g. hidden hiking trails',
				description:
					'Search YouTube first (1–200 characters) and use the top thumbnails as references, so one node does search + generate',
			},
			{
				displayName: 'Reference Search Count',
				name: 'referenceSearchCount',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 6 },
				default: 3,
				description:
					'How many of the top search results to use as references (together with YouTube Reference URLs at most 6)',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: GENERATE_TIMEOUT_SECONDS,
				description:
					'How long to wait for the generation (it usually takes 10–30 s). A timed-out request is not sent again, so it is never paid twice.',
			},
			flokanItemsInParallelOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['thumbnail'], operation: ['generate'] } },
	properties,
);

/** Adds the top thumbnails of the Reference Search to the references typed in. */
async function withSearchedReferences(
	context: IExecuteFunctions,
	check: FieldValidator,
	input: GenerateInput,
	itemIndex: number,
): Promise<IDataObject> {
	if (!input.referenceSearch) return input.body;
	const { query, count } = input.referenceSearch;
	const found = await searchYoutube(context, query, { returnAll: false, limit: count }, itemIndex);
	const references = [
		...(input.body.youtube_references ?? []),
		...found.map((result) => result.thumbnail_url),
	];
	if (
		references.length === 0 &&
		input.body.prompt === undefined &&
		input.body.reference_image_url === undefined
	) {
		check.fail(
			'Reference Search Query',
			`YouTube search for "${query}" found no thumbnails, and the Prompt is empty`,
			'a query with results, or a Prompt',
		);
	}
	return references.length ? { ...input.body, youtube_references: references } : input.body;
}

export const itemsInParallel = FLOKAN_ITEMS_IN_PARALLEL;

export const toolDescription =
	"Generates 1–4 YouTube thumbnails for a video with the Flokan Thumbnail Generator and waits for them. Returns generation_id, status, image_urls (public URLs to show or pass on) and credits_consumed. Costs Flokan credits per image on the platform provider (the API's example: 12 credits for 2 Pro images; none with a BYOK provider) and typically takes 10–30 s. It is never sent twice automatically: if a call fails without an answer, list the generations before generating again. Fields: Video Title: the video's title (1–500 characters). Prompt: what the thumbnail should show (up to 10000 characters; may stay empty when a reference is given). Image Count: 1–4. YouTube Reference URLs: up to 6 thumbnail image URLs to take after, comma-separated (e.g. thumbnail_url values from Search YouTube). Reference Image URL: an https image to use as the main reference. Reference Search Query: search YouTube and take after the top thumbnails. Style ID, Card ID: UUIDs; leave empty unless given.";

export const forAgent = generationForAgent;

export function prepare(this: IExecuteFunctions, itemIndex: number): GenerateInput {
	return readGenerateInput(this, validatorFor(this, itemIndex), itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	_run: RunContext,
	input: GenerateInput,
): Promise<INodeExecutionData[]> {
	const body = await withSearchedReferences(this, validatorFor(this, itemIndex), input, itemIndex);
	const generation = (await apiRequest.call(this, thumbnailGenerator, {
		method: 'POST',
		path: '/generate',
		body,
		resendable: false,
		timeoutMs: input.timeoutMs,
		ifUnanswered:
			'It may still have been created: check Generation → Get Many before running the node again.',
		itemIndex,
	})) as Generation;
	assertSucceeded(this, generation, itemIndex);
	const json: Generation = body.youtube_references
		? { ...generation, youtube_references: body.youtube_references }
		: generation;
	return await generationItems(this, itemIndex, json, input.output);
}
