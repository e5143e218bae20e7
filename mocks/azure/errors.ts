import type { ErrorRow, FaultRows } from '../respond';

/**
 * Blob Storage's errors as Azure sends them: an XML <Error> whose <Message> ends with the
 * RequestId and Time lines, the code repeated in the x-ms-error-code header, and elements some
 * codes add (AuthenticationErrorDetail, HeaderName, MaxLimit...).
 */
export const REQUEST_ID = '9f1c2d3e-601e-0042-5c1a-3d2b1a000000';
export const SERVICE_VERSION = '2023-11-03';
// The mock has no sandbox clock; every answer carries this moment.
export const TIME = '2026-11-28T12:00:00.0000000Z';
export const HTTP_DATE = 'Sat, 28 Nov 2026 12:00:00 GMT';

export const AUTH_FAILED_MESSAGE =
	'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.';

/** An error answer's status, body and headers; `extra` are elements after <Message>. */
export function storageError(status: number, code: string, message: string, extra = ''): Omit<ErrorRow, 'id' | 'label'> {
	return {
		status,
		contentType: 'application/xml',
		headers: { 'x-ms-error-code': code, 'x-ms-request-id': REQUEST_ID, 'x-ms-version': SERVICE_VERSION, date: HTTP_DATE },
		body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${REQUEST_ID}\nTime:${TIME}</Message>${extra}</Error>`
	};
}

function row(id: string, label: string, status: number, code: string, message: string, extra = '', headers: Record<string, string> = {}): ErrorRow {
	const error = storageError(status, code, message, extra);
	return { id, label, ...error, headers: { ...error.headers, ...headers } };
}

const detail = (text: string) => `<AuthenticationErrorDetail>${text}</AuthenticationErrorDetail>`;

export const errorRows: ErrorRow[] = [
	row(
		'NoAuthenticationInformation',
		'NoAuthenticationInformation (401): the request carries no SAS token',
		401,
		'NoAuthenticationInformation',
		'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
		'',
		{ 'www-authenticate': 'Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize resource_id=https://storage.azure.com' }
	),
	row(
		'InvalidAuthenticationInfo',
		'InvalidAuthenticationInfo (401): the credentials are not in the correct format',
		401,
		'InvalidAuthenticationInfo',
		'Authentication information is not given in the correct format. Check the value of Authorization header.'
	),
	row(
		'AuthenticationFailed-expired',
		'AuthenticationFailed (403): the SAS token expired',
		403,
		'AuthenticationFailed',
		AUTH_FAILED_MESSAGE,
		detail('Signature not valid in the specified time frame: Start [Wed, 01 Oct 2025 00:00:00 GMT] - Expiry [Fri, 27 Nov 2026 00:00:00 GMT] - Current [Sat, 28 Nov 2026 12:00:00 GMT]')
	),
	row(
		'AuthenticationFailed-signature',
		'AuthenticationFailed (403): the SAS signature does not match',
		403,
		'AuthenticationFailed',
		AUTH_FAILED_MESSAGE,
		detail('Signature did not match. String to sign used was cw\n2025-10-01T00:00:00Z\n2027-12-31T00:00:00Z\n/blob/sandboxaudiences/activation\n\n\nhttps\n2024-11-04\nc\n\n\n\n\n\n\n')
	),
	row(
		'AuthorizationFailure',
		'AuthorizationFailure (403): the account does not allow this platform (network rules, not allowlisted)',
		403,
		'AuthorizationFailure',
		'This request is not authorized to perform this operation.'
	),
	row(
		'AuthorizationPermissionMismatch',
		'AuthorizationPermissionMismatch (403): the SAS token lacks create or write permission',
		403,
		'AuthorizationPermissionMismatch',
		'This request is not authorized to perform this operation using this permission.'
	),
	row(
		'InsufficientAccountPermissions',
		'InsufficientAccountPermissions (403): the account lacks permission for the operation',
		403,
		'InsufficientAccountPermissions',
		'The account being accessed does not have sufficient permissions to execute this operation.'
	),
	row('AccountIsDisabled', 'AccountIsDisabled (403): the storage account is disabled', 403, 'AccountIsDisabled', 'The specified account is disabled.'),
	row('ContainerNotFound', 'ContainerNotFound (404): the container does not exist', 404, 'ContainerNotFound', 'The specified container does not exist.'),
	row(
		'RequestBodyTooLarge',
		'RequestBodyTooLarge (413): the file is over the Put Blob size limit',
		413,
		'RequestBodyTooLarge',
		'The request body is too large and exceeds the maximum permissible limit.',
		'<MaxLimit>5242880000</MaxLimit>'
	),
	row('InternalError', 'InternalError (500): Azure had an internal error', 500, 'InternalError', 'The server encountered an internal error. Please retry the request.'),
	row('ServerBusy-ingress', 'ServerBusy (503): ingress over the account limit', 503, 'ServerBusy', 'Ingress is over the account limit.'),
	row('ServerBusy-operations', 'ServerBusy (503): operations per second over the account limit', 503, 'ServerBusy', 'Operations per second is over the account limit.')
];

export const faultRows: FaultRows = {
	expired: 'AuthenticationFailed-expired',
	invalid: 'AuthenticationFailed-signature',
	notAllowlisted: 'AuthorizationFailure',
	throttled: 'ServerBusy-ingress',
	outage: 'InternalError'
};
