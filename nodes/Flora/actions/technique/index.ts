import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['technique'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a technique: its inputs, outputs and credit cost',
				action: 'Get a technique',
			},
		],
		default: 'get',
	},
	...get.description,
];
