import type { INodeProperties } from 'n8n-workflow';

import * as deleteGeneration from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { deleteGeneration, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['generation'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a generation and its images',
				action: 'Delete a generation',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a generation, optionally with its images',
				action: 'Get a generation',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List generations, most recent first',
				action: 'Get many generations',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...deleteGeneration.description,
];
