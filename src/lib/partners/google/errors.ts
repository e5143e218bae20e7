import { deliveryError, type DeliveryError, type Reply } from '../adapter';
import { parseJson, partnerCode, partnerText, retryAfterMs, retryableStatus, uncodedError, type Answerer } from '../classify';

/**
 * The error shape every Google API shares (DV360, CM360):
 * {"error":{"code":401,"message":"...","status":"UNAUTHENTICATED","details":[...]}}. The status
 * string is the partner code the statistics show.
 */

type Response = Extract<Reply, { kind: 'response' }>;

export interface GoogleError {
	httpCode: number | null;
	status: string;
	message: string;
	details: unknown[];
}

// Statuses worth asking again: quota, a concurrent edit, and the service being unwell.
const RETRYABLE = new Set(['RESOURCE_EXHAUSTED', 'ABORTED', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED']);
// Statuses that are final whatever the HTTP status says.
const FINAL = new Set(['INVALID_ARGUMENT', 'FAILED_PRECONDITION', 'OUT_OF_RANGE', 'PERMISSION_DENIED', 'NOT_FOUND', 'ALREADY_EXISTS', 'UNIMPLEMENTED']);

/** The Google error in a body, or null when the body is not Google's error JSON. */
export function googleErrorOf(body: string): GoogleError | null {
	const error = (parseJson(body) as { error?: { code?: unknown; message?: unknown; status?: unknown; details?: unknown } } | null | undefined)
		?.error;
	if (!error || typeof error !== 'object') return null;
	const status = partnerCode(error.status);
	if (!status) return null;
	return {
		httpCode: typeof error.code === 'number' ? error.code : null,
		status,
		message: partnerText(error.message, `Google API error ${status}`),
		details: Array.isArray(error.details) ? (error.details as unknown[]) : []
	};
}

function detail(error: GoogleError, type: string): Record<string, unknown> | undefined {
	return error.details.find(
		(d): d is Record<string, unknown> => typeof d === 'object' && d !== null && (d as Record<string, unknown>)['@type'] === `type.googleapis.com/${type}`
	);
}

/** Milliseconds from a google.rpc.RetryInfo detail ("retryDelay": "30s" or "1.5s"), or null. */
function retryInfoMs(error: GoogleError): number | null {
	const delay = detail(error, 'google.rpc.RetryInfo')?.retryDelay;
	const match = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
	return match ? Math.round(Number(match[1]) * 1000) : null;
}

/**
 * The paths of a google.rpc.BadRequest detail's field violations, e.g.
 * "addedContactInfoList.contactInfos[3].hashedEmails[0]", with their descriptions.
 */
export function fieldViolations(error: GoogleError): Array<{ field: string; description: string }> {
	const violations = detail(error, 'google.rpc.BadRequest')?.fieldViolations;
	if (!Array.isArray(violations)) return [];
	return violations.flatMap((v: unknown) => {
		const { field, description } = (v ?? {}) as { field?: unknown; description?: unknown };
		return typeof field === 'string' ? [{ field: field.slice(0, 500), description: partnerText(description, 'Invalid value') }] : [];
	});
}

/**
 * A Google API error as the statistics count it: UNAUTHENTICATED is invalid credentials (an
 * expired access token included), DEADLINE_EXCEEDED a timeout, everything else a partner error
 * with the status string as its code. A body without a status is Other error.
 */
export function classifyGoogleError(reply: Response, now: number, answerer: Answerer = { partner: 'Google', format: 'JSON' }): DeliveryError {
	const error = googleErrorOf(reply.body);
	if (!error) return uncodedError(reply, now, answerer, 'Google error status');
	// google.rpc.ErrorInfo's reason tells an expired token from a malformed one, which the
	// message alone does not.
	const reason = partnerCode(detail(error, 'google.rpc.ErrorInfo')?.reason);
	const message = reason && !error.message.includes(reason) ? `${error.message} (${reason})` : error.message;
	if (error.status === 'UNAUTHENTICATED') return deliveryError('invalidCredentials', error.status, message);
	const retryable = RETRYABLE.has(error.status) || (!FINAL.has(error.status) && retryableStatus(reply.status));
	// Google rarely sends Retry-After; RetryInfo is its own way to say it. Without either the
	// dispatcher's exponential backoff applies, which is what Google's guidance asks for.
	const wait = retryable ? (retryAfterMs(reply.headers, now) ?? retryInfoMs(error)) : null;
	const category = error.status === 'DEADLINE_EXCEEDED' ? 'timeout' : 'partnerError';
	return deliveryError(category, error.status, message, { retryable, retryAfterMs: wait });
}

