import type { IDataObject, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redact } from './redact';

/**
 * Every error the package shows goes through here: DevRev's refusals (answerError), network
 * failures (networkError), writes whose outcome is unknown (unsureWriteError), a stopped
 * execution (cancelledError), the node's own checks (nodeError, inputError in validate.ts), and
 * anything else, wrapped once by asNodeError. With Continue On Fail each becomes errorItem.
 */

/** Plain sentences for DevRev error types that come without a message. */
const TYPE_SENTENCES: Record<string, string> = {
	bad_request: 'DevRev rejected the request as invalid',
	invalid_field: 'DevRev rejected a field of the request',
	invalid_id: 'DevRev rejected an ID of the request',
	missing_required_field: 'A field DevRev requires is missing',
	parse_error: 'DevRev could not parse the request',
	invalid_enum_value: 'A field has a value DevRev does not allow',
	unauthenticated: 'DevRev did not accept the API token',
	forbidden: 'The token is not allowed to do this in DevRev',
	not_found: 'DevRev could not find the requested object',
	too_many_requests: 'DevRev rate limit reached',
	internal_error: 'DevRev had an internal error',
	service_unavailable: 'DevRev is unavailable right now',
};

/** The error type an HTTP status stands for, when DevRev's body names none. */
const STATUS_TYPES: Record<number, string> = {
	400: 'bad_request',
	401: 'unauthenticated',
	403: 'forbidden',
	404: 'not_found',
	429: 'too_many_requests',
};

const DETAIL_FIELDS = [
	'type',
	'detail',
	'field_name',
	'allowed_values',
	'reference_id',
	'retry_after',
];
const ID_FIELDS = ['id', 'rev_org', 'rev_user_id', 'user_don', 'rev_org_don', 'object'];

/** A DevRev answer that is not a success, with the body the node sent. */
export interface FailedCall {
	statusCode: number;
	body: unknown;
	requestBody: IDataObject;
}

/** Network failures that happen before a request leaves: nothing reached DevRev. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

export type NetworkFailure = 'not sent' | 'dropped' | 'timed out' | 'unknown';

/** The error code of a failed request (Node's, axios', or n8n 1.x's httpCode). */
export function networkCode(error: unknown): string | undefined {
	for (const candidate of [error, (error as { cause?: unknown })?.cause]) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string') return code;
	}
	const httpCode = (error as { httpCode?: unknown })?.httpCode;
	if (typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode)) return httpCode;
	const message = String((error as Error)?.message ?? '');
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	if (/timeout/i.test(message)) return 'ECONNABORTED';
	return undefined;
}

/** Whether the request may have reached DevRev before the failure. */
export function networkFailure(code: string | undefined): NetworkFailure {
	if (code && NOT_SENT.has(code)) return 'not sent';
	if (code && DROPPED.has(code)) return 'dropped';
	if (code && TIMED_OUT.has(code)) return 'timed out';
	return 'unknown';
}

function describeValue(value: unknown): string {
	return Array.isArray(value)
		? value.join(', ')
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);
}

function hints(statusCode: number, requestBody: IDataObject): string[] {
	if (statusCode === 401) {
		return [
			'The API token is invalid or expired: open the DevRev API credential of this node and enter a valid token.',
		];
	}
	if (statusCode === 403) {
		return ['The token is valid but its user lacks the permission for this call in DevRev.'];
	}
	if (statusCode === 404) {
		const ids = ID_FIELDS.filter((field) => typeof requestBody[field] === 'string').map(
			(field) => `${field} = ${requestBody[field] as string}`,
		);
		const sent = ids.length ? ` with ${ids.join('; ')}` : '';
		return [`DevRev found no object${sent}: check the ID, or pick it from the list.`];
	}
	return [];
}

/**
 * An error of the node's own making: bad input checked before any request, a host it cannot
 * reach, an answer it cannot read. n8n's RoutingNode re-wraps every error that is not a
 * NodeApiError as an API error with "Error code: none", which the editor shows under "From
 * DevRev" as if DevRev had refused the call; a NodeApiError without an HTTP code passes through
 * untouched and reads as the node's own message. Keep network codes such as ECONNRESET out of
 * `message`: n8n replaces messages that contain them with canned texts (put them in `description`).
 */
export function nodeError(
	node: INode,
	message: string,
	options: { itemIndex?: number; description?: string } = {},
): NodeApiError {
	return new NodeApiError(
		node,
		{},
		{ message, description: options.description, itemIndex: options.itemIndex },
	);
}

