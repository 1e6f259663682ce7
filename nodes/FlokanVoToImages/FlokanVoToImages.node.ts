import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toolDescriptionFields, toolWaitLimitField } from '../shared/descriptions';
import { routeItems } from '../shared/router';
import * as credits from './actions/credits';
import { operations } from './actions/operations';
import * as preset from './actions/preset';
import * as project from './actions/project';
import { searchPresets, searchProjects } from './methods/listSearch';

export class FlokanVoToImages implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Flokan VO to Images',
		name: 'flokanVoToImages',
		icon: { light: 'file:flokanVoToImages.svg', dark: 'file:flokanVoToImages.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Turn a voiceover into a sequence of generated images (and videos) with Flokan VO to Images',
		defaults: { name: 'Flokan VO to Images' },
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
					{ name: 'Credit', value: 'credits' },
					{ name: 'Preset', value: 'preset' },
					{ name: 'Project', value: 'project' },
				],
				default: 'project',
			},
			...toolDescriptionFields(operations),
			toolWaitLimitField,
			...project.description,
			...preset.description,
			...credits.description,
		],
	};

	methods = {
		listSearch: { searchPresets, searchProjects },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, operations);
	}
}
