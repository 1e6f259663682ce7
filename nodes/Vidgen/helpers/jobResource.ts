import type { SubmittedResource } from '../../shared/submitted';

/** How errors after a submit name the job and what to do next. */
export function jobResource(
	jobId: string,
	nextStep = 'use Job → Get Status with this job ID',
): SubmittedResource {
	return { kind: 'job', id: jobId, nextStep };
}
