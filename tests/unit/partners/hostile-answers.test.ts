import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { LiveTransport, MAX_BODY_BYTES } from '$lib/engine/transport';
import { logExchange } from '$lib/engine/masking';
import { PARTNER_IDS, partners, type PartnerId } from '$lib/partners/registry';
import type { Delivery, DeliveryOutcome, Reply, Step, StepPurpose } from '$lib/partners/adapter';
import { TRUNCATED_HEADER } from '$lib/partners/classify';
import { profile } from '../../fixtures/delivery';

/**
 * One table of hostile answers (huge, truncated, empty, mislabelled, wrongly encoded, or a 200
 * that is not the API's answer), applied to every partner's adapter at every step that reads an
 * answer. Each must end in an outcome that names the cause, never throw, never count as sent
 * unless the body proves it, and keep messages and log samples bounded.
 */

const NOW = Date.UTC(2026, 10, 28);
const demo = demoWorkspace({ now: NOW, timeZone: 'UTC' });

/** How each partner names itself in messages, and what its API answers in. */
const ANSWERER: Record<PartnerId, { name: string; format: 'JSON' | 'XML' | 'webhook' }> = {
	meta: { name: 'Meta', format: 'JSON' },
	dv360: { name: 'Display & Video 360', format: 'JSON' },
	cm360: { name: 'Campaign Manager 360', format: 'JSON' },
	xandr: { name: 'Xandr', format: 'JSON' },
	azure: { name: 'Azure', format: 'XML' },
	clang: { name: 'Clang', format: 'XML' },
	mailchimp: { name: 'Mailchimp', format: 'JSON' },
	'custom-http': { name: 'the endpoint', format: 'webhook' }
};

function deliveryFor(id: PartnerId, size = 3): Delivery {
	const connector = demo.connectors.find((c) => c.partnerId === id)!;
	const config = partners[id].configSchema.parse(connector.config) as Record<string, unknown>;
	const uses = [
		...demo.audiences.flatMap((a) => a.connectors),
		...demo.journeys.flatMap((j) => j.draft.steps.flatMap((s) => (s.kind === 'destination' ? [s] : [])))
	];
	const settings = uses.find((u) => u.connectorId === connector.id)?.settings ?? {};
	const identifiers = Array.from({ length: size }, (_, i) => (id === 'mailchimp' ? `user${i}@example.com` : id === 'xandr' ? `${7_000_000_001 + i}` : `C-${1000 + i}`));
	return {
		connectorId: connector.id,
		operation: 'add',
		identifiers,
		recipients: identifiers.map((identifier, i) => ({ profileId: `p${i}`, identifier, profile: profile(i) })),
		config,
		settings: { listId: 'a1b2c3d4e5', listName: 'VIP', pathPrefix: 'audiences/vip', ...settings },
		now: NOW
	};
}

const json = (status: number, body: unknown): Reply => ({ kind: 'response', status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), latencyMs: 5 });

/** Good answers for the steps before the one under test (Xandr's login, job and upload). */
const GOOD: Partial<Record<StepPurpose, Reply>> = {
	login: json(200, { response: { status: 'OK', token: 'hbapi:12345:abcdef' } }),
	'create job': json(200, {
		response: { status: 'OK', batch_segment_upload_job: { job_id: 'job1', member_id: 456, upload_url: 'https://data-api-gslb.adnxs.net/segment-upload/abc' } }
	}),
	upload: json(200, { response: { status: 'OK', segment_upload: { job_id: 'job1' } } })
};

/** The steps of each partner that read an answer; the hostile answer is given at one of them. */
const TARGETS: Record<PartnerId, StepPurpose[]> = {
	meta: ['deliver', 'test connection'],
	dv360: ['deliver', 'test connection'],
	cm360: ['deliver', 'test connection'],
	xandr: ['login', 'create job', 'upload', 'poll', 'test connection'],
	azure: ['deliver', 'test connection'],
	clang: ['deliver', 'test connection'],
	mailchimp: ['deliver', 'test connection'],
	'custom-http': ['deliver', 'test connection']
};

