import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { downloadAsBinary } from '../../shared/binary';
import type { JobState } from './jobs';

export interface VideoDownload {
	/** Binary property the video goes to; no download when undefined. */
	binaryPropertyName?: string;
}

/** A finished job as an output item, with its video as binary when asked for. */
export async function jobItem(
	context: IExecuteFunctions | IWebhookFunctions,
	job: JobState,
	{ binaryPropertyName }: VideoDownload,
	itemIndex = 0,
): Promise<INodeExecutionData> {
	const item: INodeExecutionData = { json: job, pairedItem: { item: itemIndex } };
	if (binaryPropertyName && job.status === 'COMPLETED' && typeof job.outputVideo === 'string') {
		item.binary = {
			[binaryPropertyName]: await downloadAsBinary(
				context,
				job.outputVideo,
				itemIndex,
				`${job.jobId}.mp4`,
			),
		};
	}
	return item;
}

/** The Download Video / Put Output File in Field pair, as a webhook (trigger or resume) reads it. */
export function videoDownloadOf(context: IWebhookFunctions): VideoDownload {
	if (context.getNodeParameter('downloadVideo', false) !== true) return {};
	return { binaryPropertyName: String(context.getNodeParameter('binaryPropertyName', 'data')) };
}
