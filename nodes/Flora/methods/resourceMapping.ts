import type {
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { fetchTechnique } from '../helpers/technique';
import { parseTechniqueLocator } from '../helpers/techniqueLocator';
import type { TechniqueInput } from '../helpers/types';
import { isRequired } from '../helpers/types';

const TYPE_LABELS: Record<string, string> = {
	imageUrl: 'Image URL',
	videoUrl: 'Video URL',
	text: 'Text',
};

/**
 * The field's label, e.g. "Product Image (Image URL)" or "Background (Text, optional)". It is also
 * what an AI Agent sees: n8n names a field the model fills after its label
 * (`Background__Text__optional_`) and gives it no description, so the label says the type and
 * whether the input may be left empty.
 */
function inputLabel(input: TechniqueInput, sameName: boolean): string {
	const name = input.name ?? input.id;
	const details = [
		...(sameName && name !== input.id ? [input.id] : []),
		TYPE_LABELS[input.type] ?? input.type,
		...(isRequired(input) ? [] : ['optional']),
	];
	return `${name} (${details.join(', ')})`;
}

/** One form field per input of the chosen technique, from GET /techniques/{slug}. */
export async function getTechniqueInputs(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const parsed = parseTechniqueLocator(this.getNodeParameter('technique', undefined));
	if ('problem' in parsed)
		return { fields: [], emptyFieldsNotice: 'Choose a technique first to load its inputs' };
	const technique = await fetchTechnique.call(this, parsed.slug);
	const inputs = technique.inputs ?? [];
	const nameCount = (name: string) =>
		inputs.filter((input) => (input.name ?? input.id) === name).length;
	const fields: ResourceMapperField[] = inputs.map((input) => ({
		id: input.id,
		// Two inputs with one name would give the model one parameter for both: the ID tells them apart.
		displayName: inputLabel(input, nameCount(input.name ?? input.id) > 1),
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
