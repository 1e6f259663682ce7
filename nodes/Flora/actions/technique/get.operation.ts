import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { fetchTechnique } from '../../helpers/technique';
import { techniqueLocator, techniqueSlug } from '../../helpers/techniqueLocator';

const properties: INodeProperties[] = [techniqueLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['technique'], operation: ['get'] } },
	properties,
);

/** The technique's inputs (IDs and types to match exactly), outputs and cost. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const slug = techniqueSlug(this, itemIndex);
	const technique = await fetchTechnique.call(this, slug, itemIndex);
	return asItems(this, { slug, ...(technique as unknown as IDataObject) });
}
