import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { jobForAgent } from '../../helpers/jobForAgent';
import { jobIdField, jobIdOf } from '../../helpers/jobId';
import { getJobState } from '../../helpers/jobs';

const properties: INodeProperties[] = [jobIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['getStatus'] } },
	properties,
);

export const toolDescription =
	"Gets a Vidgen video job by its jobId (as Job → Create returned it): status (PENDING = queued, PROCESSING = rendering, COMPLETED, FAILED or CANCELLED), progress in percent while PROCESSING, errorMessage when FAILED, and once COMPLETED outputVideo (the MP4's URL) and outputShareLink (a page to share it). Free and instant; rendering takes minutes, so while it is PENDING or PROCESSING call it again later. Job: the jobId.";

export const forAgent = jobForAgent;

/** GET /api/status/:jobId: status, progress (0–100) while processing, and the video once done. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const jobId = jobIdOf(this, itemIndex);
	return asItems(this, await getJobState(this, jobId, itemIndex));
}
