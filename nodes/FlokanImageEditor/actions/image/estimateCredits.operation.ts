import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { apiRequest } from '../../../shared/transport';
import { validatorFor } from '../../../shared/validation';
import { imageEditor } from '../../transport';
import { modelChoice } from './models';
import { modelTierField, providerField } from './fields';

const properties: INodeProperties[] = [modelTierField, providerField];

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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const { modelTier, provider } = modelChoice(
		check,
		this.getNodeParameter('modelTier', itemIndex),
		this.getNodeParameter('provider', itemIndex),
	);
	return asItems(this, await estimateCredits(this, { model_tier: modelTier, provider }, itemIndex));
}
