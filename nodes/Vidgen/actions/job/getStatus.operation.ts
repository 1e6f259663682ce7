import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { jobIdField, jobIdOf } from '../../helpers/jobId';
import { getJobState } from '../../helpers/jobs';

const properties: INodeProperties[] = [jobIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['getStatus'] } },
	properties,
);

/** GET /api/status/:jobId: status, progress (0–100) while processing, and the video once done. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = jobIdOf(this, itemIndex);
	return asItems(this, await getJobState(this, jobId, itemIndex));
}
