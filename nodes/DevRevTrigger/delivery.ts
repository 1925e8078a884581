import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { firstDelivery, knownSecrets, nodeKey } from './memory';
import { objectKeyOf } from './events';
import { selectedEvents } from './registration';
import { SIGNATURE_HEADER, signingSecret } from './signature';

/** The parts of n8n's (express) request and response the trigger uses. */
interface RawRequest {
	rawBody?: Buffer | string;
	readRawBody?: () => Promise<void>;
	headers: Record<string, string | string[] | undefined>;
}
interface Response {
	status(code: number): { json(body: unknown): unknown };
}

export const DEFAULT_MAX_EVENT_AGE_SECONDS = 300;

/** Answers without starting anything: 401 and why (never which secret or what was expected). */
function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	(context.getResponseObject() as Response).status(status).json({ message });
	context.logger.warn(`DevRev Trigger refused a request: ${message}`, {
		node: context.getNode().name,
		workflowId: context.getWorkflow().id,
	});
	return { noWebhookResponse: true };
}

async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer> {
	const req = context.getRequestObject() as RawRequest;
	if (req.rawBody === undefined && req.readRawBody) await req.readRawBody();
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	return Buffer.from(typeof req.rawBody === 'string' ? req.rawBody : '', 'utf8');
}

function parseEvent(rawBody: Buffer): IDataObject | undefined {
	try {
		const parsed: unknown = JSON.parse(rawBody.toString('utf8'));
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/** The secrets of this node's webhooks: the stored one, and those this process registered. */
function secretsOf(context: IWebhookFunctions): string[] {
	const stored = (context.getWorkflowStaticData('node') as IDataObject).webhookSecret;
	const remembered = knownSecrets(nodeKey(context.getWorkflow().id, context.getNode()));
	return [...new Set([...(typeof stored === 'string' && stored ? [stored] : []), ...remembered])];
}

/** The item of an event: its header fields, then DevRev's payload keys (object, old object, id). */
export function eventItem(event: IDataObject, objectOnly: boolean): IDataObject {
	const type = String(event.type);
	const payload = (
		event[type] && typeof event[type] === 'object' ? event[type] : {}
	) as IDataObject;
	if (objectOnly) {
		const key = objectKeyOf(type);
		const object = key ? (payload[key] ?? payload[`old_${key}`]) : undefined;
		if (object && typeof object === 'object' && !Array.isArray(object))
			return object as IDataObject;
		if (key && typeof payload.id === 'string') return { id: payload.id };
		return payload;
	}
	return {
		event: type,
		event_id: event.id,
		timestamp: event.timestamp,
		webhook_id: event.webhook_id,
		...payload,
	};
}

/**
 * A request from DevRev to the trigger's URL. Nothing runs unless the request is signed with a
 * secret of this node's webhook, its timestamp is recent, its type is one of the selected
 * events and its event ID was not delivered before; n8n answers as soon as it has started the
 * execution (responseMode onReceived), not when the workflow ends (DevRev waits 3 seconds).
 * - verify: echoes the challenge (200 {"challenge"}), never starts an execution. Its signature
 *   is checked whenever a secret is known; only a verify that arrives in a process that has none
 *   (another n8n process than the one registering, before the secret is saved) is answered
 *   unchecked, which lets DevRev activate the webhook and nothing else.
 * - an unsigned, forged or stale request: 401, nothing runs.
 * - a duplicate, or an event type not selected: 200, nothing runs.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = await rawBodyOf(this);
	// The event is read from the very bytes the signature covers, whatever content type they came with.
	const event = parseEvent(rawBody);
	if (!event) return refuse(this, 400, 'The request body is not a JSON object');
	const header = this.getHeaderData()[SIGNATURE_HEADER];
	const secrets = secretsOf(this);
	const signed = secrets.length > 0 && signingSecret(rawBody, header, secrets) !== undefined;

	if (event.type === 'verify') {
		if (secrets.length > 0 && !signed)
			return refuse(this, 401, 'Invalid or missing X-DevRev-Signature');
		const challenge = (event.verify as IDataObject | undefined)?.challenge;
		if (typeof challenge !== 'string' || challenge === '')
			return refuse(this, 400, 'The verify request has no challenge');
		return { webhookResponse: { challenge } };
	}
	if (secrets.length === 0) {
		return refuse(
			this,
			401,
			'No webhook secret is stored for this trigger: publish the workflow again to register the webhook',
		);
	}
	if (!signed) return refuse(this, 401, 'Invalid or missing X-DevRev-Signature');

	const maxAge = Number(
		this.getNodeParameter('options.maxEventAge', DEFAULT_MAX_EVENT_AGE_SECONDS),
	);
	const sent = Date.parse(String(event.timestamp ?? ''));
	if (!Number.isFinite(sent)) return refuse(this, 401, 'The event has no valid timestamp');
	if (Math.abs(Date.now() - sent) > maxAge * 1000) {
		return refuse(
			this,
			401,
			`Stale event: its timestamp ${String(event.timestamp)} is more than ${maxAge} s from now`,
		);
	}
	if (typeof event.id !== 'string' || event.id === '')
		return refuse(this, 400, 'The event has no ID');

	if (!selectedEvents(this).includes(String(event.type))) return {};
	if (!firstDelivery(nodeKey(this.getWorkflow().id, this.getNode()), event.id)) {
		this.logger.debug(`DevRev Trigger: event ${event.id} was delivered before; not run again`, {
			node: this.getNode().name,
		});
		return {};
	}
	const objectOnly = this.getNodeParameter('options.objectOnly', false) === true;
	return { workflowData: [this.helpers.returnJsonArray([eventItem(event, objectOnly)])] };
}
