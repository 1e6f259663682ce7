import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadAsBinary } from '../../../shared/binary';
import { binaryOutputProperty } from '../../../shared/descriptions';
import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { RunContext } from '../../../shared/router';
import { attachResource } from '../../../shared/submitted';
import { compactJson, downloadsBinary, isToolMode } from '../../../shared/toolMode';
import type { FieldValidator } from '../../../shared/validation';
import { validatorFor } from '../../../shared/validation';
import { enforceCreditCeiling } from './creditCeiling';
import { inputBinaryField, modelTierField, providerField } from './fields';
import type { ModelChoice } from './models';
import { modelChoice } from './models';
import { processImage } from './processImage';
import type { PreparedImage } from './uploadImage';
import { prepareImage, uploadImage } from './uploadImage';

const SOURCES = ['none', 'binary', 'imageId', 'imageUrl'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Turn the sky into a golden-hour sunset',
		description: 'What to generate, or how to change the source image (1–10000 characters)',
	},
	modelTierField,
	providerField,
	{
		displayName: 'Source Image',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'None (Text to Image)',
				value: 'none',
				description: 'Generate from the prompt alone',
			},
			{
				name: 'Binary File',
				value: 'binary',
				description: "Upload the input item's image, then edit it",
			},
			{
				name: 'Image ID',
				value: 'imageId',
				description: 'Edit an image already on Flokan (e.g. a previous result_image_id)',
			},
			{
				name: 'Image URL',
				value: 'imageUrl',
				description: 'Edit an image Flokan fetches from an HTTPS URL',
			},
		],
		default: 'none',
	},
	{ ...inputBinaryField, displayOptions: { show: { source: ['binary'] } } },
	{
		displayName: 'Image ID',
		name: 'imageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.result_image_id }}',
		description: 'ID from Image → Upload, or the result_image_id of an earlier edit to chain edits',
		displayOptions: { show: { source: ['imageId'] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.jpg',
		description: 'HTTPS URL of the source image (up to 2000 characters)',
		displayOptions: { show: { source: ['imageUrl'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Character ID',
				name: 'characterId',
				type: 'string',
				default: '',
				description: 'A saved character preset (UUID) for figure consistency',
			},
			{
				displayName: 'Style ID',
				name: 'styleId',
				type: 'string',
				default: '',
				description: 'A saved style preset (UUID), from the workspace or the system',
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
			{
				displayName: 'Download Result',
				name: 'downloadResult',
				type: 'boolean',
				default: true,
				description:
					'Whether to download the finished image into a binary field (on unless turned off here)',
			},
			binaryOutputProperty('data'),
			{
				displayName: 'Max Credits',
				name: 'maxCredits',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 50,
				description:
					'Ask for a credit estimate first, and stop without generating when it is above this number or the workspace cannot cover it',
			},
			flokanItemsInParallelOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['generate'] } },
	properties,
);

interface GenerateOptions {
	downloadResult?: boolean;
	binaryPropertyName?: string;
	maxCredits?: number;
}

interface GenerateInput {
	body: IDataObject;
	choice: ModelChoice;
	image?: PreparedImage;
	outputField?: string;
	maxCredits?: number;
}

export const itemsInParallel = FLOKAN_ITEMS_IN_PARALLEL;

export const toolDescription =
	"Generates an image from a text prompt, or edits a source image, with the Flokan Image Editor, and waits for it. Returns status, job_id, result_url (the finished image's public URL: show it or pass it on) and result_image_id (pass it as Image ID to edit that image further), with credits_consumed. Costs Flokan credits on the platform provider (up to about 50 per image on the Pro tier; none with a BYOK provider) and typically takes 10–60 s, at most 300 s. It is never sent twice automatically: if a call fails without an answer, list the jobs before generating again. Fields: Prompt: what to draw, or how to change the source image (1–10000 characters). Image URL: the https URL of a picture to edit. Image ID: a Flokan image to edit, e.g. the result_image_id of an earlier call. Style ID, Character ID: saved preset IDs (UUIDs); leave empty unless the user gave one.";

/** What an agent needs from a finished image: its URL, the IDs to act on and the cost. */
export function forAgent(json: IDataObject): IDataObject {
	return compactJson({
		status: json.status,
		job_id: json.job_id,
		result_url: json.result_url,
		result_image_id: json.result_image_id,
		source_image_id: json.source_image_id,
		credits_consumed: json.credits_consumed,
		model_tier: json.model_tier,
		provider_used: json.provider_used,
	});
}

/** A tool gets JSON only, so an image to edit has to come by URL or ID. */
function refuseBinaryForTool(context: IExecuteFunctions, check: FieldValidator): void {
	if (!isToolMode(context)) return;
	check.fail(
		'Source Image',
		'"Binary File" cannot be used by an AI Agent tool, which receives no files',
		'Image URL (an https URL Flokan fetches), Image ID (an image already on Flokan, e.g. a result_image_id) or None (Text to Image)',
	);
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<GenerateInput> {
	const check = validatorFor(this, itemIndex);
	const param = (name: string, fallback?: unknown) =>
		this.getNodeParameter(name, itemIndex, fallback);

	const prompt = check.text('Prompt', param('prompt'), 1, 10000);
	const choice = modelChoice(check, param('modelTier'), param('provider', 'platform'));
	const source = check.oneOf('Source Image', param('source', 'none'), SOURCES);
	const extra = param('additionalFields', {}) as { styleId?: string; characterId?: string };
	const styleId = check.optionalUuid('Style ID', extra.styleId);
	const characterId = check.optionalUuid('Character ID', extra.characterId);
	const options = param('options', {}) as GenerateOptions;
	const outputField = downloadsBinary(this, options.downloadResult !== false)
		? check.text('Put Output File in Field', options.binaryPropertyName ?? 'data', 1, 1000)
		: undefined;
	const maxCredits =
		options.maxCredits === undefined
			? undefined
			: check.integer('Max Credits', options.maxCredits, 0, 1_000_000_000);

	const body: IDataObject = { prompt, model_tier: choice.modelTier, provider: choice.provider };
	if (styleId) body.style_id = styleId;
	if (characterId) body.character_id = characterId;
	if (source === 'imageId')
		body.image_id =
			check.optionalUuid('Image ID', param('imageId')) ?? check.fail('Image ID', 'it is empty');
	if (source === 'imageUrl')
		body.image_url = check.url('Image URL', param('imageUrl'), { max: 2000 });
	if (source === 'binary') refuseBinaryForTool(this, check);
	const image =
		source === 'binary'
			? await prepareImage(
					this,
					check,
					itemIndex,
					check.text('Input Binary Field', param('inputBinaryField'), 1, 1000),
				)
			: undefined;
	return { body, choice, image, outputField, maxCredits };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	_run: RunContext,
	{ body, choice, image, outputField, maxCredits }: GenerateInput,
): Promise<INodeExecutionData[]> {
	if (maxCredits !== undefined) await enforceCreditCeiling(this, choice, maxCredits, itemIndex);
	if (image) body.image_id = (await uploadImage(this, image, itemIndex)).image_id;

	const result = await processImage(this, body, itemIndex);
	const json: IDataObject = { ...result };
	if (image) json.source_image_id = body.image_id;
	const item: INodeExecutionData = { json };
	if (outputField && typeof result.result_url === 'string') {
		try {
			item.binary = { [outputField]: await downloadAsBinary(this, result.result_url, itemIndex) };
		} catch (error) {
			// The image exists and was paid for: name both IDs so it can be fetched or edited later.
			const jobId = String(result.job_id);
			const withJob = attachResource(error as Error, {
				kind: 'job',
				id: jobId,
				nextStep: 'use Job → Get to read its result_url',
			});
			throw attachResource(withJob, {
				kind: 'image',
				id: String(result.result_image_id),
				nextStep: `the image was generated in job ${jobId}; pass this ID as Image ID to edit it further`,
			});
		}
	}
	return [item];
}
