import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listJobs } from '../helpers/jobs';

/** The key's jobs, newest first, page by page over the API's cursor. The filter matches id or status. */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await listJobs(this, { limit: 50, cursor: paginationToken });
	const needle = filter?.trim().toLowerCase();
	const jobs = (page.jobs ?? []).filter(
		(job) =>
			!needle || job.id.toLowerCase().includes(needle) || job.status.toLowerCase().includes(needle),
	);
	return {
		results: jobs.map((job) => ({
			name: `${job.id} (${job.status}${typeof job.createdAt === 'string' ? `, ${job.createdAt}` : ''})`,
			value: job.id,
		})),
		paginationToken: page.pagination?.nextCursor ?? undefined,
	};
}
