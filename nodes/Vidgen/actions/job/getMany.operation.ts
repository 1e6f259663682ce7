import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { collectPages, pageLimitOf } from '../../../shared/paginator';
import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
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