function answerMessage(call: FailedCall, body: IDataObject): string {
	const type = typeof body.type === 'string' ? body.type : undefined;
	if (typeof body.message === 'string' && body.message.trim() !== '') return body.message;
	if (type && TYPE_SENTENCES[type]) return TYPE_SENTENCES[type];
	if (typeof call.body === 'string' && call.body.trim() !== '') {
		return `DevRev answered HTTP ${call.statusCode} with a body that is not JSON`;
	}
	return TYPE_SENTENCES[STATUS_TYPES[call.statusCode]] ?? `DevRev answered HTTP ${call.statusCode}`;
}

/** Turns a non-2xx DevRev answer into the NodeApiError users see, keeping the HTTP code. */
export function answerError(node: INode, call: FailedCall, itemIndex: number): NodeApiError {
	const { statusCode, requestBody } = call;
	const body: IDataObject =
		call.body && typeof call.body === 'object' && !Array.isArray(call.body)
			? (call.body as IDataObject)
			: {};
	const devRev: IDataObject = {};
	for (const field of DETAIL_FIELDS) if (body[field] !== undefined) devRev[field] = body[field];
	const details = Object.entries(devRev).map(
		([field, value]) => `${field}: ${describeValue(value)}`,
	);
	if (typeof call.body === 'string' && call.body.trim() !== '') {
		details.push(`body: ${call.body.trim().slice(0, 300)}`);
	}
	const description = [...hints(statusCode, requestBody), ...details].join('\n') || undefined;
	const error = new NodeApiError(node, body as JsonObject, {
		message: answerMessage(call, body),
		description,
		httpCode: String(statusCode),
		itemIndex,
	});
	error.context.devRev = devRev;
	return error;
}

/** A request that got no answer: the host, the connection or the time ran out. */
export function networkError(
	node: INode,
	failure: { error: unknown; code?: string; baseUrl: string; timeoutMs: number },
	itemIndex: number,
): NodeApiError {
	const { code, baseUrl } = failure;
	const advice =
		'Check the Base URL of the DevRev API credential and your network, then try again.';
	let message: string;
	let cause = code ? `Network error code: ${code}. ` : '';
	if (code && TIMED_OUT.has(code)) {
		message = `DevRev did not answer within ${Number((failure.timeoutMs / 1000).toFixed(1))} seconds`;
	} else if (code === 'ECONNREFUSED') {
		message = `Could not connect to DevRev at ${baseUrl}: the connection was refused`;
	} else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		message = `Could not find the DevRev host of ${baseUrl}`;
	} else if (code && DROPPED.has(code)) {
		message = 'DevRev closed the connection before answering';
	} else {
		message = `Could not reach DevRev at ${baseUrl}`;
		cause = `${(failure.error as Error)?.message ?? String(failure.error)}. `;
	}
	return nodeError(node, message, { itemIndex, description: `${cause}${advice}` });
}

/**
 * A write DevRev may or may not have carried out (5xx after it was sent, a connection lost
 * mid-request) that the node could not confirm and did not send again.
 */
export function unsureWriteError(
	node: INode,
	what: { url: string; answer: string; check?: string },
	itemIndex: number,
): NodeApiError {
	return nodeError(
		node,
		`DevRev may have carried out ${what.url.slice(1)}: ${what.answer} after the request was sent, so it was not sent again`,
		{
			itemIndex,
			description:
				what.check ??
				'DevRev has no way to send a write twice safely. Check in DevRev whether it was done before running this item again.',
		},
	);
}

export function cancelledError(node: INode, itemIndex: number): NodeApiError {
	return nodeError(node, 'The execution was stopped', { itemIndex });
}

/**
 * The one wrapper: n8n's errors pass as they are; anything else (a bug, not DevRev) is shown as
 * the node's own error rather than re-wrapped by n8n as "From DevRev".
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return nodeError(node, (error as Error)?.message ?? String(error), { itemIndex });
}

/** The token never shows: not in the message, not in the description. */
export function redactError<T extends NodeApiError | NodeOperationError>(
	error: T,
	secret: string,
): T {
	error.message = redact(error.message, secret);
	if (error.description) error.description = redact(error.description, secret);
	return error;
}

/**
 * The item Continue On Fail puts out for a failed input item, whatever failed: `error` (the
 * message) and `details` (its description, DevRev's HTTP code and error fields). Only these
 * keys, so n8n's error output recognises it as an error item.
 */
export function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	Object.assign(details, (error.context.devRev as IDataObject) ?? {});
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}
