import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { collectNumberedPages, pageLimitOf } from '../../../shared/paginator';
import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { projectSummaryForAgent } from '../../helpers/agentResult';
import { PROJECT_STATUSES, readProjectListPage } from '../../helpers/projectList';
import { MAX_PROJECTS_PAGE } from '../../transport';

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
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'complete',
				options: [
					{ name: 'Characters', value: 'characters' },
					{ name: 'Complete', value: 'complete' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Generating', value: 'generating' },
					{ name: 'Prompts', value: 'prompts' },
					{ name: 'Transcribing', value: 'transcribing' },
				],
				description: 'Only projects in this status',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['getMany'] } },
	properties,
);

export const toolDescription =
	'Lists Flokan VO to Images projects, newest first, with their projectId, title, status, step and sentence count. Free, about a second. Limit: how many projects to return at most.';

export function forAgent(json: IDataObject): IDataObject {
	return projectSummaryForAgent(json, false);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const pageLimit = pageLimitOf(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const status =
		filters.status === undefined
			? undefined
			: check.oneOf('Status', filters.status, PROJECT_STATUSES);
	const projects = await collectNumberedPages(
		async (page, perPage) => await readProjectListPage(this, { page, perPage, status }, itemIndex),
		pageLimit,
		MAX_PROJECTS_PAGE,
	);
	return asItems(this, projects);
}
