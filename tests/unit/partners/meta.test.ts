import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest } from '$lib/partners/meta/adapter';
import type { Reply } from '$lib/partners/adapter';
import type { MetaConfig } from '$lib/partners/meta/config';
import { errorRows } from '../../../mocks/meta/errors';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, exchange, mockTransport, recipients } from '../../fixtures/delivery';

// Mocks of this file's own: knobs and partner state shared with no other test file.
const mocks = createPartnerMocks();
const faultBoard = mocks.faults;
const { handlers } = mocks.partners.meta;

const config: MetaConfig = { adAccountId: 'act_1029384756', accessToken: 'EAAGtoken000000000000000000001', apiVersion: 'v23.0' };
const settings = { audienceId: '23851234567890123' };
const response = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
	kind: 'response',
	status,
	headers: { 'content-type': 'application/json', ...headers },
	body,
	latencyMs: 100
});

afterEach(() => faultBoard.reset());

describe('Meta Custom Audiences adapter', () => {
	it('builds the real request: POST to add, DELETE to remove, hashed e-mails, token as access_token', async () => {
		const batch = await recipients(2, 'hashedEmail', 1101);
		const add = buildRequest(delivery('add', batch, config, settings));
		expect(add).toEqual({
			method: 'POST',
			url: 'https://graph.facebook.com/v23.0/23851234567890123/users?access_token=EAAGtoken000000000000000000001',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				payload: {
					schema: ['EMAIL'],
					// SHA-256 of "user0@example.com" and "user1@example.com" (normalised from "User0@Example.com ")
					data: [['9551f6ff6935f400d1422e75827ee012baad045daa3b733e3369fef22b0c9b4e'], ['b36a83701f1c3191e19722d6f90274bc1b5501fe69ebf33313e440fe4b0fe210']]
				}
			}),
			secrets: ['EAAGtoken000000000000000000001']
		});
		expect(buildRequest(delivery('remove', batch, config, settings)).method).toBe('DELETE');
	});

	it.each(
		errorRows.map((row) => [row.id, row] as const)
	)('classifies the real error body %s', (_id, row) => {
		const step = adapter.begin(delivery('add', [], config, settings), null);
		if (step.kind !== 'send') throw new Error('expected a request');
		const finish = adapter.advance(step.state, response(row.status, row.body, row.headers));
		if (finish.kind !== 'finish') throw new Error('expected an outcome');
		const error = finish.outcome.batchError;
		const code = JSON.parse(row.body).error.code as number;
		expect(error?.category).toBe([190].includes(code) ? 'invalidCredentials' : 'partnerError');
		expect(error?.code).toMatch(new RegExp(`^${code}`));
		expect(error?.message).toBe(JSON.parse(row.body).error.message);
		expect(error?.retryable).toBe([17, 4, 80003, 1, 2].includes(code));
	});

	it('honours Retry-After on a throttled answer', () => {
		const step = adapter.begin(delivery('add', [], config, settings), null);
		if (step.kind !== 'send') throw new Error('expected a request');
		const row = errorRows.find((r) => r.id === 'ad-account-limit-80003')!;
		const finish = adapter.advance(step.state, response(429, row.body, { 'retry-after': '120' }));
		expect(finish.kind === 'finish' && finish.outcome.batchError?.retryAfterMs).toBe(120_000);
	});

	it('counts an empty 500 and an HTML page as Other error, not a partner code', () => {
		const step = adapter.begin(delivery('add', [], config, settings), null);
		if (step.kind !== 'send') throw new Error('expected a request');
		for (const reply of [response(500, ''), response(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' })]) {
			const finish = adapter.advance(step.state, reply);
			expect(finish.kind === 'finish' && finish.outcome.batchError).toMatchObject({ category: 'otherError', code: null, retryable: true });
		}
	});

	it('counts a timeout and a network failure in their categories', () => {
		const step = adapter.begin(delivery('add', [], config, settings), null);
		if (step.kind !== 'send') throw new Error('expected a request');
		const timeout = adapter.advance(step.state, { kind: 'timeout', latencyMs: 3000 });
		expect(timeout.kind === 'finish' && timeout.outcome.batchError?.category).toBe('timeout');
		const network = adapter.advance(step.state, { kind: 'network', message: 'Failed to fetch', latencyMs: 5 });
		expect(network.kind === 'finish' && network.outcome.batchError).toMatchObject({ category: 'otherError', retryable: true });
		expect(network.kind === 'finish' && network.outcome.batchError?.message).toMatch(/CORS/);
	});
});

