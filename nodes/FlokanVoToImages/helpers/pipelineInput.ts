import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { validatorFor } from '../../shared/validation';
import { audioUrlOf } from './audio';
import type { ResultOptions } from './output';
import type { WaitSettings } from './finish';
import { resultOptionsOf, waitSettingsOf } from './finish';
import { optionalPresetIdOf, projectIdOf } from './ids';
import type { PromptOptions } from './promptOptions';
import { promptOptionsOf } from './promptOptions';
import { projectSettingsBody } from './settings';

export const SEGMENT_FAILURE_POLICIES = ['stop', 'finalizeReady'] as const;
export type SegmentFailurePolicy = (typeof SEGMENT_FAILURE_POLICIES)[number];

/** Run Pipeline and Wait's parameters, all checked before the first request. */
export interface PipelineInput {
	/** The POST /projects body, for a new project. */
	create?: IDataObject;
	existingProjectId?: string;
	audioUrl?: string;
	/** Absent when Wait Until Done is off. */
	waitFor?: { wait: WaitSettings; output: ResultOptions };
	prompts: PromptOptions;
	onSegmentFailure: SegmentFailurePolicy;
	maxCredits: number;
}

export function readPipelineInput(context: IExecuteFunctions, itemIndex: number): PipelineInput {
	const check = validatorFor(context, itemIndex);
	const source = check.oneOf('Project', context.getNodeParameter('projectSource', itemIndex), [
		'new',
		'existing',
	] as const);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const maxCredits = Number(options.maxCredits ?? 0);
	if (!Number.isFinite(maxCredits) || maxCredits < 0)
		check.fail('Max Credits', `${options.maxCredits} is not allowed`, '0 (no ceiling) or more');
	const input: PipelineInput = {
		prompts: promptOptionsOf(context, itemIndex, options),
		onSegmentFailure: check.oneOf(
			'If Segments Still Fail',
			options.onSegmentFailure ?? 'stop',
			SEGMENT_FAILURE_POLICIES,
		),
		maxCredits,
	};
	if (source === 'new') {
		const title = check.text('Title', context.getNodeParameter('title', itemIndex), 1, 200);
		input.audioUrl = audioUrlOf(context, itemIndex);
		const presetId = optionalPresetIdOf(context, itemIndex);
		const settings = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		input.create = {
			title,
			workflow_mode: 'automatic',
			...projectSettingsBody(context, itemIndex, settings),
		};
		if (presetId) input.create.preset_id = presetId;
	} else {
		input.existingProjectId = projectIdOf(context, itemIndex);
		input.audioUrl = audioUrlOf(context, itemIndex, { optional: true });
	}
	if (context.getNodeParameter('waitForCompletion', itemIndex, true) === true) {
		input.waitFor = {
			wait: waitSettingsOf(context, itemIndex),
			output: resultOptionsOf(context, itemIndex),
		};
	}
	return input;
}
