import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest, ordinalsOf } from '$lib/partners/cm360/adapter';
import { catalog } from '$lib/partners/cm360/catalog';
import type { OutgoingRequest, Reply } from '$lib/partners/adapter';
import { errorRows } from '../../../mocks/cm360/errors';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, exchange, mockTransport, recipients } from '../../fixtures/delivery';

// Mocks of this file's own: knobs and partner state shared with no other test file.
const mocks = createPartnerMocks();
const faultBoard = mocks.faults;
const { handlers } = mocks.partners.cm360;

const TOKEN = 'ya29.a0AfH6SMBexampleAccessToken';
const config = { userProfileId: '5123456', accessToken: TOKEN };
const settings = { floodlightConfigurationId: '8765432', floodlightActivityId: '12345678' };
const BATCH_INSERT = 'https://dfareporting.googleapis.com/dfareporting/v4/userprofiles/5123456/conversions/batchinsert';
// SHA-256 of "user0@example.com" and "user1@example.com" (normalised from "User0@Example.com ").
const HASH_0 = '9551f6ff6935f400d1422e75827ee012baad045daa3b733e3369fef22b0c9b4e';
const HASH_1 = 'b36a83701f1c3191e19722d6f90274bc1b5501fe69ebf33313e440fe4b0fe210';
// The fixture's sandbox clock, 2026-11-28T12:00:00Z, in microseconds.
const NOW_MICROS = '1795867200000000';
const DAY_MICROS = 86_400_000_000;

const response = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
	kind: 'response',
	status,
	headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
	body,
	latencyMs: 100
});

/** The outcome of one reply to an add delivery of `count` profiles. */
async function classify(reply: Reply, count = 2) {
	const step = adapter.begin(delivery('add', await recipients(count, 'hashedEmail', 1301), config, settings), null);
	if (step.kind !== 'send') throw new Error('expected a request');
	const next = adapter.advance(step.state, reply);
	if (next.kind !== 'finish') throw new Error('expected an outcome');
	return next.outcome;
}

const conversion = (hashedEmail: string, overrides: Record<string, unknown> = {}) => ({
	floodlightActivityId: '12345678',
	floodlightConfigurationId: '8765432',
	ordinal: `o-${hashedEmail.slice(0, 6)}`,
	quantity: '1',
	timestampMicros: NOW_MICROS,
	value: 0,
	kind: 'dfareporting#conversion',
	userIdentifiers: [{ hashedEmail }],
	...overrides
});

/** Sends a raw batchinsert to the mock, as the sandbox's transport does. */
function send(request: Partial<OutgoingRequest> & { body: string | null }, connectorId = 'c') {
	return mockTransport(handlers).send(
		{ method: 'POST', url: BATCH_INSERT, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, secrets: [], ...request },
		{ connectorId, timeoutMs: 3000 }
	);
}
const conversions = (list: unknown[]) => JSON.stringify({ kind: 'dfareporting#conversionsBatchInsertRequest', conversions: list });
const json = (reply: Reply) => (reply.kind === 'response' ? JSON.parse(reply.body) : undefined);

afterEach(() => faultBoard.reset());

