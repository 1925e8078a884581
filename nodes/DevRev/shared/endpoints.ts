/**
 * Every DevRev endpoint the package calls, and the two facts the transport needs of each:
 * - `beta`: absent from DevRev's public (GA) API, served only to calls with `X-Devrev-Scope: beta`;
 * - `resend`: whether a call may be sent again after an answer that leaves open whether DevRev
 *   carried it out (a 5xx after it was sent, a connection dropped or timed out mid-request).
 *   `safe`: reads, updates with the same values and deletes (a second delete answers 404, taken
 *   as done). `check`: creates and membership changes; DevRev has no idempotency key, so such a
 *   call is never resent blindly: the caller finds out first (see CallOptions.ifUnsure).
 * devRevRequest refuses a URL that is not listed, so a new call cannot skip these decisions.
 * A test holds the table to DevRev's specs.
 */
export interface Endpoint {
	beta?: true;
	resend: 'safe' | 'check';
	/** A delete: a 404 to a resend after an unclear first attempt means the first one deleted it. */
	deletes?: true;
}

const read: Endpoint = { resend: 'safe' };
const betaRead: Endpoint = { beta: true, resend: 'safe' };
const write: Endpoint = { resend: 'check' };
const betaWrite: Endpoint = { beta: true, resend: 'check' };
const remove: Endpoint = { resend: 'safe', deletes: true };

const ENDPOINTS: Record<string, Endpoint> = {
	'/accounts.create': write,
	'/accounts.delete': remove,
	'/accounts.get': read,
	'/accounts.list': read,
	'/accounts.update': read,
	'/auth-tokens.info': read,
	'/rev-orgs.get': read,
	'/rev-orgs.list': read,
	'/rev-users.associations.add': betaWrite,
	'/rev-users.associations.list': betaRead,
	'/rev-users.associations.remove': betaWrite,
	'/rev-users.create': write,
	'/rev-users.delete': remove,
	'/rev-users.get': read,
	'/rev-users.link': betaWrite,
	'/rev-users.list': read,
	'/rev-users.scan': read,
	'/rev-users.unlink': betaWrite,
	'/rev-users.update': read,
	'/search.core': betaRead,
	'/sys-users.list': read,
	'/webhooks.create': write,
	'/webhooks.delete': remove,
	'/webhooks.get': read,
	'/webhooks.list': read,
	'/webhooks.update': read,
	'/works.list': read,
};

export const BETA_SCOPE_HEADER = 'X-Devrev-Scope';

/** The endpoint's entry; a URL missing from the table is a defect of the package, caught at once. */
export function endpointOf(url: string): Endpoint {
	const endpoint = ENDPOINTS[url];
	if (!endpoint)
		throw new Error(`DevRev endpoint ${url} is not in the endpoint table (shared/endpoints.ts)`);
	return endpoint;
}

/** The headers that select DevRev's API for this endpoint: beta scope for beta-only ones, none for GA. */
export function scopeHeaders(endpoint: Endpoint): Record<string, string> {
	return endpoint.beta ? { [BETA_SCOPE_HEADER]: 'beta' } : {};
}

export const endpointTable = (): Record<string, Endpoint> => ({ ...ENDPOINTS });

export const betaOnlyEndpoints = (): string[] =>
	Object.keys(ENDPOINTS).filter((url) => ENDPOINTS[url].beta);