/** Runs a delivery (or Test connection) answering `target` steps with `hostile`, the others well. */
function drive(id: PartnerId, target: StepPurpose, hostile: Reply): { outcome: DeliveryOutcome; replies: Array<{ purpose: StepPurpose; reply: Reply }> } {
	const adapter = partners[id].adapter as (typeof partners)['meta']['adapter'];
	const delivery = deliveryFor(id);
	let step: Step<unknown> =
		target === 'test connection' ? adapter.probe({ config: delivery.config, now: NOW }, null) : adapter.begin(delivery as never, null);
	const replies: Array<{ purpose: StepPurpose; reply: Reply }> = [];
	while (step.kind === 'send') {
		if (replies.length > 70) throw new Error(`${id} never finishes`);
		// Test connection's first step may be a login (Xandr): the hostile answer goes to every step then.
		const reply = step.purpose === target || target === 'test connection' ? hostile : GOOD[step.purpose];
		if (!reply) throw new Error(`no good answer for ${id}'s ${step.purpose}`);
		replies.push({ purpose: step.purpose, reply });
		step = adapter.advance(step.state as never, reply) as Step<unknown>;
	}
	return { outcome: step.outcome, replies };
}

interface Row {
	name: string;
	status: number;
	contentType: string;
	body: string;
	/** What the message says, by the format the partner answers in; 'sent' where the answer proves delivery. */
	says: { JSON: RegExp; XML: RegExp; webhook: RegExp | 'sent' };
	/** Where the answer is a success after all (Azure's Test connection is an empty 200). */
	succeeds?: Array<`${PartnerId}:${'deliver' | 'test connection'}`>;
}

// 20 MB answers, built once: a JSON array that never closes, and one that does.
const ITEM = '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",';
const HUGE_OPEN = `{"data":[${ITEM.repeat(Math.ceil(20_000_000 / ITEM.length))}`;
const HUGE_ARRAY = `[${ITEM.repeat(Math.ceil(20_000_000 / ITEM.length))}"end"]`;
const LONG_OBJECT = JSON.stringify({ audience_id: '23851234567890123', num_received: 3, note: 'x'.repeat(4000) });
const HTML_PAGE =
	'<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Try again later.</p></body></html>';
const utf16 = (text: string) => [...text].map((c) => `${c}\u0000`).join('');
const HOSTILE_OBJECT = JSON.stringify({
	error: { toString: 1, message: { toString: 1 }, code: { valueOf: 1 }, status: { toString: 1 } },
	response: { toString: 1, status: { toString: 1 }, error_id: { toString: 1 }, token: { toString: 1 }, member: { id: { toString: 1 }, name: { toString: 1 } } },
	num_received: { toString: 1 },
	name: { toString: 1 },
	hasFailures: { toString: 1 },
	title: { toString: 1 }
});

