import type { IExecuteFunctions } from 'n8n-workflow';

import { detachedFromStop } from '../../shared/afterStop';
import type { WaitBudget } from '../../shared/waitBudget';
import type { JobState } from './jobs';
import { cancelJob, getJobState, pollJob } from './jobs';
import { jobResource } from './jobResource';

export function failureOf(state: JobState): string | undefined {
	if (state.status === 'FAILED')
		return `Vidgen job ${state.jobId} failed: ${state.errorMessage ?? 'no reason given'}`;
	if (state.status === 'CANCELLED') return `Vidgen job ${state.jobId} was cancelled before it ran`;
	return undefined;
}

/** The stop waits for this call, so it gets one short try. */
const CANCEL_ON_STOP_TIMEOUT_MS = 10_000;

/** Only a PENDING job can be cancelled; a job never seen yet is assumed to be PENDING. */
async function cancelIfPending(
	this: IExecuteFunctions,
	jobId: string,
	last: JobState | undefined,
	itemIndex: number,
) {
	if (last !== undefined && last.status !== 'PENDING') return;
	try {
		await cancelJob(detachedFromStop(this), jobId, itemIndex, {
			timeoutMs: CANCEL_ON_STOP_TIMEOUT_MS,
			resendable: false,
		});
		this.logger.info(
			`Vidgen: cancelled job ${jobId} on the server because the execution was stopped`,
		);
	} catch (error) {
		this.logger.warn(
			`Vidgen: could not cancel job ${jobId} after the execution was stopped: ${(error as Error).message}`,
		);
	}
}

/**
 * Polls GET /api/status/:jobId until the job is COMPLETED, within the run's wait budget. FAILED and
 * CANCELLED end the wait with an error naming the job; stopping the execution cancels a job that
 * has not started yet.
 */
export async function waitForJob(
	this: IExecuteFunctions,
	jobId: string,
	{ budget, intervalMs, itemIndex }: { budget: WaitBudget; intervalMs: number; itemIndex: number },
): Promise<JobState> {
	return await pollJob.call(this, {
		resource: jobResource(jobId),
		check: async (deadline) => await getJobState(this, jobId, itemIndex, deadline),
		isDone: (state) => state.status === 'COMPLETED',
		failureOf,
		progressOf: (state) => `${state.status} ${state.progress ?? 0}%`,
		intervalMs,
		budget,
		itemIndex,
		onStop: async (last) => await cancelIfPending.call(this, jobId, last, itemIndex),
	});
}
