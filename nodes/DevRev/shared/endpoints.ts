/**
 * DevRev operations that are absent from its public (GA) API and exist only in the beta API.
 * DevRev serves them only to calls that carry `X-Devrev-Scope: beta`; every call goes through
 * devRevRequest, which asks here, so an operation cannot forget the header. A test holds this
 * list to DevRev's specs (every endpoint the node calls is in the public spec or in this list).
 */
const BETA_ONLY_ENDPOINTS = new Set([
	'/rev-users.link',
	'/rev-users.unlink',
	'/rev-users.associations.list',
	'/rev-users.associations.add',
	'/rev-users.associations.remove',
	'/search.core',
]);

export const BETA_SCOPE_HEADER = 'X-Devrev-Scope';

export function isBetaOnly(url: string): boolean {
	return BETA_ONLY_ENDPOINTS.has(url);
}

/** The headers that select DevRev's API for this endpoint: beta scope for beta-only ones, none for GA. */
export function scopeHeaders(url: string): Record<string, string> {
	return isBetaOnly(url) ? { [BETA_SCOPE_HEADER]: 'beta' } : {};
}

export const betaOnlyEndpoints = (): string[] => [...BETA_ONLY_ENDPOINTS];
