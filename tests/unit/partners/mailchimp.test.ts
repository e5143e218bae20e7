import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest } from '$lib/partners/mailchimp/adapter';
import type { Reply, Step } from '$lib/partners/adapter';
import { errorRows } from '../../../mocks/mailchimp/errors';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, exchange, mockTransport, recipients } from '../../fixtures/delivery';

// Mocks of this file's own: knobs and partner state shared with no other test file.
const mocks = createPartnerMocks();
const faultBoard = mocks.faults;
const { handlers } = mocks.partners.mailchimp;

const API_KEY = '0123456789abcdef0123456789abcdef-us21';
const config = { apiKey: API_KEY };
const settings = { listId: 'a1b2c3d4e5' };
// base64("anystring:0123456789abcdef0123456789abcdef-us21")
const CREDENTIALS = 'YW55c3RyaW5nOjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmLXVzMjE=';
const BATCH_URL = 'https://us21.api.mailchimp.com/3.0/lists/a1b2c3d4e5';

const response = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
	kind: 'response',
	status,
	headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
	body,
	latencyMs: 100
});

function finish<S>(step: Step<S>) {
	if (step.kind !== 'finish') throw new Error('expected an outcome');
	return step.outcome;
}

/** The outcome of one reply to a delivery of `emails`. */
async function classify(reply: Reply, count = 2) {
	const step = adapter.begin(delivery('add', await recipients(count, 'email', 1701), config, settings), null);
	if (step.kind !== 'send') throw new Error('expected a request');
	return finish(adapter.advance(step.state, reply));
}

async function send(body: string, headers: Record<string, string>, url = BATCH_URL) {
	return mockTransport(handlers).send({ method: 'POST', url, headers, body, secrets: [] }, { connectorId: 'c', timeoutMs: 3000 });
}

const auth = { authorization: `Basic ${CREDENTIALS}`, 'content-type': 'application/json' };

afterEach(() => {
	faultBoard.reset();
	mocks.partners.mailchimp.reset();
});

