import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { PageLimit } from '../../../shared/paginator';
import { readFlokanListPage } from '../../../shared/flokanService';
import { collectNumberedPages } from '../../../shared/paginator';
import { apiRequest } from '../../../shared/transport';
import { imageEditor, JOBS_MAX_PER_PAGE } from '../../transport';

export const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;

export async function fetchJobsPage(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	query: { page: number; perPage: number; status?: string },
	itemIndex?: number,
): Promise<{ items: IDataObject[]; hasMore: boolean }> {
	const qs: IDataObject = { page: query.page, per_page: query.perPage };
	if (query.status) qs.status = query.status;
	const data = await apiRequest.call(context, imageEditor, {
		method: 'GET',
		path: '/jobs',
		qs,
		itemIndex,
	});
	return readFlokanListPage<IDataObject>(data, 'jobs', query.perPage);
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
