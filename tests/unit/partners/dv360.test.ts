import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest } from '$lib/partners/dv360/adapter';
import { catalog } from '$lib/partners/dv360/catalog';
import type { Dv360Config } from '$lib/partners/dv360/config';
import type { OutgoingRequest, Recipient, Reply } from '$lib/partners/adapter';
import { errorRows } from '../../../mocks/dv360/errors';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, exchange, mockTransport, recipients } from '../../fixtures/delivery';

// Mocks of this file's own: knobs and partner state shared with no other test file.
const mocks = createPartnerMocks();
const faultBoard = mocks.faults;
const { handlers } = mocks.partners.dv360;

const TOKEN = 'ya29.a0AfH6SMBexampleAccessToken';
const config: Dv360Config = { advertiserId: '4304512', accessToken: TOKEN, apiVersion: 'v4' };
const configV3: Dv360Config = { ...config, apiVersion: 'v3' };
const settings = { firstPartyAndPartnerAudienceId: '7163819372' };
const EDIT_V4 = 'https://displayvideo.googleapis.com/v4/firstPartyAndPartnerAudiences/7163819372:editCustomerMatchMembers';
// SHA-256 of "user0@example.com" and "user1@example.com" (normalised from "User0@Example.com ").
const HASH_0 = '9551f6ff6935f400d1422e75827ee012baad045daa3b733e3369fef22b0c9b4e';
const HASH_1 = 'b36a83701f1c3191e19722d6f90274bc1b5501fe69ebf33313e440fe4b0fe210';
const GRANTED = { adUserData: 'CONSENT_STATUS_GRANTED', adPersonalization: 'CONSENT_STATUS_GRANTED' };

const response = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
	kind: 'response',
	status,
	headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
	body,
	latencyMs: 100
});

/** The outcome of one reply to the first request of an add delivery. */
async function classify(reply: Reply) {
	const step = adapter.begin(delivery('add', await recipients(2, 'hashedEmail', 1201), config, settings), null);
	if (step.kind !== 'send') throw new Error('expected a request');
	const next = adapter.advance(step.state, reply);
	if (next.kind !== 'finish') throw new Error('expected an outcome');
	return next.outcome;
}

/** Sends a raw request to the mock, as the sandbox's transport does. */
function send(request: Partial<OutgoingRequest> & { body: string | null }, connectorId = 'c') {
	return mockTransport(handlers).send(
		{ method: 'POST', url: EDIT_V4, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, secrets: [], ...request },
		{ connectorId, timeoutMs: 3000 }
	);
}

const body = (contactInfos: unknown[], extra: Record<string, unknown> = {}) =>
	JSON.stringify({ advertiserId: '4304512', addedContactInfoList: { contactInfos, consent: GRANTED }, ...extra });

const googleError = (reply: Reply) => (reply.kind === 'response' ? JSON.parse(reply.body).error : undefined);

afterEach(() => faultBoard.reset());

