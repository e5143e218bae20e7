import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest } from '$lib/partners/clang/adapter';
import { catalog } from '$lib/partners/clang/catalog';
import type { OutgoingRequest, Reply } from '$lib/partners/adapter';
import { errorRows, soapAnswer, soapFault } from '../../../mocks/clang/errors';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, exchange, mockTransport, profile, recipients } from '../../fixtures/delivery';

// Mocks of this file's own: knobs and partner state shared with no other test file.
const mocks = createPartnerMocks();
const faultBoard = mocks.faults;
const { handlers } = mocks.partners.clang;

const uuid = '3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64';
const config = { accountName: 'sandbox-demo', uuid };
const settings = { groupId: '4021' };
const ENDPOINT = 'https://secure.myclang.com/app/api/soap/public/index.php';
const response = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
	kind: 'response',
	status,
	headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
	body,
	latencyMs: 80
});

async function outcomeOf(reply: Reply, count = 0, operation: 'add' | 'remove' = 'add') {
	const step = adapter.begin(delivery(operation, await recipients(count, 'customerId', 1601), config, settings), null);
	if (step.kind !== 'send') throw new Error('expected a request');
	const finish = adapter.advance(step.state, reply);
	if (finish.kind !== 'finish') throw new Error('expected an outcome');
	return finish.outcome;
}

/** A batch answer with one MemberResult per [externalId, code, description]. */
const batchAnswer = (results: Array<[string, string, string]>) =>
	soapAnswer(
		'group_addMembersByExternalIds',
		`<groupId>4021</groupId><results>${results.map(([id, code, description]) => `<MemberResult><externalId>${id}</externalId><code>${code}</code><description>${description}</description></MemberResult>`).join('')}</results>`
	);

/** Sends a request as is to the mock and returns its answer. */
async function send(request: Partial<OutgoingRequest>) {
	const reply = await mockTransport(handlers).send(
		{ method: 'POST', url: ENDPOINT, headers: {}, body: null, secrets: [], ...request },
		{ connectorId: 'c', timeoutMs: 3000 }
	);
	if (reply.kind !== 'response') throw new Error(`expected a response, got ${reply.kind}`);
	return reply;
}

const faultCode = (body: string) => /<faultcode>([^<]*)<\/faultcode>/.exec(body)?.[1];

afterEach(() => faultBoard.reset());

