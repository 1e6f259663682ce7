import type { IExecuteFunctions } from 'n8n-workflow';

import { getRetryHint } from './errors';
import { pause } from './pause';
import type { SubmittedResource } from './submitted';
import { attachResource, resourceError } from './submitted';
import { executionSignal } from './transport';
import type { WaitBudget } from './waitBudget';

export type { SubmittedResource } from './submitted';

/** Polls that fail in a row for transient reasons (after the transport's own retries) before giving up. */
const TRANSIENT_FAILURES_TOLERATED = 3;

export interface PollOptions<S> {
	resource: SubmittedResource;
	/** Reads the current state once; requests should not outlast `deadline` (epoch ms). */
	check: (deadline: number) => Promise<S>;
	isDone: (state: S) => boolean;
	/** A message when the state is a failure; the wait then ends with an error. */
	failureOf?: (state: S) => string | undefined;
	/** A short progress description, logged when it changes (e.g. "PROCESSING 62%"). */
	progressOf?: (state: S) => string | undefined;
	onProgress?: (state: S) => void;
	intervalMs: number;
	budget: WaitBudget;
	itemIndex: number;
	/** Called once when the execution is stopped mid-wait (e.g. to cancel the job remotely). */
	onStop?: (lastState: S | undefined) => Promise<void>;
}

/**
 * Waits for a submitted job, run or project to finish: polls at an interval within the run's wait
 * budget, stops at once when the execution is stopped, and names the resource and the next step
 * in every error.
 */
export async function pollUntilDone<S>(
	this: IExecuteFunctions,
	options: PollOptions<S>,
): Promise<S> {
	const { resource, budget, itemIndex } = options;
	const signal = executionSignal(this);
	let lastState: S | undefined;
	let lastProgress: string | undefined;
	let transientFailures = 0;

	const stopped = async () => {
		if (options.onStop) await options.onStop(lastState);
		return resourceError(
			this.getNode(),
			resource,
			`The execution was stopped while waiting for ${resource.kind} ${resource.id}`,
			itemIndex,
			{
				lastState: lastProgress,
				mayStillRun: true,
			},
		);
	};

	for (;;) {
		if (signal?.aborted) throw await stopped();
		try {
			lastState = await options.check(budget.deadline);
			transientFailures = 0;
		} catch (error) {
			if (signal?.aborted) throw await stopped();
			const transient =
				getRetryHint(error)?.retryable && ++transientFailures <= TRANSIENT_FAILURES_TOLERATED;
			if (!transient) throw attachResource(error as Error, resource);
		}
		if (lastState !== undefined) {
			const progress = options.progressOf?.(lastState);
			if (progress !== undefined && progress !== lastProgress) {
				lastProgress = progress;
				this.logger.info(`${resource.kind} ${resource.id}: ${progress}`);
				options.onProgress?.(lastState);
			}
			const failure = options.failureOf?.(lastState);
			if (failure !== undefined)
				throw resourceError(this.getNode(), resource, failure, itemIndex, {
					lastState: lastProgress,
				});
			if (options.isDone(lastState)) return lastState;
		}
		const remaining = budget.remainingMs();
		if (remaining === 0) {
			const waited = Math.round(budget.maxWaitMs / 1000);
			throw resourceError(
				this.getNode(),
				resource,
				`Gave up waiting for ${resource.kind} ${resource.id} after the maximum wait of ${waited} s`,
				itemIndex,
				{ lastState: lastProgress, mayStillRun: true, waitLimitPassed: true },
			);
		}
		if (!(await pause(Math.min(options.intervalMs, remaining), signal))) throw await stopped();
	}
}
