import type { IDataObject, INode, JsonObject, NodeOperationError } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

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
const ID_FIELDS = ['id', 'rev_org', 'rev_user_id', 'user_don', 'rev_org_don'];

export interface FailedCall {
	statusCode: number;
	body: unknown;
	requestBody: IDataObject;
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
		return ids.length ? [`IDs sent: ${ids.join('; ')}`] : [];
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

/** Turns a non-2xx DevRev answer into the NodeApiError users see, keeping the HTTP code. */
export function devRevApiError(node: INode, call: FailedCall, itemIndex: number): NodeApiError {
	const { statusCode, requestBody } = call;
	const body: IDataObject =
		call.body && typeof call.body === 'object' && !Array.isArray(call.body)
			? (call.body as IDataObject)
			: {};
	const type = typeof body.type === 'string' ? body.type : undefined;
	let message: string;
	if (typeof body.message === 'string' && body.message.trim() !== '') {
		message = body.message;
	} else if (type && TYPE_SENTENCES[type]) {
		message = TYPE_SENTENCES[type];
	} else if (typeof call.body === 'string' && call.body.trim() !== '') {
		message = `DevRev answered HTTP ${statusCode} with a body that is not JSON`;
	} else {
		message = TYPE_SENTENCES[STATUS_TYPES[statusCode]] ?? `DevRev answered HTTP ${statusCode}`;
	}
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
		message,
		description,
		httpCode: String(statusCode),
		itemIndex,
	});
	error.context.devRev = devRev;
	return error;
}

/**
 * The json of the error item Continue On Fail puts out for a failed call. Only `error` and
 * `details` keys, so n8n's error output still recognises it as an error item; an item carrying
 * the error object itself would have its json replaced by n8n with the bare message.
 */
export function errorItemJson(error: NodeApiError | NodeOperationError): IDataObject {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	return {
		error: error.message,
		details: { ...details, ...((error.context.devRev as IDataObject) ?? {}) },
	};
}
