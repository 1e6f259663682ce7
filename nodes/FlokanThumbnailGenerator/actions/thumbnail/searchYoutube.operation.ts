import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { pageLimitOf } from '../../../shared/paginator';
import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { searchYoutube } from '../../helpers/youtubeSearch';

const properties: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. hidden hiking trails',
		description:
			'What to search YouTube for (1–200 characters). Each result has a Thumbnail URL to use as a YouTube reference.',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['thumbnail'], operation: ['searchYoutube'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const query = check.text('Query', this.getNodeParameter('query', itemIndex), 1, 200);
	const pageLimit = pageLimitOf(this, itemIndex);
	return asItems(this, await searchYoutube(this, query, pageLimit, itemIndex));
}
