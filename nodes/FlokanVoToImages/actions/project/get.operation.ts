import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { projectLocator } from '../../helpers/fields';
import { projectIdOf } from '../../helpers/ids';
import { readProjectPage, readWholeProject } from '../../helpers/projectReader';
import { MAX_SENTENCES_PAGE } from '../../transport';

const properties: INodeProperties[] = [
	projectLocator(),
	{
		displayName: 'Sentences',
		name: 'sentences',
		type: 'options',
		default: 'all',
		options: [
			{
				name: 'All',
				value: 'all',
				description: 'Every sentence, fetched page by page until the last one',
			},
			{ name: 'Range', value: 'range', description: 'One page of sentences from an offset' },
		],
	},
	{
		displayName: 'Sentences Offset',
		name: 'sentencesOffset',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Index of the first sentence to return',
		displayOptions: { show: { sentences: ['range'] } },
	},
	{
		displayName: 'Sentences Limit',
		name: 'sentencesLimit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_SENTENCES_PAGE },
		default: 150,
		description:
			'How many sentences to return (max 300). The output says has_more_sentences when more follow.',
		displayOptions: { show: { sentences: ['range'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const projectId = projectIdOf(this, itemIndex);
	const mode = check.oneOf('Sentences', this.getNodeParameter('sentences', itemIndex), [
		'all',
		'range',
	] as const);
	if (mode === 'all') return asItems(this, await readWholeProject(this, projectId, itemIndex));
	const offset = check.integer(
		'Sentences Offset',
		this.getNodeParameter('sentencesOffset', itemIndex),
		0,
		Number.MAX_SAFE_INTEGER,
	);
	const limit = check.integer(
		'Sentences Limit',
		this.getNodeParameter('sentencesLimit', itemIndex),
		1,
		MAX_SENTENCES_PAGE,
	);
	return asItems(this, await readProjectPage(this, projectId, { offset, limit }, itemIndex));
}
