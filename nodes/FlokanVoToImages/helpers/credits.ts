import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { validatorFor } from '../../shared/validation';
import { voRequest } from './request';
import type { CreditEstimate } from './types';

export const ESTIMATE_ACTIONS = [
	'generate_images',
	'generate_prompts',
	'create_characters',
	'detect_characters',
] as const;
export type EstimateAction = (typeof ESTIMATE_ACTIONS)[number];

export async function estimateCredits(
	context: IExecuteFunctions,
	projectId: string,
	action: EstimateAction,
	itemIndex: number,
): Promise<CreditEstimate> {
	return await voRequest<CreditEstimate>(context, {
		method: 'GET',
		path: '/estimate-credits',
		qs: { project_id: projectId, action },
		itemIndex,
	});
}

/**
 * Estimates prompts + images for the project and refuses (before any paid call) when the total is
 * above `maxCredits` or the workspace can't cover a phase. Returns the estimates for the output.
 */
export async function enforceCreditCeiling(
	context: IExecuteFunctions,
	projectId: string,
	maxCredits: number,
	itemIndex: number,
): Promise<IDataObject> {
	const prompts = await estimateCredits(context, projectId, 'generate_prompts', itemIndex);
	const images = await estimateCredits(context, projectId, 'generate_images', itemIndex);
	const total = Number(prompts.estimated_credits ?? 0) + Number(images.estimated_credits ?? 0);
	const summary = { estimated_credits: total, generate_prompts: prompts, generate_images: images };
	const check = validatorFor(context, itemIndex);
	if (total > maxCredits) {
		check.fail(
			'Max Credits',
			`project ${projectId} needs an estimated ${total} credits (prompts ${prompts.estimated_credits}, images ${images.estimated_credits}), above the ceiling of ${maxCredits}. Nothing was spent on prompts or images`,
			`a ceiling of at least ${total}, or 0 for no ceiling`,
		);
	}
	const short = [prompts, images].find((estimate) => estimate.can_proceed === false);
	if (short) {
		throw new NodeOperationError(
			context.getNode(),
			`Not enough credits for ${short.action} on project ${projectId}: ${short.estimated_credits} estimated, ${short.available_credits} available. Nothing was spent on prompts or images.`,
			{ itemIndex },
		);
	}
	return summary;
}
