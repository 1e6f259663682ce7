import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toolDescriptionFields } from '../shared/descriptions';
import { routeItems } from '../shared/router';
import * as generation from './actions/generation';
import { operations } from './actions/operations';
import * as thumbnail from './actions/thumbnail';
import { searchGenerations } from './methods/listSearch';

export class FlokanThumbnailGenerator implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Flokan Thumbnail Generator',
		name: 'flokanThumbnailGenerator',
		icon: {
			light: 'file:flokanThumbnailGenerator.svg',
			dark: 'file:flokanThumbnailGenerator.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Generate YouTube thumbnails with Flokan, find reference thumbnails on YouTube, and manage generations',
		defaults: { name: 'Flokan Thumbnail Generator' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flokanApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Generation', value: 'generation' },
					{ name: 'Thumbnail', value: 'thumbnail' },
				],
				default: 'thumbnail',
			},
			...toolDescriptionFields(operations),
			...thumbnail.description,
			...generation.description,
		],
	};

	methods = {
		listSearch: { searchGenerations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, operations);
	}
}
