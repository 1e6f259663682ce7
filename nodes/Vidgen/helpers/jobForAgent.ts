import type { IDataObject } from 'n8n-workflow';

import { compactJson } from '../../shared/toolMode';
import type { JobStatus } from '../transport';
import { ACTIVE_STATUSES } from './jobs';

const CHECK_AGAIN = 'To check it, use Job → Get Status with this job ID.';

/**
 * A job as an AI Agent reads it: its ID, status, the video and share URLs once each, progress while
 * it renders, why it failed, and what to do next while it is not finished. Timestamps, retries and
 * nulls are left out.
 */
export function jobForAgent(json: IDataObject, { withNextStep = true } = {}): IDataObject {
	const status = json.status as JobStatus | undefined;
	const running = status === undefined || ACTIVE_STATUSES.includes(status);
	return compactJson({
		jobId: json.jobId ?? json.id,
		status,
		progress: status === 'PROCESSING' ? json.progress : undefined,
		outputVideo: json.outputVideo,
		outputShareLink: json.outputShareLink,
		errorMessage: json.errorMessage,
		message: json.message,
		waitMode: json.waitMode,
		note: json.note,
		nextStep: withNextStep && running ? CHECK_AGAIN : undefined,
	});
}
