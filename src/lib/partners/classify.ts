import { deliveryError, outcome, type DeliveryError, type DeliveryOutcome, type Reply } from './adapter';

/** Rules every classifier shares: transport failures, Retry-After, bodies without a code. */

/** A timeout or a failure to reach the partner, as the statistics count it. */
export function transportFailure(reply: Exclude<Reply, { kind: 'response' }>): DeliveryError {
	if (reply.kind === 'timeout') {
		return deliveryError('timeout', null, `No answer within ${Math.round(reply.latencyMs)} ms; the request was abandoned.`, {
			retryable: true
		});
	}
	return deliveryError('otherError', null, networkMessage(reply.message), { retryable: true });
}

function networkMessage(cause: string): string {
	return (
		`The partner could not be reached: ${cause}. ` +
		'In a browser this is most often CORS (the endpoint does not allow requests from this page: it must answer with ' +
		'Access-Control-Allow-Origin), or a wrong address, a refused connection or an unresolvable host name.'
	);
}

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), or null. */
export function retryAfterMs(headers: Record<string, string>, now: number): number | null {
	const value = header(headers, 'retry-after');
	if (!value) return null;
	if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
	const at = Date.parse(value);
	return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A header's value whatever the case of its name. */
export function header(headers: Record<string, string>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
	return undefined;
}

/** The body as JSON, or undefined when it is not JSON (an HTML page, truncated JSON, nothing). */
export function parseJson(body: string): unknown {
	if (!body.trim()) return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

/** Whether the partner is worth asking again after this HTTP status. */
export function retryableStatus(status: number): boolean {
	return status === 408 || status === 429 || status >= 500;
}

/**
 * A response that carries no partner code: an empty 500, an HTML error page, truncated JSON.
 * It is Other error, retried when the status says the partner may recover.
 */
export function uncodedError(reply: Extract<Reply, { kind: 'response' }>, now: number): DeliveryError {
	const contentType = header(reply.headers, 'content-type') ?? '';
	const what = !reply.body.trim()
		? 'an empty body'
		: contentType.includes('html') || /^\s*</.test(reply.body)
			? 'an HTML page instead of the API\'s answer'
			: 'a body that is not the API\'s JSON (truncated or malformed)';
	const retryable = retryableStatus(reply.status) || (reply.status >= 200 && reply.status < 300);
	return deliveryError('otherError', null, `HTTP ${reply.status} with ${what}.`, {
		retryable,
		retryAfterMs: retryAfterMs(reply.headers, now)
	});
}

/**
 * The generic HTTP rules, for partners that report categories only (Custom HTTP, Mailchimp's
 * request-level errors): 2xx delivered; 401/403 invalid credentials; 429 and 5xx retried;
 * other 4xx Other error.
 */
export function classifyByStatus(reply: Extract<Reply, { kind: 'response' }>, now: number, message: string): DeliveryOutcome {
	const { status } = reply;
	if (status >= 200 && status < 300) return outcome.delivered(message);
	if (status === 401 || status === 403) return outcome.failed(deliveryError('invalidCredentials', null, message));
	return outcome.failed(
		deliveryError('otherError', null, message, {
			retryable: retryableStatus(status),
			retryAfterMs: retryAfterMs(reply.headers, now)
		})
	);
}

/** The start of a text, for messages and logs. */
export function excerpt(text: string, max = 300): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
