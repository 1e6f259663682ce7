import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../../shared/transport';
import { voRequest } from './request';

export const PROJECT_STATUSES = [
	'draft',
	'transcribing',
	'characters',
	'prompts',
	'generating',
	'complete',
] as const;

/**
 * GET /projects answers `{ projects, page, per_page, total, has_more }` inside `data` (the page
 * leaves the shape open; this is the shape of the other Flokan lists). Without has_more, a full
 * page means there may be another one.
 */
interface ProjectsPage {
	projects?: IDataObject[];
	has_more?: boolean;
}

export async function readProjectListPage(
	context: ApiContext,
	query: { page: number; perPage: number; status?: string },
	itemIndex?: number,
): Promise<{ items: IDataObject[]; hasMore: boolean }> {
	const qs: IDataObject = { page: query.page, per_page: query.perPage };
	if (query.status) qs.status = query.status;
	const data = await voRequest<ProjectsPage | undefined>(context, {
		method: 'GET',
		path: '/projects',
		qs,
		itemIndex,
	});
	const items = Array.isArray(data?.projects) ? data.projects : [];
	const hasMore =
		typeof data?.has_more === 'boolean' ? data.has_more : items.length >= query.perPage;
	return { items, hasMore: hasMore && items.length > 0 };
}