describe('Clang batch adapter', () => {
	it('sends one SOAP 1.1 envelope per batch with the uuid, the group and the customers\' external IDs', async () => {
		const batch = await recipients(2, 'customerId', 1601);
		expect(buildRequest(delivery('add', batch, config, settings))).toEqual({
			method: 'POST',
			url: 'https://secure.myclang.com/app/api/soap/public/index.php',
			headers: {
				'content-type': 'text/xml; charset=utf-8',
				soapaction: '"https://secure.myclang.com/app/api/soap/public/index.php#group_addMembersByExternalIds"'
			},
			body:
				'<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://secure.myclang.com/app/api/soap/public/index.php"><SOAP-ENV:Body><ns1:group_addMembersByExternalIds><uuid>3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64</uuid><group><id>4021</id></group><externalIds><item>C-1000</item><item>C-1001</item></externalIds></ns1:group_addMembersByExternalIds></SOAP-ENV:Body></SOAP-ENV:Envelope>',
			secrets: ['3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64']
		});
	});

	it('removes with the matching operation and SOAPAction', async () => {
		const batch = await recipients(1, 'customerId', 1601);
		const remove = buildRequest(delivery('remove', batch, config, settings));
		expect(remove.headers.soapaction).toBe('"https://secure.myclang.com/app/api/soap/public/index.php#group_removeMembersByExternalIds"');
		expect(remove.body).toContain('<ns1:group_removeMembersByExternalIds><uuid>3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64</uuid><group><id>4021</id></group><externalIds><item>C-1000</item></externalIds></ns1:group_removeMembersByExternalIds>');
	});

	it('escapes external IDs for XML, and Clang reads them back', async () => {
		const odd = [{ profileId: 'p7', identifier: 'A&B <7>', profile: profile(7) }];
		expect(buildRequest(delivery('add', odd, config, settings)).body).toContain('<item>A&amp;B &lt;7&gt;</item>');
		faultBoard.set('conn-1', { rejectionRate: 1 });
		const result = await exchange(handlers, adapter, 'begin', delivery('add', odd, config, settings));
		// Not found, and matched to the right customer despite the escaping.
		expect(result.outcome.rejected).toEqual([{ index: 0, error: expect.objectContaining({ code: '213', message: 'Customer not found' }) }]);
	});

	const credentialFaults = ['100', '101'];
	it.each(errorRows.map((row) => [row.id, row] as const))('classifies the real fault %s', async (_id, row) => {
		const code = faultCode(row.body)!.replace(/^SOAP-ENV:/, '');
		const error = (await outcomeOf(response(row.status, row.body, row.headers))).batchError;
		expect(error).toMatchObject({
			category: credentialFaults.includes(code) ? 'invalidCredentials' : 'partnerError',
			code,
			message: /<faultstring>([^<]*)<\/faultstring>/.exec(row.body)![1],
			retryable: code === '106' || code === 'Server',
			retryAfterMs: code === '106' ? 60_000 : null
		});
	});

	it('honours Retry-After on the throttle fault', async () => {
		const row = errorRows.find((r) => r.id === 'fault-106')!;
		expect((await outcomeOf(response(500, row.body, { 'retry-after': '120' }))).batchError).toMatchObject({ retryable: true, retryAfterMs: 120_000 });
	});

	it('counts customers Clang did not find one by one, and "already a member" as added', async () => {
		const reply = response(200, batchAnswer([['C-1000', '0', 'Customer added to group'], ['C-1001', '213', 'Customer not found'], ['C-1002', '107', 'customer already member of group']]));
		const result = await outcomeOf(reply, 3);
		expect(result).toEqual({
			batchError: null,
			rejected: [{ index: 1, error: { category: 'partnerError', code: '213', message: 'Customer not found', retryable: false, retryAfterMs: null } }],
			note: 'Clang added to the group: 2 of 3 (1 already a member); 1 not done.'
		});
	});

	it('counts the fault 107 "customer already member of group" as success', async () => {
		const fault = soapFault('107', 'customer already member of group');
		expect(await outcomeOf(response(fault.status, fault.body), 1)).toMatchObject({ batchError: null, rejected: [] });
	});

	it('counts a non-zero code in an answer as a partner error, not as sent', async () => {
		const body = soapAnswer('group_addMembersByExternalIds', '').replace('<code>0</code><msg></msg>', '<code>213</code><msg>Group not found</msg>');
		expect((await outcomeOf(response(200, body), 2)).batchError).toMatchObject({ category: 'partnerError', code: '213', message: 'Group not found' });
	});

	it('counts an answer without a code as Other error: empty 500, an HTML page, XML cut short', async () => {
		expect((await outcomeOf(response(500, ''))).batchError).toMatchObject({ category: 'otherError', code: null, retryable: true });
		const html = response(502, '<!DOCTYPE html><html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
		expect((await outcomeOf(html)).batchError).toMatchObject({ category: 'otherError', code: null, retryable: true });
		const whole = batchAnswer([['C-1000', '0', 'Customer added to group']]);
		expect((await outcomeOf(response(200, whole.slice(0, whole.indexOf('</results>'))), 1)).batchError).toMatchObject({ category: 'otherError', code: null });
	});

	it('counts a timeout and a network failure in their categories', async () => {
		expect((await outcomeOf({ kind: 'timeout', latencyMs: 3000 })).batchError).toMatchObject({ category: 'timeout', retryable: true });
		expect((await outcomeOf({ kind: 'network', message: 'Failed to fetch', latencyMs: 4 })).batchError).toMatchObject({
			category: 'otherError',
			retryable: true,
			message: expect.stringMatching(/CORS/)
		});
	});
});

describe('Clang mock', () => {
	it('adds a batch to the group and answers code 0 with a result per customer', async () => {
		const batch = await recipients(3, 'customerId', 1601);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toEqual({ batchError: null, rejected: [], note: 'Clang added to the group: 3 of 3.' });
		expect(result.log).toEqual([{ purpose: 'deliver', url: ENDPOINT, status: 200 }]);
		const removed = await exchange(handlers, adapter, 'begin', delivery('remove', batch, config, settings));
		expect(removed.outcome.note).toBe('Clang removed from the group: 3 of 3.');
	});

	it('refuses more than 50 customers with fault 105 "Size must be between 1 and 50"', async () => {
		const batch = await recipients(51, 'customerId', 1601);
		const big = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(big.outcome.batchError).toMatchObject({ category: 'partnerError', code: '105', message: 'Size must be between 1 and 50', retryable: false });
		// The catalog's batch size is Clang's limit: the largest batch the engine sends passes.
		const largest = await exchange(handlers, adapter, 'begin', delivery('add', batch.slice(0, catalog.limits.maxBatchSize), config, settings));
		expect(largest.outcome).toMatchObject({ batchError: null, note: 'Clang added to the group: 50 of 50.' });
		const none = await send(buildRequest(delivery('add', [], config, settings)));
		expect(faultCode(none.body)).toBe('105');
	});

	it('refuses a malformed uuid with fault 100, which counts as invalid credentials', async () => {
		const batch = await recipients(1, 'customerId', 1601);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, { ...config, uuid: 'not-a-uuid' }, settings));
		expect(result.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: '100', message: 'Invalid uuid' });
		const missing = await send({ ...buildRequest(delivery('add', batch, config, settings)), body: buildRequest(delivery('add', batch, config, settings)).body!.replace(/<uuid>[^<]*<\/uuid>/, '') });
		expect(faultCode(missing.body)).toBe('100');
	});

	it('refuses a group ID that is not a number the way PHP\'s SOAP server does', async () => {
		const batch = await recipients(1, 'customerId', 1601);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, { groupId: 'newsletter' }));
		expect(result.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'Client', message: 'SOAP-ERROR: Encoding: Violation of encoding rules', retryable: false });
		const zero = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, { groupId: '0' }));
		expect(zero.outcome.batchError).toMatchObject({ code: '213', message: 'Group not found' });
	});

	it.each([
		['without the SOAPAction header', (r: OutgoingRequest) => ({ ...r, headers: { 'content-type': 'text/xml; charset=utf-8' } }), 'SOAP-ENV:Client', /SOAPAction header is missing/],
		['with a SOAPAction naming another operation', (r: OutgoingRequest) => ({ ...r, headers: { ...r.headers, soapaction: `"${ENDPOINT}#group_delete"` } }), 'SOAP-ENV:Client', /does not name/],
		['as JSON', (r: OutgoingRequest) => ({ ...r, headers: { ...r.headers, 'content-type': 'application/json' } }), 'SOAP-ENV:Client', /text\/xml/],
		['without an envelope', (r: OutgoingRequest) => ({ ...r, body: '<group_addMembersByExternalIds/>' }), 'SOAP-ENV:Client', /^Bad Request$/],
		['as SOAP 1.2', (r: OutgoingRequest) => ({ ...r, body: r.body!.replace('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope') }), 'SOAP-ENV:VersionMismatch', /Wrong Version/],
		[
			'calling an operation that does not exist',
			(r: OutgoingRequest) => ({ ...r, headers: { ...r.headers, soapaction: '""' }, body: r.body!.replaceAll('group_addMembersByExternalIds', 'group_addMembers') }),
			'SOAP-ENV:Client',
			/is not a valid method for this service/
		]
	])('refuses a request %s with a SOAP fault', async (_what, change, code, message) => {
		const batch = await recipients(1, 'customerId', 1601);
		const reply = await send(change(buildRequest(delivery('add', batch, config, settings))));
		expect(reply.status).toBe(500);
		expect(faultCode(reply.body)).toBe(code);
		expect(/<faultstring>([^<]*)<\/faultstring>/.exec(reply.body)![1]).toMatch(message);
	});

	it.each([
		[{ credentials: 'expired' as const }, { category: 'invalidCredentials', code: '101', retryable: false }],
		[{ credentials: 'invalid' as const }, { category: 'invalidCredentials', code: '100', message: 'Invalid uuid' }],
		[{ notAllowlisted: true }, { category: 'partnerError', code: '102', retryable: false }],
		[{ throttled: true }, { category: 'partnerError', code: '106', retryable: true, retryAfterMs: 60_000 }],
		[{ outage: 'partnerError' as const }, { category: 'partnerError', code: 'Server', message: 'Internal Server Error', retryable: true }],
		[{ outage: 'empty500' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ malformed: 'htmlPage' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ malformed: 'truncatedJson' as const }, { category: 'otherError', code: null }],
		[{ slow: { medianMs: 9000, spread: 0 } }, { category: 'timeout', retryable: true }],
		[{ answerWith: 'fault-213' }, { category: 'partnerError', code: '213', message: 'Group not found', retryable: false }]
	])('honours the fault knob %j, for its connector only', async (faults, expected) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'customerId', 1601);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expected);
		const other = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-2'));
		expect(other.outcome.batchError).toBeNull();
	});

	it('does not find a share of the customers at the rejection rate; the rest are added', async () => {
		faultBoard.set('conn-1', { rejectionRate: 0.5 });
		faultBoard.reseed(3);
		const batch = await recipients(50, 'customerId', 1601);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected.length).toBeGreaterThan(10);
		expect(result.outcome.rejected.length).toBeLessThan(40);
		expect(result.outcome.rejected.every((r) => r.error.code === '213' && r.error.category === 'partnerError')).toBe(true);
		expect(new Set(result.outcome.rejected.map((r) => r.index)).size).toBe(result.outcome.rejected.length);
		expect(result.outcome.note).toBe(`Clang added to the group: ${50 - result.outcome.rejected.length} of 50; ${result.outcome.rejected.length} not done.`);
	});

	it('tests the connection with group_getAll, and reports a rejected token', async () => {
		const step = adapter.probe({ config, now: Date.UTC(2026, 10, 28) }, null);
		expect(step.kind === 'send' && step.request).toEqual({
			method: 'POST',
			url: ENDPOINT,
			headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ENDPOINT}#group_getAll"` },
			body:
				'<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://secure.myclang.com/app/api/soap/public/index.php"><SOAP-ENV:Body><ns1:group_getAll><uuid>3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64</uuid></ns1:group_getAll></SOAP-ENV:Body></SOAP-ENV:Envelope>',
			secrets: [uuid]
		});
		const ok = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(ok.outcome).toEqual({
			batchError: null,
			rejected: [],
			note: 'Connected to the Clang account "sandbox-demo": the API token is accepted and sees 3 groups.'
		});
		faultBoard.set('conn-1', { credentials: 'invalid' });
		const invalid = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(invalid.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: '100', message: 'Invalid uuid' });
		faultBoard.set('conn-1', { credentials: 'valid', outage: 'partnerError' });
		const down = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(down.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'Server', retryable: true });
	});
});
