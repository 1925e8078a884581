import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Endpoint } from './endpoints';
import { endpointOf, scopeHeaders } from './endpoints';
import {
	answerError,
	asNodeError,
	cancelledError,
	networkCode,
	networkError,
	networkFailure,
	nodeError,
	redactError,
	unsureWriteError,
} from './errors';
import { redact } from './redact';
import { admit, pause } from './rateLimit';
import { backoffMs, isRetriedServerStatus, RETRY_POLICY, retryAfterSeconds } from './retry';
import type { RequestContext, Session } from './session';
import { cancelSignalOf, CREDENTIAL_NAME, itemIndexOf, readSession } from './session';

/**
 * What a caller of a `check` endpoint (a create, a membership change) does when DevRev's answer
 * leaves open whether the write was carried out: find out, and answer with DevRev's answer for
 * what exists; 'resend' when it is not there and a second send cannot duplicate it (a unique
 * key DevRev enforces, a set); undefined when it cannot tell (the item then fails, saying so).
 */
export interface CallOptions {
	ifUnsure?: (
		context: RequestContext,
		body: IDataObject,
	) => Promise<IDataObject | 'resend' | undefined>;
	/** What to check in DevRev when the write stays unclear (the error's description). */
	unsureAdvice?: string;
}

type Request = DeclarativeRestApiSettings.HttpRequestOptions;

/** One attempt's result: DevRev's answer, or no answer. */
type Outcome = { response: IN8nHttpFullResponse } | { error: unknown; code?: string };

/** What to do after an attempt. */
type Step = { done: IDataObject } | { retryInMs: number } | { fail: Error } | { unsure: string };

/** Retries spent so far in one call. */
interface Tries {
	rateLimited: number;
	failed: number;
	/** An attempt ended unclear: DevRev may have carried it out. */
	unclear: boolean;
}

/** One DevRev call under way: where it goes, what it sends, what it has spent. */
interface Call {
	context: RequestContext;
	session: Session;
	endpoint: Endpoint;
	http: IHttpRequestOptions;
	options: CallOptions;
	tries: Tries;
}

/**
 * Sends one DevRev call with the node's credential: a JSON body ('{}' at least, which n8n's
 * helpers would otherwise drop), paced within the token's rate limit, retried where that is
 * safe, stopped when the execution is, and DevRev's errors mapped for users.
 */
export async function devRevRequest(
	context: RequestContext,
	request: Request,
	options: CallOptions = {},
): Promise<IDataObject> {
	const session = await readSession(context);
	const endpoint = endpointOf(request.url ?? '');
	const http = httpOptions(context, session, request, endpoint);
	const tries: Tries = { rateLimited: 0, failed: 0, unclear: false };
	const call: Call = { context, session, endpoint, http, options, tries };
	for (;;) {
		const step = judge(call, await attempt(call));
		if ('done' in step) return step.done;
		if ('fail' in step) {
			throw redactError(asNodeError(context.getNode(), step.fail), session.apiToken);
		}
		if ('retryInMs' in step) {
			await stoppable(context, pause(step.retryInMs, cancelSignalOf(context)));
			continue;
		}
		const found = await findOut(call, step.unsure);
		if (found) return found;
	}
}

/**
 * After an unclear answer to a write that is never resent blindly: DevRev's answer for what
 * exists, or undefined to send again where the caller found that safe; else it fails, saying so.
 */
async function findOut(call: Call, answer: string): Promise<IDataObject | undefined> {
	const { context, options, tries, http } = call;
	const found = await options.ifUnsure?.(context, JSON.parse(String(http.body)) as IDataObject);
	if (found === 'resend' && tries.failed < RETRY_POLICY.serverErrorRetries) {
		tries.failed++;
		return undefined;
	}
	if (found && found !== 'resend') return found;
	const what = { url: http.url, answer, check: options.unsureAdvice };
	throw unsureWriteError(context.getNode(), what, itemIndexOf(context));
}

function httpOptions(
	context: RequestContext,
	session: Session,
	request: Request,
	endpoint: Endpoint,
): IHttpRequestOptions {
	return {
		...request,
		url: request.url ?? '',
		baseURL: session.baseUrl,
		headers: {
			...request.headers,
			...scopeHeaders(endpoint, (request.body ?? {}) as IDataObject),
			Accept: 'application/json',
			'Content-Type': 'application/json',
		},
		body: JSON.stringify(request.body ?? {}),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		abortSignal: cancelSignalOf(context),
	} as IHttpRequestOptions;
}