describe('Meta mock', () => {
	it('accepts a well-formed batch and reports what it received', async () => {
		const batch = await recipients(3, 'hashedEmail', 1101);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toEqual({ batchError: null, rejected: [], note: 'Meta received 3, 0 invalid.' });
		expect(result.log).toEqual([{ purpose: 'deliver', url: expect.stringContaining('/users?access_token='), status: 200 }]);
	});

	it('refuses a request without an access token, with Meta\'s error', async () => {
		const reply = await mockTransport(handlers).send(
			{ method: 'POST', url: 'https://graph.facebook.com/v23.0/123456/users', headers: {}, body: '{}', secrets: [] },
			{ connectorId: 'c', timeoutMs: 3000 }
		);
		expect(reply).toMatchObject({ kind: 'response', status: 400 });
		expect(reply.kind === 'response' && JSON.parse(reply.body).error).toMatchObject({ code: 104, type: 'OAuthException' });
	});

	it('refuses a payload without a schema, and counts unhashed values as invalid entries', async () => {
		const transport = mockTransport(handlers);
		const url = 'https://graph.facebook.com/v23.0/123456/users?access_token=EAAGtoken000000000000000000001';
		const noSchema = await transport.send(
			{ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{"payload":{"data":[["x"]]}}', secrets: [] },
			{ connectorId: 'c', timeoutMs: 3000 }
		);
		expect(noSchema.kind === 'response' && JSON.parse(noSchema.body).error.code).toBe(100);
		const unhashed = await transport.send(
			{
				method: 'POST',
				url,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ payload: { schema: ['EMAIL'], data: [['plain@example.com'], ['a'.repeat(64)]] } }),
				secrets: []
			},
			{ connectorId: 'c', timeoutMs: 3000 }
		);
		expect(unhashed.kind === 'response' && JSON.parse(unhashed.body)).toMatchObject({ num_received: 2, num_invalid_entries: 1 });
	});

	it('checks every row against a multi-key schema: plain MADID passes, short rows are invalid and sampled', async () => {
		const hash = 'a'.repeat(64);
		const reply = await mockTransport(handlers).send(
			{
				method: 'POST',
				url: 'https://graph.facebook.com/v23.0/123456/users?access_token=EAAGtoken000000000000000000001',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ payload: { schema: ['EMAIL', 'MADID'], data: [[hash, 'AEBE52E7-03EE-455A-B3C4-E57283966239'], [hash], 'loose', [hash, '']] } }),
				secrets: []
			},
			{ connectorId: 'c', timeoutMs: 3000 }
		);
		const answer = reply.kind === 'response' ? JSON.parse(reply.body) : undefined;
		expect(answer).toMatchObject({ num_received: 4, num_invalid_entries: 2 });
		expect(answer.invalid_entry_samples).toEqual({
			[hash]: 'The number of fields does not match the schema',
			loose: 'The number of fields does not match the schema'
		});
	});

	it('refuses more than 10,000 users in one request', async () => {
		const batch = await recipients(10_001, 'hashedEmail', 1101);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject({ category: 'partnerError', code: '100' });
	});

	it('answers a wrong audience ID with the real "object does not exist" error', async () => {
		const batch = await recipients(1, 'hashedEmail', 1101);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, { audienceId: 'my-audience' }));
		expect(result.outcome.batchError).toMatchObject({ category: 'partnerError', code: '100' });
		expect(result.outcome.batchError?.message).toMatch(/Object with ID 'my-audience' does not exist/);
	});

	it.each([
		[{ credentials: 'expired' as const }, { category: 'invalidCredentials', code: '190/463' }],
		[{ credentials: 'invalid' as const }, { category: 'invalidCredentials', code: '190' }],
		[{ notAllowlisted: true }, { category: 'partnerError', code: '200', retryable: false }],
		[{ throttled: true }, { category: 'partnerError', code: '80003', retryable: true, retryAfterMs: 60_000 }],
		[{ outage: 'partnerError' as const }, { category: 'partnerError', code: '2', retryable: true }],
		[{ outage: 'empty500' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ malformed: 'htmlPage' as const }, { category: 'otherError', code: null }],
		[{ malformed: 'truncatedJson' as const }, { category: 'otherError', code: null }],
		[{ slow: { medianMs: 10_000, spread: 0 } }, { category: 'timeout' }],
		[{ answerWith: 'update-failed-2650' }, { category: 'partnerError', code: '2650' }]
	])('honours the fault knob %j', async (faults, expected) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'hashedEmail', 1101);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expected);
		// Other connectors are not affected.
		const other = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-2'));
		expect(other.outcome.batchError).toBeNull();
	});

	it('rejects a share of the profiles one by one at the rejection rate; the rest count as delivered', async () => {
		faultBoard.set('conn-1', { rejectionRate: 0.5 });
		faultBoard.reseed(7);
		const batch = await recipients(200, 'hashedEmail', 1101);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected.length).toBeGreaterThan(60);
		expect(result.outcome.rejected.length).toBeLessThan(140);
		expect(result.outcome.note).toBe(`Meta received 200, ${result.outcome.rejected.length} invalid.`);
	});

	it('answers Test connection with the ad account, and with the error when the token expired', async () => {
		const ok = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(ok.outcome).toMatchObject({ batchError: null, note: 'Connected to the ad account "Sandbox ad account".' });
		faultBoard.set('conn-1', { credentials: 'expired' });
		const expired = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(expired.outcome.batchError).toMatchObject({ category: 'invalidCredentials', message: expect.stringMatching(/Session has expired/) });
	});
});
