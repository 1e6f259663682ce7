import type { Sentence } from './types';

export interface SegmentState {
	id: string;
	sentenceCount: number;
	/** Every sentence of the segment already has a prompt: generating again would pay twice. */
	hasPrompts: boolean;
}

const hasPrompt = (sentence: Sentence) =>
	typeof sentence.prompt === 'string' && sentence.prompt !== '';

/**
 * The project's segments in sentence order, from the `segment_id` of each sentence. Returns
 * undefined when the sentences don't name their segment (then segments can't be resumed).
 */
export function segmentsOf(sentences: Sentence[]): SegmentState[] | undefined {
	if (sentences.some((sentence) => !sentence.segment_id)) return undefined;
	const byId = new Map<string, SegmentState>();
	for (const sentence of sentences) {
		const id = sentence.segment_id as string;
		const segment = byId.get(id) ?? { id, sentenceCount: 0, hasPrompts: true };
		segment.sentenceCount += 1;
		segment.hasPrompts &&= hasPrompt(sentence);
		byId.set(id, segment);
	}
	return [...byId.values()];
}