const rows: Row[] = [
	{
		name: 'a 20 MB body that never closes',
		status: 200,
		contentType: 'application/json',
		body: HUGE_OPEN,
		says: { JSON: /a body that is not JSON \(truncated at 20,\d{3},\d{3} bytes\)/, XML: /a body that is not XML \(labelled application\/json\), starting "\{"data/, webhook: 'sent' }
	},
	{
		name: '20 MB of JSON that is not the API\'s answer',
		status: 200,
		contentType: 'application/json',
		body: HUGE_ARRAY,
		says: { JSON: /JSON that is not .+'s answer/, XML: /JSON instead of .+'s XML/, webhook: 'sent' }
	},
	{
		name: 'JSON cut at 1,024 bytes',
		status: 200,
		contentType: 'application/json',
		body: LONG_OBJECT.slice(0, 1024),
		says: { JSON: /a body that is not JSON \(truncated at 1,024 bytes\)/, XML: /a body that is not XML/, webhook: 'sent' }
	},
	{
		name: 'XML cut short after a code 0',
		status: 200,
		contentType: 'text/xml; charset=utf-8',
		body: '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><ns1:r><code>0</code><msg><Gro',
		says: { JSON: /XML instead of .+'s JSON/, XML: /XML that is not .+'s answer/, webhook: 'sent' }
	},
	{
		name: 'an empty body with 200',
		status: 200,
		contentType: 'application/json',
		body: '',
		says: { JSON: /an empty body/, XML: /an empty body/, webhook: 'sent' },
		succeeds: ['azure:test connection']
	},
	{
		name: 'an HTML error page labelled JSON, with 200',
		status: 200,
		contentType: 'application/json; charset=utf-8',
		body: HTML_PAGE,
		says: {
			JSON: /an HTML page \("503 Service Unavailable"\) \(labelled application\/json\) instead of .+'s JSON/,
			XML: /an HTML page \("503 Service Unavailable"\) \(labelled application\/json\) instead of .+'s XML/,
			webhook: /HTTP 200 from the endpoint, but with an HTML page \("503 Service Unavailable"\)/
		}
	},
	{
		name: 'an HTML error page labelled JSON, with 503',
		status: 503,
		contentType: 'application/json',
		body: HTML_PAGE,
		says: { JSON: /an HTML page \("503 Service Unavailable"\)/, XML: /an HTML page \("503 Service Unavailable"\)/, webhook: /HTTP 503 from the endpoint, with an HTML page/ }
	},
	{
		name: 'JSON labelled text/html',
		status: 200,
		contentType: 'text/html; charset=utf-8',
		body: '{"status":"accepted"}',
		says: { JSON: /JSON \(labelled text\/html\) that is not .+'s answer/, XML: /JSON \(labelled text\/html\) instead of .+'s XML/, webhook: 'sent' }
	},
	{
		name: 'UTF-16 read as UTF-8',
		status: 200,
		contentType: 'application/json; charset=utf-8',
		body: utf16('{"num_received":3}'),
		says: { JSON: /a body holding NUL characters: UTF-16 or binary data/, XML: /a body holding NUL characters: UTF-16 or binary data/, webhook: 'sent' }
	},
	{
		name: 'a declared charset other than UTF-8',
		status: 200,
		contentType: 'application/json; charset=iso-8859-1',
		body: '{"message":"Caf\ufffd cr\ufffdme"}',
		says: { JSON: /JSON that is not .+'s answer.*\(declared charset iso-8859-1; read as UTF-8\)/, XML: /JSON instead of .+'s XML/, webhook: 'sent' }
	},
	{
		name: 'a 200 that is not the API\'s answer',
		status: 200,
		contentType: 'application/json',
		body: '{"ok":true}',
		says: { JSON: /JSON that is not .+'s answer \(expected .+\)/, XML: /JSON instead of .+'s XML/, webhook: 'sent' }
	},
	{
		name: 'a 200 whose body reports a failure',
		status: 200,
		contentType: 'application/json',
		body: '{"ok":false,"error":"invalid_token"}',
		says: { JSON: /JSON that is not .+'s answer/, XML: /JSON instead of .+'s XML/, webhook: /but its body reports a failure: invalid_token/ }
	},
	{
		name: 'objects where text is expected ({"toString":1} throws in String())',
		status: 200,
		contentType: 'application/json',
		body: HOSTILE_OBJECT,
		says: { JSON: /JSON that is not .+'s answer/, XML: /JSON instead of .+'s XML/, webhook: /but its body reports a failure/ }
	},
	{ name: 'null', status: 200, contentType: 'application/json', body: 'null', says: { JSON: /JSON that is not/, XML: /JSON instead of/, webhook: 'sent' } },
	{ name: 'a bare number', status: 200, contentType: 'application/json', body: '42', says: { JSON: /JSON that is not/, XML: /JSON instead of/, webhook: 'sent' } },
	{
		name: 'JSON nested 50,000 deep',
		status: 200,
		contentType: 'application/json',
		body: `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
		says: { JSON: /JSON that is not|not JSON/, XML: /JSON instead of|not XML/, webhook: 'sent' }
	},
	{
		name: 'binary data',
		status: 200,
		contentType: 'application/octet-stream',
		body: '\ufffdPNG\r\n\u001a\n\ufffd\ufffd\u0007IHDR',
		says: { JSON: /a body that is not JSON \(labelled application\/octet-stream\), starting ".PNG/, XML: /a body that is not XML/, webhook: 'sent' }
	},
	{
		name: 'XML with character references beyond Unicode',
		status: 500,
		contentType: 'application/xml',
		body: '<?xml version="1.0"?><SOAP-ENV:Envelope><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>&#99999999999;</faultcode><faultstring>&#x110000;</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope><Error><Code>&#99999999999;</Code></Error>',
		says: { JSON: /XML instead of .+'s JSON/, XML: /XML that is not .+'s answer/, webhook: /HTTP 500 from the endpoint/ }
	}
];

const cases = PARTNER_IDS.flatMap((id) => TARGETS[id].flatMap((target) => rows.map((row) => [id, target, row.name, row] as const)));

describe('hostile partner answers', () => {
	it.each(cases)('%s, %s step: %s', (id, target, _name, row) => {
		const { name, format } = ANSWERER[id];
		const hostile: Reply = { kind: 'response', status: row.status, headers: { 'content-type': row.contentType }, body: row.body, latencyMs: 5 };
		const { outcome, replies } = drive(id, target, hostile);
		const mode = target === 'test connection' ? 'test connection' : 'deliver';
		const says = row.says[format];

		if (says === 'sent' || row.succeeds?.includes(`${id}:${mode}`)) {
			expect(outcome.batchError, outcome.batchError?.message).toBeNull();
		} else {
			// Not sent: every profile ends with this error, and the message names who answered what.
			expect(outcome.batchError).toMatchObject({ category: 'otherError', code: null });
			expect(outcome.rejected).toEqual([]);
			const message = outcome.batchError!.message;
			if (format === 'webhook') expect(message).toMatch(says);
			else expect(message).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} answered HTTP ${row.status} with ${says.source}`));
			// Unreadable 2xx answers are asked again (the partner may answer properly next time), but a
			// webhook's 2xx may have taken part of the batch; 5xx are retried everywhere.
			expect(outcome.batchError!.retryable).toBe(format === 'webhook' ? row.status >= 500 : row.status >= 500 || row.status < 300);
		}
		expect(outcome.note.length).toBeLessThanOrEqual(1_000);
		for (const error of [outcome.batchError, ...outcome.rejected.map((r) => r.error)]) if (error) expect(error.message.length).toBeLessThanOrEqual(1_000);

		// The delivery log keeps a bounded sample of each answer.
		for (const { purpose, reply } of replies) {
			const request = { method: 'POST' as const, url: 'https://partner.example/x', headers: {}, body: null, secrets: [] };
			expect(logExchange({ purpose, request, reply }).responseSample.length).toBeLessThanOrEqual(2_100);
		}
	});

	/** JSON made of the fields the adapters read, holding anything at all. */
	const FIELDS = [
		'error', 'code', 'message', 'status', 'error_subcode', 'response', 'error_id', 'error_code', 'errors', 'token', 'batch_segment_upload_job',
		'job_id', 'upload_url', 'phase', 'member', 'id', 'name', 'num_received', 'num_invalid_entries', 'invalid_entry_samples', 'hasFailures',
		'conversion', 'ordinal', 'firstPartyAndPartnerAudienceId', 'displayName', 'userName', 'title', 'detail', 'total_created', 'total_updated',
		'error_count', 'email_address', 'health_status', 'ok', 'success', 'toString', 'valueOf', '__proto__', 'details', 'fieldViolations', 'field'
	];
	const { value: fieldJson } = fc.letrec<{ value: unknown }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			fc.jsonValue({ maxDepth: 1 }),
			fc.array(tie('value'), { maxLength: 4 }),
			fc.dictionary(fc.constantFrom(...FIELDS), tie('value'), { maxKeys: 6 })
		)
	}));
	const body = fc.oneof(
		fieldJson.map((v) => JSON.stringify(v) ?? ''),
		fieldJson.map((v) => (JSON.stringify(v) ?? '').slice(0, 40)),
		fc.string({ unit: 'binary', maxLength: 200 }),
		fc.string({ maxLength: 200 }).map((s) => `<?xml version="1.0"?><Envelope><Fault><faultcode>${s}</faultcode></Fault><code>${s}</code><Error><Code>${s}</Code></Error></Envelope>`)
	);
	const reply = fc.record({
		kind: fc.constant('response' as const),
		status: fc.constantFrom(200, 201, 202, 204, 400, 401, 403, 404, 409, 429, 500, 503),
		headers: fc.record({ 'content-type': fc.constantFrom('application/json', 'text/html', 'text/xml; charset=utf-16', 'application/problem+json', '') }),
		body,
		latencyMs: fc.constant(5)
	});

	it.each(PARTNER_IDS)('%s: any answer at any step ends in a bounded outcome, and never throws', (id) => {
		fc.assert(
			fc.property(fc.constantFrom(...TARGETS[id]), reply, (target, hostile) => {
				const { outcome } = drive(id, target, hostile);
				const size = deliveryFor(id).identifiers.length;
				const indexes = outcome.rejected.map((r) => r.index);
				expect(new Set(indexes).size).toBe(indexes.length);
				for (const index of indexes) expect(index >= 0 && index < size).toBe(true);
				for (const error of [outcome.batchError, ...outcome.rejected.map((r) => r.error)]) {
					if (!error) continue;
					expect(error.message.length).toBeLessThanOrEqual(1_200);
					expect(error.code === null || /^[\w.:/-]{1,80}$/.test(error.code)).toBe(true);
				}
				// A body that proves nothing never counts as sent: only a 2xx may count anyone as sent.
				if (outcome.batchError === null && target !== 'test connection' && hostile.status >= 300) expect(outcome.rejected.length).toBe(size);
			}),
			{ numRuns: 300 }
		);
	});
});

