import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchGenerationsPage } from '../helpers/generationList';
import { GENERATIONS_MAX_PER_PAGE } from '../transport';

/** Recent generations, most recent first. The API has no text search, so the filter is applied here. */
export async function searchGenerations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const { items, hasMore } = await fetchGenerationsPage(this, page, GENERATIONS_MAX_PER_PAGE, {});
	const wanted = filter?.trim().toLowerCase();
	const results = items
		.filter(
			(g) => !wanted || `${String(g.video_title ?? '')} ${g.id}`.toLowerCase().includes(wanted),
		)
		.map((g) => ({
			name: `${String(g.video_title ?? g.id)} (${g.status}, ${String(g.created_at ?? '')
				.slice(0, 16)
				.replace('T', ' ')})`,
			value: g.id,
		}));
	return { results, paginationToken: hasMore ? String(page + 1) : undefined };
}
