import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class DevRevApi implements ICredentialType {
	name = 'devRevApi';

	displayName = 'DevRev API';

	icon = { light: 'file:../icons/devrev.svg', dark: 'file:../icons/devrev.dark.svg' } as const;

	documentationUrl = 'https://developer.devrev.ai/about/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A personal access token (DevRev app › Settings › Account › Personal Access Token) or a service account token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.devrev.ai',
			description: 'Change only to reach DevRev through a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/auth-tokens.info',
			method: 'GET',
		},
	};
}
