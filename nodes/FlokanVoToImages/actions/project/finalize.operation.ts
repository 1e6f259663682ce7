import type { IDataObject } from 'n8n-workflow';

import { compactJson } from '../../../shared/toolMode';
import { projectCallOperation } from '../../helpers/projectCall';

/** Enqueues image generation for sentences that are prompt_ready (or failed). Paid; sent once. */
export const { description, execute } = projectCallOperation('finalize', 'POST', '/finalize');

export const toolDescription =
	'Starts image generation for every sentence of a Flokan VO to Images project that has a prompt, and generates failed images again. Costs about 49 credits per image, charged now; it answers in a second, the images then take minutes. Next: Wait for Completion or Get Status. Project: the project ID (a UUID).';

export function forAgent(json: IDataObject): IDataObject {
	return compactJson({
		projectId: json.project_id,
		auto_step: json.auto_step,
		image_jobs_enqueued: json.image_jobs_enqueued,
		nextStep:
			'Wait for the images with Project → Wait for Completion (or check with Project → Get Status) and this project ID.',
	});
}
