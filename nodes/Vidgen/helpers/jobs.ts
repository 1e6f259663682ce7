import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PollOptions } from '../../shared/poller';
import { pollUntilDone } from '../../shared/poller';
import type { ApiContext } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import type { JobStatus } from '../transport';
import { VIDGEN_PATHS, vidgen } from '../transport';

/** GET /api/status/:jobId (and the webhook body, which has the same shape). */
export interface JobState extends IDataObject {
	jobId: string;
	status: JobStatus;
	progress?: number | null;
	outputVideo?: string | null;
	outputShareLink?: string | null;
	errorMessage?: string | null;
}

/** One entry of GET /api/jobs. */
export interface JobSummary extends IDataObject {
	id: string;
	status: JobStatus;
}

export interface JobPage {
	jobs: JobSummary[];
	pagination?: { limit?: number; nextCursor?: string | null; hasNextPage?: boolean };
}

export const ACTIVE_STATUSES: readonly JobStatus[] = ['PENDING', 'PROCESSING'];
export const FINISHED_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export async function getJobState(
	context: ApiContext,
	jobId: string,
	itemIndex?: number,
	deadline?: number,
): Promise<JobState> {
	return (await apiRequest.call(context, vidgen, {
		method: 'GET',
		path: VIDGEN_PATHS.status(jobId),
		itemIndex,
		deadline,
	})) as JobState;
}

export async function listJobs(
	context: ApiContext,
	{ limit, cursor, status }: { limit: number; cursor?: string; status?: JobStatus },
	itemIndex?: number,
): Promise<JobPage> {
	const qs: IDataObject = { limit };
	if (cursor) qs.cursor = cursor;
	if (status) qs.status = status;
	return (await apiRequest.call(context, vidgen, {
		method: 'GET',
		path: VIDGEN_PATHS.jobs,
		qs,
		itemIndex,
	})) as unknown as JobPage;
}

/** POST cancel. Cancelling twice is harmless (the second answer is a 409), so the call may be re-sent. */
export async function cancelJob(
	context: ApiContext,
	jobId: string,
	itemIndex?: number,
	{ timeoutMs, resendable = true }: { timeoutMs?: number; resendable?: boolean } = {},
): Promise<IDataObject> {
	return (await apiRequest.call(context, vidgen, {
		method: 'POST',
		path: VIDGEN_PATHS.cancel(jobId),
		resendable,
		timeoutMs,
		itemIndex,
	})) as IDataObject;
}

/** The key's PENDING or PROCESSING job, if any (there is at most one). */
export async function findActiveJob(
	context: ApiContext,
	itemIndex?: number,
): Promise<JobSummary | undefined> {
	for (const status of ACTIVE_STATUSES) {
		const page = await listJobs(context, { limit: 1, status }, itemIndex);
		if (page.jobs?.[0]) return page.jobs[0];
	}
	return undefined;
}

/** The shared poller bound to job states (`.call` on the generic function would lose the type). */
export const pollJob: (
	this: IExecuteFunctions,
	options: PollOptions<JobState>,
) => Promise<JobState> = pollUntilDone;
