import type { INodePropertyOptions } from 'n8n-workflow';

import { FLOKAN_MODEL_TIERS, FLOKAN_PROVIDERS } from '../../../shared/flokanService';
import type { FieldValidator } from '../../../shared/validation';

export const MODEL_TIERS = FLOKAN_MODEL_TIERS;
export type ModelTier = (typeof MODEL_TIERS)[number];

export const PROVIDERS = FLOKAN_PROVIDERS;
export type Provider = (typeof PROVIDERS)[number];

/** Which model tiers each BYOK provider accepts (the API answers 400 to any other pair). */
export const BYOK_MODEL_TIERS: Record<Exclude<Provider, 'platform'>, readonly ModelTier[]> = {
	openai: ['pro', 'standard'],
	google: ['pro'],
	fal: ['pro', 'standard', 'creative'],
	kie: ['pro', 'standard', 'creative'],
};

export const MODEL_TIER_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Pro', value: 'pro', description: 'Highest quality. Every provider supports it.' },
	{ name: 'Standard', value: 'standard', description: 'Faster and cheaper. Not with Google BYOK.' },
	{
		name: 'Creative',
		value: 'creative',
		description: 'More stylised results. Only with Platform, Fal or Kie.',
	},
];

export const PROVIDER_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Platform (Flokan Credits)',
		value: 'platform',
		description: "Flokan's own keys; deducts AI credits",
	},
	{
		name: 'OpenAI (BYOK)',
		value: 'openai',
		description: "The workspace's OpenAI key; no credits. Pro or Standard.",
	},
	{
		name: 'Google (BYOK)',
		value: 'google',
		description: "The workspace's Google key; no credits. Pro only.",
	},
	{
		name: 'Fal (BYOK)',
		value: 'fal',
		description: "The workspace's Fal key; no credits. Any tier.",
	},
	{
		name: 'Kie (BYOK)',
		value: 'kie',
		description: "The workspace's Kie key; no credits. Any tier.",
	},
];

export interface ModelChoice {
	modelTier: ModelTier;
	provider: Provider;
}

/** Reads and checks Model Tier + Provider, including the BYOK compatibility matrix. */
export function modelChoice(
	check: FieldValidator,
	modelTierValue: unknown,
	providerValue: unknown,
): ModelChoice {
	const modelTier = check.oneOf('Model Tier', modelTierValue, MODEL_TIERS);
	const provider = check.oneOf('Provider', providerValue ?? 'platform', PROVIDERS);
	if (provider !== 'platform') {
		const allowed = BYOK_MODEL_TIERS[provider];
		if (!allowed.includes(modelTier)) {
			check.fail(
				'Model Tier',
				`"${modelTier}" cannot be used with the ${provider} BYOK provider`,
				allowed.join(', '),
			);
		}
	}
	return { modelTier, provider };
}
