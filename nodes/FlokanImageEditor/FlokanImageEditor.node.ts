import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toolDescriptionFields } from '../shared/descriptions';
import { routeItems } from '../shared/router';
import * as image from './actions/image';
import * as job from './actions/job';
import { operations } from './actions/operations';
import { searchJobs } from './methods/listSearch';

export class FlokanImageEditor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Flokan Image Editor',
		name: 'flokanImageEditor',
		icon: { light: 'file:flokanImageEditor.svg', dark: 'file:flokanImageEditor.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Generate and edit images with prompts using the Flokan Image Editor API',
		defaults: { name: 'Flokan Image Editor' },
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
					{ name: 'Image', value: 'image' },
					{ name: 'Job', value: 'job' },
				],
				default: 'image',
			},
			...toolDescriptionFields(operations),
			...image.description,
			...job.description,
		],
	};

	methods = {
		listSearch: { searchJobs },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, operations);
	}
}
