import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { attachResource } from '../../../shared/submitted';
import { apiRequest } from '../../../shared/transport';
import { validatorFor } from '../../../shared/validation';
import type { Generation } from '../../helpers/generation';
import { assertSucceeded, generationResource } from '../../helpers/generation';
import { generationForAgent, generationNextStep } from '../../helpers/generationForAgent';
import { generationLocatorField, readGenerationId } from '../../helpers/generationLocator';
import { generationItems, imageOutputOptions, readImageOutput } from '../../helpers/imageOutput';
import { thumbnailGenerator } from '../../transport';

const properties: INodeProperties[] = [
	generationLocatorField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...imageOutputOptions,
			{
				displayName: 'Error on Failed Generation',
				name: 'errorOnFailure',
				type: 'boolean',
				default: true,
				description:
					'Whether a generation that failed or timed out stops with an error naming it. Turn off to output its record instead.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['generation'], operation: ['get'] } },
	properties,
);

export const toolDescription =
	'Reads one Flokan thumbnail generation by its ID and returns its status (pending, generating, completed, failed or timed_out), image_urls once completed and credits_consumed; a failed or timed-out generation answers with an error naming it. Free; answers in about a second. Field: Generation: the generation_id that Generate or the generation list returned (a UUID).';

/** The generation compactly, and what to do when it has not finished. */
export function forAgent(generation: IDataObject): IDataObject {
	const nextStep = generationNextStep(generation);
	return { ...generationForAgent(generation), ...(nextStep ? { nextStep } : {}) };
}

async function getGeneration(
	this: IExecuteFunctions,
	id: string,
	itemIndex: number,
): Promise<Generation> {
	try {
		return (await apiRequest.call(this, thumbnailGenerator, {
			method: 'GET',
			path: `/generations/${id}`,
			itemIndex,
		})) as Generation;
	} catch (error) {
		throw attachResource(error as Error, {
			...generationResource(id),
			nextStep: 'check the ID, or pick the generation from the list',
		});
	}
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const id = readGenerationId(this, check, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const output = readImageOutput(check, options);
	const generation = await getGeneration.call(this, id, itemIndex);
	if (options.errorOnFailure !== false) assertSucceeded(this, generation, itemIndex);
	return await generationItems(this, itemIndex, generation, output);
}
