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
		// A byte order mark is no JSON, but some servers send one; fetch's text() strips only UTF-8's.
		return JSON.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body) as unknown;
	} catch {
		return undefined;
	}
}

/** Whether the partner is worth asking again after this HTTP status. */
export function retryableStatus(status: number): boolean {
	return status === 408 || status === 429 || status >= 500;
}

/**
 * Header the live transport adds when it stopped reading a body at its byte limit, giving the
 * bytes it read. The rest was never read, so the body proves nothing; the delivery log shows
 * the header beside the sample.
 */
export const TRUNCATED_HEADER = 'x-sandbox-body-truncated';

/** Who answered, and in what format its API answers, to name both when a body is unusable. */
export interface Answerer {
	/** The partner's short name, as messages use it: "Meta", "Display & Video 360". */
	partner: string;
	format: 'JSON' | 'XML';
}

const BYTES = new Intl.NumberFormat('en-US');
// How much of a body is searched for an HTML title, NUL characters and the like: enough for any
// error page, and a 20 MB answer is not scanned whole for a message.
const SNIFF_CHARS = 64 * 1024;

/** The UTF-8 length of a text, without encoding it. */
export function utf8Length(text: string): number {
	let bytes = text.length;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) continue;
		if (c < 0x800) bytes += 1;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			bytes += 2; // a surrogate pair: two UTF-16 units, four bytes
			i++;
		} else bytes += 2;
	}
	return bytes;
}

/**
 * Whether JSON text stops in the middle of a value: an open string, object or array at its end.
 * Told apart from malformed JSON so the message can say the answer was cut short.
 */
function endsInsideJson(text: string): boolean {
	const start = text.search(/\S/);
	const first = text[start];
	if (first !== '{' && first !== '[' && first !== '"') return false;
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++; // backslash: the next character is escaped
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) depth++;
		else if (c === 0x7d || c === 0x5d) {
			depth--;
			if (depth < 0) return false;
		}
	}
	return inString || depth > 0;
}

function looksLikeHtml(head: string): boolean {
	return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|title)\b/i.test(head);
}

function looksLikeXml(head: string): boolean {
	return /^\s*<(?:\?xml|[A-Za-z_][\w.-]*(?::[\w.-]+)?[\s>/])/.test(head);
}

/** " (labelled text/html)" when the declared content type names another format than the body's. */
function labelled(contentType: string, actual: 'JSON' | 'XML' | 'HTML' | 'text'): string {
	const type = contentType.split(';')[0]!.trim().toLowerCase();
	if (!type) return '';
	const says = type.includes('json') ? 'JSON' : type.includes('html') ? 'HTML' : type.includes('xml') ? 'XML' : 'text';
	// Text of no known format says most when its label is something else than plain text.
	const matches = actual === 'text' ? type === 'text/plain' : says === actual;
	return matches ? '' : ` (labelled ${excerpt(type, 80)})`;
}

/** What is odd about the characters of a body: a charset other than UTF-8, bytes that were not UTF-8. */
function charsetNote(reply: Extract<Reply, { kind: 'response' }>, head: string): string {
	const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(header(reply.headers, 'content-type') ?? '')?.[1]?.toLowerCase();
	if (charset && charset !== 'utf-8' && charset !== 'utf8') return ` (declared charset ${excerpt(charset, 40)}; read as UTF-8)`;
	if (head.includes('\ufffd')) return ' (with bytes that are not valid UTF-8)';
	return '';
}

/**
 * What is wrong with a body an adapter could not use, in words the delivery log and the
 * statistics show: "an empty body", "an HTML page ("502 Bad Gateway") (labelled application/json)",
 * "a body that is not JSON (truncated at 1,024 bytes)", "JSON that is not Meta's answer (expected
 * num_received)". `expected` names what the API's answer would have held.
 */
