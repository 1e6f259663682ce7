import type { IDataObject } from 'n8n-workflow';

import { shortened } from '../../shared/toolMode';

import type { AutoStatus, ImageRecord, Project, Sentence } from './types';

export const completedImages = (sentence: Sentence): ImageRecord[] =>
	(sentence.images ?? []).filter((image) => typeof image.image_url === 'string');

/** The newest completed image of a sentence (images are listed oldest first). */
export const latestImage = (sentence: Sentence): ImageRecord | undefined =>
	completedImages(sentence).at(-1);

export const latestVideoUrl = (sentence: Sentence): string | undefined =>
	(sentence.video_jobs ?? []).filter((job) => typeof job.video_url === 'string').at(-1)?.video_url;

/** Why a sentence has no image: the error of its newest job that failed, if any. */
function failureOf(sentence: Sentence): string | undefined {
	const failed = [...(sentence.images ?? []), ...(sentence.video_jobs ?? [])]
		.filter((job) => job.status === 'failed')
		.at(-1);
	return failed ? String(failed.error ?? 'failed') : undefined;
}

/**
 * A sentence as the Simplify option (and an AI Agent) see it: where it is in the voiceover, what it
 * says, and its newest image and video, each URL once.
 */
export function simplifiedSentence(sentence: Sentence): IDataObject {
	const simple: IDataObject = {
		sequence: sentence.sequence,
		sentence_id: sentence.id,
		text: sentence.text,
		status: sentence.status,
		image_url: latestImage(sentence)?.image_url ?? null,
	};
	for (const timing of ['start_ms', 'end_ms'] as const) {
		if (typeof sentence[timing] === 'number') simple[timing] = sentence[timing];
	}
	const video = latestVideoUrl(sentence);
	if (video) simple.video_url = video;
	const error = failureOf(sentence);
	if (error && sentence.status !== 'complete') simple.error = error;
	return simple;
}

const PROGRESS_COUNTS = [
	'segments_total',
	'sentences_total',
	'prompts_ready',
	'sentences_complete',
	'sentences_failed',
	'image_jobs_active',
] as const;
const VIDEO_COUNTS = ['video_jobs_total', 'video_jobs_complete', 'video_jobs_failed'] as const;

/** The auto-status counts that say how far the project is (video counts only when it makes videos). */
export function simplifiedProgress(progress: AutoStatus['progress'] | undefined): IDataObject {
	if (!progress) return {};
	const counts = progress.video_jobs_total
		? [...PROGRESS_COUNTS, ...VIDEO_COUNTS]
		: PROGRESS_COUNTS;
	return Object.fromEntries(
		counts.filter((key) => progress[key] !== undefined).map((key) => [key, progress[key]]),
	);
}

/** At most this many failed segments are listed by ID; the count says how many there are. */
const FAILED_SEGMENTS_LISTED = 5;
const ERROR_TEXT_MAX = 200;

const countOf = (value: unknown) => (Array.isArray(value) ? value.length : undefined);

/**
 * What Run Pipeline and Wait did, as counts: segments prompted, failed (the first few by ID),
 * images enqueued and the credit estimate when one was made. Segment ID lists are left out.
 */
export function simplifiedPipeline(summary: IDataObject | undefined): IDataObject {
	if (!summary) return {};
	const failed = (summary.segments_failed as IDataObject[] | undefined) ?? [];
	const finalize = summary.finalize as IDataObject | undefined;
	const credits = summary.credits as IDataObject | undefined;
	const simple: IDataObject = {
		segments_total: summary.segments_total,
		segments_skipped: summary.segments_skipped,
		segments_prompted: countOf(summary.segments_prompted),
		segments_retried: countOf(summary.segments_retried),
		segments_failed_count: failed.length,
		image_jobs_enqueued: finalize?.image_jobs_enqueued,
		estimated_credits: credits?.estimated_credits,
	};
	if (failed.length) {
		simple.segments_failed = failed.slice(0, FAILED_SEGMENTS_LISTED).map((failure) => ({
			segment_id: failure.segment_id,
			error: shortened(String(failure.error ?? ''), ERROR_TEXT_MAX),
		}));
	}
	return Object.fromEntries(Object.entries(simple).filter(([, value]) => value !== undefined));
}

/** The project's state, from the latest auto-status when there is one. */
export function projectState(project: Project, status: AutoStatus | undefined): IDataObject {
	return {
		project_id: project.id,
		title: project.title,
		status: status?.status ?? project.status,
		auto_step: status?.auto_step ?? project.auto_step,
		...(status ? { is_done: status.is_done, progress: simplifiedProgress(status.progress) } : {}),
	};
}

/** The whole finished project under Simplify: its state, what the pipeline did, and every sentence. */
export function simplifiedProject(
	project: Project,
	status: AutoStatus | undefined,
	extra: IDataObject,
): IDataObject {
	const pipeline = simplifiedPipeline(extra.pipeline as IDataObject | undefined);
	return {
		...projectState(project, status),
		...(Object.keys(pipeline).length ? { pipeline } : {}),
		sentences: project.sentences.map(simplifiedSentence),
	};
}

/** One completed image under Simplify. */
export function simplifiedImage(
	project: Project,
	sentence: Sentence,
	image: ImageRecord,
): IDataObject {
	return {
		project_id: project.id,
		sequence: sentence.sequence,
		sentence_id: sentence.id,
		text: sentence.text,
		image_id: image.id,
		image_url: image.image_url as string,
	};
}