/** Turns a stop into the node's "stopped" error; other failures pass. */
async function stoppable<T>(context: RequestContext, wait: Promise<T>): Promise<T> {
	try {
		return await wait;
	} catch (error) {
		const itemIndex = itemIndexOf(context);
		if (cancelSignalOf(context)?.aborted) throw cancelledError(context.getNode(), itemIndex);
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

/** Waits for the pacing, sends once; no call starts after the execution is stopped. */
async function attempt({ context, session, http }: Call): Promise<Outcome> {
	const stopped = () => cancelledError(context.getNode(), itemIndexOf(context));
	const admission = await stoppable(context, admit(session.pacing, cancelSignalOf(context)));
	let response: IN8nHttpFullResponse | undefined;
	try {
		if (cancelSignalOf(context)?.aborted) throw stopped();
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_NAME,
			http,
			{ credentialsDecrypted: session.credential },
		)) as IN8nHttpFullResponse;
		return { response };
	} catch (error) {
		if (cancelSignalOf(context)?.aborted) throw stopped();
		return { error, code: networkCode(error) };
	} finally {
		admission.end(response);
	}
}

/** Decides on one attempt's outcome: the answer, a retry after a wait, a failure, or unclear. */
function judge(call: Call, outcome: Outcome): Step {
	if ('error' in outcome) return judgeNoAnswer(call, outcome);
	const { context, session, endpoint, tries, http } = call;
	const { statusCode, headers, body } = outcome.response;
	if (statusCode >= 200 && statusCode < 300) return jsonAnswer(context, body);
	if (statusCode === 429) {
		const seconds = retryAfterSeconds(headers as IDataObject, body);
		const allowed = seconds <= session.pacing.settings.maxWaitSeconds;
		if (allowed && tries.rateLimited < RETRY_POLICY.rateLimitRetries) {
			tries.rateLimited++;
			return { retryInMs: seconds * 1000 };
		}
	}
	if (statusCode === 404 && endpoint.deletes && tries.unclear) return { done: {} };
	if (isRetriedServerStatus(statusCode)) {
		const unclear = afterUnclearAttempt(call, `DevRev answered HTTP ${statusCode}`);
		if (unclear) return unclear;
	}
	const requestBody = JSON.parse(String(http.body)) as IDataObject;
	const failed = { statusCode, body: redact(body, session.apiToken), requestBody };
	return { fail: answerError(context.getNode(), failed, itemIndexOf(context)) };
}

function judgeNoAnswer(call: Call, outcome: { error: unknown; code?: string }): Step {
	// n8n's own refusal of the request (e.g. a domain the credential may not reach) stands as it is.
	if (outcome.error instanceof NodeOperationError) return { fail: outcome.error };
	const failure = networkFailure(outcome.code);
	if (failure === 'dropped' || (failure === 'timed out' && call.endpoint.resend === 'check')) {
		const unclear = afterUnclearAttempt(call, 'the connection was lost');
		if (unclear) return unclear;
	}
	const timeoutMs = Number(call.http.timeout ?? 0);
	const details = { ...outcome, baseUrl: call.session.baseUrl, timeoutMs };
	return { fail: networkError(call.context.getNode(), details, itemIndexOf(call.context)) };
}

/** After an attempt DevRev may have carried out: a backoff and a resend where safe, else unclear. */
function afterUnclearAttempt({ endpoint, tries }: Call, answer: string): Step | undefined {
	tries.unclear = true;
	if (endpoint.resend === 'check') return { unsure: answer };
	if (tries.failed >= RETRY_POLICY.serverErrorRetries) return undefined;
	return { retryInMs: backoffMs(tries.failed++) };
}

function jsonAnswer(context: RequestContext, body: unknown): Step {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		return { done: body as IDataObject };
	}
	if (body === undefined || body === null || body === '') return { done: {} };
	const description = String(body).slice(0, 300);
	const message = 'DevRev answered with a body that is not JSON';
	const itemIndex = itemIndexOf(context);
	return { fail: nodeError(context.getNode(), message, { itemIndex, description }) };
}
