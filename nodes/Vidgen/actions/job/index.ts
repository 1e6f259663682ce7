import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as getStatus from './getStatus.operation';

export { cancel, create, getMany, getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel a job that is still PENDING',
				action: 'Cancel a job',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Turn an image and an audio track into a video',
				action: 'Create a video job',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List jobs, newest first',
				action: 'Get many jobs',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the status, progress and output of a job',
				action: 'Get the status of a job',
			},
		],
		default: 'create',
	},
	...create.description,
	...getStatus.description,
	...getMany.description,
	...cancel.description,
];
