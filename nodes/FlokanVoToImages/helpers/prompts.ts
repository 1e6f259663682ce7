import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { settleWithConcurrency } from '../../shared/concurrency';
import { withSlot } from '../../shared/slots';
import { accountOf, executionSignal, stoppedError } from '../../shared/transport';
import { MAX_PROMPT_CONCURRENCY, PROMPTS_TIMEOUT_MS, voToImages } from '../transport';
import { readWholeProject } from './projectReader';
import { voRequest } from './request';
import { segmentsOf } from './segments';

export interface PromptFanOutOptions {
	projectId: string;
	segmentIds: string[];
	/** At most this many prompts calls in flight (the API advises 10). */
	concurrency: number;
	smartCameraAngles?: boolean;
	/** Re-send a failed segment's paid call once (the user's explicit choice). */
	retryFailedOnce: boolean;
	/**
	 * Epoch ms after which no segment's call starts (an AI Agent's tool wait limit). Calls in flight
	 * are not cut: they are paid, and a cut call could be paid again when the segment is re-sent.
	 */
	deadline?: number;
	itemIndex: number;
}

export interface SegmentFailure extends IDataObject {
	segment_id: string;
	error: string;
	http_code: string | null;
}

export interface PromptFanOutReport extends IDataObject {
	segments_requested: number;
	segments_prompted: string[];
	segments_failed: SegmentFailure[];
	/** Failed segments sent a second time. */
	segments_retried: string[];
	/** Failed segments that had prompts anyway when checked (the answer was lost, the work was done). */
	segments_recovered: string[];
	/** With a deadline: segments whose call was not started because it had passed. */
	segments_not_started?: string[];
}

/** A segment's call that was not started because the fan-out's deadline had passed. */
const NOT_STARTED = Symbol('not started');

const pastDeadline = (options: PromptFanOutOptions) =>
	options.deadline !== undefined && Date.now() >= options.deadline;

function failureOf(segmentId: string, error: Error): SegmentFailure {
	const httpCode = (error as { httpCode?: string | null }).httpCode ?? null;
	return { segment_id: segmentId, error: error.message, http_code: httpCode };
}

/** POST …/segments/{id}/prompts for each segment, bounded, every outcome kept. Paid: never re-sent by the transport. */
async function promptSegments(
	context: IExecuteFunctions,
	options: PromptFanOutOptions,
	segmentIds: string[],
	progress: { done: number; total: number },
) {
	const signal = executionSignal(context);
	const account = await accountOf(context, voToImages);
	const body: IDataObject = {};
	if (options.smartCameraAngles !== undefined) body.smart_camera_angles = options.smartCameraAngles;
	const outcomes = await settleWithConcurrency(
		segmentIds,
		options.concurrency,
		async (segmentId) => {
			if (pastDeadline(options)) return NOT_STARTED;
			try {
				// The page's ceiling of 10 holds per account, however many projects run at once.
				const answer = await withSlot(
					account,
					MAX_PROMPT_CONCURRENCY,
					async () =>
						pastDeadline(options)
							? NOT_STARTED
							: await voRequest<IDataObject>(context, {
									method: 'POST',
									path: `/projects/${encodeURIComponent(options.projectId)}/segments/${encodeURIComponent(segmentId)}/prompts`,
									body,
									resendable: false,
									timeoutMs: PROMPTS_TIMEOUT_MS,
									itemIndex: options.itemIndex,
								}),
					signal,
				);
				if (!answer) throw stoppedError(context, 'generating prompts', options.itemIndex);
				return answer.value;
			} finally {
				progress.done += 1;
				context.logger.info(
					`Project ${options.projectId}: prompts calls finished for ${progress.done}/${progress.total} segments`,
				);
			}
		},
		{ signal },
	);
	if (signal?.aborted) throw stoppedError(context, 'generating prompts', options.itemIndex);
	const succeeded: string[] = [];
	const failed: SegmentFailure[] = [];
	const notStarted: string[] = [];
	outcomes.forEach((outcome, index) => {
		if (outcome?.ok && outcome.value === NOT_STARTED) notStarted.push(segmentIds[index]);
		else if (outcome?.ok) succeeded.push(segmentIds[index]);
		else if (outcome) failed.push(failureOf(segmentIds[index], outcome.error));
	});
	return { succeeded, failed, notStarted };
}

/** Segments among `failed` whose sentences all have prompts now (read from the project). */
async function segmentsDoneAnyway(
	context: IExecuteFunctions,
	options: PromptFanOutOptions,
	failed: SegmentFailure[],
) {
	const project = await readWholeProject(context, options.projectId, options.itemIndex);
	const prompted = new Set(
		(segmentsOf(project.sentences) ?? []).filter((s) => s.hasPrompts).map((s) => s.id),
	);
	return failed.filter((f) => prompted.has(f.segment_id)).map((f) => f.segment_id);
}

/**
 * Generates prompts for the given segments, at most `concurrency` at a time. A failing segment is
 * reported by ID; with `retryFailedOnce`, segments the project still shows without prompts are
 * sent once more.
 */
export async function generatePrompts(
	context: IExecuteFunctions,
	options: PromptFanOutOptions,
): Promise<PromptFanOutReport> {
	const progress = { done: 0, total: options.segmentIds.length };
	const first = await promptSegments(context, options, options.segmentIds, progress);
	const report: PromptFanOutReport = {
		segments_requested: options.segmentIds.length,
		segments_prompted: first.succeeded,
		segments_failed: first.failed,
		segments_retried: [],
		segments_recovered: [],
	};
	if (options.deadline !== undefined) report.segments_not_started = first.notStarted;
	if (first.failed.length === 0 || !options.retryFailedOnce || pastDeadline(options)) return report;

	const recovered = new Set(await segmentsDoneAnyway(context, options, first.failed));
	const toRetry = first.failed.map((f) => f.segment_id).filter((id) => !recovered.has(id));
	context.logger.info(
		`Project ${options.projectId}: retrying ${toRetry.length} failed segment(s) once${recovered.size ? `; ${recovered.size} had prompts anyway` : ''}`,
	);
	progress.total += toRetry.length;
	const second = await promptSegments(context, options, toRetry, progress);
	report.segments_recovered = [...recovered];
	report.segments_retried = toRetry;
	report.segments_prompted = [
		...first.succeeded,
		...report.segments_recovered,
		...second.succeeded,
	];
	report.segments_failed = second.failed;
	if (report.segments_not_started) report.segments_not_started.push(...second.notStarted);
	return report;
}
