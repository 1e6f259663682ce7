import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FloraApi implements ICredentialType {
	name = 'floraApi';

	displayName = 'FLORA API';

	icon: Icon = {
		light: 'file:../nodes/Flora/flora.svg',
		dark: 'file:../nodes/Flora/flora.dark.svg',
	};

	documentationUrl = 'https://app.flora.ai/projects?openSettings=true&initialTab=apiKeys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_live_…',
			hint: 'Create it in FLORA under Settings → API Keys and copy it at once (it is shown only once). It starts with "sk_live_". The API needs the Starter plan or above; one key is active at a time.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.flora.ai',
			description: 'The FLORA host. Change it only for a test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// There is no "who am I" endpoint; reading a public technique needs a valid key and is free.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/techniques/studio-shot',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'FLORA rejected the API key: it is missing, wrong or revoked. Use the active key (it starts with "sk_live_").',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No FLORA API found at this base URL (GET /api/v1/techniques/studio-shot answered 404).',
				},
			},
		],
	};
}
