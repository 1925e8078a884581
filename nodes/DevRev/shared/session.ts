import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';
import { nodeError } from './errors';
import type { Pacing, RateLimitSettings } from './rateLimit';
import { DEFAULT_RATE_LIMIT, runSlots, tokenWindow } from './rateLimit';

export const CREDENTIAL_NAME = 'devRevApi';

/**
 * Node executions, the editor's list searches, the DevRev Trigger's webhook registration (its
 * checkExists / create / delete hooks) and the polling trigger all call DevRev through here.
 */
export type RequestContext =
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions;

/** What every call of one context shares: the credential, its base URL and the pacing. */
export interface Session {
	apiToken: string;
	baseUrl: string;
	/** Handed to n8n's helper so it does not load and decrypt the credential again per page. */
	credential: { id: string; name: string; type: string; data: ICredentialDataDecryptedObject };
	pacing: Pacing;
}

export function itemIndexOf(context: RequestContext): number {
	return 'getItemIndex' in context ? context.getItemIndex() : 0;
}

/** The execution's cancel signal, where the context has one (not in hooks or pickers). */
export function cancelSignalOf(context: RequestContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/** One read per context, i.e. per input item's walk, not one per page. */
const sessionOfContext = new WeakMap<RequestContext, Promise<Session>>();

export async function readSession(context: RequestContext): Promise<Session> {
	let session = sessionOfContext.get(context);
	if (!session) {
		session = loadSession(context);
		sessionOfContext.set(context, session);
		session.catch(() => sessionOfContext.delete(context));
	}
	return await session;
}

async function loadSession(context: RequestContext): Promise<Session> {
	const data = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_NAME);
	const problem = checkBaseUrl(data.baseUrl);
	if (problem) {
		throw nodeError(context.getNode(), problem.message, {
			itemIndex: itemIndexOf(context),
			description: problem.description,
		});
	}
	const baseUrl = String(data.baseUrl).trim().replace(/\/+$/, '');
	const apiToken = String(data.apiToken ?? '');
	const { id = null, name = '' } = context.getNode().credentials?.[CREDENTIAL_NAME] ?? {};
	return {
		apiToken,
		baseUrl,
		credential: { id: id ?? '', name, type: CREDENTIAL_NAME, data },
		pacing: pacingFor(context, baseUrl, apiToken),
	};
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
