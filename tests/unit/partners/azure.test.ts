import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest } from '$lib/partners/azure/adapter';
import { catalog } from '$lib/partners/azure/catalog';
import type { AzureConfig } from '$lib/partners/azure/config';
import type { OutgoingRequest, Reply } from '$lib/partners/adapter';
import { maskSecrets } from '$lib/engine/masking';
import { errorRows } from '../../../mocks/azure/errors';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, exchange, mockTransport, profile, recipients } from '../../fixtures/delivery';

// Mocks of this file's own: knobs and partner state shared with no other test file.
const mocks = createPartnerMocks();
const faultBoard = mocks.faults;
const { handlers } = mocks.partners.azure;

const sas = 'sv=2024-11-04&ss=b&srt=co&sp=cw&se=2099-12-31T00:00:00Z&sig=abcSIGNATURE123%3D';
const config: AzureConfig = { accountName: 'sandboxaudiences', containerName: 'activation', sasToken: sas, fileFormat: 'ndjson' };
const settings = { pathPrefix: 'audiences/vip' };
const BASE = 'https://sandboxaudiences.blob.core.windows.net/activation';
const response = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({ kind: 'response', status, headers, body, latencyMs: 40 });

function deliverState() {
	const step = adapter.begin(delivery('add', [], config, settings), null);
	if (step.kind !== 'send') throw new Error('expected a request');
	return step.state;
}

function classify(reply: Reply) {
	const finish = adapter.advance(deliverState(), reply);
	if (finish.kind !== 'finish') throw new Error('expected an outcome');
	return finish.outcome;
}

/** Sends a request as is to the mock and returns its answer. */
async function send(request: Partial<OutgoingRequest> & { url: string }) {
	const reply = await mockTransport(handlers).send({ method: 'PUT', headers: {}, body: null, secrets: [], ...request }, { connectorId: 'c', timeoutMs: 3000 });
	if (reply.kind !== 'response') throw new Error(`expected a response, got ${reply.kind}`);
	return reply;
}

