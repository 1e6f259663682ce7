import type { IDataObject } from 'n8n-workflow';

import { compactJson, shortened } from '../../shared/toolMode';
import {
	projectState,
	simplifiedPipeline,
	simplifiedProgress,
	simplifiedSentence,
} from './simplify';
import type { PipelineStep, StepNotStarted } from './toolBudget';
import type { AutoStatus, Project, Sentence } from './types';

/**
 * An AI Agent's tool result stays below this many bytes of JSON, whatever the project's size: the
 * model reads all of it, and a raw 80-sentence project is 60–100 kB. Sentences that don't fit are
 * read page by page with Project → Get (the result says from which offset).
 */
const AGENT_RESULT_MAX_BYTES = 15_000;
/** Room kept for the next step's text, which is written after the sentences are chosen. */
const NEXT_STEP_RESERVE_BYTES = 700;
/** Sentence text is cut to this many characters: enough to tell which part of the voiceover an image shows. */
const AGENT_TEXT_MAX = 60;

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** A sentence as an agent needs it: its place, the start of its text, its image (and video) URL. */
function agentSentence(sentence: Sentence): IDataObject {
	const simple = simplifiedSentence(sentence);
	return compactJson({
		sequence: simple.sequence,
		text: shortened(simple.text, AGENT_TEXT_MAX),
		status: simple.status === 'complete' ? undefined : simple.status,
		image_url: simple.image_url,
		video_url: simple.video_url,
		error: simple.error,
	});
}

/** As many sentences, from the first, as fit in `budgetBytes` of JSON. */
function sentencesThatFit(sentences: Sentence[], budgetBytes: number): IDataObject[] {
	const fitting: IDataObject[] = [];
	let used = 2; // []
	for (const sentence of sentences) {
		const shaped = agentSentence(sentence);
		used += bytesOf(shaped) + (fitting.length ? 1 : 0);
		if (used > budgetBytes) break;
		fitting.push(shaped);
	}
	return fitting;
}

/** What to do next for a project in this state, or nothing when it is complete. */
function nextStepForState(
	autoStep: unknown,
	status: unknown,
	isDone?: unknown,
): string | undefined {
	if (isDone === true || autoStep === 'complete' || status === 'complete') return undefined;
	if (
		autoStep === 'generating_images' ||
		autoStep === 'generating_videos' ||
		status === 'generating'
	)
		return 'Images (and videos) are still being generated: check again with Project → Wait for Completion or Project → Get Status and this project ID.';
	if (autoStep === 'generating_prompts' || status === 'prompts')
		return 'Not every segment has prompts yet: continue with Project → Run Pipeline and Wait (Project: Continue Existing Project) and this project ID, or Project → Generate Prompts then Project → Finalize.';
	if (!autoStep && status === 'draft')
		return 'The project is not prepared yet: continue with Project → Run Pipeline and Wait (Project: Continue Existing Project) and this project ID, giving an Audio URL if it has no audio.';
	return 'Prep (transcription and segmentation) is running: check again with Project → Get Status and this project ID.';
}

function sentencesNextStep(
	projectId: string,
	offset: number,
	returned: number,
	total: number | undefined,
	hasMore: boolean,
): string | undefined {
	if (!hasMore) return undefined;
	const range = `Sentences ${offset + 1}–${offset + returned}${total === undefined ? '' : ` of ${total}`} are listed.`;
	return `${range} For the next ones, use Project → Get with Project ID ${projectId}, Sentences: Range and Sentences Offset ${offset + returned}.`;
}

function failedNextStep(progress: IDataObject | undefined, isDone: unknown): string | undefined {
	const failed = Number(progress?.sentences_failed ?? 0);
	if (!failed || isDone !== true) return undefined;
	return `${failed} sentence(s) have no image: Project → Finalize with this project ID generates the failed images again (paid, like any image), then Project → Wait for Completion.`;
}

/**
 * A project as an AI Agent's tool returns it: state, progress, what the pipeline did, and its
 * sentences from `offset` with each image URL once, cut to stay under AGENT_RESULT_MAX_BYTES.
 * `total` and `hasMore` describe the whole project when `project.sentences` is one page of it.
 */
