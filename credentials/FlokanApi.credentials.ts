import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FlokanApi implements ICredentialType {
	name = 'flokanApi';

	displayName = 'Flokan API';

	icon: Icon = {
		light: 'file:../nodes/shared/icons/flokan.svg',
		dark: 'file:../nodes/shared/icons/flokan.dark.svg',
	};

	documentationUrl = 'https://app.flokan.com/docs/public-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'flk_…',
			hint: 'A workspace API key from Workspace Settings → API Keys. It starts with "flk_". Give it the scopes of the Flokan nodes you use: vo_to_images, image_editor, thumbnail_generator.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.flokan.com',
			description: 'The Flokan host. Change it only for a self-hosted or test server.',
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

	// There is no scope-neutral endpoint, so the test reads one Image Editor job. n8n applies a
	// credential's own test before any node-level one, so scope-by-scope reporting is not possible.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/image-editor/jobs',
			qs: { per_page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'The API key was rejected: use an active workspace key starting with "flk_".',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key is valid but lacks the image_editor scope this test uses. The Thumbnail Generator and VO to Images nodes only need their own scopes.',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No Flokan API found at this base URL.' },
			},
		],
	};
}
