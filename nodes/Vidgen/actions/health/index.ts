import type { INodeProperties } from 'n8n-workflow';

import * as check from './check.operation';

export { check };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['health'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				description: 'Check whether the Vidgen API is up',
				action: 'Check the API health',
			},
		],
		default: 'check',
	},
	...check.description,
];
