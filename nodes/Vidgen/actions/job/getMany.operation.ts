import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { TOOL_LIST_MAX, collectPages, pageLimitOf } from '../../../shared/paginator';
import { asItems } from '../../../shared/router';
import { compactJson } from '../../../shared/toolMode';
import { validatorFor } from '../../../shared/validation';
import { jobForAgent } from '../../helpers/jobForAgent';
import type { JobSummary } from '../../helpers/jobs';
import { listJobs } from '../../helpers/jobs';
import type { JobStatus } from '../../transport';
import { JOB_STATUSES, MAX_PAGE_SIZE } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Any Status', value: '' },
			{ name: 'Cancelled', value: 'CANCELLED' },
			{ name: 'Completed', value: 'COMPLETED' },
			{ name: 'Failed', value: 'FAILED' },
			{ name: 'Pending', value: 'PENDING' },
			{ name: 'Processing', value: 'PROCESSING' },
		],
		default: '',
		description: 'Only return jobs in this status',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['getMany'] } },
	properties,
);

export const toolDescription = `Lists the Vidgen video jobs of this API key, newest first: each job's jobId, status (PENDING, PROCESSING, COMPLETED, FAILED or CANCELLED), outputVideo and outputShareLink URLs once COMPLETED, errorMessage when FAILED, and when it was created. Free and instant. Use it to find a job whose jobId was lost, or the PENDING or PROCESSING job that holds the key's one active-job slot. Limit: how many jobs to list (1–${TOOL_LIST_MAX}; at most ${TOOL_LIST_MAX} are returned).`;

/** A listed job for an agent: no next step per row, its creation time to tell jobs apart. */
export function forAgent(json: IDataObject): IDataObject {
	return compactJson({ ...jobForAgent(json, { withNextStep: false }), createdAt: json.createdAt });
}

/** GET /api/jobs, newest first, following nextCursor until the limit (or the end). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const rawStatus = this.getNodeParameter('status', itemIndex, '');
	const status =
		rawStatus === '' ? undefined : check.oneOf<JobStatus>('Status', rawStatus, JOB_STATUSES);
	const pageLimit = pageLimitOf(this, itemIndex);

	const jobs = await collectPages<JobSummary, string>(
		async (cursor, pageSize) => {
			const page = await listJobs(this, { limit: pageSize, cursor, status }, itemIndex);
			const next = page.pagination?.hasNextPage
				? (page.pagination.nextCursor ?? undefined)
				: undefined;
			return { items: page.jobs ?? [], next };
		},
		pageLimit,
		MAX_PAGE_SIZE,
	);
	return asItems(this, jobs);
}
