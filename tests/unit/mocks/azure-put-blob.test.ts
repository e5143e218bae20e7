import { describe, expect, it } from 'vitest';
import type { OutgoingRequest } from '$lib/partners/adapter';
import { buildRequest } from '$lib/partners/azure/adapter';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, mockTransport, recipients } from '../../fixtures/delivery';

// Issue 12: the Azure mock refused content types that Blob Storage accepts. Put Blob stores any
// Content-Type (it only records it as the blob's content type) and never reads the body.

const { handlers } = createPartnerMocks().partners.azure;
const sas = 'sv=2024-11-04&ss=b&srt=co&sp=cw&se=2099-12-31T00:00:00Z&sig=abcSIGNATURE123%3D';
const BASE = 'https://sandboxaudiences.blob.core.windows.net/activation';
const putBlob = { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2023-11-03' };

async function send(request: Partial<OutgoingRequest> & { url: string }) {
	const reply = await mockTransport(handlers).send({ method: 'PUT', headers: {}, body: null, secrets: [], ...request }, { connectorId: 'c', timeoutMs: 3000 });
	if (reply.kind !== 'response') throw new Error(`expected a response, got ${reply.kind}`);
	return reply;
}

describe('the Azure Blob Storage mock, Put Blob', () => {
	it.each([
		['application/octet-stream', 'application/octet-stream', 'C-1 add\n'],
		['text/csv', 'text/csv', 'id;op\nC-1;add\n'],
		['application/x-ndjson; charset=utf-8', 'application/x-ndjson; charset=utf-8', '{"customerId":"C-1","operation":"add"}\n'],
		['an NDJSON type over a body that is not NDJSON', 'application/x-ndjson', 'not json at all'],
		['text/plain', 'text/plain; charset=iso-8859-1', 'anything'],
		['no content type', null, 'C-1,add\n'],
		['no content type and an empty file', null, '']
	])('stores a block blob sent with %s: 201 Created', async (_what, contentType, body) => {
		const headers: Record<string, string> = contentType === null ? putBlob : { ...putBlob, 'content-type': contentType };
		const reply = await send({ url: `${BASE}/drop/file.bin?${sas}`, headers, body });
		expect(reply.status).toBe(201);
		expect(reply.headers['x-ms-error-code']).toBeUndefined();
		expect(reply.headers.etag).toMatch(/^"0x8DD[0-9A-F]{8}C3A1"$/);
	});

	it('still refuses what Blob Storage refuses, whatever the content type', async () => {
		const headers = { ...putBlob, 'content-type': 'application/octet-stream' };
		const noBlobType = await send({ url: `${BASE}/x.bin?${sas}`, headers: { 'content-type': 'application/octet-stream' }, body: 'x' });
		expect(noBlobType).toMatchObject({ status: 400, headers: { 'x-ms-error-code': 'MissingRequiredHeader' } });
		const noSas = await send({ url: `${BASE}/x.bin`, headers, body: 'x' });
		expect(noSas).toMatchObject({ status: 401, headers: { 'x-ms-error-code': 'NoAuthenticationInformation' } });
		const badSig = await send({ url: `${BASE}/x.bin?${sas.replace('abcSIGNATURE123%3D', 'not%20base64!')}`, headers, body: 'x' });
		expect(badSig).toMatchObject({ status: 403, headers: { 'x-ms-error-code': 'AuthenticationFailed' } });
		const readOnly = await send({ url: `${BASE}/x.bin?${sas.replace('sp=cw', 'sp=rl')}`, headers, body: 'x' });
		expect(readOnly).toMatchObject({ status: 403, headers: { 'x-ms-error-code': 'AuthorizationPermissionMismatch' } });
		// Service versions before 2016-05-31 take at most 64 MiB in one Put Blob.
		const tooLarge = await send({ url: `${BASE}/x.bin?${sas}`, headers: { ...headers, 'x-ms-version': '2015-12-11' }, body: 'x'.repeat(64 * 1024 * 1024 + 1) });
		expect(tooLarge).toMatchObject({ status: 413, headers: { 'x-ms-error-code': 'RequestBodyTooLarge' } });
	});

	it('is sent a content type that says what the file is, by the adapter', async () => {
		const batch = await recipients(1, 'customerId', 1501);
		const config = { accountName: 'sandboxaudiences', containerName: 'activation', sasToken: sas };
		const ndjson = buildRequest(delivery('add', batch, { ...config, fileFormat: 'ndjson' }, {}));
		const csv = buildRequest(delivery('add', batch, { ...config, fileFormat: 'csv' }, {}));
		expect(ndjson.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
		expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
		expect((await send(ndjson)).status).toBe(201);
		expect((await send(csv)).status).toBe(201);
	});
});
