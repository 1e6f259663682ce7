import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchJobsPage } from '../actions/job/listJobs';

const PAGE_SIZE = 50;

/**
 * Recent jobs for the Job picker. The API has no text search, so the filter matches the job ID,
 * status or prompt of each page it reads.
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const { items, hasMore } = await fetchJobsPage(this, { page, perPage: PAGE_SIZE });
	const needle = filter?.trim().toLowerCase();
	const results = items
		.filter(
			(job) =>
				!needle ||
				[job.job_id, job.status, job.prompt].some((v) =>
					String(v ?? '')
						.toLowerCase()
						.includes(needle),
				),
		)
		.map((job) => {
			const prompt = String(job.prompt ?? '');
			const shortPrompt = prompt.length > 60 ? `${prompt.slice(0, 57)}…` : prompt;
			return {
				name: `${String(job.status)} · ${shortPrompt || String(job.job_id)} · ${String(job.created_at ?? '')}`,
				value: String(job.job_id),
			};
		});
	return { results, paginationToken: hasMore ? String(page + 1) : undefined };
}
