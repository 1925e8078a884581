/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs on Node, never inside n8n */
/**
 * X-DevRev-Signature as the trigger reads it: the HMAC-SHA256 of the raw body, keyed with the
 * secret's text (DevRev's example) or its base64-decoded bytes, in hex or base64, compared in
 * constant time; and the secrets the trigger makes.
 */
import { createHmac } from 'node:crypto';

import { newSecret, signingSecret } from '../../nodes/DevRevTrigger/signature';

const body = Buffer.from('{"id":"e1","type":"rev_user_created"}');
const hmac = (key: string | Buffer, data: Buffer = body) => createHmac('sha256', key).update(data);

describe('DevRev Trigger signatures', () => {
	const secret = 'QWxhZGRpbk9wZW5TZXNhbWVBbGFkZGlu'; // 32 characters, valid base64 (24 bytes)

	test.each([
		['hex of the text key', hmac(secret).digest('hex')],
		['base64 of the text key', hmac(secret).digest('base64')],
		['hex of the decoded key', hmac(Buffer.from(secret, 'base64')).digest('hex')],
		['base64url of the decoded key', hmac(Buffer.from(secret, 'base64')).digest('base64url')],
		['sha256= prefixed, with spaces', ` sha256=${hmac(secret).digest('hex')} `],
	])('accepts %s', (_name, header) => {
		expect(signingSecret(body, header, ['someOtherSecretSomeOtherSecret12', secret])).toBe(secret);
	});

	test.each([
		['a missing header', undefined],
		['an empty header', ''],
		['a digest of another body', hmac(secret, Buffer.from('{}')).digest('hex')],
		['a truncated digest', hmac(secret).digest('hex').slice(0, 62)],
		['a digest of another secret', hmac('someOtherSecretSomeOtherSecret12').digest('hex')],
		['an MD5-sized value', 'a'.repeat(32)],
	])('refuses %s', (_name, header) => {
		expect(signingSecret(body, header, [secret])).toBeUndefined();
	});

	test('refuses everything when no secret is known', () => {
		expect(signingSecret(body, hmac(secret).digest('hex'), [])).toBeUndefined();
	});

	test('a new secret: 32 letters and digits, 8 to 32 bytes as text and as base64, never the same', () => {
		const secrets = Array.from({ length: 200 }, newSecret);
		for (const s of secrets) {
			expect(s).toMatch(/^[A-Za-z0-9]{32}$/);
			expect(Buffer.from(s, 'base64')).toHaveLength(24);
		}
		expect(new Set(secrets).size).toBe(200);
	});
});
