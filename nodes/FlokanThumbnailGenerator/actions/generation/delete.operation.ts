import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { attachResource } from '../../../shared/submitted';
import { apiRequest } from '../../../shared/transport';
import { validatorFor } from '../../../shared/validation';
import { generationResource } from '../../helpers/generation';
import { generationLocatorField, readGenerationId } from '../../helpers/generationLocator';
import { thumbnailGenerator } from '../../transport';

const properties: INodeProperties[] = [
	{ ...generationLocatorField, description: 'The generation to delete, with its images' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['generation'], operation: ['delete'] } },
	properties,
);

export const toolDescription =
	'Deletes a Flokan thumbnail generation and its images for good: its image URLs stop working. Only use it when the user asked for it. Free; answers in about a second. Field: Generation: the generation_id to delete (a UUID).';

/** Which generation is gone. */
export function forAgent(deleted: IDataObject): IDataObject {
	return { generation_id: deleted.id, deleted: deleted.deleted };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = readGenerationId(this, validatorFor(this, itemIndex), itemIndex);
	try {
		const deleted = (await apiRequest.call(this, thumbnailGenerator, {
			method: 'DELETE',
			path: `/generations/${id}`,
			itemIndex,
		})) as IDataObject;
		return asItems(this, deleted);
	} catch (error) {
		throw attachResource(error as Error, {
			...generationResource(id),
			nextStep: 'check the ID; a deleted generation is gone for good',
		});
	}
}
