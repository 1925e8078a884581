import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

import { checkBaseUrl } from '../nodes/DevRev/shared/baseUrl';

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
			hint: 'An https:// address, scheme included; plain http:// only for this machine (localhost, 127.0.0.1, [::1])',
		},
	];

	/**
	 * A function rather than the generic `=Bearer {{$credentials.apiToken}}`: n8n applies it to every
	 * call, and evaluating that expression was the largest cost the node added to a call (about a
	 * tenth of a 100,000-user Scan in `npm run bench`).
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		// The node checks the Base URL before its calls; the Test button gets the same rule here.
		const problem = checkBaseUrl(credentials.baseUrl);
		if (problem) throw new ApplicationError(`${problem.message}. ${problem.description}`);
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.apiToken ?? '')}`,
			},
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/auth-tokens.info',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The API token was refused (HTTP 401): check the API Token in this credential. It must be a current DevRev personal access token or service account token, pasted whole.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API token was accepted but may not read token information (HTTP 403): check that the token is not restricted.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No DevRev API answered at this Base URL (HTTP 404): check the Base URL, https://api.devrev.ai for DevRev itself.',
				},
			},
		],
	};
}
