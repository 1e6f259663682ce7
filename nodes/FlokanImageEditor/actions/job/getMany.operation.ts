import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { pageLimitOf, TOOL_LIST_MAX } from '../../../shared/paginator';
import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { jobForAgent } from './jobForAgent';
import { JOB_STATUSES, listJobs } from './listJobs';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Completed', value: 'completed' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Pending', value: 'pending' },
					{ name: 'Processing', value: 'processing' },
				],
				default: 'completed',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['getMany'] } },
	properties,
);

export const toolDescription = `Lists recent Flokan Image Editor jobs, most recent first, each with job_id, status, the start of its prompt, result_url, result_image_id, credits_consumed and created_at. Use it to find an image made earlier, or, when a Generate or Edit call failed without an answer, to see whether it made its image anyway before generating again. Free; about a second. Field: Limit: how many jobs to list (1–${TOOL_LIST_MAX}; at most ${TOOL_LIST_MAX} are returned).`;

/** One row per job, its prompt cut short: a list stays small in the agent's context. */
export function forAgent(job: IDataObject): IDataObject {
	return jobForAgent(job, 100);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { status?: string };
	const status =
		filters.status === undefined ? undefined : check.oneOf('Status', filters.status, JOB_STATUSES);
	const pageLimit = pageLimitOf(this, itemIndex);
	const jobs = await listJobs(this, { status, pageLimit, itemIndex });
	return asItems(this, jobs as IDataObject[]);
}