describe('DV360 Customer Match adapter', () => {
	it('builds the real request: editCustomerMatchMembers on the v4 resource, bearer token, hashed e-mails, consent granted', async () => {
		const batch = await recipients(2, 'hashedEmail', 1201);
		expect(buildRequest(delivery('add', batch, config, settings))).toEqual({
			method: 'POST',
			url: 'https://displayvideo.googleapis.com/v4/firstPartyAndPartnerAudiences/7163819372:editCustomerMatchMembers',
			headers: { authorization: 'Bearer ya29.a0AfH6SMBexampleAccessToken', 'content-type': 'application/json' },
			body:
				'{"advertiserId":"4304512","addedContactInfoList":{"contactInfos":[' +
				'{"hashedEmails":["9551f6ff6935f400d1422e75827ee012baad045daa3b733e3369fef22b0c9b4e"]},' +
				'{"hashedEmails":["b36a83701f1c3191e19722d6f90274bc1b5501fe69ebf33313e440fe4b0fe210"]}],' +
				'"consent":{"adUserData":"CONSENT_STATUS_GRANTED","adPersonalization":"CONSENT_STATUS_GRANTED"}}}',
			secrets: ['ya29.a0AfH6SMBexampleAccessToken', 'Bearer ya29.a0AfH6SMBexampleAccessToken']
		});
	});

	it('removes with removedContactInfoList, and speaks v3 on the firstAndThirdPartyAudiences resource', async () => {
		const batch = await recipients(1, 'hashedEmail', 1201);
		const request = buildRequest(delivery('remove', batch, configV3, settings));
		expect(request.url).toBe('https://displayvideo.googleapis.com/v3/firstAndThirdPartyAudiences/7163819372:editCustomerMatchMembers');
		expect(JSON.parse(request.body!)).toEqual({
			advertiserId: '4304512',
			removedContactInfoList: { contactInfos: [{ hashedEmails: [HASH_0] }], consent: GRANTED }
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

	it.each(errorRows.map((row) => [row.id, row] as const))('classifies the real error body %s', async (_id, row) => {
		const { batchError, rejected } = await classify(response(row.status, row.body, row.headers));
		const error = JSON.parse(row.body).error as { status: string; message: string };
		expect(batchError).toMatchObject({ ...expected[error.status], code: error.status });
		expect(batchError?.message.startsWith(error.message)).toBe(true);
		expect(rejected).toEqual([]);
	});

	it('tells an expired token from a malformed one by the reason Google gives', async () => {
		const expired = errorRows.find((r) => r.id === 'unauthenticated-expired')!;
		const { batchError } = await classify(response(401, expired.body));
		expect(batchError?.message).toMatch(/\(ACCESS_TOKEN_EXPIRED\)$/);
	});

	it('honours Retry-After, then Google\'s RetryInfo; without either it leaves the wait to the backoff', async () => {
		const quota = errorRows.find((r) => r.id === 'resource-exhausted')!;
		expect((await classify(response(429, quota.body, { 'retry-after': '120' }))).batchError?.retryAfterMs).toBe(120_000);
		const withRetryInfo = JSON.parse(quota.body);
		withRetryInfo.error.details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' });
		expect((await classify(response(429, JSON.stringify(withRetryInfo)))).batchError?.retryAfterMs).toBe(30_000);
		expect((await classify(response(429, quota.body))).batchError).toMatchObject({ retryable: true, retryAfterMs: null });
	});

	it('counts bodies without a Google status as Other error: empty 500, HTML page, truncated JSON', async () => {
		for (const reply of [
			response(500, ''),
			response(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' }),
			response(200, '{"firstPartyAndPartnerAudienceId":"71638'),
			response(500, '{"error":{"code":500,"message":"boom"}}')
		]) {
			expect((await classify(reply)).batchError).toMatchObject({ category: 'otherError', code: null, retryable: true });
		}
		// Google's front end 404 page (a wrong path) is final.
		const page = await classify(response(404, '<!DOCTYPE html><title>Error 404 (Not Found)!!1</title>', { 'content-type': 'text/html' }));
		expect(page.batchError).toMatchObject({ category: 'otherError', code: null, retryable: false });
	});

	it('counts a timeout and a network failure in their categories', async () => {
		expect((await classify({ kind: 'timeout', latencyMs: 3000 })).batchError).toMatchObject({ category: 'timeout', retryable: true });
		const network = await classify({ kind: 'network', message: 'Failed to fetch', latencyMs: 5 });
		expect(network.batchError).toMatchObject({ category: 'otherError', retryable: true, message: expect.stringMatching(/CORS/) });
	});

	it('produces one valid request for the largest batch the catalog allows', async () => {
		const [one] = await recipients(1, 'hashedEmail', 1201);
		const batch: Recipient[] = Array.from({ length: catalog.limits.maxBatchSize }, () => one!);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [] });
		expect(result.requests).toBe(1);
	}, 30_000);
});

describe('DV360 mock', () => {
	it('accepts a well-formed batch and answers with the audience ID under each version\'s name', async () => {
		const batch = await recipients(3, 'hashedEmail', 1201);
		const v4 = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(v4.outcome).toEqual({ batchError: null, rejected: [], note: 'Display & Video 360 accepted 3 members to add to audience 7163819372.' });
		expect(v4.log).toEqual([{ purpose: 'deliver', url: EDIT_V4, status: 200 }]);
		const raw = await send({ body: body([{ hashedEmails: [HASH_0] }]) });
		expect(raw.kind === 'response' && JSON.parse(raw.body)).toEqual({ firstPartyAndPartnerAudienceId: '7163819372' });
		const v3 = await send({ url: 'https://displayvideo.googleapis.com/v3/firstAndThirdPartyAudiences/7163819372:editCustomerMatchMembers', body: body([{ hashedEmails: [HASH_0] }]) });
		expect(v3.kind === 'response' && JSON.parse(v3.body)).toEqual({ firstAndThirdPartyAudienceId: '7163819372' });
		const removed = await exchange(handlers, adapter, 'begin', delivery('remove', batch, configV3, settings));
		expect(removed.outcome.note).toBe('Display & Video 360 accepted 3 members to remove from audience 7163819372.');
	});

	it('refuses a request without a token, or with a malformed one, with Google\'s 401', async () => {
		const missing = await send({ headers: { 'content-type': 'application/json' }, body: body([{ hashedEmails: [HASH_0] }]) });
		expect(missing).toMatchObject({ kind: 'response', status: 401 });
		expect(googleError(missing)).toMatchObject({ status: 'UNAUTHENTICATED', message: expect.stringMatching(/^Request is missing required authentication credential/) });
		expect(googleError(missing).details[0]).toMatchObject({ reason: 'CREDENTIALS_MISSING', domain: 'googleapis.com' });
		const basic = await send({ headers: { authorization: 'Basic dXNlcjpwYXNz' }, body: body([{ hashedEmails: [HASH_0] }]) });
		expect(googleError(basic)).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', message: expect.stringMatching(/^Request had invalid authentication credentials/) });
	});

	it('refuses a body that is not JSON, unknown fields, two "added" lists, and a missing advertiser', async () => {
		expect(googleError(await send({ body: '{"advertiserId": ' }))).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', message: expect.stringMatching(/^Invalid JSON payload received/) });
		expect(googleError(await send({ body: body([{ hashedEmails: [HASH_0] }], { audienceId: '1' }) })).message).toBe(
			'Invalid JSON payload received. Unknown name "audienceId": Cannot find field.'
		);
		const twoAdded = body([{ hashedEmails: [HASH_0] }], { addedMobileDeviceIdList: { mobileDeviceIds: ['x'] } });
		expect(googleError(await send({ body: twoAdded })).message).toBe(
			"Invalid JSON payload received. Oneof field 'added_members' is already set. Cannot set 'addedMobileDeviceIdList'"
		);
		const noAdvertiser = JSON.stringify({ addedContactInfoList: { contactInfos: [{ hashedEmails: [HASH_0] }] } });
		expect(googleError(await send({ body: noAdvertiser })).details[0].fieldViolations).toEqual([{ field: 'advertiserId', description: 'Required field is not set.' }]);
		expect(googleError(await send({ url: EDIT_V4.replace('7163819372', 'my-audience'), body: body([{ hashedEmails: [HASH_0] }]) })).message).toBe(
			'Invalid value at \'first_party_and_partner_audience_id\' (TYPE_INT64), "my-audience"'
		);
	});

	it('names the member that has an unknown field, and every member whose hash is malformed', async () => {
		const unknownField = await send({ body: body([{ hashedEmails: [HASH_0] }, { hashedEmails: [HASH_1], email: 'x' }]) });
		expect(googleError(unknownField).message).toBe(
			"Invalid JSON payload received. Unknown name \"email\" at 'added_contact_info_list.contact_infos[1]': Cannot find field."
		);
		const malformed = await send({ body: body([{ hashedEmails: [HASH_0] }, { hashedEmails: ['plain@example.com'] }, {}, { hashedPhoneNumbers: [7] }]) });
		expect(googleError(malformed).details[0].fieldViolations.map((v: { field: string }) => v.field)).toEqual([
			'addedContactInfoList.contactInfos[1].hashedEmails[0]',
			'addedContactInfoList.contactInfos[2]',
			'addedContactInfoList.contactInfos[3].hashedPhoneNumbers[0]'
		]);
	});

	it('refuses consent set to DENIED as INVALID_ARGUMENT, for the whole batch', async () => {
		const denied = JSON.stringify({
			advertiserId: '4304512',
			addedContactInfoList: { contactInfos: [{ hashedEmails: [HASH_0] }], consent: { ...GRANTED, adPersonalization: 'CONSENT_STATUS_DENIED' } }
		});
		const reply = await send({ body: denied });
		expect(googleError(reply)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', message: expect.stringMatching(/CONSENT_STATUS_DENIED is not allowed/) });
		expect((await classify(reply)).batchError).toMatchObject({ category: 'partnerError', code: 'INVALID_ARGUMENT', retryable: false });
	});

	it('refuses more than 500,000 members in one request', async () => {
		const info = `{"hashedEmails":["${HASH_0}"]}`;
		const huge = `{"advertiserId":"4304512","addedContactInfoList":{"contactInfos":[${Array(500_001).fill(info).join(',')}]}}`;
		const reply = await send({ body: huge });
		expect(googleError(reply)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
		expect(googleError(reply).details[0].fieldViolations[0]).toMatchObject({ field: 'addedContactInfoList.contactInfos', description: expect.stringMatching(/At most 500000 members/) });
		expect((await classify(reply)).batchError).toMatchObject({ category: 'partnerError', code: 'INVALID_ARGUMENT' });
	}, 30_000);

	it('names a member whose hash is not SHA-256; the adapter leaves it out, sends the rest again and rejects it alone', async () => {
		const reply = await send({ body: body([{ hashedEmails: [HASH_0] }, { hashedEmails: ['user1@example.com'] }]) });
		expect(googleError(reply).details[0].fieldViolations).toEqual([
			{ field: 'addedContactInfoList.contactInfos[1].hashedEmails[0]', description: expect.stringMatching(/^Invalid hashed e-mail/) }
		]);

		const batch = await recipients(3, 'hashedEmail', 1201);
		batch[1] = { ...batch[1]!, identifier: 'User1@Example.com' };
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.log.map((l) => l.status)).toEqual([400, 200]);
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected).toEqual([
			{ index: 1, error: expect.objectContaining({ category: 'partnerError', code: 'INVALID_ARGUMENT', retryable: false }) }
		]);
		expect(result.outcome.note).toBe('Display & Video 360 accepted 2 members to add to audience 7163819372. 1 left out as invalid.');
	});

	it('answers a path of the other API version with Google\'s HTML 404 page', async () => {
		const reply = await send({ url: 'https://displayvideo.googleapis.com/v4/firstAndThirdPartyAudiences/7163819372:editCustomerMatchMembers', body: body([{ hashedEmails: [HASH_0] }]) });
		expect(reply).toMatchObject({ kind: 'response', status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' } });
		expect(reply.kind === 'response' && reply.body).toMatch(/That’s an error/);
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
		[{ answerWith: 'not-found' }, { category: 'partnerError', code: 'NOT_FOUND', retryable: false }],
		[{ answerWith: 'deadline-exceeded' }, { category: 'timeout', code: 'DEADLINE_EXCEEDED', retryable: true }],
		[{ answerWith: 'consent-denied' }, { category: 'partnerError', code: 'INVALID_ARGUMENT' }]
	])('honours the fault knob %j', async (faults, expectedError) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'hashedEmail', 1201);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expectedError);
		// Other connectors are not affected.
		const other = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-2'));
		expect(other.outcome.batchError).toBeNull();
	});

	it('rejects a share of the members at the rejection rate, the same members each time, and takes the rest', async () => {
		faultBoard.set('conn-1', { rejectionRate: 0.3 });
		const batch = await recipients(200, 'hashedEmail', 1201);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.log.map((l) => l.status)).toEqual([400, 200]);
		expect(result.outcome.rejected.length).toBeGreaterThan(30);
		expect(result.outcome.rejected.length).toBeLessThan(90);
		expect(result.outcome.rejected.every((r) => r.error.code === 'INVALID_ARGUMENT')).toBe(true);
		const again = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(again.outcome.rejected.map((r) => r.index)).toEqual(result.outcome.rejected.map((r) => r.index));
		expect(result.outcome.note).toBe(`Display & Video 360 accepted ${200 - result.outcome.rejected.length} members to add to audience 7163819372. ${result.outcome.rejected.length} left out as invalid.`);
	});

	it('ends the batch when the second request is refused too', async () => {
		const batch = await recipients(2, 'hashedEmail', 1201);
		const step = adapter.begin(delivery('add', batch, config, settings), null);
		if (step.kind !== 'send') throw new Error('expected a request');
		const violations = {
			error: {
				code: 400,
				message: 'Request contains an invalid argument.',
				status: 'INVALID_ARGUMENT',
				details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'addedContactInfoList.contactInfos[0].hashedEmails[0]', description: 'Invalid' }] }]
			}
		};
		const resend = adapter.advance(step.state, response(400, JSON.stringify(violations)));
		if (resend.kind !== 'send') throw new Error('expected the rest to be sent again');
		expect(JSON.parse(resend.request.body!).addedContactInfoList.contactInfos).toEqual([{ hashedEmails: [HASH_1] }]);
		const final = adapter.advance(resend.state, response(400, JSON.stringify(violations)));
		expect(final.kind === 'finish' && final.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'INVALID_ARGUMENT' });
	});

	it('answers Test connection with the advertiser, and with the error when access is missing', async () => {
		const ok = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(ok.outcome).toMatchObject({ batchError: null, note: 'Connected to the advertiser "Sandbox advertiser" (4304512).' });
		expect(ok.log).toEqual([{ purpose: 'test connection', url: 'https://displayvideo.googleapis.com/v4/advertisers/4304512', status: 200 }]);
		const v3 = await exchange(handlers, adapter, 'probe', delivery('add', [], configV3, settings));
		expect(v3.outcome.batchError).toBeNull();
		faultBoard.set('conn-1', { notAllowlisted: true });
		const denied = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(denied.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'PERMISSION_DENIED' });
		faultBoard.set('conn-1', { notAllowlisted: false, credentials: 'expired' });
		const expired = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(expired.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: 'UNAUTHENTICATED' });
	});
});
