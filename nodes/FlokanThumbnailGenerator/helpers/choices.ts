import type { INodePropertyOptions } from 'n8n-workflow';

import { FLOKAN_MODEL_TIERS, FLOKAN_PROVIDERS } from '../../shared/flokanService';

export const IMAGE_MODELS = FLOKAN_MODEL_TIERS;
export const ASPECT_RATIOS = ['16:9', '4:3', '1:1'] as const;
export const PROVIDERS = FLOKAN_PROVIDERS;
export const GENERATION_STATUSES = [
	'pending',
	'generating',
	'completed',
	'failed',
	'timed_out',
] as const;

export const IMAGE_MODEL_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Pro', value: 'pro', description: 'Highest quality' },
	{ name: 'Standard', value: 'standard', description: 'Faster and cheaper' },
	{ name: 'Creative', value: 'creative', description: 'More stylised results' },
];

export const ASPECT_RATIO_OPTIONS: INodePropertyOptions[] = [
	{ name: '16:9 (YouTube)', value: '16:9' },
	{ name: '4:3', value: '4:3' },
	{ name: '1:1 (Square)', value: '1:1' },
];

export const PROVIDER_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Platform (Flokan Credits)',
		value: 'platform',
		description: "Flokan's own keys; deducts AI credits",
	},
	{ name: 'OpenAI (BYOK)', value: 'openai', description: "The workspace's OpenAI key; no credits" },
	{ name: 'Google (BYOK)', value: 'google', description: "The workspace's Google key; no credits" },
	{ name: 'Fal (BYOK)', value: 'fal', description: "The workspace's Fal key; no credits" },
	{ name: 'Kie (BYOK)', value: 'kie', description: "The workspace's Kie key; no credits" },
];

export const STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Completed', value: 'completed' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Generating', value: 'generating' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Timed Out', value: 'timed_out' },
];
