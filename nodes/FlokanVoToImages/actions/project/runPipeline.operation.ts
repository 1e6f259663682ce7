import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { RunContext } from '../../../shared/router';
import { attachResource } from '../../../shared/submitted';
import { isToolMode } from '../../../shared/toolMode';
import { pipelinePaused, statusForAgent } from '../../helpers/agentResult';
import { enforceCreditCeiling } from '../../helpers/credits';
import {
	MAX_WAIT_SECONDS,
	audioUrlField,
	presetLocator,
	projectLocator,
	projectSettingsFields,
	projectWaitFields,
	promptConcurrencyOption,
	resultOutputFields,
	retryFailedSegmentsOption,
	smartCameraAnglesOption,
} from '../../helpers/fields';
import { waitAndCollect } from '../../helpers/finish';
import { NEXT_STEP } from '../../helpers/nextSteps';
import { prepareProject, promptPendingSegments } from '../../helpers/pipeline';
import type { PipelineInput } from '../../helpers/pipelineInput';
import { readPipelineInput } from '../../helpers/pipelineInput';
import { voRequest } from '../../helpers/request';
import { readAutoStatus } from '../../helpers/status';
import type { PipelineStep } from '../../helpers/toolBudget';
import { StepNotStarted, startStepInTime, toolBudgetOf } from '../../helpers/toolBudget';
import type { Project } from '../../helpers/types';

const properties: INodeProperties[] = [
	{
		displayName: 'Project',
		name: 'projectSource',
		type: 'options',
		default: 'new',
		options: [
			{ name: 'Create New Project', value: 'new' },
			{
				name: 'Continue Existing Project',
				value: 'existing',
				description:
					'Resume a project: steps already done are skipped, and so are segments that already have prompts',
			},
		],
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. My Narrated Video',
		description: 'Project title, 1–200 characters',
		displayOptions: { show: { projectSource: ['new'] } },
	},
	{ ...audioUrlField, required: true, displayOptions: { show: { projectSource: ['new'] } } },
	{
		...projectLocator('The project to continue'),
		displayOptions: { show: { projectSource: ['existing'] } },
	},
	{
		...audioUrlField,
		description:
			"Used only if the project has not been prepared yet; leave empty to keep the project's audio",
		displayOptions: { show: { projectSource: ['existing'] } },
	},
	{
		...presetLocator({
			required: false,
			description: 'A saved settings preset to apply at creation (optional)',
		}),
		displayOptions: { show: { projectSource: ['new'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: projectSettingsFields,
		displayOptions: { show: { projectSource: ['new'] } },
	},
	{
		displayName: 'Wait Until Done',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait for all images (and videos) and output them. When off, the node returns the project ID and state right after Finalize; use Wait for Completion later.',
	},
	...projectWaitFields().map((field) => ({
		...field,
		displayOptions: { show: { waitForCompletion: [true] } },
	})),
	...resultOutputFields.map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { ...(field.displayOptions?.show ?? {}), waitForCompletion: [true] },
		},
	})),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'If Segments Still Fail',
				name: 'onSegmentFailure',
				type: 'options',
				default: 'stop',
				description:
					'What to do when a segment has no prompts after the prompts step (and the optional retry)',
				options: [
					{
						name: 'Stop With an Error',
						value: 'stop',
						description:
							'Nothing more is spent; the error names the project and the failed segments',
					},
					{
						name: 'Finalize With the Ready Segments',
						value: 'finalizeReady',
						description:
							'Generate images for the segments that have prompts; failed ones are listed in the output',
					},
				],
			},
			{
				displayName: 'Max Credits',
				name: 'maxCredits',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Refuse to generate prompts and images when their estimate (checked after prep, before any prompt is paid for) is above this many credits. 0 means no ceiling.',
			},
			flokanItemsInParallelOption,
			promptConcurrencyOption,
			retryFailedSegmentsOption,
			smartCameraAnglesOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['runPipeline'] } },
	properties,
);

