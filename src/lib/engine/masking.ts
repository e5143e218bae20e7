import type { Reply } from '$lib/partners/adapter';
import { TRUNCATED_HEADER } from '$lib/partners/classify';
import type { ExchangeRequest } from './exchange';
import type { LoggedExchange } from './protocol';

export const MASK = '••••••••';
const SAMPLE_CHARS = 2000;
// One formatter for every sample: toLocaleString builds a new one on each call.
const COUNT = new Intl.NumberFormat('en-US');

/** Replaces every occurrence of each secret (and its URL-encoded form) with a mask. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
	let masked = text;
	for (const secret of secrets) {
		if (secret.length < 4) continue; // masking "a" would shred the text and hide nothing
		for (const form of new Set([secret, encodeURIComponent(secret)])) masked = masked.split(form).join(MASK);
	}
	return masked;
}

/**
 * A body as the log keeps it: masked, and cut to a sample. Only the sample's part of a body is
 * masked (bodies run to megabytes), reaching far enough past the cut that a secret starting
 * inside the sample is masked whole.
 */
export function sampleOf(text: string | null, secrets: readonly string[]): string {
	if (!text) return '';
	const reach = Math.max(0, ...secrets.map((secret) => encodeURIComponent(secret).length));
	const masked = maskSecrets(text.length > SAMPLE_CHARS + reach ? text.slice(0, SAMPLE_CHARS + reach) : text, secrets);
	return text.length > SAMPLE_CHARS ? `${wholeCharacters(masked.slice(0, SAMPLE_CHARS))}… (${COUNT.format(text.length)} characters)` : masked;
}

/** A cut text without half a surrogate pair at its end, which would show as a broken character. */
function wholeCharacters(text: string): string {
	const last = text.charCodeAt(text.length - 1);
	return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

// A hostile answer may send dozens of headers of kilobytes each; the log keeps a bounded view.
const HEADER_CHARS = 500;
const HEADER_COUNT = 50;

function maskHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers)
			.slice(0, HEADER_COUNT)
			.map(([name, value]) => [name.slice(0, 100), value.length > HEADER_CHARS ? sampleOf(value, secrets).slice(0, HEADER_CHARS) + '…' : maskSecrets(value, secrets)])
	);
}

/**
 * A request and its reply, ready to show: no secret in clear anywhere. `laterSecrets` are the
 * secrets of the exchange's other requests: a login's reply carries the session token that
 * only the next request names as a secret.
 */
export function logExchange({ purpose, request, reply }: ExchangeRequest, laterSecrets: readonly string[] = []): LoggedExchange {
	const secrets = [...request.secrets, ...laterSecrets];
	return {
		purpose,
		method: request.method,
		url: maskSecrets(request.url, secrets),
		requestHeaders: maskHeaders(request.headers, secrets),
		requestBodySample: sampleOf(request.body, secrets),
		status: reply.kind === 'response' ? reply.status : null,
		replyKind: reply.kind,
		responseHeaders: reply.kind === 'response' ? maskHeaders(reply.headers, secrets) : {},
		responseSample: replySample(reply, secrets),
		latencyMs: Math.round(reply.latencyMs)
	};
}

function replySample(reply: Reply, secrets: readonly string[]): string {
	if (reply.kind === 'response') {
		// The live transport read only the start of a long body: say so, since the sample cannot.
		const cut = Number(reply.headers[TRUNCATED_HEADER]);
		const sample = sampleOf(reply.body, secrets);
		return cut > 0 ? `${sample} (only the first ${COUNT.format(cut)} bytes were read; the rest was not)` : sample;
	}
	if (reply.kind === 'timeout') return `No answer within ${Math.round(reply.latencyMs)} ms.`;
	return maskSecrets(reply.message, secrets);
}


/** Logs every request of one exchange, each masked with the secrets of all of them. */
export function logExchanges(records: readonly ExchangeRequest[]): LoggedExchange[] {
	const secrets = [...new Set(records.flatMap((record) => record.request.secrets))];
	return records.map((record) => logExchange(record, secrets));
}
