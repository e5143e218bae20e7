import { describe, expect, it } from 'vitest';
import { LiveTransport, MockTransport } from '$lib/engine/transport';
import type { OutgoingRequest } from '$lib/partners/adapter';

const request: OutgoingRequest = {
	method: 'POST',
	url: 'https://partner.example.com/v1/members?key=s3cret-key',
	headers: { 'content-type': 'application/json' },
	body: '{"a":1}',
	secrets: ['s3cret-key']
};
const context = { connectorId: 'conn-9', timeoutMs: 3000 };

describe('mock transport', () => {
	it('sends a real Request naming the connector, and reads the mock\'s latency on the sandbox clock', async () => {
		let seen: Request | undefined;
		const transport = new MockTransport(async (r) => {
			seen = r;
			return new Response('{"ok":true}', { status: 201, headers: { 'x-sandbox-latency-ms': '250', 'x-request-id': 'r1' } });
		});
		const reply = await transport.send(request, context);
		expect(seen?.method).toBe('POST');
		expect(seen?.headers.get('x-sandbox-connector')).toBe('conn-9');
		expect(await seen?.text()).toBe('{"a":1}');
		expect(reply).toEqual({ kind: 'response', status: 201, headers: { 'x-request-id': 'r1', 'content-type': 'text/plain;charset=UTF-8' }, body: '{"ok":true}', latencyMs: 250 });
	});

	it('sends bodies byte for byte, non-ASCII text included, with a string body\'s content type when none was set', async () => {
		const seen: Request[] = [];
		const transport = new MockTransport(async (r) => {
			seen.push(r);
			return new Response('ok');
		});
		const text = 'Zoë,Ærøskøbing,東京,🙂\n';
		await transport.send({ ...request, headers: {}, body: text }, context);
		await transport.send({ ...request, body: '' }, context);
		expect(await seen[0]!.text()).toBe(text);
		expect(seen[0]!.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
		expect(await seen[1]!.text()).toBe('');
		expect(seen[1]!.headers.get('content-type')).toBe('application/json');
	});

	it('turns an answer slower than the timeout into a timeout, without waiting', async () => {
		const transport = new MockTransport(async () => new Response('late', { headers: { 'x-sandbox-latency-ms': '4200' } }));
		const started = Date.now();
		expect(await transport.send(request, context)).toEqual({ kind: 'timeout', latencyMs: 3000 });
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('says which address no mock answers', async () => {
		const reply = await new MockTransport(async () => undefined).send(request, context);
		expect(reply).toMatchObject({ kind: 'network', message: 'no mock partner answers POST https://partner.example.com' });
	});
});

describe('live transport', () => {
	it('reports a failed fetch (CORS, refused, DNS) as a network failure with its cause', async () => {
		const transport = new LiveTransport(async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(await transport.send(request, context)).toMatchObject({ kind: 'network', message: 'Failed to fetch' });
	});

	it('reports an aborted request as a timeout', async () => {
		const transport = new LiveTransport(async (_url, init) => {
			await new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
			throw new Error('unreachable');
		});
		expect(await transport.send(request, { ...context, timeoutMs: 20 })).toEqual({ kind: 'timeout', latencyMs: 20 });
	});

	it('passes method, headers and body to fetch and returns the answer', async () => {
		let init: RequestInit | undefined;
		const transport = new LiveTransport(async (_url, i) => {
			init = i;
			return new Response('accepted', { status: 202 });
		});
		const reply = await transport.send(request, context);
		expect(init).toMatchObject({ method: 'POST', body: '{"a":1}', credentials: 'omit', mode: 'cors' });
		expect(reply).toMatchObject({ kind: 'response', status: 202, body: 'accepted' });
	});
});
