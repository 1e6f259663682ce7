import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { compactJson } from '../../../shared/toolMode';
import { audioUrlOf, setAudio } from '../../helpers/audio';
import { audioUrlField, projectLocator } from '../../helpers/fields';
import { projectIdOf } from '../../helpers/ids';

const properties: INodeProperties[] = [projectLocator(), { ...audioUrlField, required: true }];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['setAudio'] } },
	properties,
);

export const toolDescription =
	'Points a Flokan VO to Images project that is not prepared yet at a voiceover; Flokan downloads the file from the URL itself (up to 200 MB; MP3, WAV, M4A, AAC, OGG, FLAC or WebM). Free, a few seconds. Next: Run Prep. Project: the project ID (a UUID). Audio URL: a public http(s) URL of the voiceover file, at most 2000 characters.';

export function forAgent(json: IDataObject): IDataObject {
	return compactJson({
		projectId: json.project_id,
		audio_url: json.audio_url,
		status: json.status,
		nextStep:
			'Prepare it with Project → Run Prep and this project ID, or run everything with Project → Run Pipeline and Wait (Project: Continue Existing Project).',
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projectId = projectIdOf(this, itemIndex);
	const audioUrl = audioUrlOf(this, itemIndex) as string;
	return asItems(this, await setAudio(this, projectId, audioUrl, itemIndex));
}
