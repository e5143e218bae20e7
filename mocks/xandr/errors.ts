import type { ErrorRow, FaultRows } from '../respond';

/**
 * Xandr's error answers. The API (api.appnexus.com) answers `{"response":{"error_id","error",
 * "dbg_info"}}`; the upload host answers `{"response":{"status":"ERROR","error_code","errors"}}`.
 * Xandr documents the bodies but not every HTTP status: 401 for the NOAUTH family, 403 for UNAUTH,
 * 400 for request errors, 500 for SYSTEM, 429 for the byte caps and 413 for the file size are
 * our choice (*thin*); the adapter reads the codes, not the statuses.
 */

export const CONTENT_TYPE = 'application/json; charset=utf-8';
const DBG_INFO = { warnings: [], version: '1.18.2251', output_term: 'not_found' };

type Answer = Pick<ErrorRow, 'status' | 'body' | 'contentType'>;

/** An API error: error_id and error. */
export function apiError(status: number, errorId: string, error: string): Answer {
	return { status, body: JSON.stringify({ response: { error_id: errorId, error, dbg_info: DBG_INFO } }), contentType: CONTENT_TYPE };
}

/** An upload host error: error_code and errors. */
export function uploadError(status: number, errorCode: string, message: string): Answer {
	return { status, body: JSON.stringify({ response: { status: 'ERROR', error_code: errorCode, errors: [message] } }), contentType: CONTENT_TYPE };
}

/** Xandr's recommended ceiling of jobs waiting to be processed; beyond it new jobs are refused. */
export const MAX_PENDING_JOBS = 200;

export const errorRows: ErrorRow[] = [
	{
		id: 'noauth',
		label: 'NOAUTH: user name or password not recognised',
		...apiError(401, 'NOAUTH', 'No match found for user/pass')
	},
	{
		id: 'noauth-expired',
		label: 'NOAUTH_EXPIRED: the session (or password) has expired',
		...apiError(401, 'NOAUTH_EXPIRED', 'Your session has expired. Please log in again.')
	},
	{
		id: 'noauth-disabled',
		label: 'NOAUTH_DISABLED: the API user has been deactivated',
		...apiError(401, 'NOAUTH_DISABLED', 'This user account has been deactivated.')
	},
	{
		id: 'unauth',
		label: 'UNAUTH: no permission for the member or the Batch Segment Service (not allowlisted)',
		...apiError(403, 'UNAUTH', 'You do not have permission to use the batch segment service for this member.')
	},
	{
		id: 'syntax',
		label: 'SYNTAX: the request is malformed',
		...apiError(400, 'SYNTAX', 'member_id is required and must be an integer.')
	},
	{
		id: 'integrity',
		label: 'INTEGRITY: the request is inconsistent (a job of another member)',
		...apiError(400, 'INTEGRITY', 'The requested job does not belong to this member.')
	},
	{
		id: 'limit',
		label: `LIMIT: more than ${MAX_PENDING_JOBS} jobs waiting to be processed`,
		...apiError(400, 'LIMIT', `More than ${MAX_PENDING_JOBS} batch segment jobs are waiting to be processed; new jobs are refused until some complete.`)
	},
	{
		id: 'system',
		label: 'SYSTEM: an internal error (retry)',
		...apiError(500, 'SYSTEM', 'An internal error occurred. Please try again later.')
	},
	{
		id: 'rate-limit-hourly',
		label: 'RATE_LIMIT_EXCEEDED: bytes per hour cap reached (retry later)',
		...uploadError(429, 'RATE_LIMIT_EXCEEDED', 'Member exceeds maximum allowed bytes per hour')
	},
	{
		// The daily cap's wording is ours, after the hourly one's (*thin*).
		id: 'rate-limit-daily',
		label: 'RATE_LIMIT_EXCEEDED: bytes per day cap reached (retry later)',
		...uploadError(429, 'RATE_LIMIT_EXCEEDED', 'Member exceeds maximum allowed bytes per day')
	},
	{
		id: 'filesize-limit',
		label: 'FILESIZE_LIMIT_EXCEEDED: the file is over 0.5 GB (no retry)',
		...uploadError(413, 'FILESIZE_LIMIT_EXCEEDED', 'Member exceeds maximum byte size allowed for a file')
	},
	{
		// Xandr documents the rule (one valid URL per member, used within 5 minutes) but not the
		// answer: code and wording are ours (*thin*).
		id: 'upload-url-expired',
		label: 'UPLOAD_URL_EXPIRED: the upload URL was superseded, used, or not used within 5 minutes',
		...uploadError(400, 'UPLOAD_URL_EXPIRED', 'This upload URL is no longer valid: only the URL most recently requested for the member can be used, once, within 5 minutes. Request a new job.')
	}
];

export const faultRows: FaultRows = {
	expired: 'noauth-expired',
	invalid: 'noauth',
	notAllowlisted: 'unauth',
	throttled: 'rate-limit-hourly',
	outage: 'system'
};

/** A row by id; the catalogue is static, so a missing id is a bug in the mock. */
export function row(id: string): ErrorRow {
	const found = errorRows.find((r) => r.id === id);
	if (!found) throw new Error(`The Xandr mock has no error row "${id}".`);
	return found;
}
