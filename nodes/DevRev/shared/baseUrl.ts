/**
 * The rule for the credential's Base URL, applied by every call of the node and by the
 * credential's Test button alike: https://, or plain http:// only to this machine (loopback).
 */
export interface BaseUrlProblem {
	message: string;
	description: string;
}

const IPV4_LOOPBACK = /^127(\.\d{1,3}){3}$/;
/** ::1, and IPv4-mapped 127.x.x.x as the URL parser writes it (::ffff:7f00:1). */
const IPV6_LOOPBACK = /^(::1|::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4})$/;

function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || IPV4_LOOPBACK.test(host) || IPV6_LOOPBACK.test(host);
}

function parse(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** Why the Base URL cannot be used, or undefined when it can. */
export function checkBaseUrl(value: unknown): BaseUrlProblem | undefined {
	const text = String(value ?? '').trim();
	const url = parse(text);
	if (url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopback(url.hostname))) {
		return undefined;
	}
	return {
		message: `Base URL: "${text}" is not an https:// URL`,
		description:
			'Set the Base URL of the DevRev API credential to https://api.devrev.ai, scheme included (plain http:// is allowed only for this machine: localhost, 127.0.0.1 or [::1]).',
	};
}
