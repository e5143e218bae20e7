import { afterEach, describe, expect, it } from 'vitest';
import { adapter, buildRequest, MAX_REQUESTS_PER_BATCH, templateValues, type CustomHttpConfig } from '$lib/partners/custom-http/adapter';
import { hmacSha256, sha256, toHex } from '$lib/partners/custom-http/hmac';
import { DEFAULT_PAYLOAD_TEMPLATE } from '$lib/partners/custom-http/template';
import type { Delivery, OutgoingRequest, Reply, Step } from '$lib/partners/adapter';
import { errorRows } from '../../../mocks/custom-http/errors';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, exchange, mockTransport, recipients } from '../../fixtures/delivery';

// Mocks of this file's own: knobs and partner state shared with no other test file.
const mocks = createPartnerMocks();
const faultBoard = mocks.faults;
const { handlers } = mocks.partners['custom-http'];

const config: CustomHttpConfig = {
	url: 'https://hooks.example.com/audiences',
	method: 'POST',
	headers: [{ name: 'X-Tenant', value: 'acme' }],
	auth: 'bearer',
	apiKeyHeaderName: '',
	apiKey: '',
	basicUsername: '',
	basicPassword: '',
	bearerToken: 'tok_live_123456',
	payloadTemplate: DEFAULT_PAYLOAD_TEMPLATE,
	batchSize: 100,
	signingSecret: 'whsec_example'
};
const settings = { listName: 'vip-customers' };
const PER_PROFILE = '{"id":"{{profile.customerId}}","email":"{{profile.email}}","op":"{{operation}}"}';
const perProfile: CustomHttpConfig = { ...config, payloadTemplate: PER_PROFILE };

const response = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
	kind: 'response',
	status,
	headers: { 'content-type': 'application/json', ...headers },
	body,
	latencyMs: 100
});

function finish<S>(step: Step<S>) {
	if (step.kind !== 'finish') throw new Error('expected an outcome');
	return step.outcome;
}

function sent<S>(step: Step<S>): { request: OutgoingRequest; state: S } {
	if (step.kind !== 'send') throw new Error('expected a request');
	return step;
}

function request(c: CustomHttpConfig, d: Delivery<CustomHttpConfig>, index?: number): OutgoingRequest {
	const built = buildRequest(c, templateValues(d, index));
	if ('problem' in built) throw new Error(built.problem);
	return built.request;
}

async function batchOf(count: number, c: CustomHttpConfig = config, operation: 'add' | 'remove' = 'add', connectorId = 'conn-1') {
	return delivery(operation, await recipients(count, 'customerId', 1801), c, settings, connectorId);
}

/** Plays a per-profile delivery against literal replies, one per request. */
async function playPerProfile(replies: Reply[]) {
	let step = adapter.begin(await batchOf(replies.length, perProfile), null);
	let requests = 0;
	while (step.kind === 'send') step = adapter.advance(step.state, replies[requests++]!);
	return { outcome: step.outcome, requests };
}

async function send(outgoing: Partial<OutgoingRequest>) {
	return mockTransport(handlers).send(
		{ method: 'POST', url: 'https://hooks.example.com/audiences', headers: { 'content-type': 'application/json' }, body: '{"profiles":[]}', secrets: [], ...outgoing },
		{ connectorId: 'c', timeoutMs: 3000 }
	);
}

afterEach(() => faultBoard.reset());

