import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { collectNumberedPages, pageLimitOf, TOOL_LIST_MAX } from '../../../shared/paginator';
import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { GENERATION_STATUSES, STATUS_OPTIONS } from '../../helpers/choices';
import { generationRowForAgent } from '../../helpers/generationForAgent';
import type { GenerationFilters } from '../../helpers/generationList';
import { fetchGenerationsPage } from '../../helpers/generationList';
import { GENERATIONS_MAX_PER_PAGE } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Card ID',
				name: 'cardId',
				type: 'string',
				default: '',
				description: 'Only generations linked to this board card (a UUID)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'completed',
				description: 'Only generations in this status',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['generation'], operation: ['getMany'] } },
	properties,
);

export const toolDescription = `Lists recent Flokan thumbnail generations, most recent first, each with generation_id, status, video_title, image_urls, credits_consumed and created_at. Use it to find thumbnails made earlier, or, when a Generate call failed without an answer, to see whether it made its thumbnails anyway before generating again. Free; about a second. Field: Limit: how many generations to list (1–${TOOL_LIST_MAX}; at most ${TOOL_LIST_MAX} are returned).`;

export const forAgent = generationRowForAgent;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const raw = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters: GenerationFilters = {};
	if (raw.status !== undefined && raw.status !== '')
		filters.status = check.oneOf('Status', raw.status, GENERATION_STATUSES);
	const cardId = check.optionalUuid('Card ID', raw.cardId);
	if (cardId) filters.card_id = cardId;
	const pageLimit = pageLimitOf(this, itemIndex);

	const generations = await collectNumberedPages(
		async (page, perPage) => await fetchGenerationsPage(this, page, perPage, filters, itemIndex),
		pageLimit,
		GENERATIONS_MAX_PER_PAGE,
	);
	return asItems(this, generations);
}
