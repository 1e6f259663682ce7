import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export { create, get, waitForCompletion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['run'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Start a technique run (paid) and, by default, wait for its outputs',
				action: 'Create a run',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Check a run once: status, progress, outputs and charged cost',
				action: 'Get a run',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				description: 'Poll a run started earlier until it is completed or failed',
				action: 'Wait for a run to complete',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...waitForCompletion.description,
];
