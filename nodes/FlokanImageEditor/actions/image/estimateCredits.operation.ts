import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { RunContext } from '../../../shared/router';
import { asItems } from '../../../shared/router';
import { apiRequest } from '../../../shared/transport';
import { validatorFor } from '../../../shared/validation';
import { imageEditor } from '../../transport';
import type { ModelChoice } from './models';
import { modelChoice } from './models';
import { modelTierField, providerField } from './fields';

const properties: INodeProperties[] = [
	modelTierField,
	providerField,
	optionsCollection([flokanItemsInParallelOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['estimateCredits'] } },
	properties,
);

/** POST /estimate-credits: the API itself mirrors /process's BYOK rules. */
export async function estimateCredits(
	context: IExecuteFunctions,
	body: { model_tier: string; provider: string },
	itemIndex: number,
): Promise<IDataObject> {
	return (await apiRequest.call(context, imageEditor, {
		method: 'POST',
		path: '/estimate-credits',
		body,
		resendable: true,
		itemIndex,
	})) as IDataObject;
}

export const itemsInParallel = FLOKAN_ITEMS_IN_PARALLEL;

export const toolDescription =
	"Predicts what one Flokan Image Editor Generate or Edit call with this tool's Model Tier and Provider costs: estimated_credits (an upper bound; 0 with a BYOK provider), the workspace's available_credits and can_proceed (whether they cover it). Free; answers in about a second. Takes no fields.";

export function prepare(this: IExecuteFunctions, itemIndex: number): ModelChoice {
	return modelChoice(
		validatorFor(this, itemIndex),
		this.getNodeParameter('modelTier', itemIndex),
		this.getNodeParameter('provider', itemIndex),
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	_run: RunContext,
	{ modelTier, provider }: ModelChoice,
): Promise<INodeExecutionData[]> {
	return asItems(this, await estimateCredits(this, { model_tier: modelTier, provider }, itemIndex));
}
