import type { INodeProperties } from 'n8n-workflow';

import * as estimate from './estimate.operation';

export { estimate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['credits'] } },
		options: [
			{
				name: 'Estimate',
				value: 'estimate',
				description:
					'Estimate the credits a phase of a project will cost, and whether the workspace can cover it',
				action: 'Estimate credits',
			},
		],
		default: 'estimate',
	},
	...estimate.description,
];