describe('CM360 offline conversions adapter', () => {
	it('builds the real batchinsert: profile in the URL, Floodlight IDs from the use, time from the sandbox clock, hashed e-mails', async () => {
		const batch = await recipients(2, 'hashedEmail', 1301);
		expect(buildRequest(delivery('add', batch, config, settings))).toEqual({
			method: 'POST',
			url: 'https://dfareporting.googleapis.com/dfareporting/v4/userprofiles/5123456/conversions/batchinsert',
			headers: { authorization: 'Bearer ya29.a0AfH6SMBexampleAccessToken', 'content-type': 'application/json' },
			body:
				'{"kind":"dfareporting#conversionsBatchInsertRequest","conversions":[' +
				'{"floodlightActivityId":"12345678","floodlightConfigurationId":"8765432","ordinal":"p0-1795867200000","quantity":"1",' +
				'"timestampMicros":"1795867200000000","value":0,"kind":"dfareporting#conversion",' +
				'"userIdentifiers":[{"hashedEmail":"9551f6ff6935f400d1422e75827ee012baad045daa3b733e3369fef22b0c9b4e"}]},' +
				'{"floodlightActivityId":"12345678","floodlightConfigurationId":"8765432","ordinal":"p1-1795867200000","quantity":"1",' +
				'"timestampMicros":"1795867200000000","value":0,"kind":"dfareporting#conversion",' +
				'"userIdentifiers":[{"hashedEmail":"b36a83701f1c3191e19722d6f90274bc1b5501fe69ebf33313e440fe4b0fe210"}]}]}',
			secrets: ['ya29.a0AfH6SMBexampleAccessToken', 'Bearer ya29.a0AfH6SMBexampleAccessToken']
		});
	});

	it('gives every conversion of a batch its own ordinal, even a profile that comes twice', async () => {
		const [a, b] = await recipients(2, 'hashedEmail', 1301);
		expect(ordinalsOf(delivery('add', [a!, b!, a!, a!], config, settings))).toEqual([
			'p0-1795867200000',
			'p1-1795867200000',
			'p0-1795867200000.1',
			'p0-1795867200000.2'
		]);
	});

	it('refuses a remove delivery without sending anything: CM360 has no removal', async () => {
		expect(catalog.supportsRemoval).toBe(false);
		const step = adapter.begin(delivery('remove', await recipients(2, 'hashedEmail', 1301), config, settings), null);
		expect(step).toEqual({
			kind: 'finish',
			outcome: {
				batchError: expect.objectContaining({ category: 'otherError', code: null, retryable: false, message: expect.stringMatching(/no removal/) }),
				rejected: [],
				note: expect.any(String)
			}
		});
	});

	const expected: Record<string, { category: string; retryable: boolean }> = {
		INVALID_ARGUMENT: { category: 'partnerError', retryable: false },
		UNAUTHENTICATED: { category: 'invalidCredentials', retryable: false },
		PERMISSION_DENIED: { category: 'partnerError', retryable: false },
		NOT_FOUND: { category: 'partnerError', retryable: false },
		ABORTED: { category: 'partnerError', retryable: true },
		RESOURCE_EXHAUSTED: { category: 'partnerError', retryable: true },
		INTERNAL: { category: 'partnerError', retryable: true },
		UNAVAILABLE: { category: 'partnerError', retryable: true },
		DEADLINE_EXCEEDED: { category: 'timeout', retryable: true }
	};
	const requestRows = errorRows.filter((row) => row.status !== 200);
	const itemRows = errorRows.filter((row) => row.status === 200);

	it.each(requestRows.map((row) => [row.id, row] as const))('classifies the real request-level error body %s', async (_id, row) => {
		const { batchError } = await classify(response(row.status, row.body, row.headers));
		const error = JSON.parse(row.body).error as { status: string; message: string; errors: unknown[] };
		expect(error.errors).toHaveLength(1); // dfareporting keeps the legacy "errors" array
		expect(batchError).toMatchObject({ ...expected[error.status], code: error.status });
		expect(batchError?.message.startsWith(error.message)).toBe(true);
	});

	it.each(itemRows.map((row) => [row.id, row] as const))('classifies the per-conversion failure %s inside an HTTP 200', async (_id, row) => {
		// The row's example conversion is the first of the fixture's batch (ordinal p0-…).
		const outcome = await classify(response(200, row.body));
		const item = JSON.parse(row.body).status[0].errors[0] as { code: string; message: string };
		expect(outcome.batchError).toBeNull();
		expect(outcome.rejected).toEqual([
			{ index: 0, error: { category: 'partnerError', code: item.code, message: item.message, retryable: item.code === 'INTERNAL', retryAfterMs: null } }
		]);
		expect(outcome.note).toBe('Campaign Manager 360 recorded 1 of 2 conversions.');
	});

	it('matches statuses to conversions by ordinal, and counts the rest as sent', async () => {
		const body = {
			hasFailures: true,
			status: [
				{ conversion: { ordinal: 'p2-1795867200000' }, errors: [{ code: 'NOT_FOUND', message: 'Floodlight activity 12345678 not found.', kind: 'dfareporting#conversionError' }], kind: 'dfareporting#conversionStatus' },
				{ conversion: { ordinal: 'p0-1795867200000' }, kind: 'dfareporting#conversionStatus' },
				{ conversion: { ordinal: 'p1-1795867200000' }, errors: [], kind: 'dfareporting#conversionStatus' }
			],
			kind: 'dfareporting#conversionsBatchInsertResponse'
		};
		const outcome = await classify(response(200, JSON.stringify(body)), 3);
		expect(outcome.rejected).toEqual([{ index: 2, error: expect.objectContaining({ code: 'NOT_FOUND', retryable: false }) }]);
	});

	it('does not count a 200 that says it failed without naming which conversions', async () => {
		const outcome = await classify(response(200, '{"hasFailures":true,"status":[],"kind":"dfareporting#conversionsBatchInsertResponse"}'));
		expect(outcome.batchError).toMatchObject({ category: 'otherError', code: null, retryable: false });
	});

	it('counts a conversion error without a code as Other error', async () => {
		const body = { hasFailures: true, status: [{ conversion: { ordinal: 'p0-1795867200000' }, errors: [{ message: 'Something went wrong.' }] }] };
		const outcome = await classify(response(200, JSON.stringify(body)));
		expect(outcome.rejected).toEqual([{ index: 0, error: expect.objectContaining({ category: 'otherError', code: null, message: 'Something went wrong.' }) }]);
	});

	it('honours Retry-After on a throttled answer', async () => {
		const quota = errorRows.find((r) => r.id === 'resource-exhausted')!;
		expect((await classify(response(429, quota.body, { 'retry-after': '45' }))).batchError?.retryAfterMs).toBe(45_000);
		expect((await classify(response(429, quota.body))).batchError).toMatchObject({ retryable: true, retryAfterMs: null });
	});

	it('counts bodies without a Google status as Other error: empty 500, HTML page, truncated JSON', async () => {
		for (const reply of [
			response(500, ''),
			response(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' }),
			response(200, '{"hasFailures":false,"status":[{"conv')
		]) {
			expect((await classify(reply)).batchError).toMatchObject({ category: 'otherError', code: null, retryable: true });
		}
	});

	it('counts a timeout and a network failure in their categories', async () => {
		expect((await classify({ kind: 'timeout', latencyMs: 3000 })).batchError).toMatchObject({ category: 'timeout', retryable: true });
		const network = await classify({ kind: 'network', message: 'Failed to fetch', latencyMs: 5 });
		expect(network.batchError).toMatchObject({ category: 'otherError', retryable: true, message: expect.stringMatching(/CORS/) });
	});
});

describe('CM360 mock', () => {
	it('records a well-formed batch of the largest size the catalog allows', async () => {
		const batch = await recipients(catalog.limits.maxBatchSize, 'hashedEmail', 1301);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toEqual({ batchError: null, rejected: [], note: 'Campaign Manager 360 recorded 1000 of 1000 conversions.' });
		expect(result.log).toEqual([{ purpose: 'deliver', url: BATCH_INSERT, status: 200 }]);
	});

	it('refuses more than 1,000 conversions in one request', async () => {
		const batch = await recipients(1_001, 'hashedEmail', 1301);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'INVALID_ARGUMENT', message: expect.stringMatching(/At most 1000 conversions/) });
	});

	it('refuses a request without a token with Google\'s 401, and a body that is not JSON with a 400', async () => {
		const missing = await send({ headers: {}, body: conversions([conversion(HASH_0)]) });
		expect(missing).toMatchObject({ kind: 'response', status: 401, headers: { 'www-authenticate': expect.stringContaining('Bearer') } });
		expect(json(missing).error).toMatchObject({ status: 'UNAUTHENTICATED', errors: [{ reason: 'authError', domain: 'global' }] });
		const notJson = await send({ body: 'conversions=1' });
		expect(json(notJson).error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', message: expect.stringMatching(/^Invalid JSON payload received/) });
		const empty = await send({ body: conversions([]) });
		expect(json(empty).error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
		const badProfile = await send({ url: BATCH_INSERT.replace('5123456', 'me'), body: conversions([conversion(HASH_0)]) });
		expect(json(badProfile).error.message).toBe('Invalid value at \'profileId\' (TYPE_INT64), "me"');
	});

	it('fails conversions one by one: a bad hash, two identifiers, a missing Floodlight activity', async () => {
		const reply = await send({
			body: conversions([
				conversion(HASH_0),
				conversion('User1@Example.com'),
				conversion(HASH_1, { gclid: 'Cj0KCQiA' }),
				conversion(HASH_1, { floodlightActivityId: undefined, ordinal: 'o-x' })
			])
		});
		const body = json(reply);
		expect(body).toMatchObject({ hasFailures: true, kind: 'dfareporting#conversionsBatchInsertResponse' });
		expect(body.status[0]).toEqual({ conversion: conversion(HASH_0), kind: 'dfareporting#conversionStatus' });
		expect(body.status.slice(1).map((s: { errors: Array<{ code: string; message: string }> }) => s.errors[0])).toEqual([
			{ code: 'INVALID_ARGUMENT', message: 'Hashed email is not valid.', kind: 'dfareporting#conversionError' },
			{ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^Exactly one of gclid, .* must be set; found 2\.$/), kind: 'dfareporting#conversionError' },
			{ code: 'INVALID_ARGUMENT', message: 'Floodlight activity ID is required and must be a number.', kind: 'dfareporting#conversionError' }
		]);
	});

	it('fails conversions more than 28 days older than the newest of the batch, or than the Date header when one is sent', async () => {
		const old = (days: number, hash: string) => conversion(hash, { timestampMicros: String(Number(NOW_MICROS) - days * DAY_MICROS), ordinal: `o-${days}` });
		const batch = conversions([conversion(HASH_0), old(27, HASH_1), old(29, HASH_1)]);
		const statuses = json(await send({ body: batch })).status as Array<{ errors?: Array<{ message: string }> }>;
		expect(statuses.map((s) => s.errors?.[0]?.message ?? 'recorded')).toEqual(['recorded', 'recorded', 'The conversion timestamp is more than 28 days in the past.']);
		// A Date header 2 days later moves the reference: 27 days old becomes 29.
		const dated = await send({ headers: { authorization: `Bearer ${TOKEN}`, date: 'Mon, 30 Nov 2026 12:00:00 GMT' }, body: batch });
		expect((json(dated).status as Array<{ errors?: unknown[] }>).map((s) => Boolean(s.errors))).toEqual([false, true, true]);
	});

	it.each([
		[{ credentials: 'expired' as const }, { category: 'invalidCredentials', code: 'UNAUTHENTICATED', message: expect.stringMatching(/ACCESS_TOKEN_EXPIRED/) }],
		[{ credentials: 'invalid' as const }, { category: 'invalidCredentials', code: 'UNAUTHENTICATED' }],
		[{ notAllowlisted: true }, { category: 'partnerError', code: 'PERMISSION_DENIED', message: 'The caller does not have permission', retryable: false }],
		[{ throttled: true }, { category: 'partnerError', code: 'RESOURCE_EXHAUSTED', retryable: true }],
		[{ outage: 'partnerError' as const }, { category: 'partnerError', code: 'UNAVAILABLE', retryable: true }],
		[{ outage: 'empty500' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ malformed: 'htmlPage' as const }, { category: 'otherError', code: null }],
		[{ malformed: 'truncatedJson' as const }, { category: 'otherError', code: null }],
		[{ slow: { medianMs: 10_000, spread: 0 } }, { category: 'timeout' }],
		[{ answerWith: 'aborted' }, { category: 'partnerError', code: 'ABORTED', retryable: true }],
		[{ answerWith: 'deadline-exceeded' }, { category: 'timeout', code: 'DEADLINE_EXCEEDED', retryable: true }]
	])('honours the fault knob %j', async (faults, expectedError) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'hashedEmail', 1301);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expectedError);
		// Other connectors are not affected.
		const other = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-2'));
		expect(other.outcome).toMatchObject({ batchError: null, rejected: [] });
	});

	it.each([
		['item-invalid-argument', 'INVALID_ARGUMENT', 'Hashed email is not valid.'],
		['item-not-found', 'NOT_FOUND', 'Floodlight activity 12345678 not found.'],
		['item-permission-denied', 'PERMISSION_DENIED', 'The user profile does not have access to Floodlight configuration 8765432.'],
		['item-internal', 'INTERNAL', 'Internal error encountered.']
	])('answers with the per-conversion row %s by failing every conversion with its code', async (row, code, message) => {
		faultBoard.set('conn-1', { answerWith: row });
		const batch = await recipients(3, 'hashedEmail', 1301);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected).toEqual(
			[0, 1, 2].map((index) => ({ index, error: { category: 'partnerError', code, message, retryable: code === 'INTERNAL', retryAfterMs: null } }))
		);
		// Test connection reads the profile, which a per-conversion row does not concern.
		expect((await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings))).outcome.batchError).toBeNull();
	});

	it('rejects a share of the conversions at the rejection rate, with every per-conversion code; the rest count as sent', async () => {
		faultBoard.set('conn-1', { rejectionRate: 0.5 });
		faultBoard.reseed(7);
		const batch = await recipients(200, 'hashedEmail', 1301);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected.length).toBeGreaterThan(60);
		expect(result.outcome.rejected.length).toBeLessThan(140);
		expect(new Set(result.outcome.rejected.map((r) => r.error.code))).toEqual(new Set(['INVALID_ARGUMENT', 'NOT_FOUND', 'PERMISSION_DENIED', 'INTERNAL']));
		expect(result.outcome.note).toBe(`Campaign Manager 360 recorded ${200 - result.outcome.rejected.length} of 200 conversions.`);
	});

	it('answers Test connection with the user profile, and with the error when the token expired', async () => {
		const ok = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(ok.outcome).toMatchObject({
			batchError: null,
			note: 'Connected to the user profile 5123456 of sandbox.user@example.com in the account "Sandbox account".'
		});
		expect(ok.log).toEqual([{ purpose: 'test connection', url: 'https://dfareporting.googleapis.com/dfareporting/v4/userprofiles/5123456', status: 200 }]);
		faultBoard.set('conn-1', { credentials: 'expired' });
		const expired = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(expired.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: 'UNAUTHENTICATED' });
		faultBoard.set('conn-1', { credentials: 'valid', notAllowlisted: true });
		const denied = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(denied.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'PERMISSION_DENIED', retryable: false });
	});
});