const ndjsonHeaders = { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2023-11-03', 'content-type': 'application/x-ndjson; charset=utf-8' };
const oneLine = '{"customerId":"C-1","operation":"add"}\n';

afterEach(() => faultBoard.reset());

describe('Azure (non-event) adapter', () => {
	it('writes one block blob per batch: NDJSON of customer IDs and the operation, SAS token in the query', async () => {
		const batch = await recipients(2, 'customerId', 1501);
		expect(buildRequest(delivery('add', batch, config, settings))).toEqual({
			method: 'PUT',
			url: `${BASE}/audiences/vip/2026-11-28T12-00-00-000Z-add-p0-2.ndjson?sv=2024-11-04&ss=b&srt=co&sp=cw&se=2099-12-31T00:00:00Z&sig=abcSIGNATURE123%3D`,
			headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2023-11-03', 'content-type': 'application/x-ndjson; charset=utf-8' },
			body: '{"customerId":"C-1000","operation":"add"}\n{"customerId":"C-1001","operation":"add"}\n',
			secrets: [sas, 'abcSIGNATURE123=']
		});
	});

	it('writes CSV with the header customerId,operation, quoting IDs that need it', async () => {
		const batch = [...(await recipients(2, 'customerId', 1501)), { profileId: 'p9', identifier: 'ACME, "Ltd"', profile: profile(9) }];
		const csv = buildRequest(delivery('remove', batch, { ...config, fileFormat: 'csv' }, settings));
		expect(csv.url).toBe(`${BASE}/audiences/vip/2026-11-28T12-00-00-000Z-remove-p0-3.csv?${sas}`);
		expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
		expect(csv.body).toBe('customerId,operation\nC-1000,remove\nC-1001,remove\n"ACME, ""Ltd""",remove\n');
	});

	it('takes a SAS token pasted with its leading ?, and keeps it and its signature out of the log', async () => {
		const batch = await recipients(1, 'customerId', 1501);
		const request = buildRequest(delivery('add', batch, { ...config, sasToken: `?${sas}` }, settings));
		expect(request.url).toContain('.ndjson?sv=2024-11-04&');
		const logged = maskSecrets(`${request.url} sig=abcSIGNATURE123=`, request.secrets);
		expect(logged).not.toContain('abcSIGNATURE123');
		expect(logged).toBe(`${BASE}/audiences/vip/2026-11-28T12-00-00-000Z-add-p0-1.ndjson?•••••••• sig=••••••••`);
	});

	const credentialCodes = ['NoAuthenticationInformation', 'InvalidAuthenticationInfo', 'AuthenticationFailed'];
	it.each(errorRows.map((row) => [row.id, row] as const))('classifies the real error %s', (_id, row) => {
		const code = row.headers!['x-ms-error-code']!;
		const error = classify(response(row.status, row.body, { 'content-type': row.contentType, ...row.headers })).batchError;
		expect(error).toMatchObject({
			category: credentialCodes.includes(code) ? 'invalidCredentials' : 'partnerError',
			code,
			retryable: ['InternalError', 'ServerBusy'].includes(code),
			retryAfterMs: null
		});
		// Azure's message without its RequestId and Time lines.
		const message = /<Message>([^\n]*)\n/.exec(row.body)![1]!;
		expect(error?.message.startsWith(message)).toBe(true);
		expect(error?.message).not.toMatch(/RequestId|Time:/);
	});

	it('says why authentication failed: an expired SAS token names its time frame', () => {
		const row = errorRows.find((r) => r.id === 'AuthenticationFailed-expired')!;
		expect(classify(response(row.status, row.body, row.headers)).batchError?.message).toBe(
			'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature. ' +
				'Signature not valid in the specified time frame: Start [Wed, 01 Oct 2025 00:00:00 GMT] - Expiry [Fri, 27 Nov 2026 00:00:00 GMT] - Current [Sat, 28 Nov 2026 12:00:00 GMT]'
		);
	});

	it('reads the code from the XML when the x-ms-error-code header is missing, and decodes entities', () => {
		const body = '<?xml version="1.0" encoding="utf-8"?><Error><Code>ContainerNotFound</Code><Message>The specified container &quot;x&quot; does not exist.\nRequestId:1\nTime:2</Message></Error>';
		expect(classify(response(404, body, { 'content-type': 'application/xml' })).batchError).toMatchObject({
			category: 'partnerError',
			code: 'ContainerNotFound',
			message: 'The specified container "x" does not exist.',
			retryable: false
		});
	});

	it('retries ServerBusy with backoff, honouring Retry-After when Azure sends one', () => {
		const row = errorRows.find((r) => r.id === 'ServerBusy-ingress')!;
		expect(classify(response(503, row.body, row.headers)).batchError).toMatchObject({ retryable: true, retryAfterMs: null });
		expect(classify(response(503, row.body, { ...row.headers, 'retry-after': '30' })).batchError).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
	});

	it('counts an answer without a code as Other error: empty 500, an HTML page, a 200 that is not Put Blob\'s 201', () => {
		expect(classify(response(500, '')).batchError).toMatchObject({ category: 'otherError', code: null, retryable: true });
		expect(classify(response(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' })).batchError).toMatchObject({
			category: 'otherError',
			code: null,
			retryable: true
		});
		expect(classify(response(403, 'Forbidden', { 'content-type': 'text/plain' })).batchError).toMatchObject({ category: 'otherError', code: null, retryable: false });
		expect(classify(response(200, '')).batchError).toMatchObject({ category: 'otherError', code: null });
	});

	it('counts a timeout and a network failure in their categories', () => {
		expect(adapter.advance(deliverState(), { kind: 'timeout', latencyMs: 3000 })).toMatchObject({
			kind: 'finish',
			outcome: { batchError: { category: 'timeout', retryable: true } }
		});
		const network = adapter.advance(deliverState(), { kind: 'network', message: 'Failed to fetch', latencyMs: 3 });
		expect(network.kind === 'finish' && network.outcome.batchError).toMatchObject({ category: 'otherError', retryable: true, message: expect.stringMatching(/CORS/) });
	});
});

describe('Azure Blob Storage mock', () => {
	it('stores a well-formed file and answers 201 Created with an empty body and Azure\'s headers', async () => {
		const batch = await recipients(3, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [] });
		expect(result.outcome.note).toMatch(/^Azure wrote audiences\/vip\/2026-11-28T12-00-00-000Z-add-p0-3\.ndjson with 3 members \(ETag "0x8DD[0-9A-F]{12}"\)\.$/);
		expect(result.log).toEqual([{ purpose: 'deliver', url: expect.stringContaining('/activation/audiences/vip/'), status: 201 }]);

		const reply = await send({ url: buildRequest(delivery('add', batch, config, settings)).url, headers: ndjsonHeaders, body: oneLine });
		expect(reply.status).toBe(201);
		expect(reply.body).toBe('');
		for (const name of ['etag', 'last-modified', 'x-ms-request-id', 'x-ms-version', 'x-ms-request-server-encrypted', 'date']) expect(reply.headers[name], name).toBeTruthy();
	});

	it('stores the largest batch the catalog allows in one file', async () => {
		const batch = await recipients(catalog.limits.maxBatchSize, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [] });
		expect(result.outcome.note).toContain(`with ${catalog.limits.maxBatchSize} members`);
	});

	it('stores CSV files too', async () => {
		const batch = await recipients(2, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('remove', batch, { ...config, fileFormat: 'csv' }, settings));
		expect(result.outcome.batchError).toBeNull();
	});

	it('refuses a request without a SAS token: 401 NoAuthenticationInformation, in the header and the XML', async () => {
		const reply = await send({ url: `${BASE}/x.ndjson`, headers: ndjsonHeaders, body: oneLine });
		expect(reply).toMatchObject({ status: 401, headers: { 'x-ms-error-code': 'NoAuthenticationInformation' } });
		expect(reply.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><Error><Code>NoAuthenticationInformation<\/Code><Message>Server failed to authenticate the request\. .*\nRequestId:.*\nTime:.*<\/Message><\/Error>$/s);
	});

	it.each([
		['a malformed signature', sas.replace('abcSIGNATURE123%3D', 'not%20base64!'), 403, 'AuthenticationFailed', 'Signature fields not well formed.'],
		['no expiry', sas.replace('&se=2099-12-31T00:00:00Z', ''), 403, 'AuthenticationFailed', 'se is mandatory. Cannot be empty'],
		['an expiry that is no date', sas.replace('2099-12-31T00:00:00Z', 'tomorrow'), 403, 'AuthenticationFailed', 'The value for se (tomorrow) is not a valid ISO 8601 date.'],
		[
			'an expiry before the start',
			`${sas}&st=2100-01-01T00:00:00Z`,
			403,
			'AuthenticationFailed',
			'Signed expiry time [Thu, 31 Dec 2099 00:00:00 GMT] has to be after signed start time [Fri, 01 Jan 2100 00:00:00 GMT]'
		],
		['read-only permissions', sas.replace('sp=cw', 'sp=rl'), 403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.']
	])('refuses a SAS token with %s', async (_what, token, status, code, message) => {
		const batch = await recipients(1, 'customerId', 1501);
		const reply = await send({ url: buildRequest(delivery('add', batch, { ...config, sasToken: token }, settings)).url, headers: ndjsonHeaders, body: oneLine });
		expect(reply).toMatchObject({ status, headers: { 'x-ms-error-code': code } });
		expect(reply.body).toContain(message);
	});

	it('refuses a Put Blob without x-ms-blob-type, or of another blob type', async () => {
		const url = `${BASE}/x.ndjson?${sas}`;
		const missing = await send({ url, headers: { 'content-type': 'application/x-ndjson' }, body: oneLine });
		expect(missing).toMatchObject({ status: 400, headers: { 'x-ms-error-code': 'MissingRequiredHeader' } });
		expect(missing.body).toContain('<HeaderName>x-ms-blob-type</HeaderName>');
		const page = await send({ url, headers: { ...ndjsonHeaders, 'x-ms-blob-type': 'PageBlob' }, body: oneLine });
		expect(page).toMatchObject({ status: 400, headers: { 'x-ms-error-code': 'InvalidHeaderValue' } });
	});

	it('refuses a container name Azure does not allow', async () => {
		const bad = await send({ url: `https://sandboxaudiences.blob.core.windows.net/Activation_2/x.ndjson?${sas}`, headers: ndjsonHeaders, body: oneLine });
		expect(bad).toMatchObject({ status: 400, headers: { 'x-ms-error-code': 'InvalidResourceName' } });
		expect(bad.body).toContain('The specifed resource name contains invalid characters.');
		const short = await send({ url: `https://sandboxaudiences.blob.core.windows.net/ab/x.ndjson?${sas}`, headers: ndjsonHeaders, body: oneLine });
		expect(short).toMatchObject({ status: 400, headers: { 'x-ms-error-code': 'OutOfRangeInput' } });
	});

	it('refuses a file over the Put Blob limit of the service version with RequestBodyTooLarge', async () => {
		// Service versions before 2016-05-31 take at most 64 MiB in one Put Blob.
		const line = '{"customerId":"C-1000000","operation":"add"}\n';
		const body = line.repeat(Math.ceil((64 * 1024 * 1024 + 1) / line.length));
		const reply = await send({ url: `${BASE}/x.ndjson?${sas}`, headers: { ...ndjsonHeaders, 'x-ms-version': '2015-12-11' }, body });
		expect(reply).toMatchObject({ status: 413, headers: { 'x-ms-error-code': 'RequestBodyTooLarge' } });
		expect(reply.body).toContain('<MaxLimit>67108864</MaxLimit>');
		expect(classify(reply).batchError).toMatchObject({ category: 'partnerError', code: 'RequestBodyTooLarge', retryable: false });
	});

	it('does not answer for a storage account name that cannot exist (no such host)', async () => {
		const batch = await recipients(1, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, { ...config, accountName: 'Bad_Name' }, settings));
		expect(result.outcome.batchError).toMatchObject({ category: 'otherError', retryable: true });
		expect(result.log[0]?.status).toBe('network');
	});

	it.each([
		[{ credentials: 'expired' as const }, { category: 'invalidCredentials', code: 'AuthenticationFailed', message: expect.stringMatching(/Signature not valid in the specified time frame/) }],
		[{ credentials: 'invalid' as const }, { category: 'invalidCredentials', code: 'AuthenticationFailed', message: expect.stringMatching(/Signature did not match/) }],
		[{ notAllowlisted: true }, { category: 'partnerError', code: 'AuthorizationFailure', retryable: false }],
		[{ throttled: true }, { category: 'partnerError', code: 'ServerBusy', retryable: true, retryAfterMs: null }],
		[{ outage: 'partnerError' as const }, { category: 'partnerError', code: 'InternalError', retryable: true }],
		[{ outage: 'empty500' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ malformed: 'htmlPage' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ slow: { medianMs: 9000, spread: 0 } }, { category: 'timeout', retryable: true }],
		[{ answerWith: 'ContainerNotFound' }, { category: 'partnerError', code: 'ContainerNotFound', retryable: false }],
		[{ answerWith: 'AccountIsDisabled' }, { category: 'partnerError', code: 'AccountIsDisabled', retryable: false }]
	])('honours the fault knob %j, for its connector only', async (faults, expected) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expected);
		const other = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-2'));
		expect(other.outcome.batchError).toBeNull();
	});

	it('has nothing to cut short with the truncated-answer knob: Put Blob answers with no body', async () => {
		faultBoard.set('conn-1', { malformed: 'truncatedJson' });
		const batch = await recipients(2, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [] });
	});

	it('rejects no one at any rejection rate: Blob Storage writes a file whole or not at all', async () => {
		faultBoard.set('conn-1', { rejectionRate: 1 });
		const batch = await recipients(50, 'customerId', 1501);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [] });
	});

	it('tests the connection with Get Container Properties, and reports an expired SAS token', async () => {
		const step = adapter.probe({ config, now: Date.UTC(2026, 10, 28) }, null);
		expect(step.kind === 'send' && step.request).toEqual({
			method: 'GET',
			url: `${BASE}?restype=container&${sas}`,
			headers: { 'x-ms-version': '2023-11-03' },
			body: null,
			secrets: [sas, 'abcSIGNATURE123=']
		});
		const ok = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(ok.outcome).toEqual({
			batchError: null,
			rejected: [],
			note: 'Connected to the container "activation" of the storage account "sandboxaudiences"; the SAS token is accepted.'
		});
		expect(ok.log).toEqual([{ purpose: 'test connection', url: expect.stringContaining('?restype=container&sv='), status: 200 }]);

		faultBoard.set('conn-1', { credentials: 'expired' });
		const expired = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(expired.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: 'AuthenticationFailed' });
		faultBoard.set('conn-1', { credentials: 'valid', answerWith: 'ContainerNotFound' });
		const missing = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(missing.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'ContainerNotFound', message: 'The specified container does not exist.' });
	});

	it('refuses a Test connection without a SAS token', async () => {
		const reply = await send({ method: 'GET', url: `${BASE}?restype=container` });
		expect(reply).toMatchObject({ status: 401, headers: { 'x-ms-error-code': 'NoAuthenticationInformation' } });
	});
});
