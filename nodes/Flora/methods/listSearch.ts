import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { techniqueUrl } from '../helpers/techniqueLocator';
import { KNOWN_TECHNIQUES } from '../techniques';

/** The API has no list endpoint, so the list is the techniques named on the API page. */
export async function searchTechniques(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const matches = KNOWN_TECHNIQUES.filter(
		(technique) =>
			!needle ||
			technique.name.toLowerCase().includes(needle) ||
			technique.slug.includes(needle) ||
			technique.description.toLowerCase().includes(needle),
	);
	return {
		results: matches.map((technique) => ({
			name: technique.name,
			value: technique.slug,
			description: technique.description,
			url: techniqueUrl(technique.slug),
		})),
	};
}
