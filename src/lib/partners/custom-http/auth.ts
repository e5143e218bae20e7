import { SIGNATURE_HEADER, type CustomHttpConfig } from './config';
import { hmacSha256, toHex } from './hmac';

/** The configuration fields that decide how a Custom HTTP request proves who sent it. */
export type AuthConfig = Pick<CustomHttpConfig, 'auth' | 'apiKeyHeaderName' | 'apiKey' | 'basicUsername' | 'basicPassword' | 'bearerToken' | 'signingSecret'>;

const utf8 = new TextEncoder();

/** Base64 of the UTF-8 bytes of a text (btoa alone takes Latin-1 only). */
export function base64Utf8(text: string): string {
	let binary = '';
	for (const byte of utf8.encode(text)) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** The authentication header the configuration asks for, and the secrets it puts in a request. */
export function authHeader(config: AuthConfig): { headers: Record<string, string>; secrets: string[] } {
	switch (config.auth) {
		case 'apiKeyHeader': {
			const name = config.apiKeyHeaderName?.trim();
			const key = config.apiKey ?? '';
			return name && key ? { headers: { [name]: key }, secrets: [key] } : { headers: {}, secrets: [] };
		}
		case 'basic': {
			const password = config.basicPassword ?? '';
			const credentials = base64Utf8(`${config.basicUsername ?? ''}:${password}`);
			const value = `Basic ${credentials}`;
			// The password, the encoded pair and the whole header value: base64 hides nothing.
			return { headers: { Authorization: value }, secrets: [password, credentials, value] };
		}
		case 'bearer': {
			const token = config.bearerToken ?? '';
			const value = `Bearer ${token}`;
			return { headers: { Authorization: value }, secrets: [token, value] };
		}
		default:
			return { headers: {}, secrets: [] };
	}
}

/**
 * The body signature header when a signing secret is set: sha256=<hex HMAC-SHA256 of the exact
 * body bytes>. A GET has no body, so its signature is of the empty string (the query string is
 * not signed): partners.md and the configuration's help speak of the body only. *thin*
 */
export function signatureHeader(config: AuthConfig, body: string | null): { headers: Record<string, string>; secrets: string[] } {
	const secret = config.signingSecret ?? '';
	if (!secret) return { headers: {}, secrets: [] };
	return { headers: { [SIGNATURE_HEADER]: `sha256=${toHex(hmacSha256(secret, body ?? ''))}` }, secrets: [secret] };
}
