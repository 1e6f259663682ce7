import type { IDataObject } from 'n8n-workflow';

import { compactJson, shortened } from '../../../shared/toolMode';
import { projectCallOperation } from '../../helpers/projectCall';

/** Auto-run: transcription, character detection (optional) and segmentation. Paid; sent once. */
export const { description, execute } = projectCallOperation('runPrep', 'POST', '/auto-run');

export const toolDescription =
	'Prepares a Flokan VO to Images project: transcribes its audio, detects characters (if the project does) and splits the voiceover into sentences and segments. Costs credits for transcription and character detection; takes from seconds to a few minutes with the audio length. The project needs its audio (Set Audio) and an art style (from a preset). Next: Generate Prompts. Project: the project ID (a UUID).';

/** Characters listed by name, and the transcript's start: enough to check what was heard. */
const TRANSCRIPT_MAX = 300;

export function forAgent(json: IDataObject): IDataObject {
	const segmentIds = Array.isArray(json.segment_ids) ? json.segment_ids : [];
	const characters = Array.isArray(json.characters) ? (json.characters as IDataObject[]) : [];
	return compactJson({
		projectId: json.project_id,
		auto_step: json.auto_step,
		sentence_count: json.sentence_count,
		segment_count: segmentIds.length,
		duration_ms: json.duration_ms,
		characters: characters.map((character) => character.name),
		transcript: shortened(json.transcript, TRANSCRIPT_MAX),
		nextStep:
			'Write the image prompts with Project → Generate Prompts (All Segments) and this project ID, then Project → Finalize; or continue everything with Project → Run Pipeline and Wait (Project: Continue Existing Project).',
	});
}
