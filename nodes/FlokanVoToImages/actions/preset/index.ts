import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['preset'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the workspace's saved settings presets",
				action: 'Get many presets',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
