/**
 * What the trigger keeps in this n8n process's memory, per trigger node (workflow ID + the node's
 * webhook ID): the secrets of the DevRev webhooks it registered, and the IDs of the events it
 * recently started an execution for.
 *
 * Why not the workflow's static data, where the webhook's ID and secret are also kept:
 * - Secrets: DevRev sends its verify request while webhooks.create is still answering, and n8n
 *   saves static data only after every trigger of the workflow is activated (in test mode it
 *   attaches it to the listening session afterwards). The secret is remembered here before the
 *   create call, so the verify request can be checked against it.
 * - Event IDs: n8n 2.41 drops static data written in webhook() whenever that call starts an
 *   execution (the execution's own copy of the workflow resets the change flag before n8n saves
 *   it), and concurrent deliveries each read their own copy from the database. So static data
 *   can neither remember a delivered event nor tell two concurrent deliveries of it apart. This
 *   memory can: webhook() checks and records an ID in one synchronous step.
 * The cost: the memory is per process. After an n8n restart, a retry of an event delivered just
 * before it runs again; with several main or webhook processes, each remembers only what it
 * received itself.
 */

/** How long an event ID is remembered: beyond DevRev's last retry (3.5 minutes after the first try). */
export const EVENT_MEMORY_MS = 15 * 60 * 1000;

/** Event IDs remembered at most, over all trigger nodes of the process (oldest forgotten first). */
export const EVENT_MEMORY_SIZE = 100_000;

/** Secrets remembered at most per trigger node (oldest forgotten first). */
const SECRETS_PER_NODE = 8;

interface KnownSecret {
	secret: string;
	/** The DevRev webhook it belongs to; unknown while webhooks.create has not answered. */
	webhookId?: string;
}

const secretsOfNode = new Map<string, KnownSecret[]>();

/** Event key -> when it may be forgotten. A Map keeps insertion order, which is expiry order here. */
const recentEvents = new Map<string, number>();

/** The key of a trigger node: its workflow and its webhook ID (or name, for nodes without one). */
export function nodeKey(
	workflowId: string | undefined,
	node: { webhookId?: string; name: string },
): string {
	return `${workflowId ?? ''}\n${node.webhookId ?? node.name}`;
}

export function rememberSecret(key: string, secret: string, webhookId?: string): void {
	const known = (secretsOfNode.get(key) ?? []).filter((entry) => entry.secret !== secret);
	known.push({ secret, webhookId });
	secretsOfNode.set(key, known.slice(-SECRETS_PER_NODE));
}

export function knownSecrets(key: string): string[] {
	return (secretsOfNode.get(key) ?? []).map((entry) => entry.secret);
}

/** Forgets the secret of a deleted webhook. */
export function forgetSecret(key: string, webhookId: string | undefined, secret?: string): void {
	const known = (secretsOfNode.get(key) ?? []).filter(
		(entry) =>
			!(webhookId !== undefined && entry.webhookId === webhookId) && entry.secret !== secret,
	);
	if (known.length) secretsOfNode.set(key, known);
	else secretsOfNode.delete(key);
}

/**
 * Records a delivered event; false when it was seen within EVENT_MEMORY_MS (a duplicate or a
 * retry). Synchronous, so of two concurrent deliveries exactly one gets true.
 */
export function firstDelivery(key: string, eventId: string, now = Date.now()): boolean {
	for (const [seen, expiry] of recentEvents) {
		if (expiry > now && recentEvents.size < EVENT_MEMORY_SIZE) break;
		recentEvents.delete(seen);
	}
	const eventKey = `${key}\n${eventId}`;
	const expiry = recentEvents.get(eventKey);
	if (expiry !== undefined && expiry > now) return false;
	recentEvents.set(eventKey, now + EVENT_MEMORY_MS);
	return true;
}
