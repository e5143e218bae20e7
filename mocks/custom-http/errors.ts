import type { ErrorRow, FaultRows } from '../respond';

/**
 * What a typical webhook endpoint answers when it refuses a request: a status and a small JSON
 * body {"error":"..."}. *thin*: every endpoint is the user's own, so the wording is designed;
 * the statuses and headers (WWW-Authenticate, Allow, Retry-After) are the HTTP standard's.
 */
export const WEBHOOK_JSON = 'application/json; charset=utf-8';

/** A webhook's error body. */
export function webhookError(message: string): string {
	return JSON.stringify({ error: message });
}

function row(id: string, label: string, status: number, message: string, headers?: Record<string, string>): ErrorRow {
	return { id, label, status, body: webhookError(message), contentType: WEBHOOK_JSON, ...(headers ? { headers } : {}) };
}

export const errorRows: ErrorRow[] = [
	row('bad-request-400', '400 Bad Request: the payload does not match what the endpoint expects', 400, 'Bad Request: the payload does not match the expected schema'),
	row('unauthorized-401', '401 Unauthorized: missing or wrong credentials', 401, 'Unauthorized: missing or invalid credentials', {
		'www-authenticate': 'Bearer realm="hooks"'
	}),
	row('token-expired-401', '401 Unauthorized: the token has expired', 401, 'Unauthorized: the token has expired', {
		'www-authenticate': 'Bearer realm="hooks", error="invalid_token", error_description="The access token expired"'
	}),
	row('forbidden-403', '403 Forbidden: this client may not call the endpoint', 403, 'Forbidden: this client is not allowed to call this endpoint'),
	row('not-found-404', '404 Not Found: no webhook at this URL', 404, 'Not Found: no webhook is registered at this path'),
	row('method-not-allowed-405', '405 Method Not Allowed: the endpoint takes another method', 405, 'Method Not Allowed', { allow: 'POST' }),
	row('conflict-409', '409 Conflict: the profile was changed by another request', 409, 'Conflict: the profile was changed by another request'),
	row('payload-too-large-413', '413 Payload Too Large: the batch is over the endpoint\'s size limit', 413, 'Payload Too Large: the request body exceeds 1 MB'),
	row('unsupported-media-type-415', '415 Unsupported Media Type: not sent as JSON', 415, 'Unsupported Media Type: send application/json'),
	row('unprocessable-422', '422 Unprocessable Entity: a required field is missing', 422, 'Unprocessable Entity: customerId is required'),
	row('too-many-requests-429', '429 Too Many Requests: rate limited, Retry-After 30 s', 429, 'Too Many Requests: slow down', { 'retry-after': '30' }),
	row('internal-server-error-500', '500 Internal Server Error', 500, 'Internal Server Error'),
	row('service-unavailable-503', '503 Service Unavailable: maintenance, Retry-After 120 s', 503, 'Service Unavailable: maintenance in progress', { 'retry-after': '120' }),
	row('gateway-timeout-504', '504 Gateway Timeout: the endpoint\'s backend did not answer its proxy', 504, 'Gateway Timeout')
];

export const faultRows: FaultRows = {
	expired: 'token-expired-401',
	invalid: 'unauthorized-401',
	notAllowlisted: 'forbidden-403',
	throttled: 'too-many-requests-429',
	outage: 'service-unavailable-503'
};
