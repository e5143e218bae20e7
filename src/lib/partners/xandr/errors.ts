import { deliveryError, type DeliveryError, type Reply } from '../adapter';
import { parseJson, partnerCode, partnerText, retryAfterMs, retryableStatus, uncodedError, type Answerer } from '../classify';

/**
 * Xandr's two error shapes: the API's `{"response":{"error_id","error"}}` and the upload
 * host's `{"response":{"status":"ERROR","error_code","errors":[...]}}`.
 */

const XANDR: Answerer = { partner: 'Xandr', format: 'JSON' };

type Response = Extract<Reply, { kind: 'response' }>;

interface Envelope {
	response?: { status?: unknown; error_id?: unknown; error?: unknown; error_code?: unknown; errors?: unknown };
}

/** The error_ids that mean the user name, password or session is not (or no longer) accepted. */
const AUTH_ERROR_IDS = new Set(['NOAUTH', 'NOAUTH_EXPIRED', 'NOAUTH_DISABLED']);

// The byte caps are per hour and per day and Xandr names no reset time: without Retry-After,
// wait a quarter of the hour's window (or an hour for the daily cap) rather than hammer it.
const HOURLY_CAP_RETRY_MS = 15 * 60_000;
const DAILY_CAP_RETRY_MS = 60 * 60_000;

/**
 * Our code for an upload URL that is no longer valid (*thin*: Xandr documents the rule, one
 * valid URL per member for 5 minutes, but not the answer). A new job fixes it, so it is retried.
 */
export const UPLOAD_URL_EXPIRED = 'UPLOAD_URL_EXPIRED';

/** The API's error_id, or null when the body carries none. */
export function errorIdOf(reply: Response): string | null {
	const envelope = parseJson(reply.body) as Envelope | null | undefined;
	return partnerCode(envelope && typeof envelope === 'object' ? envelope.response?.error_id : undefined);
}

/** A Xandr error answer as the statistics count it. */
export function classifyXandrError(reply: Response, now: number): DeliveryError {
	const envelope = parseJson(reply.body) as Envelope | null | undefined;
	const response = envelope && typeof envelope === 'object' && envelope.response && typeof envelope.response === 'object' ? envelope.response : undefined;
	const retryAfter = retryAfterMs(reply.headers, now);
	const id = partnerCode(response?.error_id);
	if (response && id) {
		const message = partnerText(response.error, `Xandr error ${id}`);
		if (AUTH_ERROR_IDS.has(id)) return deliveryError('invalidCredentials', id, message);
		if (id === 'SYSTEM') return deliveryError('partnerError', id, message, { retryable: true, retryAfterMs: retryAfter });
		// UNAUTH (no permission: not allowlisted for the member or the service), SYNTAX, INTEGRITY
		// and LIMIT fail the same way when sent again, unless the status says Xandr was overloaded.
		const retryable = retryableStatus(reply.status);
		return deliveryError('partnerError', id, message, { retryable, retryAfterMs: retryable ? retryAfter : null });
	}
	const code = partnerCode(response?.error_code);
	if (response && code) {
		const errors = Array.isArray(response.errors) ? response.errors.slice(0, 20).filter((e): e is string => typeof e === 'string') : [];
		const message = partnerText(errors.join(' '), `Xandr error ${code}`);
		if (code === 'RATE_LIMIT_EXCEEDED') {
			const cap = /\bday\b/i.test(message) ? DAILY_CAP_RETRY_MS : HOURLY_CAP_RETRY_MS;
			return deliveryError('partnerError', code, message, { retryable: true, retryAfterMs: retryAfter ?? cap });
		}
		if (code === 'FILESIZE_LIMIT_EXCEEDED') return deliveryError('partnerError', code, message);
		if (code === UPLOAD_URL_EXPIRED) return deliveryError('partnerError', code, message, { retryable: true, retryAfterMs: retryAfter });
		const retryable = retryableStatus(reply.status);
		return deliveryError('partnerError', code, message, { retryable, retryAfterMs: retryable ? retryAfter : null });
	}
	return uncodedError(reply, now, XANDR, 'error_id or error_code');
}
