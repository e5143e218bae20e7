import type { ErrorRow, FaultRows } from '../respond';

/**
 * SOAP 1.1 faults as Clang's server sends them: always HTTP 500 (as SOAP 1.1 has it), the
 * faultcode being Clang's number for its own errors, or SOAP-ENV:Client / SOAP-ENV:Server.
 * *thin*: 105, 107 and 213 are in the public record; 100, 101, 102 and 106 are our design.
 */
export const ENDPOINT = 'https://secure.myclang.com/app/api/soap/public/index.php';
const ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export const escapeXml = (value: string) =>
	value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function soapFault(code: string, message: string): Omit<ErrorRow, 'id' | 'label'> {
	return {
		status: 500,
		contentType: 'text/xml; charset=utf-8',
		body:
			`<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="${ENVELOPE_NS}"><SOAP-ENV:Body>` +
			`<SOAP-ENV:Fault><faultcode>${escapeXml(code)}</faultcode><faultstring>${escapeXml(message)}</faultstring></SOAP-ENV:Fault>` +
			'</SOAP-ENV:Body></SOAP-ENV:Envelope>\n'
	};
}

/** A successful answer of an operation: code 0 and its msg. */
export function soapAnswer(operation: string, msg: string): string {
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="${ENVELOPE_NS}" xmlns:ns1="${ENDPOINT}"><SOAP-ENV:Body>` +
		`<ns1:${operation}Response><code>0</code><msg>${msg}</msg></ns1:${operation}Response>` +
		'</SOAP-ENV:Body></SOAP-ENV:Envelope>\n'
	);
}

const row = (id: string, label: string, code: string, message: string): ErrorRow => ({ id, label, ...soapFault(code, message) });

export const INVALID_UUID = 'Invalid uuid';
export const SIZE_MESSAGE = 'Size must be between 1 and 50';

export const errorRows: ErrorRow[] = [
	row('fault-100', '100: invalid uuid (the API token is not known)', '100', INVALID_UUID),
	row('fault-101', '101: uuid revoked or expired', '101', 'This uuid is no longer valid'),
	row('fault-102', '102: no API access for this uuid from this platform (not allowlisted)', '102', 'Access denied: this uuid has no API access from this platform'),
	row('fault-105', '105: size must be between 1 and 50 (too many customers in one call)', '105', SIZE_MESSAGE),
	row('fault-106', '106: too many requests for this uuid (throttled)', '106', 'Too many requests for this uuid, try again later'),
	row('fault-213', '213: group not found', '213', 'Group not found'),
	row('fault-client', 'SOAP-ENV:Client: bad request (malformed envelope)', 'SOAP-ENV:Client', 'Bad Request'),
	row('fault-server', 'SOAP-ENV:Server: internal server error (Clang is down)', 'SOAP-ENV:Server', 'Internal Server Error')
];

export const faultRows: FaultRows = {
	expired: 'fault-101',
	invalid: 'fault-100',
	notAllowlisted: 'fault-102',
	throttled: 'fault-106',
	outage: 'fault-server'
};
