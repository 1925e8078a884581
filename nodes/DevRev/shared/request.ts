import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { scopeHeaders } from './endpoints';
import { devRevApiError, nodeError } from './errors';
import { redact } from './redact';
import type { Pacing, RateLimitSettings } from './rateLimit';
import { admit, DEFAULT_RATE_LIMIT, runSlots, tokenWindow } from './rateLimit';
import { backoffMs, isRetriedServerStatus, RETRY_POLICY, retryAfterSeconds } from './retry';

export const CREDENTIAL_NAME = 'devRevApi';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const DROPPED_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * Node executions, the editor's list searches and the DevRev Trigger's webhook registration
 * (its checkExists / create / delete hooks) all call DevRev through here.
 */
export type RequestContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions;

function itemIndexOf(context: RequestContext): number {
	return 'getItemIndex' in context ? context.getItemIndex() : 0;
}

interface Session {
	apiToken: string;
	baseUrl: string;
	/** Handed to n8n's helper so it does not load and decrypt the credential again per page. */
	decrypted: ICredentialDataDecryptedObject;
	pacing: Pacing;
}

/** One read per context, i.e. per input item's walk, not one per page. */
const sessionOfContext = new WeakMap<RequestContext, Promise<Session>>();

async function readSession(context: RequestContext): Promise<Session> {
	let session = sessionOfContext.get(context);
	if (!session) {
		session = loadSession(context);
		sessionOfContext.set(context, session);
		session.catch(() => sessionOfContext.delete(context));
	}
	return await session;
}

/** Options › Rate Limit of the operation (pickers and operations without it: the defaults). */
function rateLimitSettings(context: RequestContext): RateLimitSettings {
	const pacing = context.getNodeParameter('options.rateLimit.pacing', {}) as IDataObject;
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && value >= 0 ? value : fallback;
	return {
		maxInFlight: Math.max(
			1,
			Math.floor(number(pacing.maxInFlight, DEFAULT_RATE_LIMIT.maxInFlight)),
		),
		maxWaitSeconds: number(pacing.maxWait, DEFAULT_RATE_LIMIT.maxWaitSeconds),
	};
}

function pacingFor(context: RequestContext, baseUrl: string, apiToken: string): Pacing {
	const settings = rateLimitSettings(context);
	const run = 'getExecuteData' in context ? context.getExecuteData() : undefined;
	const at = (resetAt: number) => new Date(resetAt).toISOString();
	return {
		window: tokenWindow(baseUrl, apiToken),
		slots: runSlots(run, settings.maxInFlight),
		settings,
		onWait: (seconds, resetAt, limit) =>
			context.logger.info(
				`DevRev rate limit: this token's window${limit ? ` of ${limit} calls` : ''} is spent; waiting ${seconds.toFixed(1)} s for it to reset at ${at(resetAt)}`,
				{ node: context.getNode().name },
			),
		tooLong: (seconds, resetAt) =>
			nodeError(
				context.getNode(),
				`DevRev's rate limit for this API token is spent until ${at(resetAt)}: waiting ${Math.ceil(seconds)} s would exceed Max Wait (${settings.maxWaitSeconds} s)`,
				{
					itemIndex: itemIndexOf(context),
					description:
						'Raise Options › Rate Limit › Max Wait, run fewer items at once, or spread the run over more time.',
				},
			),
	};
}

async function loadSession(context: RequestContext): Promise<Session> {
	const credentials = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_NAME);
	const baseUrl = String(credentials.baseUrl ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(baseUrl);
	} catch {
		url = undefined;
	}
	const loopback = url !== undefined && LOOPBACK_HOSTS.has(url.hostname);
	if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
		throw nodeError(context.getNode(), `Base URL: "${baseUrl}" is not an https:// URL`, {
			itemIndex: itemIndexOf(context),
			description:
				'Set the Base URL of the DevRev API credential to https://api.devrev.ai (plain http:// is allowed only for localhost, 127.0.0.1 and [::1]).',
		});
	}
	const apiToken = String(credentials.apiToken ?? '');
	return {
		apiToken,
		baseUrl,
		decrypted: credentials,
		pacing: pacingFor(context, baseUrl, apiToken),
	};
}

function errorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string') return code;
	}
	// n8n 1.x wraps network failures in a NodeApiError before the node sees them; the code is its httpCode.
	const httpCode = (error as { httpCode?: unknown })?.httpCode;
	if (typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode)) return httpCode;
	const message = String((error as Error)?.message ?? '');
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	if (/timeout/i.test(message)) return 'ECONNABORTED';
	return undefined;
}

