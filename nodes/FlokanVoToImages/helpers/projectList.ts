import type { IDataObject } from 'n8n-workflow';

import { readFlokanListPage } from '../../shared/flokanService';
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

/** One page of GET /projects, read like every Flokan list. */
export async function readProjectListPage(
	context: ApiContext,
	query: { page: number; perPage: number; status?: string },
	itemIndex?: number,
): Promise<{ items: IDataObject[]; hasMore: boolean }> {
	const qs: IDataObject = { page: query.page, per_page: query.perPage };
	if (query.status) qs.status = query.status;
	const data = await voRequest<unknown>(context, {
		method: 'GET',
		path: '/projects',
		qs,
		itemIndex,
	});
	return readFlokanListPage<IDataObject>(data, 'projects', query.perPage);
}
