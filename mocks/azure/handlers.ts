import { HttpResponse } from 'msw';
import type { PartnerMock, PartnerMockKit, RouteInput } from '../route';
import { AUTH_FAILED_MESSAGE, errorRows, faultRows, HTTP_DATE, REQUEST_ID, SERVICE_VERSION, storageError } from './errors';

/**
 * Azure Blob Storage from Azure's side (the connector is *thin*: an audience file drop): Put
 * Blob of a block blob, and Get Container Properties for Test connection, both authorised by a
 * SAS token in the query string.
 *
 * Two knobs have nothing to act on here, as with the real service: Blob Storage has no
 * per-item answer (a file is written whole or not at all), so the rejection rate rejects
 * nothing; and both successes have an empty body, so "truncated JSON" has nothing to cut short.
 */
const HOST = 'https://:account.blob.core.windows.net';
const ACCOUNT = /^[a-z0-9]{3,24}$/;
const CONTAINER = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERSION = /^\d{4}-\d{2}-\d{2}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_BLOB_NAME = 1024;
const MiB = 1024 * 1024;

function fail(status: number, code: string, message: string, extra = ''): Response {
	const e = storageError(status, code, message, extra);
	return new HttpResponse(e.body, { status, headers: { 'content-type': e.contentType, ...e.headers } });
}

const authFailed = (detail: string) => fail(403, 'AuthenticationFailed', AUTH_FAILED_MESSAGE, `<AuthenticationErrorDetail>${detail}</AuthenticationErrorDetail>`);

const httpDate = (at: Date) => at.toUTCString();

function decoded(path: string): string | null {
	try {
		return decodeURIComponent(path);
	} catch {
		return null;
	}
}

/** The largest body one Put Blob takes, by service version. */
function maxPutBlobBytes(version: string): number {
	if (version >= '2019-12-12') return 5000 * MiB;
	if (version >= '2016-05-31') return 256 * MiB;
	return 64 * MiB;
}

/**
 * What Azure checks of a SAS token. The mock has no sandbox clock, so it checks that the
 * expiry is a date (and after the start) but not that it lies ahead; the "expired" knob stands
 * for a token past its expiry.
 */