describe('HMAC-SHA256 for the body signature', () => {
	const bytes = (length: number, value: number) => new Uint8Array(length).fill(value);

	it('computes SHA-256 as FIPS 180-2 gives it', () => {
		expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(toHex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(toHex(sha256(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
			'248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
		);
		expect(toHex(sha256(bytes(1_000_000, 0x61)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
	});

	it.each([
		['1', bytes(20, 0x0b), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
		['2', 'Jefe', 'what do ya want for nothing?', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
		['3', bytes(20, 0xaa), bytes(50, 0xdd), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
		['4', Uint8Array.from({ length: 25 }, (_, i) => i + 1), bytes(50, 0xcd), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
		['5 (truncated to 128 bits)', bytes(20, 0x0c), 'Test With Truncation', 'a3b6167473100ee06e0c796c2955552b'],
		['6', bytes(131, 0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First', '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
		[
			'7',
			bytes(131, 0xaa),
			'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
			'9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2'
		]
	])('matches RFC 4231 test case %s', (_case, key, data, expected) => {
		expect(toHex(hmacSha256(key, data)).slice(0, expected.length)).toBe(expected);
	});
});

describe('Custom HTTP adapter: requests', () => {
	it('builds the batch request: the template rendered with the profiles, extra headers, bearer token, signature', async () => {
		const body =
			'{\n  "operation": "add",\n  "list": "vip-customers",\n  "profiles": [' +
			'{"customerId":"C-1000","email":"User0@Example.com ","phone":"+31 6 1234 5000","mobileAdId":"6D92078A-8246-4BA4-AE5B-76104861E7D0"},' +
			'{"customerId":"C-1001","email":"User1@Example.com ","phone":"+31 6 1234 5001","mobileAdId":"6D92078A-8246-4BA4-AE5B-76104861E7D1"}]\n}';
		const step = sent(adapter.begin(await batchOf(2), null));
		expect(step.request).toEqual({
			method: 'POST',
			url: 'https://hooks.example.com/audiences',
			headers: {
				'Content-Type': 'application/json',
				'X-Tenant': 'acme',
				Authorization: 'Bearer tok_live_123456',
				// HMAC-SHA256 of the exact body under "whsec_example" (node's crypto)
				'X-Signature': 'sha256=7075a3bfb0f741513a823710fdb6e1608e06a3489b1a45f37d77be857f72b646'
			},
			body,
			secrets: ['tok_live_123456', 'Bearer tok_live_123456', 'whsec_example']
		});
	});

	it('sends a per-profile template once per profile, with that profile\'s fields and the operation', async () => {
		const d = await batchOf(2, perProfile, 'remove');
		const first = sent(adapter.begin(d, null));
		expect(first.request.body).toBe('{"id":"C-1000","email":"User0@Example.com ","op":"remove"}');
		const second = sent(adapter.advance(first.state, response(200, '{"received":1}')));
		expect(second.request).toEqual({
			method: 'POST',
			url: 'https://hooks.example.com/audiences',
			headers: {
				'Content-Type': 'application/json',
				'X-Tenant': 'acme',
				Authorization: 'Bearer tok_live_123456',
				'X-Signature': 'sha256=dafa5cd482064b19a1185690eb242002520f1736c206bb71d63d39caefa2a35a'
			},
			body: '{"id":"C-1001","email":"User1@Example.com ","op":"remove"}',
			secrets: ['tok_live_123456', 'Bearer tok_live_123456', 'whsec_example']
		});
		expect(finish(adapter.advance(second.state, response(204, '')))).toMatchObject({ batchError: null, rejected: [] });
	});

	it('sends basic authentication as base64 of the UTF-8 user:password, and lists password and header as secrets', async () => {
		const basic = { ...config, auth: 'basic' as const, basicUsername: 'crm-sync', basicPassword: 'pässwörd', signingSecret: '' };
		const built = request(basic, await batchOf(1, basic));
		expect(built.headers.Authorization).toBe('Basic Y3JtLXN5bmM6cMOkc3N3w7ZyZA==');
		expect(built.secrets).toEqual(['pässwörd', 'Y3JtLXN5bmM6cMOkc3N3w7ZyZA==', 'Basic Y3JtLXN5bmM6cMOkc3N3w7ZyZA==']);
		expect(built.headers['X-Signature']).toBeUndefined();
	});

	it('sends an API key in the header the configuration names, and keeps a Content-Type the user set', async () => {
		const keyed = {
			...config,
			auth: 'apiKeyHeader' as const,
			apiKeyHeaderName: 'X-API-Key',
			apiKey: 'key_0123456789',
			headers: [{ name: 'content-type', value: 'application/vnd.acme+json' }],
			signingSecret: ''
		};
		const built = request(keyed, await batchOf(1, keyed));
		expect(built.headers).toEqual({ 'content-type': 'application/vnd.acme+json', 'X-API-Key': 'key_0123456789' });
		expect(built.secrets).toEqual(['key_0123456789']);
		const none = request({ ...keyed, auth: 'none' }, await batchOf(1, keyed));
		expect(none.headers).toEqual({ 'content-type': 'application/vnd.acme+json' });
		expect(none.secrets).toEqual([]);
	});

	it('sends GET with the rendered object\'s top-level fields as query parameters and no body; the signature is of the empty body', async () => {
		const get: CustomHttpConfig = {
			...config,
			url: 'https://crm.example.com/hooks/activation?source=sandbox',
			method: 'GET',
			auth: 'apiKeyHeader',
			apiKeyHeaderName: 'X-API-Key',
			apiKey: 'key_0123456789',
			headers: [],
			payloadTemplate: '{"operation":"{{operation}}","list":"{{listName}}","customerId":{{profile.customerId}},"tags":["a",1],"phone":null}'
		};
		const first = sent(adapter.begin(await batchOf(1, get), null));
		expect(first.request).toEqual({
			method: 'GET',
			url: 'https://crm.example.com/hooks/activation?source=sandbox&operation=add&list=vip-customers&customerId=C-1000&tags=%5B%22a%22%2C1%5D&phone=',
			headers: { 'X-API-Key': 'key_0123456789', 'X-Signature': 'sha256=1dbac320cb4fc8aef7a91a58314a5c03e5350de564a44f8bb8cd091c672f4f41' },
			body: null,
			secrets: ['key_0123456789', 'whsec_example']
		});
		expect(finish(adapter.advance(first.state, response(200, '{"received":1}'))).batchError).toBeNull();
		const result = await exchange(handlers, adapter, 'begin', await batchOf(3, get));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [] });
		expect(result.log.map((l) => l.status)).toEqual([200, 200, 200]);
	});

	it('finishes without sending when the template cannot be rendered, or a GET template is not an object', async () => {
		const unknown = adapter.begin(await batchOf(1, { ...config, payloadTemplate: '{"x":{{customer}}}' }), null);
		expect(finish(unknown).batchError).toMatchObject({ category: 'otherError', retryable: false, message: expect.stringMatching(/Unknown placeholder \{\{customer\}\}/) });
		const notObject = adapter.begin(await batchOf(1, { ...config, method: 'GET', payloadTemplate: '{{profiles}}' }), null);
		expect(finish(notObject).batchError?.message).toMatch(/With GET the payload template must be a JSON object/);
	});
});

describe('Custom HTTP adapter: answers', () => {
	async function classify(reply: Reply) {
		const step = sent(adapter.begin(await batchOf(2), null));
		return finish(adapter.advance(step.state, reply));
	}

	it.each(errorRows.map((row) => [row.id, row] as const))('classifies the webhook error %s by its status', async (_id, row) => {
		const error = (await classify(response(row.status, row.body, row.headers))).batchError;
		const retryAfter = row.headers?.['retry-after'];
		expect(error).toMatchObject({
			category: row.status === 401 || row.status === 403 ? 'invalidCredentials' : 'otherError',
			code: null,
			retryable: row.status === 429 || row.status >= 500,
			retryAfterMs: retryAfter ? Number(retryAfter) * 1000 : null,
			message: `HTTP ${row.status} from the endpoint: ${JSON.parse(row.body).error as string}`
		});
	});

	it('counts any 2xx as delivered, whatever the body', async () => {
		for (const reply of [response(200, '{"received":2}'), response(202, ''), response(204, ''), response(200, '{"rece', { 'content-type': 'text/plain' })]) {
			expect(await classify(reply)).toMatchObject({ batchError: null, rejected: [] });
		}
		expect((await classify(response(200, '{"received":2}'))).note).toBe('The endpoint answered HTTP 200: {"received":2}');
	});

	it('honours Retry-After as seconds and as an HTTP date', async () => {
		const seconds = await classify(response(503, '', { 'retry-after': '45' }));
		expect(seconds.batchError).toMatchObject({ retryable: true, retryAfterMs: 45_000 });
		// The fixture's sandbox clock is 2026-11-28 12:00 UTC.
		const date = await classify(response(429, '', { 'retry-after': 'Sat, 28 Nov 2026 12:02:00 GMT' }));
		expect(date.batchError).toMatchObject({ retryable: true, retryAfterMs: 120_000 });
	});

	it('names what came back when it is not JSON: an empty 500, an HTML page, plain text', async () => {
		expect((await classify(response(500, ''))).batchError).toMatchObject({ category: 'otherError', retryable: true, message: 'HTTP 500 from the endpoint, with an empty body.' });
		const html = await classify(response(502, '<html><head><title>502 Bad Gateway</title></head></html>', { 'content-type': 'text/html' }));
		expect(html.batchError).toMatchObject({ category: 'otherError', retryable: true, message: 'HTTP 502 from the endpoint, with an HTML page ("502 Bad Gateway").' });
		expect((await classify(response(400, 'missing field id', { 'content-type': 'text/plain' }))).batchError).toMatchObject({
			category: 'otherError',
			retryable: false,
			message: 'HTTP 400 from the endpoint: missing field id'
		});
		expect((await classify(response(422, '{"message":"email is invalid"}'))).batchError?.message).toBe('HTTP 422 from the endpoint: email is invalid');
		expect((await classify(response(400, '{"error":{"message":"bad list"}}'))).batchError?.message).toBe('HTTP 400 from the endpoint: bad list');
	});

	it('counts a timeout and a network failure in their categories, naming CORS and a loopback target', async () => {
		expect((await classify({ kind: 'timeout', latencyMs: 3000 })).batchError).toMatchObject({ category: 'timeout', retryable: true });
		const network = (await classify({ kind: 'network', message: 'Failed to fetch', latencyMs: 5 })).batchError;
		expect(network).toMatchObject({ category: 'otherError', code: null, retryable: true, message: expect.stringMatching(/Failed to fetch.*CORS/) });
		const local = { ...config, url: 'http://localhost:8080/hook' };
		const step = sent(adapter.begin(await batchOf(1, local), null));
		const refused = finish(adapter.advance(step.state, { kind: 'network', message: 'Failed to fetch', latencyMs: 1 })).batchError;
		expect(refused?.message).toMatch(/The endpoint is a loopback address: this machine only; it is reachable only where that network is\.$/);
		expect(finish(adapter.advance(step.state, response(200, ''))).note).toBe('The endpoint (Loopback address: this machine only) answered HTTP 200');
	});
});

describe('Custom HTTP adapter: a per-profile batch', () => {
	const ok = response(200, '{"received":1}');

	it('rejects only the profile a 4xx refused and goes on with the next', async () => {
		const { outcome, requests } = await playPerProfile([ok, response(422, '{"error":"customerId is required"}'), ok]);
		expect(requests).toBe(3);
		expect(outcome).toEqual({
			batchError: null,
			rejected: [{ index: 1, error: { category: 'otherError', code: null, message: 'HTTP 422 from the endpoint: customerId is required', retryable: false, retryAfterMs: null } }],
			note: 'Sent 3 of 3 profiles one request each to the endpoint: 2 delivered, 1 not delivered.'
		});
	});

	it('stops at an answer about the endpoint: the profiles delivered stay delivered, the rest carry the error', async () => {
		const { outcome, requests } = await playPerProfile([ok, response(503, '{"error":"down"}', { 'retry-after': '60' }), ok, ok]);
		expect(requests).toBe(2);
		expect(outcome.batchError).toBeNull();
		expect(outcome.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
		expect(outcome.rejected[0]!.error).toEqual({ category: 'otherError', code: null, message: 'HTTP 503 from the endpoint: down', retryable: true, retryAfterMs: 60_000 });
		expect(outcome.rejected[2]!.error).toMatchObject({ category: 'otherError', retryable: true, retryAfterMs: 60_000, message: expect.stringMatching(/^Not sent: .*HTTP 503 from the endpoint: down$/) });
		expect(outcome.note).toMatch(/^Sent 2 of 4 profiles one request each to the endpoint: 1 delivered, 3 not delivered; stopped after: HTTP 503/);
	});

	it('fails the whole batch when the first request already fails, so all of it may be retried', async () => {
		expect((await playPerProfile([response(401, '{"error":"Unauthorized"}'), ok])).outcome.batchError).toMatchObject({ category: 'invalidCredentials', retryable: false });
		const timeout = await playPerProfile([{ kind: 'timeout', latencyMs: 3000 }, ok]);
		expect(timeout).toMatchObject({ requests: 1, outcome: { batchError: { category: 'timeout', retryable: true } } });
		// A wrong URL answers every profile the same way: stop instead of sending each.
		expect((await playPerProfile([response(404, '{"error":"Not Found"}'), ok, ok])).requests).toBe(1);
	});

	it(`sends at most ${MAX_REQUESTS_PER_BATCH} requests per batch and reports the rest as not sent, naming the fix`, async () => {
		const d = await batchOf(MAX_REQUESTS_PER_BATCH + 2, perProfile);
		const result = await exchange(handlers, adapter, 'begin', d);
		expect(result.requests).toBe(MAX_REQUESTS_PER_BATCH);
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected.map((r) => r.index)).toEqual([MAX_REQUESTS_PER_BATCH, MAX_REQUESTS_PER_BATCH + 1]);
		expect(result.outcome.rejected[0]!.error.message).toMatch(/Set the batch size to 60 or fewer, or send the batch in one request with \{\{profiles\}\}/);
	});
});

describe('Custom HTTP mock', () => {
	it('accepts a well-formed batch and answers how many profiles it received', async () => {
		const result = await exchange(handlers, adapter, 'begin', await batchOf(3));
		expect(result.outcome).toEqual({ batchError: null, rejected: [], note: 'The endpoint answered HTTP 200: {"received":3}' });
		expect(result.log).toEqual([{ purpose: 'deliver', url: 'https://hooks.example.com/audiences', status: 200 }]);
		const demo = await exchange(handlers, adapter, 'begin', await batchOf(2, { ...config, url: 'https://crm.example.com/hooks/activation', method: 'PUT' }));
		expect(demo.outcome.note).toBe('The endpoint answered HTTP 200: {"received":2}');
	});

	it('refuses a malformed Authorization header or signature, a body that is not JSON, a non-JSON media type and a body over 1 MB', async () => {
		const status = async (outgoing: Partial<OutgoingRequest>) => {
			const reply = await send(outgoing);
			return reply.kind === 'response' ? [reply.status, JSON.parse(reply.body).error as string] : reply.kind;
		};
		expect(await status({ headers: { 'content-type': 'application/json', authorization: 'Bearer' } })).toEqual([401, 'Unauthorized: malformed Authorization header']);
		expect(await status({ headers: { 'content-type': 'application/json', authorization: 'Basic bm9jb2xvbg==' } })).toEqual([401, 'Unauthorized: malformed Authorization header']);
		expect(await status({ headers: { 'content-type': 'application/json', 'x-signature': 'md5=abc' } })).toEqual([
			401,
			'Invalid signature: expected X-Signature: sha256=<64 hexadecimal characters>'
		]);
		expect(await status({ body: '{"profiles":[' })).toEqual([400, 'Bad Request: the body is not valid JSON']);
		expect(await status({ headers: { 'content-type': 'text/plain' } })).toEqual([415, 'Unsupported Media Type: send application/json']);
		expect(await status({ body: JSON.stringify({ profiles: ['x'.repeat(1_000_001)] }) })).toEqual([413, 'Payload Too Large: the request body exceeds 1 MB']);
		expect(await status({ headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz', 'x-signature': `sha256=${'a'.repeat(64)}` } })).toEqual([200, undefined]);
	});

	it('answers only example.com hosts: another endpoint is unreachable in the mock', async () => {
		const reply = await send({ url: 'https://hooks.acme.io/audiences' });
		expect(reply).toMatchObject({ kind: 'network', message: expect.stringMatching(/no mock partner answers POST https:\/\/hooks\.acme\.io/) });
	});

	it.each([
		[{ credentials: 'expired' as const }, { category: 'invalidCredentials', code: null, message: 'HTTP 401 from the endpoint: Unauthorized: the token has expired' }],
		[{ credentials: 'invalid' as const }, { category: 'invalidCredentials', code: null }],
		[{ notAllowlisted: true }, { category: 'invalidCredentials', code: null, message: expect.stringMatching(/^HTTP 403/) }],
		[{ throttled: true }, { category: 'otherError', code: null, retryable: true, retryAfterMs: 30_000 }],
		[{ outage: 'partnerError' as const }, { category: 'otherError', code: null, retryable: true, retryAfterMs: 120_000 }],
		[{ outage: 'empty500' as const }, { category: 'otherError', code: null, retryable: true, message: 'HTTP 500 from the endpoint, with an empty body.' }],
		[{ malformed: 'htmlPage' as const }, { category: 'otherError', code: null, retryable: true, message: expect.stringMatching(/HTML page/) }],
		[{ slow: { medianMs: 10_000, spread: 0 } }, { category: 'timeout', retryable: true }],
		[{ answerWith: 'conflict-409' }, { category: 'otherError', retryable: false, message: 'HTTP 409 from the endpoint: Conflict: the profile was changed by another request' }]
	])('honours the fault knob %j', async (faults, expected) => {
		faultBoard.set('conn-1', faults);
		const result = await exchange(handlers, adapter, 'begin', await batchOf(2));
		expect(result.outcome.batchError).toMatchObject(expected);
		// Other connectors are not affected.
		const other = await exchange(handlers, adapter, 'begin', await batchOf(2, config, 'add', 'conn-2'));
		expect(other.outcome.batchError).toBeNull();
	});

	it('counts truncated JSON in a 2xx as delivered: any 2xx is success for a webhook', async () => {
		faultBoard.set('conn-1', { malformed: 'truncatedJson' });
		const result = await exchange(handlers, adapter, 'begin', await batchOf(2));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [], note: 'The endpoint answered HTTP 200: {"recei' });
	});

	it('refuses requests at the rejection rate: with a per-profile template, profiles one by one', async () => {
		faultBoard.set('conn-1', { rejectionRate: 0.5 });
		faultBoard.reseed(7);
		const result = await exchange(handlers, adapter, 'begin', await batchOf(50, perProfile));
		expect(result.requests).toBe(50);
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected.length).toBeGreaterThan(12);
		expect(result.outcome.rejected.length).toBeLessThan(38);
		for (const { error } of result.outcome.rejected) {
			expect(error).toEqual({ category: 'otherError', code: null, message: 'HTTP 422 from the endpoint: Unprocessable Entity: the endpoint rejected this payload', retryable: false, retryAfterMs: null });
		}
		expect(result.outcome.note).toBe(`Sent 50 of 50 profiles one request each to the endpoint: ${50 - result.outcome.rejected.length} delivered, ${result.outcome.rejected.length} not delivered.`);
	});
});

describe('Custom HTTP Test connection', () => {
	it('sends the configured request with no profile, and reports the endpoint connected', async () => {
		const step = sent(adapter.probe({ config, now: 0 }, null));
		expect(step.request.body).toBe('{\n  "operation": "add",\n  "list": "",\n  "profiles": []\n}');
		expect(step.request.headers).toMatchObject({ Authorization: 'Bearer tok_live_123456', 'X-Signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/) });
		const d = await batchOf(0);
		const ok = await exchange(handlers, adapter, 'probe', d);
		expect(ok.outcome).toEqual({ batchError: null, rejected: [], note: 'Connected to https://hooks.example.com/audiences: HTTP 200.' });
		expect(ok.log).toEqual([{ purpose: 'test connection', url: 'https://hooks.example.com/audiences', status: 200 }]);
	});

	it('fills {{profile.…}} placeholders with null in the test request', () => {
		const step = sent(adapter.probe({ config: perProfile, now: 0 }, null));
		expect(step.request.body).toBe('{"id":"","email":"","op":"add"}');
	});

	it('reports refused credentials, a wrong URL and an outage as errors', async () => {
		const d = await batchOf(0);
		faultBoard.set('conn-1', { credentials: 'invalid' });
		expect((await exchange(handlers, adapter, 'probe', d)).outcome.batchError).toMatchObject({ category: 'invalidCredentials' });
		faultBoard.set('conn-1', { credentials: 'valid', answerWith: 'not-found-404' });
		expect((await exchange(handlers, adapter, 'probe', d)).outcome.batchError).toMatchObject({ category: 'otherError', retryable: false, message: expect.stringMatching(/^HTTP 404/) });
		faultBoard.set('conn-1', { answerWith: null, outage: 'partnerError' });
		expect((await exchange(handlers, adapter, 'probe', d)).outcome.batchError).toMatchObject({ category: 'otherError', retryable: true });
	});

	it('counts an endpoint that refuses the empty test payload with a 4xx as reached, showing its answer', async () => {
		faultBoard.set('conn-1', { answerWith: 'unprocessable-422' });
		const result = await exchange(handlers, adapter, 'probe', await batchOf(0));
		expect(result.outcome).toEqual({
			batchError: null,
			rejected: [],
			note: 'Reached https://hooks.example.com/audiences and the credentials were not refused; it answered the test request, which carries no profile, with HTTP 422 from the endpoint: Unprocessable Entity: customerId is required'
		});
	});
});

describe('custom HTTP batch size', () => {
	it('keeps a per-profile template within the requests one delivery may make, and a batch template at its configured size', () => {
		const perProfile = { ...config, batchSize: 500, payloadTemplate: '{"id": "{{profile.customerId}}"}' };
		const batched = { ...config, batchSize: 500, payloadTemplate: '{"profiles": {{profiles}}}' };
		expect(adapter.batchSize?.(perProfile)).toBe(60);
		expect(adapter.batchSize?.(batched)).toBe(500);
	});
});
