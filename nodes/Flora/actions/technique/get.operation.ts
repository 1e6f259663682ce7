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
import { techniqueForAgent } from '../../helpers/agentResults';
import { MEDIA_URL } from '../../helpers/toolTexts';

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

/** What an AI Agent reads about Technique → Get as a tool. */
export const toolDescription = [
	'Looks up a FLORA technique (free, about a second): its name, description, cost (credits per run), inputs (id, type imageUrl, videoUrl or text, required, description) and outputs.',
	`Use it before a FLORA Run → Create whose inputs are given as JSON: the input IDs are the keys, image and video values are each ${MEDIA_URL}.`,
	"Technique: the technique's slug, the last part of app.flora.ai/techniques/<slug>, e.g. studio-shot.",
].join(' ');

export const forAgent = techniqueForAgent;
