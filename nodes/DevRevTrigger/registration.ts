import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { CallOptions } from '../DevRev/shared/transport';
import { devRevRequest } from '../DevRev/shared/transport';
import { asNodeError, nodeError } from '../DevRev/shared/errors';
import { forgetSecret, nodeKey, rememberSecret } from './memory';
import { newSecret } from './signature';

/**
 * The DevRev webhook behind a trigger node, through DevRev's GA webhooks.* endpoints. The
 * workflow's static data (`node` scope) keeps its ID, secret, URL and event types; n8n saves
 * what create() and delete() write there.
 */
interface DevRevWebhook {
	id: string;
	url: string;
	secret?: string;
	status?: string;
	event_types?: string[];
}

interface StoredWebhook extends IDataObject {
	webhookId?: string;
	webhookSecret?: string;
	webhookUrl?: string;
	webhookEvents?: string[];
}

function storedWebhook(context: IHookFunctions): StoredWebhook {
	return context.getWorkflowStaticData('node') as StoredWebhook;
}

function keyOf(context: IHookFunctions): string {
	return nodeKey(context.getWorkflow().id, context.getNode());
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw nodeError(context.getNode(), 'n8n gave this trigger no webhook URL');
	return url;
}

/** The selected event types (Events and More Events), sorted, without repeats. */
export function selectedEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	const chosen = ['events', 'moreEvents'].flatMap(
		(name) => context.getNodeParameter(name, []) as string[],
	);
	return [...new Set(chosen)].sort();
}

