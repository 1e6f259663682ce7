import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { jobIdField, jobIdOf } from '../../helpers/jobId';
import { cancelJob, getJobState } from '../../helpers/jobs';

const properties: INodeProperties[] = [
	{
		displayName:
			'Only a PENDING job can be cancelled: once a worker has picked it up, it runs to the end.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
	},
	jobIdField,
];

export const toolDescription =
	"Cancels a Vidgen video job that is still PENDING (queued), which frees the API key's one active-job slot. A job that is PROCESSING can no longer be cancelled: it runs to the end. Free and instant. Job: the jobId.";

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['cancel'] } },
	properties,
);

/** A 409 says the job is past PENDING: name the state it is in, as far as it can be read. */
async function explainCancelFailure(
	this: IExecuteFunctions,
	error: unknown,
	jobId: string,
	itemIndex: number,
) {
	if (!(error instanceof NodeApiError) || error.httpCode !== '409') return error;
	let state = 'past PENDING';
	try {
		state = `now ${(await getJobState(this, jobId, itemIndex)).status}`;
	} catch {
		// the 409 itself is the answer; the state only makes it clearer
	}
	error.message = `${error.message} (job ${jobId} is ${state}; only PENDING jobs can be cancelled)`;
	error.description =
		'Only PENDING jobs can be cancelled. Once a worker has picked a job up it runs to the end; use Job → Get Status to follow it.';
	error.context.jobId = jobId;
	return error;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = jobIdOf(this, itemIndex);
	try {
		const answer = await cancelJob(this, jobId, itemIndex);
		return asItems(this, { jobId, ...answer });
	} catch (error) {
		throw await explainCancelFailure.call(this, error, jobId, itemIndex);
	}
}
