import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listPresets } from '../helpers/presets';
import { readProjectListPage } from '../helpers/projectList';
import { MAX_PROJECTS_PAGE } from '../transport';

const matches = (text: string, filter?: string) =>
	!filter || text.toLowerCase().includes(filter.toLowerCase());

export async function searchPresets(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const presets = await listPresets(this);
	return {
		results: presets
			.map((preset) => ({ name: String(preset.name ?? preset.id), value: preset.id }))
			.filter((preset) => matches(preset.name, filter)),
	};
}

/** Projects newest first, a page at a time; the API has no title search, so the filter applies per page. */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const { items, hasMore } = await readProjectListPage(this, { page, perPage: MAX_PROJECTS_PAGE });
	return {
		results: items
			.map((project) => ({
				name: `${String(project.title ?? project.id)} (${String(project.status ?? '')})`,
				value: String(project.id),
			}))
			.filter((project) => matches(project.name, filter)),
		paginationToken: hasMore ? String(page + 1) : undefined,
	};
}