export const itemsInParallel = FLOKAN_ITEMS_IN_PARALLEL;

export const toolDescription =
	'Turns a voiceover into one generated image per sentence with Flokan VO to Images: creates a project, transcribes and segments the audio, writes image prompts, starts the images and waits for them. Costs Flokan credits: about 49 credits per image plus prompts and transcription (Credit → Estimate gives exact figures). Takes minutes; when it takes longer than this tool waits, the answer is status "running" with the projectId and the operation that continues or checks it (nothing is lost). The answer lists per sentence its sequence, the start of its text and its image_url; a long project is listed in parts, and the answer says how to read the rest. Title: a name for the project, 1–200 characters. Audio URL: a public http(s) URL of the voiceover (MP3, WAV, M4A, AAC, OGG, FLAC or WebM, up to 200 MB), which Flokan downloads itself. Project (when continuing an existing project): its projectId.';

export function prepare(this: IExecuteFunctions, itemIndex: number): PipelineInput {
	return readPipelineInput(this, itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	input: PipelineInput,
): Promise<INodeExecutionData[]> {
	const budget = toolBudgetOf(this, run, input.waitFor?.wait.maxWaitSeconds ?? MAX_WAIT_SECONDS);
	let projectId = input.existingProjectId;
	if (input.create) {
		const created = await voRequest<Project>(this, {
			method: 'POST',
			path: '/projects',
			body: input.create,
			itemIndex,
		});
		projectId = created.id;
		this.logger.info(`Project ${projectId} created`);
	}
	if (!projectId) throw new NodeOperationError(this.getNode(), 'No project to run', { itemIndex });

	let step: PipelineStep = 'setAudio';
	const startStep = (next: PipelineStep) => {
		step = next;
		startStepInTime(budget, next);
	};
	const summary: IDataObject = {};
	try {
		const plan = await prepareProject(this, {
			projectId,
			isNew: input.create !== undefined,
			audioUrl: input.audioUrl,
			itemIndex,
			onStep: startStep,
		});
		summary.segments_total = plan.segmentsTotal;
		summary.segments_skipped = plan.skippedSegments;

		if (!plan.alreadyFinalized) {
			if (input.maxCredits > 0) {
				startStep('credits');
				summary.credits = await enforceCreditCeiling(this, projectId, input.maxCredits, itemIndex);
			}
			startStep('prompts');
			const report = await promptPendingSegments(this, plan, input, itemIndex, budget?.deadline);
			if (report) Object.assign(summary, report);
			startStep('finalize');
			summary.finalize = await voRequest<IDataObject>(this, {
				method: 'POST',
				path: `/projects/${encodeURIComponent(projectId)}/finalize`,
				itemIndex,
			});
			this.logger.info(`Project ${projectId} finalized: image generation enqueued`);
		}

		step = 'waitLater';
		if (!input.waitFor) {
			const status = await readAutoStatus(this, projectId, itemIndex);
			if (isToolMode(this)) return [{ json: statusForAgent(status, summary) }];
			return [
				{
					json: {
						project_id: projectId,
						status: status.status,
						auto_step: status.auto_step,
						is_done: status.is_done,
						progress: status.progress,
						pipeline: summary,
						next_step: 'Use Project → Wait for Completion with this project ID',
					},
				},
			];
		}
		return await waitAndCollect(this, {
			projectId,
			run,
			wait: input.waitFor.wait,
			output: input.waitFor.output,
			extra: { pipeline: summary },
			itemIndex,
		});
	} catch (error) {
		if (error instanceof StepNotStarted)
			return [{ json: pipelinePaused(projectId, error, run.waitedAtMostSeconds, summary) }];
		throw attachResource(error as Error, {
			kind: 'project',
			id: projectId,
			nextStep: NEXT_STEP[step],
		});
	}
}
