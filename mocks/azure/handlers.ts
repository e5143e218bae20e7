import { http, HttpResponse } from 'msw';
import { faultsFor, type FaultSettings } from '../faults';
import { forcedAnswer, withLatency } from '../respond';
import { errorRows, faultRows, storageError } from './errors';

/**
 * Azure Blob Storage from Azure's side: Put Blob of a block blob and Get Container Properties,
 * authorised by a SAS token in the query string. Blob Storage has no per-item answer, so the
 * rejection-rate knob has nothing to reject here.
 */
const MAX_BODY_BYTES = 5000 * 1024 * 1024;

function fail(status: number, code: string, message: string, faults: FaultSettings): Response {
	const e = storageError(status, code, message);
	return withLatency(new HttpResponse(e.body, { status, headers: { 'content-type': e.contentType, ...e.headers } }), faults);
}

function sasProblem(url: URL, faults: FaultSettings): Response | null {
	const params = url.searchParams;
	if (!params.get('sig') && !params.get('sv')) {
		return fail(401, 'NoAuthenticationInformation', 'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.', faults);
	}
	if (!params.get('sig') || !params.get('sv')) {
		return fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.', faults);
	}
	const se = params.get('se');
	if (se && Number.isNaN(Date.parse(se))) {
		return fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request. Signed expiry time is not a valid date.', faults);
	}
	return null;
}

const okHeaders = (faultsHeaders: Record<string, string> = {}) => ({
	'x-ms-request-id': '7a3c9e1f-801e-0013-2b4f-5c6d7e000000',
	'x-ms-version': '2023-11-03',
	date: 'Sat, 28 Nov 2026 12:00:00 GMT',
	...faultsHeaders
});

export const handlers = [
	http.put('https://:account.blob.core.windows.net/:container/*', async ({ request }) => {
		const faults = faultsFor(request);
		const forced = forcedAnswer(faults, errorRows, faultRows);
		if (forced) return forced;
		const url = new URL(request.url);
		const sas = sasProblem(url, faults);
		if (sas) return sas;
		if (request.headers.get('x-ms-blob-type') !== 'BlockBlob') {
			return fail(400, 'MissingRequiredHeader', 'An HTTP header that is mandatory for this request is not specified.', faults);
		}
		const body = await request.text();
		if (new TextEncoder().encode(body).length > MAX_BODY_BYTES) {
			return fail(413, 'RequestBodyTooLarge', 'The request body is too large and exceeds the maximum permissible limit.', faults);
		}
		if (!body.trim()) return fail(400, 'InvalidInput', 'One of the request inputs is not valid: the file is empty.', faults);
		// A write is answered with no body, so the truncated-JSON knob has nothing to cut short.
		return withLatency(
			new HttpResponse(null, {
				status: 201,
				headers: okHeaders({ etag: '"0x8DCF1A2B3C4D5E6"', 'last-modified': 'Sat, 28 Nov 2026 12:00:00 GMT', 'x-ms-request-server-encrypted': 'true' })
			}),
			faults
		);
	}),
	http.get('https://:account.blob.core.windows.net/:container', ({ request }) => {
		const faults = faultsFor(request);
		const forced = forcedAnswer(faults, errorRows, faultRows);
		if (forced) return forced;
		const url = new URL(request.url);
		if (url.searchParams.get('restype') !== 'container') return fail(400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.', faults);
		const sas = sasProblem(url, faults);
		if (sas) return sas;
		return withLatency(new HttpResponse(null, { status: 200, headers: okHeaders({ etag: '"0x8DCF1A2B3C4D5E7"', 'x-ms-lease-state': 'available' }) }), faults);
	})
];
