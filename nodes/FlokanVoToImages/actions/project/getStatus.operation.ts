import type { IDataObject } from 'n8n-workflow';

import { statusForAgent } from '../../helpers/agentResult';
import { projectCallOperation } from '../../helpers/projectCall';
import type { AutoStatus } from '../../helpers/types';

/** The cheap automatic-mode status: step, is_done and progress counts. */
export const { description, execute } = projectCallOperation('getStatus', 'GET', '/auto-status');

export const toolDescription =
	"Checks a Flokan VO to Images project: its step (transcribing, generating_prompts, generating_images, generating_videos or complete), whether it is done, the progress counts (sentences complete and failed, image jobs active) and what to do next. Free, about a second; it doesn't wait. Project: the project ID (a UUID).";

export function forAgent(json: IDataObject): IDataObject {
	return statusForAgent(json as AutoStatus);
}
