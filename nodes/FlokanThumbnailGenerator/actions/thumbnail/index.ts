import type { INodeProperties } from 'n8n-workflow';

import * as generate from './generate.operation';
import * as searchYoutube from './searchYoutube.operation';

export { generate, searchYoutube };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['thumbnail'] } },
		options: [
			{
				name: 'Generate',
				value: 'generate',
				description: 'Generate 1–4 thumbnails for a video and wait for them (10–30 s)',
				action: 'Generate thumbnails',
			},
			{
				name: 'Search YouTube',
				value: 'searchYoutube',
				description: 'Find YouTube videos and their thumbnail URLs to use as references',
				action: 'Search reference thumbnails',
			},
		],
		default: 'generate',
	},
	...generate.description,
	...searchYoutube.description,
];
