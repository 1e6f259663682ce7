import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validatorFor } from '../../shared/validation';

const SLUG = '[A-Za-z0-9][A-Za-z0-9_-]*';
const SLUG_REGEX = new RegExp(`^${SLUG}$`);
/** A technique's page in the FLORA app; the one group is the slug. */
const TECHNIQUE_URL = `^https?://(?:www\\.)?app\\.flora\\.ai/techniques/(${SLUG})/?(?:[?#].*)?$`;
const TECHNIQUE_URL_REGEX = new RegExp(TECHNIQUE_URL);

export const techniqueUrl = (slug: string) => `https://app.flora.ai/techniques/${slug}`;

/** The technique picker: a searchable list of the known techniques, a slug, or the app URL. */
export const techniqueLocator: INodeProperties = {
	displayName: 'Technique',
	name: 'technique',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The FLORA technique (reusable AI workflow) to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a technique...',
			typeOptions: { searchListMethod: 'searchTechniques', searchable: true },
		},
		{
			displayName: 'By Slug',
			name: 'slug',
			type: 'string',
			placeholder: 'e.g. studio-shot',
			hint: 'The slug is the last part of the technique URL in the FLORA app',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^${SLUG}$`,
						errorMessage: 'Not a valid slug: use letters, digits, "-" and "_"',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.flora.ai/techniques/studio-shot',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: TECHNIQUE_URL,
						errorMessage: 'Not a FLORA technique URL (https://app.flora.ai/techniques/<slug>)',
					},
				},
			],
			extractValue: { type: 'regex', regex: TECHNIQUE_URL },
		},
	],
};

/** The slug a locator value points at, or why it does not point at one. */
export function parseTechniqueLocator(
	locator: unknown,
): { slug: string } | { problem: string; allowed: string } {
	const { mode, value } = (locator ?? {}) as { mode?: string; value?: unknown };
	const text =
		typeof locator === 'string' ? locator.trim() : typeof value === 'string' ? value.trim() : '';
	if (text === '')
		return {
			problem: 'no technique chosen',
			allowed: 'a technique from the list, a slug, or a technique URL',
		};
	if (mode === 'url') {
		const match = TECHNIQUE_URL_REGEX.exec(text);
		if (!match)
			return {
				problem: `"${text}" is not a FLORA technique URL`,
				allowed: 'a URL like https://app.flora.ai/techniques/studio-shot',
			};
		return { slug: match[1] };
	}
	if (!SLUG_REGEX.test(text)) {
		return {
			problem: `"${text}" is not a technique slug`,
			allowed: 'a slug of letters, digits, "-" and "_", e.g. studio-shot',
		};
	}
	return { slug: text };
}

/** The chosen technique's slug; a bad value fails before any request. */
export function techniqueSlug(context: IExecuteFunctions, itemIndex: number): string {
	const parsed = parseTechniqueLocator(context.getNodeParameter('technique', itemIndex));
	if ('problem' in parsed)
		return validatorFor(context, itemIndex).fail('Technique', parsed.problem, parsed.allowed);
	return parsed.slug;
}
