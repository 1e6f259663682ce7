import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { binaryOutputProperty } from '../shared/descriptions';
import { acceptCallback, callbackItem, readSignedCallback } from '../Vidgen/helpers/callback';
import { nothingToRegister } from '../Vidgen/helpers/webhookMethods';

export class VidgenTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vidgen Trigger',
		name: 'vidgenTrigger',
		icon: { light: 'file:vidgenTrigger.svg', dark: 'file:vidgenTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a Vidgen job completes or fails (signed webhook)',
		defaults: { name: 'Vidgen Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vidgenApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'vidgen',
			},
		],
		properties: [
			{
				displayName:
					"Pass this node's Production URL as the webhookUrl of a job (Vidgen → Job → Create → Options → Webhook URL). Vidgen calls only https:// URLs, so n8n must be reachable over HTTPS. Every call is checked against the Webhook Secret of the credential; unsigned or wrongly signed calls get 401 and start nothing.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Job Completed', value: 'COMPLETED' },
					{ name: 'Job Failed', value: 'FAILED' },
				],
				default: ['COMPLETED', 'FAILED'],
				description: 'Which job outcomes start the workflow. Others are acknowledged and ignored.',
			},
			{
				displayName: 'Download Video',
				name: 'downloadVideo',
				type: 'boolean',
				default: false,
				description: 'Whether to download the finished video into a binary field',
			},
			{ ...binaryOutputProperty('data'), displayOptions: { show: { downloadVideo: [true] } } },
		],
	};

	webhookMethods = { default: nothingToRegister };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// The workflow's static data: n8n saves it after the call and every process loads it, so a
		// repeated delivery is recognised after a restart and in any main or webhook process.
		const callback = await readSignedCallback.call(this, this.getWorkflowStaticData('node'));
		if (!callback.ok) return callback.refusal;
		const events = this.getNodeParameter('events', ['COMPLETED', 'FAILED']) as string[];
		if (!events.includes(callback.event.status)) {
			return {
				webhookResponse: {
					received: true,
					ignored: `status ${callback.event.status}`,
				} as IDataObject,
			};
		}
		const item = await callbackItem.call(this, callback.event);
		return acceptCallback(this, item, { received: true });
	}
}
