import type {
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { fetchTechnique } from '../helpers/technique';
import { parseTechniqueLocator } from '../helpers/techniqueLocator';
import { isRequired } from '../helpers/types';

const TYPE_LABELS: Record<string, string> = {
	imageUrl: 'Image URL',
	videoUrl: 'Video URL',
	text: 'Text',
};

/** One form field per input of the chosen technique, from GET /techniques/{slug}. */
export async function getTechniqueInputs(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const parsed = parseTechniqueLocator(this.getNodeParameter('technique', undefined));
	if ('problem' in parsed)
		return { fields: [], emptyFieldsNotice: 'Choose a technique first to load its inputs' };
	const technique = await fetchTechnique.call(this, parsed.slug);
	const fields: ResourceMapperField[] = (technique.inputs ?? []).map((input) => ({
		id: input.id,
		displayName: `${input.name ?? input.id} (${TYPE_LABELS[input.type] ?? input.type})`,
		required: isRequired(input),
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
	}));
	return fields.length
		? { fields }
		: { fields, emptyFieldsNotice: `Technique "${parsed.slug}" has no inputs` };
}
