/**
 * Shorter credentials are not secrets worth hiding (a DevRev token is a JWT of hundreds of
 * characters), while hiding them would garble ordinary words: a token "t" would turn "string" into
 * "s[redacted]ring". So only a secret of at least this length is replaced.
 */
export const MIN_REDACTED_LENGTH = 12;

/** Replaces every occurrence of the secret in strings nested anywhere in value. */
export function redact<T>(value: T, secret: string): T {
	if (!secret || secret.length < MIN_REDACTED_LENGTH) return value;
	if (typeof value === 'string') return value.split(secret).join('[redacted]') as T;
	if (Array.isArray(value)) return value.map((entry) => redact(entry, secret)) as T;
	if (value && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redact(entry, secret);
		return copy as T;
	}
	return value;
}
