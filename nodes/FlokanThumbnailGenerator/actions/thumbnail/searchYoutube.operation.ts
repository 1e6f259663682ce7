import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../../shared/descriptions';
import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { PageLimit } from '../../../shared/paginator';
import { pageLimitOf, TOOL_LIST_MAX } from '../../../shared/paginator';
import type { RunContext } from '../../../shared/router';
import { asItems } from '../../../shared/router';
import { compactJson } from '../../../shared/toolMode';
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

export const toolDescription = `Searches YouTube for videos and returns up to Limit results (at most ${TOOL_LIST_MAX}), each with title, channel_name, view_count, video_id and thumbnail_url. Pass thumbnail_url values to Generate's YouTube Reference URLs to make new thumbnails after them. Free; about a second or two. Fields: Query: what to search for (1–200 characters). Limit: how many results (1–${TOOL_LIST_MAX}).`;

/** One result with the fields the API documents, nothing else it may add. */
export function forAgent(result: IDataObject): IDataObject {
	return compactJson({
		title: result.title,
		channel_name: result.channel_name,
		view_count: result.view_count,
		video_id: result.video_id,
		thumbnail_url: result.thumbnail_url,
	});
}

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
