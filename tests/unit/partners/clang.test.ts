import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest } from '$lib/partners/clang/adapter';
import { faultBoard } from '../../../mocks/faults';
import { errorRows } from '../../../mocks/clang/errors';
import { handlers } from '../../../mocks/clang/handlers';
import { delivery, exchange, mockTransport, recipients } from '../../fixtures/delivery';

const config = { accountName: 'sandbox-demo', uuid: '3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64' };
const settings = { groupId: '4021' };

afterEach(() => faultBoard.reset());

describe('Clang batch adapter', () => {
	it('sends one SOAP envelope per batch with the uuid, the group and the external IDs', async () => {
		const batch = await recipients(2, 'customerId', 1601);
		const request = buildRequest(delivery('add', batch, config, settings));
		expect(request).toEqual({
			method: 'POST',
			url: 'https://secure.myclang.com/app/api/soap/public/index.php',
			headers: {
				'content-type': 'text/xml; charset=utf-8',
				soapaction: '"https://secure.myclang.com/app/api/soap/public/index.php#group_addMembersByExternalIds"'
			},
			body:
				'<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://secure.myclang.com/app/api/soap/public/index.php"><SOAP-ENV:Body><ns1:group_addMembersByExternalIds><uuid>3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64</uuid><groupId>4021</groupId><externalIds><item>C-1000</item><item>C-1001</item></externalIds></ns1:group_addMembersByExternalIds></SOAP-ENV:Body></SOAP-ENV:Envelope>',
			secrets: ['3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64']
		});
		expect(buildRequest(delivery('remove', batch, config, settings)).body).toContain('group_removeMembersByExternalIds');
	});

	it.each(errorRows.map((row) => [row.id, row] as const))('classifies the real fault %s', (id, row) => {
		const step = adapter.begin(delivery('add', [], config, settings), null);
		if (step.kind !== 'send') throw new Error('expected a request');
		const finish = adapter.advance(step.state, { kind: 'response', status: row.status, headers: row.headers ?? {}, body: row.body, latencyMs: 5 });
		const code = id.replace('fault-', '');
		expect(finish.kind === 'finish' && finish.outcome.batchError).toMatchObject({
			category: ['100', '101'].includes(code) ? 'invalidCredentials' : 'partnerError',
			code,
			retryable: code === '503'
		});
	});

	it('counts customers Clang did not find one by one; the rest are delivered', async () => {
		faultBoard.set('conn-1', { rejectionRate: 0.5 });
		faultBoard.reseed(3);
		const batch = await recipients(40, 'customerId', 1601);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected.length).toBeGreaterThan(5);
		expect(result.outcome.rejected.every((r) => r.error.code === '213')).toBe(true);
	});

	it('refuses more than 50 customers with fault 105, and a malformed uuid as invalid credentials', async () => {
		const batch = await recipients(51, 'customerId', 1601);
		const big = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(big.outcome.batchError).toMatchObject({ category: 'partnerError', code: '105', message: 'Size must be between 1 and 50' });
		const bad = await mockTransport(handlers).send(
			{ ...buildRequest(delivery('add', batch.slice(0, 1), config, settings)), body: '<Envelope><Body><group_addMembersByExternalIds><uuid>nope</uuid></group_addMembersByExternalIds></Body></Envelope>' },
			{ connectorId: 'c', timeoutMs: 3000 }
		);
		expect(bad.kind === 'response' && bad.body).toContain('<faultcode>100</faultcode>');
	});

	it.each([
		[{ credentials: 'invalid' as const }, { category: 'invalidCredentials', code: '100' }],
		[{ notAllowlisted: true }, { category: 'partnerError', code: '102' }],
		[{ outage: 'partnerError' as const }, { category: 'partnerError', code: '503', retryable: true }],
		[{ malformed: 'truncatedJson' as const }, { category: 'otherError', code: null }],
		[{ slow: { medianMs: 9000, spread: 0 } }, { category: 'timeout' }]
	])('honours the fault knob %j', async (faults, expected) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'customerId', 1601);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expected);
	});

	it('tests the connection with an account lookup', async () => {
		const ok = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(ok.outcome.note).toBe('Connected to the Clang account "Sandbox account".');
	});
});
