import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { MultipartField, MultipartFile } from '../../shared/multipart';
import { buildMultipart } from '../../shared/multipart';
import { pause } from '../../shared/pause';
import { stillRunningResource } from '../../shared/submitted';
import { isToolMode } from '../../shared/toolMode';
import { apiRequest, executionSignal, stoppedError } from '../../shared/transport';
import type { WaitBudget } from '../../shared/waitBudget';
import { VIDGEN_PATHS, vidgen } from '../transport';
import type { JobSummary } from './jobs';
import { FINISHED_STATUSES, findActiveJob, getJobState, pollJob } from './jobs';
import { jobResource } from './jobResource';

export type ActiveJobPolicy = 'fail' | 'wait';

export interface Submission {
	files: MultipartFile[];
	webhookUrl?: string;
	onActiveJob: ActiveJobPolicy;
	/** The run's wait budget, also spent waiting for another active job. */
	budget: WaitBudget;
	intervalMs: number;
	itemIndex: number;
}

/** 50 MB per file can take a while to upload. */
const UPLOAD_TIMEOUT_MS = 300_000;

function isActiveJobConflict(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && error.httpCode === '409';
}

/** The 409 as the user should read it: which job holds the slot, and what to do about it. */
function activeJobError(error: NodeApiError, active: JobSummary | undefined): NodeApiError {
	const which = active
		? `job ${active.id} is still ${active.status}`
		: 'another job is still running';
	error.message = `${error.message} (${which})`;
	error.description =
		'Nothing was submitted: Vidgen runs one job per API key at a time. ' +
		(active
			? `Wait for job ${active.id} to finish (Job → Get Status with that ID shows when), or cancel it with Job → Cancel while it is PENDING, then try again. `
			: 'Try again once it has finished. ') +
		'To queue behind it instead, set On Active Job to "Wait for It, Then Submit".';
	if (active) error.context.activeJobId = active.id;
	return error;
}

/** Waits until the job holding the key's slot has finished, within the run's budget. */
async function waitForActiveJob(
	this: IExecuteFunctions,
	active: JobSummary | undefined,
	submission: Submission,
) {
	const { budget, intervalMs, itemIndex } = submission;
	if (!active) {
		// It finished between the 409 and the lookup: submit again after a short pause.
		if (budget.expired) {
			throw new NodeOperationError(
				this.getNode(),
				'Vidgen kept reporting an active job until the maximum wait ran out',
				{
					itemIndex,
					description: 'No job was submitted for this item. Run it again later.',
				},
			);
		}
		if (!(await pause(Math.min(intervalMs, budget.remainingMs()), executionSignal(this)))) {
			throw stoppedError(this, 'waiting for another Vidgen job to finish', itemIndex);
		}
		return;
	}
	this.logger.info(
		`Vidgen: job ${active.id} is ${active.status}; waiting for it before submitting item ${itemIndex}`,
	);
	try {
		await pollJob.call(this, {
			resource: jobResource(
				active.id,
				'this is an earlier job on the same API key; nothing was submitted for this item yet, so run it again once that job has finished',
			),
			check: async (deadline) => await getJobState(this, active.id, itemIndex, deadline),
			isDone: (state) => FINISHED_STATUSES.includes(state.status),
			progressOf: (state) => `${state.status} ${state.progress ?? 0}% (blocking item ${itemIndex})`,
			intervalMs,
			budget,
			itemIndex,
		});
	} catch (error) {
		throw isToolMode(this) ? notOurJobForAgent(this, error as Error, active, itemIndex) : error;
	}
}

/**
 * A tool's wait limit passed while another job held the slot. That job is not this call's, so the
 * agent gets an error saying nothing was submitted, not a "running" result carrying its ID.
 */
function notOurJobForAgent(
	context: IExecuteFunctions,
	error: Error,
	active: JobSummary,
	itemIndex: number,
): Error {
	if (!stillRunningResource(error)) return error;
	return new NodeOperationError(
		context.getNode(),
		`Nothing was submitted: job ${active.id}, an earlier job on this API key, was still running when this tool's wait limit passed`,
		{
			itemIndex,
			description: `Vidgen runs one job per API key at a time. Call this tool again once job ${active.id} has finished (Job → Get Status with that ID shows when), or cancel it with Job → Cancel while it is PENDING.`,
		},
	);
}

/**
 * POST /api/jobs with the item's files. The upload is never re-sent after a 5xx or a dropped
 * connection (it may have started a paid job); a 409 (another job is active) did no work, so after
 * that job has finished the same upload is sent again when the policy is "wait".
 */
export async function submitJob(this: IExecuteFunctions, submission: Submission): Promise<string> {
	const parts: Array<MultipartFile | MultipartField> = [...submission.files];
	if (submission.webhookUrl) parts.push({ name: 'webhookUrl', value: submission.webhookUrl });
	const { body, contentType } = await buildMultipart(parts);
	for (;;) {
		const request = apiRequest.call(this, vidgen, {
			method: 'POST',
			path: VIDGEN_PATHS.jobs,
			body,
			headers: { 'Content-Type': contentType },
			timeoutMs: UPLOAD_TIMEOUT_MS,
			ifUnanswered:
				'Vidgen may still have created the job: check Job → Get Many before running the item again.',
			itemIndex: submission.itemIndex,
		}) as Promise<IDataObject>;
		const outcome = await request.then(
			(created) => ({ created }),
			(error: Error) => ({ error }),
		);
		if ('error' in outcome) {
			if (!isActiveJobConflict(outcome.error)) throw outcome.error;
			const active = await findActiveJob(this, submission.itemIndex);
			if (submission.onActiveJob === 'fail') throw activeJobError(outcome.error, active);
			await waitForActiveJob.call(this, active, submission);
			continue;
		}
		const { created } = outcome;
		if (typeof created.jobId !== 'string' || created.jobId === '') {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'No jobId in the answer' },
				{
					message: 'Vidgen accepted the job but its answer had no jobId',
					description: 'Look for the job with Job → Get Many before submitting again.',
					itemIndex: submission.itemIndex,
				},
			);
		}
		return created.jobId;
	}
}