function sasProblem(url: URL, permission: 'write' | 'read'): Response | null {
	const sas = url.searchParams;
	if (!sas.get('sig')) {
		return fail(401, 'NoAuthenticationInformation', 'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.');
	}
	if (!BASE64.test(sas.get('sig')!)) return authFailed('Signature fields not well formed.');
	for (const field of ['sv', 'se']) if (!sas.get(field)) return authFailed(`${field} is mandatory. Cannot be empty`);
	if (!VERSION.test(sas.get('sv')!)) return authFailed(`The value for sv (${sas.get('sv')}) is not a valid service version.`);
	const expiry = new Date(sas.get('se')!);
	if (Number.isNaN(expiry.getTime())) return authFailed(`The value for se (${sas.get('se')}) is not a valid ISO 8601 date.`);
	const start = sas.get('st') ? new Date(sas.get('st')!) : null;
	if (start && Number.isNaN(start.getTime())) return authFailed(`The value for st (${sas.get('st')}) is not a valid ISO 8601 date.`);
	if (start && expiry <= start) {
		return authFailed(`Signed expiry time [${httpDate(expiry)}] has to be after signed start time [${httpDate(start)}]`);
	}
	const granted = sas.get('sp');
	if (permission === 'write' && granted !== null && !/[cw]/.test(granted)) {
		return fail(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
	}
	return null;
}

function containerProblem(name: string): Response | null {
	if (name.length < 3 || name.length > 63) {
		return fail(400, 'OutOfRangeInput', 'The specified resource name length is not within the permissible limits.');
	}
	// Azure's own spelling.
	if (!CONTAINER.test(name)) return fail(400, 'InvalidResourceName', 'The specifed resource name contains invalid characters.');
	return null;
}

/** An ETag that changes with the content, as Azure's does, without a clock or randomness. */
function etagOf(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return `"0x8DD${hash.toString(16).toUpperCase().padStart(8, '0')}C3A1"`;
}

/** A storage account name that cannot exist is no host of Azure's: the request is not this mock's. */
const knownAccount = ({ params }: RouteInput) => (ACCOUNT.test(String(params.account)) ? null : undefined);

const common = { 'x-ms-request-id': REQUEST_ID, 'x-ms-version': SERVICE_VERSION, date: HTTP_DATE };

/** Azure Blob Storage's mock; it keeps no blobs (nothing reads them back). */
export function createMock(kit: PartnerMockKit): PartnerMock {
	const route = kit.routes(errorRows, faultRows);
	return {
		handlers: [
			route('put', `${HOST}/:container/*`, async ({ request, params }) => {
				const url = new URL(request.url);
				const container = containerProblem(String(params.container));
				if (container) return container;
				const sas = sasProblem(url, 'write');
				if (sas) return sas;
				const blobName = decoded(url.pathname.split('/').slice(2).join('/'));
				if (blobName === null) return fail(400, 'InvalidUri', 'The requested URI does not represent any resource on the server.');
				if (!blobName || blobName.length > MAX_BLOB_NAME) {
					return fail(400, 'OutOfRangeInput', 'The specified resource name length is not within the permissible limits.');
				}
				const blobType = request.headers.get('x-ms-blob-type');
				if (!blobType) {
					return fail(400, 'MissingRequiredHeader', 'An HTTP header that\'s mandatory for this request is not specified.', '<HeaderName>x-ms-blob-type</HeaderName>');
				}
				if (blobType !== 'BlockBlob') {
					return fail(400, 'InvalidHeaderValue', 'The value for one of the HTTP headers is not in the correct format.', `<HeaderName>x-ms-blob-type</HeaderName><HeaderValue>${blobType}</HeaderValue>`);
				}
				const version = request.headers.get('x-ms-version') ?? url.searchParams.get('sv')!;
				if (!VERSION.test(version)) {
					return fail(400, 'InvalidHeaderValue', 'The value for one of the HTTP headers is not in the correct format.', `<HeaderName>x-ms-version</HeaderName><HeaderValue>${version}</HeaderValue>`);
				}
				const bytes = new Uint8Array(await request.arrayBuffer());
				const limit = maxPutBlobBytes(version);
				if (bytes.length > limit) {
					return fail(413, 'RequestBodyTooLarge', 'The request body is too large and exceeds the maximum permissible limit.', `<MaxLimit>${limit}</MaxLimit>`);
				}
				// Azure stores any bytes under any Content-Type (it only records it as the blob's content
				// type, application/octet-stream when absent) and never reads the body, so neither does
				// this mock: the file's format is the adapter's to get right, and its tests pin it.
				const body = new TextDecoder().decode(bytes);
				return new HttpResponse(null, {
					status: 201,
					headers: { ...common, etag: etagOf(url.pathname + body), 'last-modified': HTTP_DATE, 'x-ms-request-server-encrypted': 'true' }
				});
			}, { before: knownAccount }),

			// Get Container Properties, which Test connection reads.
			route('get', `${HOST}/:container`, ({ request, params }) => {
				const url = new URL(request.url);
				if (url.searchParams.get('restype') !== 'container') {
					return fail(400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.', '<QueryParameterName>restype</QueryParameterName>');
				}
				const container = containerProblem(String(params.container));
				if (container) return container;
				const sas = sasProblem(url, 'read');
				if (sas) return sas;
				return new HttpResponse(null, {
					status: 200,
					headers: {
						...common,
						etag: etagOf(url.pathname),
						'last-modified': 'Wed, 01 Oct 2025 09:30:00 GMT',
						'x-ms-lease-status': 'unlocked',
						'x-ms-lease-state': 'available',
						'x-ms-has-immutability-policy': 'false',
						'x-ms-has-legal-hold': 'false',
						'x-ms-default-encryption-scope': '$account-encryption-key',
						'x-ms-deny-encryption-scope-override': 'false'
					}
				});
			}, { before: knownAccount })
		]
	};
}
