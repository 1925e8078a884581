import { createHmac, randomInt, timingSafeEqual } from 'crypto';

/**
 * DevRev signs every request it sends to a webhook (events and the verify request alike) in the
 * header X-DevRev-Signature: an HMAC-SHA256 of the raw request body keyed with the webhook's
 * secret. DevRev does not document the digest's encoding; its own example (devrev/examples,
 * webhooks/main.go) keys the HMAC with the secret string as returned and compares the lowercase
 * hex digest. Accepted here: the hex digest (any case) and the base64 (or base64url) digest, an
 * optional `sha256=` prefix, and the key as the secret's text or, when the secret is base64, as
 * its decoded bytes. The header is decoded to the 32 digest bytes first, so every form is
 * compared the same way, in constant time.
 */
export const SIGNATURE_HEADER = 'x-devrev-signature';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new webhook secret: 32 random letters and digits (about 190 bits). DevRev wants 8 to 32
 * bytes in a field of format `byte`; this is 32 bytes as text and valid base64 (24 bytes
 * decoded), so it satisfies either reading.
 */
export function newSecret(): string {
	let secret = '';
	for (let i = 0; i < 32; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
	return secret;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;

/** The 32 bytes a header stands for, or undefined when it is no SHA-256 digest. */
function digestBytes(header: string): Buffer | undefined {
	const value = header.trim().replace(/^sha256=/i, '');
	if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
	if (!BASE64.test(value)) return undefined;
	const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
	return bytes.length === 32 ? bytes : undefined;
}

/** The keys a secret may stand for: its text, and its decoded bytes when it is base64. */
function keysOf(secret: string): Buffer[] {
	const keys = [Buffer.from(secret, 'utf8')];
	if (/^[A-Za-z0-9+/]+={0,2}$/.test(secret) && secret.length % 4 === 0) {
		const decoded = Buffer.from(secret, 'base64');
		if (decoded.length > 0 && !decoded.equals(keys[0])) keys.push(decoded);
	}
	return keys;
}

/**
 * Which of the secrets signed this body, or undefined when none did (or the header is missing or
 * malformed).
 */
export function signingSecret(
	rawBody: Buffer,
	header: unknown,
	secrets: string[],
): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value === '') return undefined;
	const given = digestBytes(value);
	if (!given) return undefined;
	for (const secret of secrets) {
		for (const key of keysOf(secret)) {
			const expected = createHmac('sha256', key).update(rawBody).digest();
			if (timingSafeEqual(expected, given)) return secret;
		}
	}
	return undefined;
}
