import type { INodeProperties } from 'n8n-workflow';

import { MODEL_TIER_OPTIONS, PROVIDER_OPTIONS } from './models';

/** Fields shared by Generate or Edit and Estimate Credits. */
export const modelTierField: INodeProperties = {
	displayName: 'Model Tier',
	name: 'modelTier',
	type: 'options',
	options: MODEL_TIER_OPTIONS,
	default: 'pro',
	description:
		'Quality tier. BYOK providers accept only some tiers: OpenAI pro/standard, Google pro, Fal and Kie all.',
};

export const providerField: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	options: PROVIDER_OPTIONS,
	default: 'platform',
	description:
		"Who runs the model. Platform uses Flokan's keys and deducts credits; a BYOK provider uses the workspace's own key (it must be configured and enabled, and the plan must include BYOK) and costs no credits.",
};

export const inputBinaryField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'inputBinaryField',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field holding the image (JPEG, PNG, WebP or GIF)',
};
