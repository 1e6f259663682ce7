import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { attachResource } from '../../shared/submitted';
import { validatorFor } from '../../shared/validation';
import { MAX_PROMPT_CONCURRENCY } from '../transport';
import { NEXT_STEP } from './nextSteps';
import type { PromptFanOutReport } from './prompts';

export interface PromptOptions {
	concurrency: number;
	smartCameraAngles?: boolean;
	retryFailedOnce: boolean;
}

/** The prompts options of an Options collection, checked before any request. */
export function promptOptionsOf(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): PromptOptions {
	const check = validatorFor(context, itemIndex);
	return {
		concurrency: check.integer(
			'Prompt Concurrency',
			options.promptConcurrency ?? MAX_PROMPT_CONCURRENCY,
			1,
			MAX_PROMPT_CONCURRENCY,
		),
		smartCameraAngles:
			typeof options.smartCameraAngles === 'boolean' ? options.smartCameraAngles : undefined,
		retryFailedOnce: options.retryFailedSegmentsOnce === true,
	};
}

/** The error for segments still without prompts: names them, the project and what to run next. */
export function segmentsFailedError(
	context: IExecuteFunctions,
	projectId: string,
	report: PromptFanOutReport,
	itemIndex: number,
) {
	const failed = report.segments_failed;
	const details = failed.map((f) => `${f.segment_id} (${f.error})`).join('; ');
	const error = new NodeOperationError(
		context.getNode(),
		`Prompts failed for ${failed.length} of ${report.segments_requested} segment(s) of project ${projectId}: ${details}`,
		{ itemIndex },
	);
	error.context.failedSegments = failed.map((f) => f.segment_id);
	error.context.prompts = report;
	return attachResource(error, { kind: 'project', id: projectId, nextStep: NEXT_STEP.prompts });
}