/** The selected events, at least one, for DevRev's webhook. */
function eventsToRegister(context: IHookFunctions): string[] {
	const events = selectedEvents(context);
	if (events.length === 0) {
		throw nodeError(context.getNode(), 'Events: pick at least one event', {
			description: 'DevRev sends a webhook only the event types it was registered for.',
		});
	}
	return events;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

async function call(
	context: IHookFunctions,
	endpoint: string,
	body: IDataObject,
	options?: CallOptions,
): Promise<IDataObject> {
	const request = { method: 'POST' as const, url: `/webhooks.${endpoint}`, body };
	return await devRevRequest(context, request, options);
}

/** The webhook with this ID, or undefined when DevRev no longer has it. */
async function getWebhook(context: IHookFunctions, id: string): Promise<DevRevWebhook | undefined> {
	try {
		return (await call(context, 'get', { id })).webhook as unknown as DevRevWebhook;
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asNodeError(context.getNode(), error);
	}
}

async function webhooksAt(context: IHookFunctions, url: string): Promise<DevRevWebhook[]> {
	const { webhooks } = await call(context, 'list', {});
	return ((webhooks ?? []) as unknown as DevRevWebhook[]).filter((webhook) => webhook.url === url);
}

/** Deletes a webhook; one DevRev no longer has counts as deleted. */
async function deleteWebhook(context: IHookFunctions, id: string): Promise<void> {
	try {
		await call(context, 'delete', { id });
	} catch (error) {
		if (!isNotFound(error)) throw asNodeError(context.getNode(), error);
		context.logger.debug(`DevRev webhook ${id} was already gone`, { node: context.getNode().name });
	}
}

function store(
	context: IHookFunctions,
	webhook: DevRevWebhook,
	secret: string,
	events: string[],
): void {
	const data = storedWebhook(context);
	data.webhookId = webhook.id;
	data.webhookSecret = secret;
	data.webhookUrl = webhook.url;
	data.webhookEvents = events;
	rememberSecret(keyOf(context), secret, webhook.id);
}

function clear(context: IHookFunctions): void {
	const data = storedWebhook(context);
	delete data.webhookId;
	delete data.webhookSecret;
	delete data.webhookUrl;
	delete data.webhookEvents;
}

/**
 * Whether DevRev already has this trigger's webhook: the stored ID (webhooks.get), else one
 * registered at this node's URL (webhooks.list), so a restart or a lost static data never
 * registers a second one; further webhooks at the same URL are deleted. A webhook found is
 * brought up to date (event types, re-activated when inactive) and kept, unless it was never
 * verified: that one is deleted, and create() registers anew.
 */
export async function findWebhook(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl(this);
	const events = eventsToRegister(this);
	const data = storedWebhook(this);
	let webhook = data.webhookId ? await getWebhook(this, data.webhookId) : undefined;
	if (webhook && webhook.url !== url) {
		// Not this node's URL (n8n's URL changed, or the static data came with a copied workflow):
		// leave that webhook alone.
		this.logger.warn(
			`DevRev webhook ${webhook.id} points at ${webhook.url}, not at this trigger's ${url}; registering a new one`,
			{
				node: this.getNode().name,
			},
		);
		webhook = undefined;
	}
	if (!webhook) {
		const [first, ...extra] = await webhooksAt(this, url);
		for (const duplicate of extra) await deleteWebhook(this, duplicate.id);
		webhook = first;
	}
	if (webhook?.status === 'unverified') {
		// Never verified (n8n was not reachable, or did not answer): DevRev sends no events to it and
		// would not ask again; a new registration starts a new handshake.
		this.logger.info(`DevRev webhook ${webhook.id} was never verified; registering it anew`, {
			node: this.getNode().name,
		});
		await deleteWebhook(this, webhook.id);
		webhook = undefined;
	}
	if (!webhook) {
		clear(this);
		return false;
	}
	// The secret this node registered it with, else the one DevRev shows (both are remembered).
	const secret = (data.webhookId === webhook.id ? data.webhookSecret : undefined) || webhook.secret;
	if (webhook.secret && webhook.secret !== secret)
		rememberSecret(keyOf(this), webhook.secret, webhook.id);
	if (!secret) {
		// A webhook whose secret DevRev does not show: no delivery could be checked.
		await deleteWebhook(this, webhook.id);
		clear(this);
		return false;
	}
	const current = [...new Set(webhook.event_types ?? [])].sort();
	const update: IDataObject = {};
	if (current.join() !== events.join()) update.event_types = { set: events };
	if (webhook.status === 'inactive') update.action = 'activate';
	if (Object.keys(update).length) {
		webhook =
			((await call(this, 'update', { id: webhook.id, ...update }))
				.webhook as unknown as DevRevWebhook) ?? webhook;
	}
	store(this, webhook, secret, events);
	return true;
}

/**
 * Registers the webhook: this node's URL, the selected events and a new secret. The secret is
 * remembered before the call (DevRev's verify request may arrive before the answer), the ID and
 * secret are stored as soon as DevRev answers (if n8n's activation fails later, it calls
 * delete() with what is stored here).
 */
export async function registerWebhook(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl(this);
	const events = eventsToRegister(this);
	const secret = newSecret();
	rememberSecret(keyOf(this), secret);
	const body = { url, event_types: events, secret };
	const { webhook } = await call(this, 'create', body, {
		ifUnsure: async () => {
			const [found] = (await webhooksAt(this, url)).filter((hook) => hook.secret === secret);
			return found ? { webhook: found as unknown as IDataObject } : undefined;
		},
		unsureAdvice:
			'Publish the workflow again: n8n first looks for a webhook at its URL in DevRev and keeps it, so none is registered twice.',
	});
	store(this, webhook as unknown as DevRevWebhook, secret, events);
	return true;
}

/**
 * Deletes the webhook: the stored ID, or (when none is stored, e.g. create() failed before
 * DevRev answered) every webhook at this node's URL. One DevRev no longer has is fine.
 */
export async function unregisterWebhook(this: IHookFunctions): Promise<boolean> {
	const data = storedWebhook(this);
	const ids = data.webhookId
		? [data.webhookId]
		: (await webhooksAt(this, webhookUrl(this))).map((webhook) => webhook.id);
	for (const id of ids) {
		await deleteWebhook(this, id);
		forgetSecret(keyOf(this), id, data.webhookSecret);
	}
	clear(this);
	return true;
}