export function projectForAgent(
	project: Project,
	status: AutoStatus | undefined,
	extra: IDataObject = {},
	page: { offset?: number; total?: number; hasMore?: boolean } = {},
): IDataObject {
	const state = projectState(project, status);
	const head = compactJson({
		status: state.status,
		projectId: project.id,
		title: state.title,
		auto_step: state.auto_step,
		is_done: state.is_done,
		progress: state.progress,
		pipeline: simplifiedPipeline(extra.pipeline as IDataObject | undefined),
	});
	const offset = page.offset ?? 0;
	const budget = AGENT_RESULT_MAX_BYTES - bytesOf(head) - NEXT_STEP_RESERVE_BYTES;
	const sentences = sentencesThatFit(project.sentences, budget);
	const total = page.total ?? (page.hasMore === undefined ? project.sentences.length : undefined);
	const hasMore = sentences.length < project.sentences.length || page.hasMore === true;
	const nextStep = [
		nextStepForState(state.auto_step, state.status, state.is_done),
		failedNextStep(state.progress as IDataObject | undefined, state.is_done),
		sentencesNextStep(project.id, offset, sentences.length, total, hasMore),
	].filter(Boolean);
	return compactJson({
		...head,
		sentences_offset: offset,
		sentences_returned: sentences.length,
		sentences_total: total,
		sentences,
		nextStep: nextStep.join(' '),
	});
}

/**
 * The answer when an agent's tool stops waiting while the project keeps going: the project ID,
 * how far it is, and the operation that picks it up. Nothing failed and nothing is lost.
 */
export function projectRunning(
	projectId: string,
	details: {
		message: string;
		nextStep: string;
		status?: AutoStatus;
		progress?: IDataObject;
		pipeline?: IDataObject;
	},
): IDataObject {
	return compactJson({
		status: 'running',
		projectId,
		auto_step: details.status?.auto_step,
		progress: details.progress ?? simplifiedProgress(details.status?.progress),
		pipeline: simplifiedPipeline(details.pipeline),
		message: details.message,
		nextStep: details.nextStep,
	});
}

/** The project's auto-status as an agent's tool returns it, with what to do next. */
export function statusForAgent(status: AutoStatus, pipeline?: IDataObject): IDataObject {
	return compactJson({
		status: status.status,
		projectId: status.project_id,
		auto_step: status.auto_step,
		is_done: status.is_done,
		progress: simplifiedProgress(status.progress),
		pipeline: simplifiedPipeline(pipeline),
		nextStep:
			nextStepForState(status.auto_step, status.status, status.is_done) ??
			'The project is complete: read its sentences and image URLs with Project → Get and this project ID.',
	});
}

const STEP_NAMES: Partial<Record<PipelineStep, string>> = {
	setAudio: 'setting the audio',
	runPrep: 'prep (transcription and segmentation)',
	credits: 'the credit check',
	prompts: 'every segment had its prompts',
	finalize: 'image generation was started (Finalize)',
};

/**
 * The answer of Run Pipeline and Wait as a tool when its wait limit passed between two steps:
 * nothing failed, and running it again on the project continues where it stopped.
 */
export function pipelinePaused(
	projectId: string,
	stopped: StepNotStarted,
	waitedSeconds: number,
	pipeline: IDataObject,
): IDataObject {
	const audio = stopped.step === 'setAudio' ? ', the same Audio URL' : '';
	return projectRunning(projectId, {
		progress: stopped.progress,
		pipeline,
		message: `The pipeline of project ${projectId} used the ${waitedSeconds} s this tool waits at most before ${STEP_NAMES[stopped.step] ?? stopped.step}. Nothing failed: the steps done so far stay done.`,
		nextStep: `Continue it with Project → Run Pipeline and Wait (Project: Continue Existing Project), this project ID${audio}: steps and segments already done are skipped.`,
	});
}

/** A project record (Create, Apply Preset, Get Many) as an agent needs it: ID, state and settings. */
export function projectSummaryForAgent(json: IDataObject, withNextStep = true): IDataObject {
	return compactJson({
		projectId: json.id,
		title: json.title,
		status: json.status,
		auto_step: json.auto_step,
		workflow_mode: json.workflow_mode,
		preset_id: json.preset_id,
		art_style_id: json.art_style_id,
		generate_videos: json.generate_videos,
		sentence_count: json.sentence_count,
		created_at: json.created_at,
		nextStep: withNextStep ? nextStepForState(json.auto_step, json.status) : undefined,
	});
}
