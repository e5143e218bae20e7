import type { ErrorRow, FaultRows } from '../respond';

/** Graph API errors as Meta sends them: {"error":{message,type,code,error_subcode?,fbtrace_id}}. */
function graphError(status: number, code: number, message: string, type = 'OAuthException', subcode?: number): Pick<ErrorRow, 'status' | 'body' | 'contentType'> {
	const error: Record<string, unknown> = { message, type, code };
	if (subcode !== undefined) error.error_subcode = subcode;
	error.fbtrace_id = 'AbCdEfGhIjKlMnOpQrStUv';
	return { status, body: JSON.stringify({ error }), contentType: 'application/json; charset=UTF-8' };
}

export const errorRows: ErrorRow[] = [
	{
		id: 'token-expired',
		label: '190 / 463: access token expired',
		...graphError(400, 190, 'Error validating access token: Session has expired on Friday, 27-Nov-26 14:00:00 PST. The current time is Saturday, 28-Nov-26 02:13:42 PST.', 'OAuthException', 463)
	},
	{
		id: 'password-changed',
		label: '190 / 460: token invalidated by a password change',
		...graphError(400, 190, 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', 'OAuthException', 460)
	},
	{
		id: 'token-invalid',
		label: '190: access token cannot be parsed',
		...graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token')
	},
	{
		id: 'permission-200',
		label: '200: no permission to update the audience (not allowlisted)',
		...graphError(403, 200, '(#200) The current user can not update audience 23851234567890123')
	},
	{
		id: 'permission-10',
		label: '10: application does not have permission',
		...graphError(403, 10, '(#10) Application does not have permission for this action')
	},
	{
		id: 'invalid-parameter-100',
		label: '100: invalid parameter',
		...graphError(400, 100, '(#100) Invalid parameter')
	},
	{
		id: 'update-failed-2650',
		label: '2650: failed to update the custom audience',
		...graphError(400, 2650, 'Failed to update the custom audience', 'OAuthException')
	},
	{
		id: 'user-limit-17',
		label: '17: user request limit reached',
		...graphError(400, 17, '(#17) User request limit reached')
	},
	{
		id: 'app-limit-4',
		label: '4: application request limit reached',
		...graphError(400, 4, '(#4) Application request limit reached')
	},
	{
		id: 'ad-account-limit-80003',
		label: '80003: too many calls to this ad account',
		...graphError(429, 80003, '(#80003) There have been too many calls to this ad-account. Wait a bit and try again.'),
		headers: { 'retry-after': '60' }
	},
	{
		id: 'unknown-1',
		label: '1: an unknown error occurred',
		...graphError(500, 1, 'An unknown error occurred', 'OAuthException')
	},
	{
		id: 'unavailable-2',
		label: '2: service temporarily unavailable',
		...graphError(500, 2, 'Service temporarily unavailable', 'OAuthException')
	}
];

export const faultRows: FaultRows = {
	expired: 'token-expired',
	invalid: 'token-invalid',
	notAllowlisted: 'permission-200',
	throttled: 'ad-account-limit-80003',
	outage: 'unavailable-2'
};

export { graphError };
