import type { IDataObject } from 'n8n-workflow';

import { compactJson, shortened } from '../../shared/toolMode';

const STILL_RUNNING = ['pending', 'generating'];

/**
 * A generation in a list an AI Agent reads: its ID, outcome, title (cut short) and image URLs,
 * once: the storage paths that repeat them are left out, as are workspace ID, sizes and timings.
 */
export function generationRowForAgent(generation: IDataObject): IDataObject {
	return compactJson({
		generation_id: generation.id,
		status: generation.status,
		video_title: shortened(generation.video_title, 100),
		image_urls: generation.image_urls,
		credits_consumed: generation.credits_consumed,
		created_at: generation.created_at,
	});
}

/** One generation as an AI Agent reads it: its list row and what it was made with. */
export function generationForAgent(generation: IDataObject): IDataObject {
	return compactJson({
		...generationRowForAgent(generation),
		image_model: generation.image_model,
		aspect_ratio: generation.aspect_ratio,
		provider_used: generation.provider_used,
		youtube_references: generation.youtube_references,
	});
}

/** What to do about a generation that has not finished yet, if it has not. */
export function generationNextStep(generation: IDataObject): string | undefined {
	return STILL_RUNNING.includes(String(generation.status))
		? 'The generation has not finished: call Generation → Get again with this generation_id in about 15 s.'
		: undefined;
}
