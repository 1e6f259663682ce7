import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { pageLimitOf } from '../../../shared/paginator';
import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { listPresets } from '../../helpers/presets';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['preset'], operation: ['getMany'] } },
	properties,
);

export const toolDescription =
	'Lists the saved settings presets of the Flokan workspace (ID, name, art style, whether they detect characters or make videos); a preset ID is what Preset means in Create and Run Pipeline and Wait. Free, about a second. Limit: how many presets to return at most.';

/** GET /presets returns every preset at once; Limit is applied here. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { returnAll, limit } = pageLimitOf(this, itemIndex);
	if (!returnAll) validatorFor(this, itemIndex).integer('Limit', limit, 1, Number.MAX_SAFE_INTEGER);
	const presets = await listPresets(this, itemIndex);
	return asItems(this, returnAll ? presets : presets.slice(0, limit));
}
