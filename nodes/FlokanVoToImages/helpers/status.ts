import type { IExecuteFunctions } from 'n8n-workflow';

import type { PollOptions } from '../../shared/poller';
import { pollUntilDone } from '../../shared/poller';
import type { WaitBudget } from '../../shared/waitBudget';
import { NEXT_STEP } from './nextSteps';
import { voRequest } from './request';
import type { AutoStatus } from './types';

export async function readAutoStatus(
	context: IExecuteFunctions,
	projectId: string,
	itemIndex: number,
	deadline?: number,
): Promise<AutoStatus> {
	return await voRequest<AutoStatus>(context, {
		method: 'GET',
		path: `/projects/${encodeURIComponent(projectId)}/auto-status`,
		itemIndex,
		deadline,
	});
}

/** e.g. "generating_images: 41/87 sentences complete, 0 failed, 16 image jobs active". */
export function describeProgress(status: AutoStatus): string {
	const p = status.progress ?? {};
	const parts = [
		`${p.sentences_complete ?? 0}/${p.sentences_total ?? 0} sentences complete`,
		`${p.sentences_failed ?? 0} failed`,
		`${p.image_jobs_active ?? 0} image jobs active`,
	];
	if (p.video_jobs_total)
		parts.push(
			`videos ${p.video_jobs_complete ?? 0}/${p.video_jobs_total} (${p.video_jobs_failed ?? 0} failed)`,
		);
	return `${status.auto_step ?? status.status}: ${parts.join(', ')}`;
}

/** Polls auto-status until `is_done`, logging every change of the counts. */
export async function waitForProject(
	context: IExecuteFunctions,
	options: {
		projectId: string;
		intervalMs: number;
		budget: WaitBudget;
		itemIndex: number;
		/** Called with the status whenever its counts or step change. */
		onProgress?: (status: AutoStatus) => void;
	},
): Promise<AutoStatus> {
	const { projectId, itemIndex } = options;
	const poll: PollOptions<AutoStatus> = {
		resource: { kind: 'project', id: projectId, nextStep: NEXT_STEP.waitLater },
		check: async (deadline) => await readAutoStatus(context, projectId, itemIndex, deadline),
		isDone: (status: AutoStatus) => status.is_done === true,
		progressOf: describeProgress,
		onProgress: options.onProgress,
		intervalMs: options.intervalMs,
		budget: options.budget,
		itemIndex,
	};
	const pollAutoStatus = pollUntilDone<AutoStatus>;
	return await pollAutoStatus.call(context, poll);
}
