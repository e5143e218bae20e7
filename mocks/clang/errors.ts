import type { ErrorRow, FaultRows } from '../respond';

/** A SOAP 1.1 fault as Clang's server sends it: a client fault with HTTP 500, as SOAP does. */
export function soapFault(code: string, message: string, status = 500): Omit<ErrorRow, 'id' | 'label'> {
	return {
		status,
		contentType: 'text/xml; charset=utf-8',
		body:
			'<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>' +
			`<SOAP-ENV:Fault><faultcode>${code}</faultcode><faultstring>${message}</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	};
}

const row = (code: string, message: string, label: string, status = 500, headers?: Record<string, string>): ErrorRow => ({
	id: `fault-${code}`,
	label,
	...soapFault(code, message, status),
	headers
});

/** *thin*: Clang's fault codes beyond 105, 107 and 213 are our design. */
export const errorRows: ErrorRow[] = [
	row('100', 'Invalid uuid', '100: invalid uuid (API token)'),
	row('101', 'The uuid has expired', '101: uuid expired'),
	row('102', 'This account has no access to the API from this address', '102: API access not allowed for the platform (not allowlisted)'),
	row('105', 'Size must be between 1 and 50', '105: size must be between 1 and 50'),
	row('213', 'Group not found', '213: group not found'),
	row('429', 'Too many requests for this account; try again later', '429: too many requests', 500, { 'retry-after': '60' }),
	row('503', 'Service temporarily unavailable', '503: service unavailable', 503)
];

export const faultRows: FaultRows = {
	expired: 'fault-101',
	invalid: 'fault-100',
	notAllowlisted: 'fault-102',
	throttled: 'fault-429',
	outage: 'fault-503'
};
