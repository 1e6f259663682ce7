import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toolDescriptionFields, toolWaitLimitField } from '../shared/descriptions';
import { routeItems } from '../shared/router';
import { operations } from './actions/operations';
import * as run from './actions/run';
import * as technique from './actions/technique';
import { searchTechniques } from './methods/listSearch';
import { getTechniqueInputs } from './methods/resourceMapping';

export class Flora implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FLORA',
		name: 'flora',
		icon: { light: 'file:flora.svg', dark: 'file:flora.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Run FLORA techniques (reusable AI image and video workflows)',
		defaults: { name: 'FLORA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'floraApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Run', value: 'run' },
					{ name: 'Technique', value: 'technique' },
				],
				default: 'run',
			},
			...toolDescriptionFields(operations),
			...run.description,
			...technique.description,
			toolWaitLimitField,
		],
	};

	methods = {
		listSearch: { searchTechniques },
		resourceMapping: { getTechniqueInputs },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, operations);
	}
}