export function describeBody(reply: Extract<Reply, { kind: 'response' }>, { partner, format }: Answerer, expected?: string): string {
	const { body } = reply;
	if (!body.trim()) return 'an empty body';
	const head = body.slice(0, SNIFF_CHARS);
	const contentType = header(reply.headers, 'content-type') ?? '';
	const cut = Number(header(reply.headers, TRUNCATED_HEADER));
	const size = ` (${BYTES.format(utf8Length(body))} bytes)`;
	const readOnly = cut > 0 ? ` (only the first ${BYTES.format(cut)} bytes were read)` : '';
	if (head.includes('\u0000')) return `a body holding NUL characters: UTF-16 or binary data, not UTF-8 text${size}`;
	if (looksLikeHtml(head) || (/html/i.test(contentType) && /^\s*</.test(head))) {
		const title = /<title[^>]*>([^<]*)</i.exec(head)?.[1];
		const named = title && title.trim() ? ` ("${excerpt(title, 120)}")` : '';
		return `an HTML page${named}${labelled(contentType, 'HTML')} instead of ${partner}'s ${format}`;
	}
	const notes = charsetNote(reply, head);
	const missing = expected ? ` (expected ${expected})` : '';
	if (format === 'JSON') {
		if (parseJson(body) !== undefined) return `JSON${labelled(contentType, 'JSON')} that is not ${partner}'s answer${missing}${readOnly}${notes}`;
		if (cut > 0 || endsInsideJson(body)) return `a body that is not JSON (truncated at ${BYTES.format(cut > 0 ? cut : utf8Length(body))} bytes)${notes}`;
		if (looksLikeXml(head)) return `XML${labelled(contentType, 'XML')} instead of ${partner}'s JSON${size}`;
		return `a body that is not JSON${labelled(contentType, 'text')}, starting "${excerpt(head, 60)}"${size}${notes}`;
	}
	if (looksLikeXml(head)) return `XML that is not ${partner}'s answer${missing}${cut > 0 ? ` (truncated at ${BYTES.format(cut)} bytes)` : ''}${notes}`;
	if (parseJson(body) !== undefined) return `JSON${labelled(contentType, 'JSON')} instead of ${partner}'s XML${readOnly}`;
	return `a body that is not XML${labelled(contentType, 'text')}, starting "${excerpt(head, 60)}"${size}${notes}`;
}

/**
 * A response that carries no partner code: an empty 500, an HTML error page, truncated JSON, a
 * 200 whose body is not the API's answer. It is Other error naming the cause, retried when the
 * status says the partner may recover (or a 2xx said nothing usable: the partner may answer
 * properly next time, and every partner here takes the same members twice without harm).
 */
export function uncodedError(
	reply: Extract<Reply, { kind: 'response' }>,
	now: number,
	answerer: Answerer = { partner: 'the partner', format: 'JSON' },
	expected?: string
): DeliveryError {
	const who = answerer.partner.charAt(0).toUpperCase() + answerer.partner.slice(1);
	const retryable = retryableStatus(reply.status) || (reply.status >= 200 && reply.status < 300);
	return deliveryError('otherError', null, `${who} answered HTTP ${reply.status} with ${describeBody(reply, answerer, expected)}.`, {
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

/**
 * The start of a text, for messages and logs: whitespace and control characters flattened to
 * one space, and bidirectional overrides dropped (they would reorder the row that shows the
 * text). Only the start is looked at, so a 20 MB answer costs no more than a short one.
 */
export function excerpt(text: string, max = 300): string {
	const head = text.length > max * 4 + 64 ? text.slice(0, max * 4 + 64) : text;
	// eslint-disable-next-line no-control-regex -- control characters are what is replaced
	const flat = head.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '').replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
	if (flat.length <= max && head.length === text.length) return flat;
	const cut = flat.slice(0, max);
	// Never end on half a surrogate pair.
	const whole = /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
	return `${whole}…`;
}

/**
 * A partner's own text (an error message, a name) as a message may carry it: a string, flat and
 * at most `max` characters; anything else (a number, an object a hostile answer put there) as
 * `fallback`. String() of an object from JSON can throw ({"toString":1}), so nothing else is used.
 */
export function partnerText(value: unknown, fallback: string, max = 500): string {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value !== 'string') return fallback;
	return excerpt(value, max) || fallback;
}

/**
 * A partner's error code as the statistics may key it: a short word (INVALID_ARGUMENT, 213,
 * NOAUTH) or an integer, else null. A hostile answer could put megabytes or an object there.
 */
export function partnerCode(value: unknown): string | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
	return typeof value === 'string' && /^[\w.:-]{1,64}$/.test(value) ? value : null;
}
