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
import { downloadsBinary } from '../../../shared/toolMode';
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
	'Generates an image from a text prompt, or edits an existing image, with the Flokan Image Editor, and returns the finished image\'s public URL (result_url) and its ID (result_image_id). Costs Flokan credits (up to about 50 per image on the platform provider, none with a BYOK provider) and typically takes 10–60 s. Prompt: what to draw, or how to change the source image (1–10000 characters). Image URL, when editing an external picture: its https URL. Image ID, when refining an earlier result: that result_image_id.';

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
