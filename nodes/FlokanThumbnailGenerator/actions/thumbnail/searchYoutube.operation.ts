import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../../shared/descriptions';
import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { PageLimit } from '../../../shared/paginator';
import { pageLimitOf } from '../../../shared/paginator';
import type { RunContext } from '../../../shared/router';
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
	optionsCollection([flokanItemsInParallelOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['thumbnail'], operation: ['searchYoutube'] } },
	properties,
);

interface SearchInput {
	query: string;
	pageLimit: PageLimit;
}

export const itemsInParallel = FLOKAN_ITEMS_IN_PARALLEL;

export function prepare(this: IExecuteFunctions, itemIndex: number): SearchInput {
	const check = validatorFor(this, itemIndex);
	return {
		query: check.text('Query', this.getNodeParameter('query', itemIndex), 1, 200),
		pageLimit: pageLimitOf(this, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	_run: RunContext,
	{ query, pageLimit }: SearchInput,
): Promise<INodeExecutionData[]> {
	return asItems(this, await searchYoutube(this, query, pageLimit, itemIndex));
}
