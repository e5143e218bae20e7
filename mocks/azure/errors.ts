import type { ErrorRow, FaultRows } from '../respond';

/** Blob Storage's XML error, with the code repeated in x-ms-error-code, as Azure sends it. */
export function storageError(status: number, code: string, message: string): Omit<ErrorRow, 'id' | 'label'> {
	return {
		status,
		contentType: 'application/xml',
		headers: { 'x-ms-error-code': code, 'x-ms-request-id': '9f1c2d3e-601e-0042-5c1a-3d2b1a000000', 'x-ms-version': '2023-11-03' },
		body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:9f1c2d3e-601e-0042-5c1a-3d2b1a000000\nTime:2026-11-28T12:00:00.0000000Z</Message></Error>`
	};
}

const row = (status: number, code: string, message: string, label: string, headers?: Record<string, string>): ErrorRow => {
	const error = storageError(status, code, message);
	return { id: code, label, ...error, headers: { ...error.headers, ...headers } };
};

export const errorRows: ErrorRow[] = [
	row(401, 'NoAuthenticationInformation', 'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.', 'NoAuthenticationInformation (401): no SAS token'),
	row(401, 'InvalidAuthenticationInfo', 'Authentication information is not given in the correct format. Check the value of Authorization header.', 'InvalidAuthenticationInfo (401): malformed credentials'),
	row(403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.', 'AuthenticationFailed (403): SAS expired or signature invalid'),
	row(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.', 'AuthorizationPermissionMismatch (403): SAS lacks write permission'),
	row(403, 'InsufficientAccountPermissions', 'The account being accessed does not have sufficient permissions to execute this operation.', 'InsufficientAccountPermissions (403): platform not allowed'),
	row(403, 'AccountIsDisabled', 'The specified account is disabled.', 'AccountIsDisabled (403)'),
	row(404, 'ContainerNotFound', 'The specified container does not exist.', 'ContainerNotFound (404)'),
	row(413, 'RequestBodyTooLarge', 'The request body is too large and exceeds the maximum permissible limit.', 'RequestBodyTooLarge (413)'),
	row(500, 'InternalError', 'The server encountered an internal error. Please retry the request.', 'InternalError (500)'),
	row(503, 'ServerBusy', 'Ingress is over the account limit.', 'ServerBusy (503): ingress over the account limit', { 'retry-after': '30' })
];

export const faultRows: FaultRows = {
	expired: 'AuthenticationFailed',
	invalid: 'InvalidAuthenticationInfo',
	notAllowlisted: 'InsufficientAccountPermissions',
	throttled: 'ServerBusy',
	outage: 'InternalError'
};
