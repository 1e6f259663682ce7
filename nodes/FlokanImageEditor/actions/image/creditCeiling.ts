import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { estimateCredits } from './estimateCredits.operation';
import type { ModelChoice } from './models';

/**
 * Asks /estimate-credits before a paid call and refuses when the upper-bound estimate is above the
 * ceiling or the workspace cannot cover it. Nothing has been spent when this throws.
 */
export async function enforceCreditCeiling(
	context: IExecuteFunctions,
	choice: ModelChoice,
	maxCredits: number,
	itemIndex: number,
): Promise<void> {
	const estimate = await estimateCredits(
		context,
		{ model_tier: choice.modelTier, provider: choice.provider },
		itemIndex,
	);
	const estimated = Number(estimate.estimated_credits);
	const refuse = (message: string) =>
		new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description: `Nothing was generated and no credits were spent. Estimate: ${estimated} credits (upper bound), available: ${String(estimate.available_credits)}.`,
		});
	if (estimate.can_proceed === false) {
		throw refuse(
			`Not enough Flokan credits: the ${choice.modelTier} tier may cost ${estimated} credits`,
		);
	}
	if (estimated > maxCredits) {
		throw refuse(`The estimate of ${estimated} credits is above Max Credits (${maxCredits})`);
	}
}
