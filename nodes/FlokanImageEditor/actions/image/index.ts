import type { INodeProperties } from 'n8n-workflow';

import * as estimateCredits from './estimateCredits.operation';
import * as generate from './generate.operation';
import * as upload from './upload.operation';

export { estimateCredits, generate, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Estimate Credits',
				value: 'estimateCredits',
				description: 'Predict the credit cost of a generation before running it',
				action: 'Estimate credits',
			},
			{
				name: 'Generate or Edit',
				value: 'generate',
				description: 'Create an image from a prompt, or edit a source image (waits for the result)',
				action: 'Generate or edit an image',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload an image to Flokan and get its image ID',
				action: 'Upload an image',
			},
		],
		default: 'generate',
	},
	...generate.description,
	...upload.description,
	...estimateCredits.description,
];
