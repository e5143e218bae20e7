import { messageOf } from '$lib/domain/message';
import type { OutgoingRequest, Reply } from '$lib/partners/adapter';
import { TRUNCATED_HEADER } from '$lib/partners/classify';

/** Where requests go: the partner mocks inside the sandbox, or the real endpoint. */
export interface Transport {
	send(request: OutgoingRequest, context: SendContext): Promise<Reply>;
}

export interface SendContext {
	connectorId: string;
	/** The platform gives up after this long (3 s by default). */
	timeoutMs: number;
}

/** Header by which the mock partners know which connector's fault knobs apply. */
export const CONNECTOR_HEADER = 'x-sandbox-connector';
/** Header by which the mock partners say how long they took, on the sandbox clock. */
export const LATENCY_HEADER = 'x-sandbox-latency-ms';

/** Resolves a Request against the mock partners' handlers; undefined when none answers. */
export type MockResolver = (request: Request) => Promise<Response | undefined>;

/**
 * Sends requests to the partner mocks. Nothing waits in real time: the mock says how long it
 * took, and a latency past the timeout is a timeout, so an accelerated clock stays honest.
 */
export class MockTransport implements Transport {
	constructor(private readonly resolve: MockResolver) {}

	readonly #encoder = new TextEncoder();

	async send(outgoing: OutgoingRequest, { connectorId, timeoutMs }: SendContext): Promise<Reply> {
		const sent: Record<string, string> = { ...outgoing.headers, [CONNECTOR_HEADER]: connectorId };
		const request = new Request(outgoing.url, { method: outgoing.method, headers: sent, body: this.#bytes(outgoing.body, sent) });
		const response = await this.resolve(request);
		if (!response) {
			return { kind: 'network', message: `no mock partner answers ${outgoing.method} ${new URL(outgoing.url).origin}`, latencyMs: 0 };
		}
		const latencyMs = Number(response.headers.get(LATENCY_HEADER) ?? 0) || 0;
		if (latencyMs > timeoutMs) {
			// The answer would come after the platform gave up: it is never read.
			void response.body?.cancel();
			return { kind: 'timeout', latencyMs: timeoutMs };
		}
		const headers: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			if (name !== LATENCY_HEADER) headers[name] = value;
		});
		return { kind: 'response', status: response.status, headers, body: await response.text(), latencyMs };
	}

	/**
	 * The body as UTF-8 bytes. Chromium encodes a string body at about half the speed of
	 * TextEncoder.encodeInto, and batch bodies run to megabytes. Bodies are ASCII as a rule
	 * (JSON of hashes, files of numbers), so one byte per character is tried first. A string
	 * body's default content type is kept when none was set.
	 */
	#bytes(body: string | null, headers: Record<string, string>): Uint8Array<ArrayBuffer> | null {
		if (body === null) return null;
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'text/plain;charset=UTF-8';
		const bytes = new Uint8Array(body.length);
		const { read } = this.#encoder.encodeInto(body, bytes);
		return read === body.length ? bytes : this.#encoder.encode(body);
	}
}

/**
 * The most of an answer's body the live transport reads. Partners answer in a few kilobytes; a
 * longer body is a proxy's page or a mistake, its start says what it is, and reading 20 MB into
 * the worker only to show 2,000 characters of it would cost memory for nothing.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Sends requests to real endpoints with fetch; the timeout runs in real time. */
export class LiveTransport implements Transport {
	constructor(
		private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
		private readonly clock: () => number = () => performance.now(),
		/** The signal that ends a request, body included, after its timeout (tests abort one themselves). */
		private readonly timeoutSignal: (ms: number) => AbortSignal = (ms) => AbortSignal.timeout(ms),
		private readonly maxBodyBytes: number = MAX_BODY_BYTES
	) {}

	async send(outgoing: OutgoingRequest, { timeoutMs }: SendContext): Promise<Reply> {
		const started = this.clock();
		const signal = this.timeoutSignal(timeoutMs);
		try {
			const response = await this.fetchImpl(outgoing.url, {
				method: outgoing.method,
				headers: outgoing.headers,
				body: outgoing.body,
				signal,
				credentials: 'omit',
				mode: 'cors'
			});
			const headers: Record<string, string> = {};
			response.headers.forEach((value, name) => (headers[name] = value));
			const { text, truncatedAt } = await readBody(response, signal, this.maxBodyBytes);
			if (truncatedAt !== null) headers[TRUNCATED_HEADER] = String(truncatedAt);
			return { kind: 'response', status: response.status, headers, body: text, latencyMs: this.clock() - started };
		} catch (error) {
			const latencyMs = this.clock() - started;
			const name = error instanceof Error ? error.name : '';
			if (signal.aborted || name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', latencyMs: timeoutMs };
			// Browsers hide the cause of a failed fetch (CORS, DNS, refused) behind one TypeError.
			return { kind: 'network', message: messageOf(error), latencyMs };
		}
	}
}

/**
 * A body as UTF-8 text (as response.text() reads it), at most `maxBytes` of it: the rest is
 * cancelled, never read. The timeout covers the body too: a body still arriving when the
 * signal fires ends the request as a timeout, whatever the fetch implementation does with it.
 */
async function readBody(response: Response, signal: AbortSignal, maxBytes: number): Promise<{ text: string; truncatedAt: number | null }> {
	if (!response.body) return { text: '', truncatedAt: null };
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('The body did not arrive in time.', 'TimeoutError'));
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
	});
	void aborted.catch(() => undefined);
	let text = '';
	let read = 0;
	try {
		for (;;) {
			const chunk = await Promise.race([reader.read(), aborted]);
			if (chunk.done) return { text: text + decoder.decode(), truncatedAt: null };
			const room = maxBytes - read;
			if (chunk.value.byteLength > room) {
				// Decoded as a stream and not flushed: a character cut at the limit is left out.
				text += decoder.decode(chunk.value.subarray(0, room), { stream: true });
				void reader.cancel().catch(() => undefined);
				return { text, truncatedAt: maxBytes };
			}
			read += chunk.value.byteLength;
			text += decoder.decode(chunk.value, { stream: true });
		}
	} catch (error) {
		void reader.cancel().catch(() => undefined);
		throw error;
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
