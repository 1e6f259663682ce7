import type { IDataObject } from 'n8n-workflow';

import { compactJson, shortened } from '../../../shared/toolMode';

const STILL_RUNNING = ['pending', 'processing'];

/**
 * A job row as an AI Agent reads it: its outcome, the IDs to act on and the start of its prompt to
 * recognise it by. The source image URL (up to 2000 characters) and the timings are left out.
 */
export function jobForAgent(job: IDataObject, promptMax: number): IDataObject {
	return compactJson({
		job_id: job.job_id,
		status: job.status,
		prompt: shortened(job.prompt, promptMax),
		result_url: job.result_url,
		result_image_id: job.result_image_id,
		source_image_id: job.image_id,
		credits_consumed: job.credits_consumed,
		model_tier: job.model_tier,
		provider_used: job.provider_used,
		error: job.error,
		created_at: job.created_at,
	});
}

/** What to do about a job that has not finished yet, if it has not. */
export function jobNextStep(job: IDataObject): string | undefined {
	return STILL_RUNNING.includes(String(job.status))
		? 'The job has not finished: call Job → Get again with this job_id in about 30 s.'
		: undefined;
}