describe('Mailchimp adapter', () => {
	it('builds the real request: POST batch subscribe on the key\'s datacenter, basic auth, subscribed or unsubscribed', async () => {
		const batch = await recipients(2, 'email', 1701);
		expect(buildRequest(delivery('add', batch, config, settings))).toEqual({
			request: {
				method: 'POST',
				url: 'https://us21.api.mailchimp.com/3.0/lists/a1b2c3d4e5',
				headers: { authorization: `Basic ${CREDENTIALS}`, 'content-type': 'application/json' },
				body: '{"members":[{"email_address":"user0@example.com","status":"subscribed"},{"email_address":"user1@example.com","status":"subscribed"}],"update_existing":true}',
				secrets: [API_KEY, CREDENTIALS, `Basic ${CREDENTIALS}`]
			}
		});
		const remove = buildRequest(delivery('remove', batch, config, settings));
		expect('request' in remove && JSON.parse(remove.request.body!)).toEqual({
			members: [
				{ email_address: 'user0@example.com', status: 'unsubscribed' },
				{ email_address: 'user1@example.com', status: 'unsubscribed' }
			],
			update_existing: true
		});
	});

	it('produces a valid request for a full batch of 500', async () => {
		const batch = await recipients(500, 'email', 1701);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toEqual({ batchError: null, rejected: [], note: 'Mailchimp subscribed 500 (500 new, 0 existing), 0 errors.' });
	});

	it('refuses a key without its datacenter without sending anything', async () => {
		const batch = await recipients(1, 'email', 1701);
		const step = adapter.begin(delivery('add', batch, { apiKey: '0123456789abcdef0123456789abcdef' }, settings), null);
		expect(finish(step).batchError).toMatchObject({ category: 'invalidCredentials', code: null, retryable: false, message: expect.stringMatching(/datacenter suffix/) });
	});

	it.each(errorRows.map((row) => [row.id, row] as const))('classifies the real error body %s', async (_id, row) => {
		const error = (await classify(response(row.status, row.body, row.headers))).batchError;
		const body = JSON.parse(row.body) as { title: string; detail: string };
		const expected =
			row.status === 401 || body.title === 'User Disabled'
				? { category: 'invalidCredentials', retryable: false }
				: { category: 'otherError', retryable: row.status === 429 || row.status >= 500 };
		expect(error).toMatchObject({ ...expected, code: null });
		expect(error?.message.startsWith(`${body.title}: ${body.detail}`)).toBe(true);
	});

	it('counts a 403 Forbidden (not allowlisted) as Other error, since the key itself was accepted', async () => {
		const row = errorRows.find((r) => r.id === 'forbidden')!;
		expect((await classify(response(403, row.body))).batchError).toMatchObject({ category: 'otherError', code: null, retryable: false });
	});

	it('keeps the field errors of an Invalid Resource in the message', async () => {
		const row = errorRows.find((r) => r.id === 'invalid-resource-status')!;
		expect((await classify(response(400, row.body))).batchError?.message).toBe(
			"Invalid Resource: The resource submitted could not be validated. For field-specific details, see the 'errors' array. (members.0.status: Data presented is not one of the accepted values: subscribed, unsubscribed, cleaned, pending, transactional.)"
		);
	});

	it('honours Retry-After on a 429', async () => {
		const row = errorRows.find((r) => r.id === 'too-many-requests')!;
		expect((await classify(response(429, row.body, { 'retry-after': '20' }))).batchError).toMatchObject({ retryable: true, retryAfterMs: 20_000 });
		expect((await classify(response(429, row.body))).batchError).toMatchObject({ retryable: true, retryAfterMs: null });
	});

	it('counts an empty 500, an HTML page and truncated JSON as Other error with no code', async () => {
		for (const reply of [
			response(500, ''),
			response(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' }),
			response(200, '{"new_members":[],"updated_mem', { 'content-type': 'application/json' })
		]) {
			expect((await classify(reply)).batchError).toMatchObject({ category: 'otherError', code: null, retryable: true });
		}
		expect((await classify(response(400, 'Bad Request', { 'content-type': 'text/plain' }))).batchError).toMatchObject({ category: 'otherError', retryable: false });
	});

	it('counts a timeout and a network failure in their categories', async () => {
		expect((await classify({ kind: 'timeout', latencyMs: 3000 })).batchError).toMatchObject({ category: 'timeout', retryable: true });
		const network = (await classify({ kind: 'network', message: 'Failed to fetch', latencyMs: 5 })).batchError;
		expect(network).toMatchObject({ category: 'otherError', retryable: true, message: expect.stringMatching(/CORS/) });
	});

	it('rejects the members listed in errors inside a 200, keeping Mailchimp\'s message; the rest are delivered', async () => {
		const body = JSON.stringify({
			new_members: [{ email_address: 'user0@example.com' }],
			updated_members: [{ email_address: 'user2@example.com' }],
			errors: [
				{ email_address: 'USER1@example.com', error: 'user1@example.com looks fake or invalid, please enter a real email address.', error_code: 'ERROR_GENERIC' },
				{ email_address: 'someone-else@example.com', error: 'someone-else@example.com was permanently deleted and cannot be re-imported.', error_code: 'ERROR_GENERIC' }
			],
			total_created: 1,
			total_updated: 1,
			error_count: 2
		});
		const result = await classify(response(200, body, { 'content-type': 'application/json' }), 4);
		expect(result).toEqual({
			batchError: null,
			rejected: [
				{ index: 1, error: { category: 'otherError', code: null, message: 'user1@example.com looks fake or invalid, please enter a real email address.', retryable: false, retryAfterMs: null } },
				// An error whose address is not in the batch still counts, against the last unmatched member.
				{ index: 3, error: { category: 'otherError', code: null, message: 'someone-else@example.com was permanently deleted and cannot be re-imported.', retryable: false, retryAfterMs: null } }
			],
			note: 'Mailchimp subscribed 2 (1 new, 1 existing), 2 errors.'
		});
	});
});

describe('Mailchimp mock', () => {
	it('subscribes new members, then updates them, and unsubscribes them on removal', async () => {
		const batch = await recipients(3, 'email', 1701);
		const first = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(first.outcome).toEqual({ batchError: null, rejected: [], note: 'Mailchimp subscribed 3 (3 new, 0 existing), 0 errors.' });
		expect(first.log).toEqual([{ purpose: 'deliver', url: BATCH_URL, status: 200 }]);
		const again = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(again.outcome.note).toBe('Mailchimp subscribed 3 (0 new, 3 existing), 0 errors.');
		const removed = await exchange(handlers, adapter, 'begin', delivery('remove', batch, config, settings));
		expect(removed.outcome.note).toBe('Mailchimp unsubscribed 3 (0 new, 3 existing), 0 errors.');
	});

	it('answers with Mailchimp\'s member records, ids being the MD5 of the address', async () => {
		const reply = await send('{"members":[{"email_address":"user0@example.com","status":"subscribed"}],"update_existing":true}', auth);
		const body = reply.kind === 'response' ? JSON.parse(reply.body) : null;
		// MD5("user0@example.com")
		expect(body.new_members[0]).toMatchObject({ id: '52e4ce24a915fb7e51e1ad3b57f4b00a', email_address: 'user0@example.com', status: 'subscribed', list_id: 'a1b2c3d4e5' });
		expect(body).toMatchObject({ total_created: 1, total_updated: 0, error_count: 0, errors: [] });
	});

	it('refuses a request without an API key, a malformed key, and a key of another datacenter', async () => {
		const missing = await send('{"members":[]}', { 'content-type': 'application/json' });
		expect(missing.kind === 'response' && [missing.status, JSON.parse(missing.body).title]).toEqual([401, 'API Key Missing']);
		const malformed = await send('{"members":[]}', { authorization: `Basic ${btoa('anystring:not-a-key')}` });
		expect(malformed.kind === 'response' && [malformed.status, JSON.parse(malformed.body).title]).toEqual([401, 'API Key Invalid']);
		const otherDatacenter = await send('{"members":[]}', auth, 'https://us6.api.mailchimp.com/3.0/lists/a1b2c3d4e5');
		expect(otherDatacenter.kind === 'response' && JSON.parse(otherDatacenter.body)).toMatchObject({
			type: 'https://mailchimp.com/developer/marketing/docs/errors/',
			title: 'API Key Invalid',
			status: 401,
			detail: "Your API key may be invalid, or you've attempted to access the wrong datacenter."
		});
		expect(otherDatacenter.kind === 'response' && otherDatacenter.headers['content-type']).toMatch(/application\/problem\+json/);
	});

	it('refuses a body that is not JSON, a wrong member status, and an unknown audience', async () => {
		const notJson = await send('members=a@b.c', auth);
		expect(notJson.kind === 'response' && [notJson.status, JSON.parse(notJson.body).title]).toEqual([400, 'JSON Parse Error']);
		const badStatus = await send('{"members":[{"email_address":"a@example.com","status":"active"}]}', auth);
		expect(badStatus.kind === 'response' && JSON.parse(badStatus.body)).toMatchObject({ title: 'Invalid Resource', status: 400, errors: [{ field: 'members.0.status' }] });
		const noMembers = await send('{"update_existing":true}', auth);
		expect(noMembers.kind === 'response' && JSON.parse(noMembers.body).errors).toEqual([{ field: 'members', message: 'Required fields were not provided: members' }]);
		const batch = await recipients(1, 'email', 1701);
		const unknown = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, { listId: 'my-list' }));
		expect(unknown.outcome.batchError).toMatchObject({ category: 'otherError', retryable: false, message: 'Resource Not Found: The requested resource could not be found.' });
	});

	it('refuses more than 500 members in one call', async () => {
		const batch = await recipients(501, 'email', 1701);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject({ category: 'otherError', code: null, retryable: false, message: expect.stringMatching(/^Invalid Resource: .*\(members: .*at most 500 items, 501/) });
	});

	it('lists an invalid address as a member error inside the 200, and the adapter rejects that profile only', async () => {
		const batch = await recipients(3, 'email', 1701);
		batch[1] = { ...batch[1]!, identifier: 'not-an-address' };
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected).toEqual([
			{ index: 1, error: { category: 'otherError', code: null, message: 'not-an-address looks fake or invalid, please enter a real email address.', retryable: false, retryAfterMs: null } }
		]);
		expect(result.outcome.note).toBe('Mailchimp subscribed 2 (2 new, 0 existing), 1 error.');
	});

	it('answers ERROR_CONTACT_EXISTS for an existing member when update_existing is not set', async () => {
		await send('{"members":[{"email_address":"user0@example.com","status":"subscribed"}]}', auth);
		const reply = await send('{"members":[{"email_address":"user0@example.com","status":"subscribed"}]}', auth);
		expect(reply.kind === 'response' && JSON.parse(reply.body).errors).toEqual([
			{ email_address: 'user0@example.com', error: 'user0@example.com is already a list member. Use PUT to insert or update list members.', error_code: 'ERROR_CONTACT_EXISTS', field: '', field_message: '' }
		]);
	});

	it.each([
		[{ credentials: 'expired' as const }, { category: 'invalidCredentials', code: null, message: expect.stringMatching(/^API Key Invalid/) }],
		[{ credentials: 'invalid' as const }, { category: 'invalidCredentials', code: null }],
		[{ notAllowlisted: true }, { category: 'otherError', code: null, retryable: false, message: expect.stringMatching(/^Forbidden/) }],
		[{ throttled: true }, { category: 'otherError', code: null, retryable: true, message: expect.stringMatching(/^Too Many Requests/) }],
		[{ outage: 'partnerError' as const }, { category: 'otherError', code: null, retryable: true, message: expect.stringMatching(/^Internal Server Error/) }],
		[{ outage: 'empty500' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ malformed: 'htmlPage' as const }, { category: 'otherError', code: null, message: expect.stringMatching(/HTML page/) }],
		[{ malformed: 'truncatedJson' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ slow: { medianMs: 10_000, spread: 0 } }, { category: 'timeout' }],
		[{ answerWith: 'user-disabled' }, { category: 'invalidCredentials', message: 'User Disabled: This account has been disabled.' }],
		[{ answerWith: 'resource-not-found' }, { category: 'otherError', retryable: false }]
	])('honours the fault knob %j', async (faults, expected) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'email', 1701);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expected);
		// Other connectors are not affected.
		const other = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-2'));
		expect(other.outcome.batchError).toBeNull();
	});

	it('rejects a share of the members one by one at the rejection rate, with Mailchimp\'s reasons; the rest count as delivered', async () => {
		faultBoard.set('conn-1', { rejectionRate: 0.5 });
		faultBoard.reseed(7);
		const batch = await recipients(200, 'email', 1701);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected.length).toBeGreaterThan(60);
		expect(result.outcome.rejected.length).toBeLessThan(140);
		const delivered = 200 - result.outcome.rejected.length;
		expect(result.outcome.note).toBe(`Mailchimp subscribed ${delivered} (${delivered} new, 0 existing), ${result.outcome.rejected.length} errors.`);
		for (const { index, error } of result.outcome.rejected) {
			expect(error).toMatchObject({ category: 'otherError', code: null, retryable: false });
			expect(error.message.startsWith(`user${index}@example.com `)).toBe(true);
		}
	});

	it('answers Test connection with the ping, and with the error when the key is refused', async () => {
		const ok = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(ok.outcome).toEqual({ batchError: null, rejected: [], note: "Connected to Mailchimp (datacenter us21): Everything's Chimpy!" });
		expect(ok.log).toEqual([{ purpose: 'test connection', url: 'https://us21.api.mailchimp.com/3.0/ping', status: 200 }]);
		faultBoard.set('conn-1', { credentials: 'invalid' });
		const refused = await exchange(handlers, adapter, 'probe', delivery('add', [], config, settings));
		expect(refused.outcome.batchError).toMatchObject({ category: 'invalidCredentials', message: expect.stringMatching(/wrong datacenter/) });
		faultBoard.reset();
		const noDatacenter = adapter.probe({ config: { apiKey: 'abc' }, now: 0 }, null);
		expect(finish(noDatacenter).batchError).toMatchObject({ category: 'invalidCredentials', retryable: false });
	});
});
