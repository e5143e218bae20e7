import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface HeapReading {
	/** Bytes of the worker's V8 heap in use after a forced full GC (Runtime.getHeapUsage usedSize). */
	usedBytes: number;
	totalBytes: number;
	/** Wall time the reading took (the worker is paused for the GC meanwhile). */
	ms: number;
}

export interface WorkerHeap {
	url: string;
	/** Forces a full garbage collection in the worker, then reads its heap. */
	read(): Promise<HeapReading>;
	detach(): Promise<void>;
}

/**
 * The DevTools protocol's view of a dedicated worker's heap (performance.memory does not exist
 * in workers). Playwright's own connection attaches to workers in flatten mode; this is a
 * second, page-level CDP session that finds the worker with Target.getTargets and talks to it
 * in non-flatten mode, wrapping each command in Target.sendMessageToTarget.
 */
export async function attachWorkerHeap(context: BrowserContext, page: Page, urlPart: string, timeoutMs = 30_000): Promise<WorkerHeap> {
	const cdp: CDPSession = await context.newCDPSession(page);
	const end = Date.now() + timeoutMs;
	let target: { targetId: string; url: string } | undefined;
	while (!target) {
		const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
		target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
		if (!target) {
			if (Date.now() > end) throw new Error(`No worker target whose URL contains "${urlPart}".`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
	let nextId = 0;
	const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	cdp.on('Target.receivedMessageFromTarget', (event: { sessionId?: string; message: string }) => {
		if (event.sessionId !== sessionId) return;
		const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
		if (message.id === undefined) return;
		const waiting = pending.get(message.id);
		if (!waiting) return;
		pending.delete(message.id);
		if (message.error) waiting.reject(new Error(message.error.message));
		else waiting.resolve(message.result);
	});
	const send = <T>(method: string, params: Record<string, unknown> = {}): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			const id = ++nextId;
			pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((error: Error) => {
				pending.delete(id);
				reject(error);
			});
		});
	return {
		url: target.url,
		read: async () => {
			const started = performance.now();
			await send('HeapProfiler.collectGarbage');
			const usage = await send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
			return { usedBytes: usage.usedSize, totalBytes: usage.totalSize, ms: performance.now() - started };
		},
		detach: async () => {
			await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
			await cdp.detach().catch(() => undefined);
		}
	};
}
