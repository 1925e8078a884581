import type { IDataObject } from 'n8n-workflow';

/**
 * How the node rides out DevRev's rate limit and transient failures (documented in the README).
 * 429: wait what DevRev asks (Retry-After header, else body retry_after), at most the operation's
 * Rate Limit › Max Wait per wait and RATE_LIMIT_RETRIES times. 500/502/503/504 and dropped
 * connections: exponential backoff with jitter, SERVER_ERROR_RETRIES times. Other 4xx: never.
 */
export const RETRY_POLICY = {
	rateLimitRetries: 5,
	defaultRetryAfterSeconds: 5,
	serverErrorRetries: 4,
	backoffBaseMs: 500,
	backoffMaxMs: 8_000,
} as const;

const RETRIED_STATUS = new Set([500, 502, 503, 504]);

export function isRetriedServerStatus(statusCode: number): boolean {
	return RETRIED_STATUS.has(statusCode);
}

function parseSeconds(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Seconds DevRev asks to wait: the Retry-After header first, then the body's retry_after. */
export function retryAfterSeconds(headers: IDataObject | undefined, body: unknown): number {
	const header = headers?.['retry-after'] ?? headers?.['Retry-After'];
	const fromBody = body && typeof body === 'object' ? (body as IDataObject).retry_after : undefined;
	return parseSeconds(header) ?? parseSeconds(fromBody) ?? RETRY_POLICY.defaultRetryAfterSeconds;
}

/** Full-jitter exponential backoff: a random wait in [half, all] of base * 2^attempt, capped. */
export function backoffMs(attempt: number): number {
	const ceiling = Math.min(RETRY_POLICY.backoffMaxMs, RETRY_POLICY.backoffBaseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
