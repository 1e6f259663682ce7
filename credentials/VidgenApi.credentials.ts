import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { VIDGEN_PATHS } from '../nodes/Vidgen/transport';

export class VidgenApi implements ICredentialType {
	name = 'vidgenApi';

	displayName = 'Vidgen API';

	icon: Icon = {
		light: 'file:../nodes/Vidgen/vidgen.svg',
		dark: 'file:../nodes/Vidgen/vidgen.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-ai-media/n8n-nodes-ai-media#vidgen';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://vidgen.example.com',
			description: 'The host of your Vidgen API, without /api',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Sent as the X-API-Key header. Anyone with the key can submit jobs on your behalf.',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Your account's webhook secret. Needed to verify signed callbacks (Vidgen Trigger, and Job → Create with Wait Mode: Resume on Webhook Callback); calls that only poll do not use it.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	// /health answers without a key, so it cannot test one: list a single job instead.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: VIDGEN_PATHS.jobs,
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'The API key was not recognised or has been deactivated.',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No Vidgen API found at this base URL.' },
			},
		],
	};
}
