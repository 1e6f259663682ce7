import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toolDescriptionFields, toolWaitLimitField } from '../shared/descriptions';
import { routeItems } from '../shared/router';
import * as health from './actions/health';
import * as job from './actions/job';
import { operations } from './actions/operations';
import { resumeOnCallback } from './helpers/resume';
import { nothingToRegister } from './helpers/webhookMethods';
import { searchJobs } from './methods/listSearch';

export class Vidgen implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vidgen',
		name: 'vidgen',
		icon: { light: 'file:vidgen.svg', dark: 'file:vidgen.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Turn an image and an audio track into a video with Vidgen',
		defaults: { name: 'Vidgen' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vidgenApi', required: true }],
		// The resume URL of Job → Create with Wait Mode: Resume on Webhook Callback (like n8n's Wait node).
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Health', value: 'health' },
					{ name: 'Job', value: 'job' },
				],
				default: 'job',
			},
			...toolDescriptionFields(operations),
			...health.description,
			...job.description,
			toolWaitLimitField,
		],
	};

	methods = {
		listSearch: { searchJobs },
	};

	// The restart webhook is per execution (its resume URL); nothing is registered with Vidgen.
	webhookMethods = { default: nothingToRegister };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, operations);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnCallback.call(this);
	}
}