function networkError(
	context: RequestContext,
	error: unknown,
	code: string | undefined,
	options: IHttpRequestOptions,
): NodeApiError {
	const where = String(options.baseURL ?? '');
	const advice =
		'Check the Base URL of the DevRev API credential and your network, then try again.';
	let message: string;
	let cause = code ? `Network error code: ${code}. ` : '';
	if (code && TIMED_OUT.has(code)) {
		message = `DevRev did not answer within ${Number((Number(options.timeout ?? 0) / 1000).toFixed(1))} seconds`;
	} else if (code === 'ECONNREFUSED') {
		message = `Could not connect to DevRev at ${where}: the connection was refused`;
	} else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		message = `Could not find the DevRev host of ${where}`;
	} else if (code && DROPPED_CONNECTION.has(code)) {
		message = 'DevRev closed the connection before answering';
	} else {
		message = `Could not reach DevRev at ${where}`;
		cause = `${(error as Error)?.message ?? String(error)}. `;
	}
	return nodeError(context.getNode(), message, {
		itemIndex: itemIndexOf(context),
		description: `${cause}${advice}`,
	});
}

async function wait(context: RequestContext, ms: number): Promise<void> {
	await sleep(ms);
	if ('getExecutionCancelSignal' in context && context.getExecutionCancelSignal()?.aborted) {
		throw nodeError(context.getNode(), 'The execution was cancelled', {
			itemIndex: itemIndexOf(context),
		});
	}
}

/**
 * Sends one DevRev call with the node's credential: always a JSON body ('{}' at least, which
 * n8n's helpers would otherwise drop), bounded retries, and DevRev's errors mapped for users.
 */
export async function devRevRequest(
	context: RequestContext,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
): Promise<IDataObject> {
	const { apiToken, baseUrl, decrypted, pacing } = await readSession(context);
	const { id = null, name = '' } = context.getNode().credentials?.[CREDENTIAL_NAME] ?? {};
	const credentialsDecrypted = { id: id ?? '', name, type: CREDENTIAL_NAME, data: decrypted };
	const requestBody = (options.body ?? {}) as IDataObject;
	const request = {
		...options,
		url: options.url ?? '',
		baseURL: options.baseURL ?? baseUrl.replace(/\/+$/, ''),
		headers: {
			...options.headers,
			...scopeHeaders(options.url ?? ''),
			'Content-Type': 'application/json',
		},
		body: JSON.stringify(requestBody),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	} as IHttpRequestOptions;
	let rateLimited = 0;
	let failed = 0;
	for (;;) {
		const admission = await admit(pacing).catch((error: NodeApiError) => {
			throw redactError(error, apiToken);
		});
		let response: IN8nHttpFullResponse | undefined;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_NAME,
				request,
				{ credentialsDecrypted },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (error instanceof NodeOperationError) throw redactError(error, apiToken);
			const code = errorCode(error);
			if (code && DROPPED_CONNECTION.has(code) && failed < RETRY_POLICY.serverErrorRetries) {
				await wait(context, backoffMs(failed++));
				continue;
			}
			throw redactError(networkError(context, error, code, request), apiToken);
		} finally {
			admission.end(response);
		}
		const { statusCode, headers, body } = response;
		if (statusCode >= 200 && statusCode < 300) {
			if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
			if (body === undefined || body === null || body === '') return {};
			throw redactError(
				nodeError(context.getNode(), 'DevRev answered with a body that is not JSON', {
					itemIndex: itemIndexOf(context),
					description: String(body ?? '').slice(0, 300),
				}),
				apiToken,
			);
		}
		if (statusCode === 429 && rateLimited < RETRY_POLICY.rateLimitRetries) {
			const seconds = retryAfterSeconds(headers as IDataObject, body);
			if (seconds <= pacing.settings.maxWaitSeconds) {
				rateLimited++;
				await wait(context, seconds * 1000);
				continue;
			}
		}
		if (isRetriedServerStatus(statusCode) && failed < RETRY_POLICY.serverErrorRetries) {
			await wait(context, backoffMs(failed++));
			continue;
		}
		const error = devRevApiError(
			context.getNode(),
			{ statusCode, body: redact(body, apiToken), requestBody },
			itemIndexOf(context),
		);
		throw redactError(error, apiToken);
	}
}

function redactError<T extends NodeApiError | NodeOperationError>(error: T, secret: string): T {
	if (!secret) return error;
	error.message = redact(error.message, secret);
	if (error.description) error.description = redact(error.description, secret);
	return error;
}
