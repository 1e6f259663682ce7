import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { PageLimit } from '../../../shared/paginator';
import { collectNumberedPages } from '../../../shared/paginator';
import { apiRequest } from '../../../shared/transport';
import { imageEditor, JOBS_MAX_PER_PAGE } from '../../transport';

export const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;

/** GET /jobs answers `{ jobs, page, per_page, total, has_more }` (the page leaves the shape open). */
export interface JobsPage {
	jobs: IDataObject[];
	has_more?: boolean;
}

export async function fetchJobsPage(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	query: { page: number; perPage: number; status?: string },
	itemIndex?: number,
): Promise<{ items: IDataObject[]; hasMore: boolean }> {
	const qs: IDataObject = { page: query.page, per_page: query.perPage };
	if (query.status) qs.status = query.status;
	const data = (await apiRequest.call(context, imageEditor, {
		method: 'GET',
		path: '/jobs',
		qs,
		itemIndex,
	})) as JobsPage | undefined;
	const items = Array.isArray(data?.jobs) ? data.jobs : [];
	// Without has_more, a full page means there may be another one.
	const hasMore =
		typeof data?.has_more === 'boolean' ? data.has_more : items.length >= query.perPage;
	return { items, hasMore: hasMore && items.length > 0 };
}

/** Most recent first, page by page, stopping exactly at the limit. */
export async function listJobs(
	context: IExecuteFunctions,
	{ status, pageLimit, itemIndex }: { status?: string; pageLimit: PageLimit; itemIndex: number },
): Promise<IDataObject[]> {
	return await collectNumberedPages(
		async (page, perPage) => await fetchJobsPage(context, { page, perPage, status }, itemIndex),
		pageLimit,
		JOBS_MAX_PER_PAGE,
	);
}