/** A body streamed in chunks; `onPull` sees each pull (the test's clock, so nothing waits in real time). */
function streamed(chunks: Iterable<Uint8Array>, onPull: (pulls: number) => void = () => {}) {
	const source = chunks[Symbol.iterator]();
	let pulls = 0;
	let cancelled = false;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			onPull(++pulls);
			const next = source.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		cancel() {
			cancelled = true;
		}
	});
	return { stream, pulls: () => pulls, cancelled: () => cancelled };
}

function* megabytes(count: number, byte = 0x61): Generator<Uint8Array> {
	for (let i = 0; i < count * 16; i++) yield new Uint8Array(64 * 1024).fill(byte);
}

describe('live transport with hostile answers', () => {
	const request = { method: 'POST' as const, url: 'https://hooks.example.com/in', headers: {}, body: '{}', secrets: [] };

	it('reads at most its limit of a 20 MB body, cancels the rest, and says where it stopped', async () => {
		const body = streamed(megabytes(20));
		const transport = new LiveTransport(async () => new Response(body.stream, { status: 200, headers: { 'content-type': 'application/json' } }));
		const reply = await transport.send(request, { connectorId: 'c', timeoutMs: 3000 });
		if (reply.kind !== 'response') throw new Error('expected a response');
		expect(reply.body.length).toBe(MAX_BODY_BYTES);
		expect(reply.headers[TRUNCATED_HEADER]).toBe(String(MAX_BODY_BYTES));
		expect(body.cancelled()).toBe(true);
		expect(body.pulls()).toBeLessThan(40); // 1 MiB is 16 chunks; a stream may pull a few ahead

		// Meta cannot count it as sent; a webhook's 200 still proves delivery; the log says what was read.
		const meta = partners.meta.adapter;
		const step = meta.begin(deliveryFor('meta') as never, null);
		if (step.kind !== 'send') throw new Error('expected a request');
		const finish = meta.advance(step.state, { ...reply, body: `{"num_received":3,"x":"${reply.body}` });
		expect(finish.kind === 'finish' && finish.outcome.batchError?.message).toBe(
			'Meta answered HTTP 200 with a body that is not JSON (truncated at 1,048,576 bytes).'
		);
		const webhook = drive('custom-http', 'deliver', reply).outcome;
		expect(webhook).toMatchObject({ batchError: null, note: expect.stringMatching(/only its start was read/) });
		const logged = logExchange({ purpose: 'deliver', request, reply });
		expect(logged.responseSample).toMatch(/… \(1,048,576 characters\) \(only the first 1,048,576 bytes were read; the rest was not\)$/);
		expect(logged.responseSample.length).toBeLessThan(2_200);
	});

	it('leaves out a character cut at the limit, and decodes one split across chunks', async () => {
		const euro = new TextEncoder().encode('€'); // three bytes
		const chunks = [euro.subarray(0, 1), euro.subarray(1), new TextEncoder().encode('ab'), euro];
		const transport = new LiveTransport(async () => new Response(streamed(chunks).stream), undefined, undefined, 6);
		const reply = await transport.send(request, { connectorId: 'c', timeoutMs: 3000 });
		expect(reply).toMatchObject({ kind: 'response', body: '€ab', headers: { [TRUNCATED_HEADER]: '6' } });
		const whole = await new LiveTransport(async () => new Response(streamed(chunks).stream)).send(request, { connectorId: 'c', timeoutMs: 3000 });
		expect(whole).toMatchObject({ kind: 'response', body: '€ab€' });
		expect((whole as { headers: Record<string, string> }).headers[TRUNCATED_HEADER]).toBeUndefined();
	});

	it('turns a body still arriving at the timeout into a timeout, and stops reading it', async () => {
		const timer = new AbortController();
		// The headers came in time; the body trickles, and the timeout fires during its third chunk.
		const body = streamed(megabytes(1), (pulls) => {
			if (pulls === 3) timer.abort(new DOMException('signal timed out', 'TimeoutError'));
		});
		const slow = new ReadableStream<Uint8Array>({
			async pull(controller) {
				const reader = body.stream.getReader();
				const first = await reader.read();
				if (!first.done) controller.enqueue(first.value);
				reader.releaseLock();
				if (timer.signal.aborted) await new Promise(() => {}); // never another byte
			}
		});
		const transport = new LiveTransport(async () => new Response(slow, { status: 200 }), () => 0, () => timer.signal);
		expect(await transport.send(request, { connectorId: 'c', timeoutMs: 3000 })).toEqual({ kind: 'timeout', latencyMs: 3000 });
	});

	it('counts an empty 204 and a bodiless answer as an empty body', async () => {
		const transport = new LiveTransport(async () => new Response(null, { status: 204 }));
		expect(await transport.send(request, { connectorId: 'c', timeoutMs: 3000 })).toMatchObject({ kind: 'response', status: 204, body: '' });
	});
});
