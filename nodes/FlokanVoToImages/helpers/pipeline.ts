import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { setAudio } from './audio';
import type { PipelineInput } from './pipelineInput';
import { segmentsFailedError } from './promptOptions';
import type { PromptFanOutReport } from './prompts';
import { generatePrompts } from './prompts';
import type { NEXT_STEP } from './nextSteps';
import { readProjectPage, readWholeProject } from './projectReader';
import { voRequest } from './request';
import { segmentsOf } from './segments';
import { StepNotStarted } from './toolBudget';
import type { AutoRunResult, Project } from './types';

/** What is left to do for a project after prep. */
export interface PipelinePlan {
	projectId: string;
	segmentsTotal: number;
	/** Segments whose sentences don't all have prompts yet. */
	pendingSegmentIds: string[];
	skippedSegments: number;
	/** Finalize already ran: only the wait is left. */
	alreadyFinalized: boolean;
}

const FINALIZED_STEPS = ['generating_images', 'generating_videos', 'complete'];

const isUnprepared = (project: Project) => !project.auto_step && project.status === 'draft';
const isFinalized = (project: Project) =>
	FINALIZED_STEPS.includes(project.auto_step ?? '') ||
	project.status === 'generating' ||
	project.status === 'complete';

async function runPrep(
	context: IExecuteFunctions,
	projectId: string,
	itemIndex: number,
): Promise<PipelinePlan> {
	const prep = await voRequest<AutoRunResult>(context, {
		method: 'POST',
		path: `/projects/${encodeURIComponent(projectId)}/auto-run`,
		itemIndex,
	});
	const segmentIds = prep.segment_ids ?? [];
	context.logger.info(
		`Project ${projectId} prepared: ${prep.sentence_count} sentences in ${segmentIds.length} segments`,
	);
	return {
		projectId,
		segmentsTotal: segmentIds.length,
		pendingSegmentIds: segmentIds,
		skippedSegments: 0,
		alreadyFinalized: false,
	};
}

/** Segments still without prompts, read from the project's sentences. */
async function resumePrompts(
	context: IExecuteFunctions,
	projectId: string,
	itemIndex: number,
): Promise<PipelinePlan> {
	const project = await readWholeProject(context, projectId, itemIndex);
	const segments = segmentsOf(project.sentences);
	if (!segments) {
		throw new NodeOperationError(
			context.getNode(),
			`Project ${projectId}'s sentences don't name their segments, so the pipeline can't tell which still need prompts`,
			{
				itemIndex,
				description:
					'Use Project → Generate Prompts with Segments: One Segment and the segment IDs from Run Prep, then Finalize.',
			},
		);
	}
	const pending = segments.filter((segment) => !segment.hasPrompts).map((segment) => segment.id);
	const skipped = segments.length - pending.length;
	context.logger.info(
		`Project ${projectId}: ${pending.length} segment(s) need prompts, ${skipped} already have them`,
	);
	return {
		projectId,
		segmentsTotal: segments.length,
		pendingSegmentIds: pending,
		skippedSegments: skipped,
		alreadyFinalized: false,
	};
}

/**
 * Brings the project to the prompts step: a new project gets its audio and prep; an existing one
 * continues from where it is (prep if not done, only the segments without prompts, or just the wait).
 */
export async function prepareProject(
	context: IExecuteFunctions,
	options: {
		projectId: string;
		isNew: boolean;
		audioUrl?: string;
		itemIndex: number;
		onStep: (step: keyof typeof NEXT_STEP) => void;
	},
): Promise<PipelinePlan> {
	const { projectId, itemIndex, onStep } = options;
	if (options.isNew) {
		onStep('setAudio');
		await setAudio(context, projectId, options.audioUrl as string, itemIndex);
		onStep('runPrep');
		return await runPrep(context, projectId, itemIndex);
	}

	onStep('read');
	const head = await readProjectPage(context, projectId, { offset: 0, limit: 1 }, itemIndex);
	if (isUnprepared(head)) {
		if (options.audioUrl) {
			onStep('setAudio');
			await setAudio(context, projectId, options.audioUrl, itemIndex);
		} else if (!head.audio_url) {
			throw new NodeOperationError(context.getNode(), `Project ${projectId} has no audio yet`, {
				itemIndex,
				description: 'Fill in Audio URL, or use Project → Set Audio first.',
			});
		}
		onStep('runPrep');
		return await runPrep(context, projectId, itemIndex);
	}
	if (isFinalized(head)) {
		context.logger.info(
			`Project ${projectId} is already finalized (${head.auto_step ?? head.status}): waiting only`,
		);
		return {
			projectId,
			segmentsTotal: 0,
			pendingSegmentIds: [],
			skippedSegments: 0,
			alreadyFinalized: true,
		};
	}
	if (head.auto_step === 'generating_prompts') {
		onStep('prompts');
		return await resumePrompts(context, projectId, itemIndex);
	}
	throw new NodeOperationError(
		context.getNode(),
		`Project ${projectId} is in step "${head.auto_step ?? head.status}", where the pipeline can't continue`,
		{
			itemIndex,
			description: 'Wait until prep has finished (Project → Get Status), then run again.',
		},
	);
}

/**
 * Prompts for the plan's pending segments. Segments still failing stop the pipeline, unless the
 * user chose to finalize with the ready segments and at least one segment is ready. With a
 * `deadline` (an AI Agent's tool), segments not started before it stop the pipeline before
 * Finalize (StepNotStarted), so a project is never finalized with segments left out by time.
 */
export async function promptPendingSegments(
	context: IExecuteFunctions,
	plan: PipelinePlan,
	input: Pick<PipelineInput, 'prompts' | 'onSegmentFailure'>,
	itemIndex: number,
	deadline?: number,
): Promise<PromptFanOutReport | undefined> {
	if (plan.pendingSegmentIds.length === 0) return undefined;
	const report = await generatePrompts(context, {
		projectId: plan.projectId,
		segmentIds: plan.pendingSegmentIds,
		itemIndex,
		deadline,
		...input.prompts,
	});
	const failed = report.segments_failed;
	const nothingReady = report.segments_prompted.length === 0 && plan.skippedSegments === 0;
	if (failed.length > 0 && (input.onSegmentFailure === 'stop' || nothingReady))
		throw segmentsFailedError(context, plan.projectId, report, itemIndex);
	if (report.segments_not_started?.length) {
		throw new StepNotStarted('prompts', {
			segments_total: plan.segmentsTotal,
			segments_with_prompts: plan.skippedSegments + report.segments_prompted.length,
			segments_failed: failed.length,
		});
	}
	if (failed.length > 0) {
		context.logger.warn(
			`Project ${plan.projectId}: finalizing without ${failed.length} failed segment(s): ${failed.map((f) => f.segment_id).join(', ')}`,
		);
	}
	return report;
}
