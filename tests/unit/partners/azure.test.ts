import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest } from '$lib/partners/azure/adapter';
import { faultBoard } from '../../../mocks/faults';
import { errorRows } from '../../../mocks/azure/errors';
import { handlers } from '../../../mocks/azure/handlers';
import { delivery, exchange, mockTransport, recipients } from '../../fixtures/delivery';

const sas = 'sv=2024-11-04&ss=b&srt=co&sp=cw&se=2099-12-31T00:00:00Z&sig=abcSIGNATURE123%3D';
const config = { accountName: 'sandboxaudiences', containerName: 'activation', sasToken: sas, fileFormat: 'ndjson' };
const settings = { pathPrefix: 'audiences/vip' };

afterEach(() => faultBoard.reset());

describe('Azure (non-event) adapter', () => {
	it('writes one block blob per batch: NDJSON of customer IDs and the operation, SAS in the query', async () => {
		const batch = await recipients(2, 'customerId', 1501);
		const request = buildRequest(delivery('add', batch, config, settings));
		expect(request).toEqual({
			method: 'PUT',
			url: `https://sandboxaudiences.blob.core.windows.net/activation/audiences/vip/2026-11-28T12-00-00-000Z-add-p0-2.ndjson?${sas}`,
			headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2023-11-03', 'content-type': 'application/x-ndjson; charset=utf-8' },
			body: '{"customerId":"C-1000","operation":"add"}\n{"customerId":"C-1001","operation":"add"}\n',
			secrets: [sas, 'abcSIGNATURE123=']
		});
		const csv = buildRequest(delivery('remove', batch, { ...config, fileFormat: 'csv' }, settings));
		expect(csv.body).toBe('customerId,operation\nC-1000,remove\nC-1001,remove\n');
		expect(csv.url).toContain('-remove-p0-2.csv?');
	});

	it.each(errorRows.map((row) => [row.id, row] as const))('classifies the real error %s', (id, row) => {
		const step = adapter.begin(delivery('add', [], config, settings), null);
		if (step.kind !== 'send') throw new Error('expected a request');
		const finish = adapter.advance(step.state, { kind: 'response', status: row.status, headers: row.headers ?? {}, body: row.body, latencyMs: 5 });
		const error = finish.kind === 'finish' ? finish.outcome.batchError : null;
		const credentials = ['NoAuthenticationInformation', 'InvalidAuthenticationInfo', 'AuthenticationFailed'].includes(id);
		expect(error).toMatchObject({ category: credentials ? 'invalidCredentials' : 'partnerError', code: id, retryable: ['InternalError', 'ServerBusy'].includes(id) });
		expect(error?.message).not.toContain('RequestId');
	});

	it('delivers a batch to the mock and reads the ETag', async () => {
		const batch = await recipients(3, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [] });
		expect(result.outcome.note).toMatch(/Blob written/);
	});

	it('refuses a request without a SAS token or without the blob type, with Azure\'s XML error', async () => {
		const transport = mockTransport(handlers);
		const noSas = await transport.send(
			{ method: 'PUT', url: 'https://a1.blob.core.windows.net/c1/x.ndjson', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x', secrets: [] },
			{ connectorId: 'c', timeoutMs: 3000 }
		);
		expect(noSas).toMatchObject({ kind: 'response', status: 401, headers: { 'x-ms-error-code': 'NoAuthenticationInformation' } });
		const noType = await transport.send(
			{ method: 'PUT', url: `https://a1.blob.core.windows.net/c1/x.ndjson?${sas}`, headers: {}, body: 'x', secrets: [] },
			{ connectorId: 'c', timeoutMs: 3000 }
		);
		expect(noType.kind === 'response' && noType.body).toContain('<Code>MissingRequiredHeader</Code>');
	});

	it.each([
		[{ credentials: 'expired' as const }, { category: 'invalidCredentials', code: 'AuthenticationFailed' }],
		[{ notAllowlisted: true }, { category: 'partnerError', code: 'InsufficientAccountPermissions', retryable: false }],
		[{ throttled: true }, { category: 'partnerError', code: 'ServerBusy', retryable: true, retryAfterMs: 30_000 }],
		[{ outage: 'empty500' as const }, { category: 'otherError', code: null }],
		[{ malformed: 'htmlPage' as const }, { category: 'otherError', code: null }],
		[{ slow: { medianMs: 9000, spread: 0 } }, { category: 'timeout' }],
		[{ answerWith: 'ContainerNotFound' }, { category: 'partnerError', code: 'ContainerNotFound' }]
	])('honours the fault knob %j', async (faults, expected) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expected);
		const other = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-2'));
		expect(other.outcome.batchError).toBeNull();
	});

	it('tests the connection with Get Container Properties', async () => {
		const ok = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(ok.outcome.note).toMatch(/^Connected: the container exists/);
		expect(ok.log[0]?.url).toContain('restype=container');
		faultBoard.set('conn-1', { credentials: 'expired' });
		const expired = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(expired.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: 'AuthenticationFailed' });
	});
});
