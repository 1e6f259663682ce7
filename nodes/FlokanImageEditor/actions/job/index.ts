import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one job with its result URL or error',
				action: 'Get a job',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List jobs, most recent first',
				action: 'Get many jobs',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
];
