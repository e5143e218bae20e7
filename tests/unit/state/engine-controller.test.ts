import { describe, expect, it } from 'vitest';
import type { EngineClient } from '$lib/engine/client';
import type { EngineProgress } from '$lib/engine/protocol';
import { EngineController } from '$lib/state/engine.svelte';
import { HEARTBEAT_MS, LEADER_TIMEOUT_MS, SETTLE_MS } from '$lib/state/leader-election';
import { FakeTimers } from './fakes';

const OPTIONS = { databaseName: 'activation-sandbox:w1', timeZone: 'UTC', seed: 1 };

/** An engine worker that records what it was asked, and reports progress through `emit`. */
function fakeClient(calls: string[]) {
	let listener: ((progress: EngineProgress) => void) | undefined;
	const progress = { clock: 1, running: false } as unknown as EngineProgress;
	const client = {
		open: async () => (calls.push('open'), progress),
		subscribe: async (l: (p: EngineProgress) => void) => void (listener = l),
		start: async () => void calls.push('start'),
		pause: async () => void calls.push('pause'),
		dispose: () => void calls.push('dispose')
	};
	return { client: client as unknown as EngineClient, emit: (p: Partial<EngineProgress>) => listener?.({ ...progress, ...p }) };
}

/** Lets the controllers' awaited promises settle, then delivers the messages they posted. */
async function settle(timers: FakeTimers) {
	for (let i = 0; i < 5; i++) {
		await Promise.resolve();
		timers.advance(0);
	}
}

describe('the engine in two tabs without Web Locks (plain HTTP)', () => {
	it('runs in one tab only; the other shows its progress and sends its commands there', async () => {
		const timers = new FakeTimers();
		const tabs = ['tab-a', 'tab-b'].map((tabId) => {
			const calls: string[] = [];
			const { client, emit } = fakeClient(calls);
			let hide = () => undefined as void;
			const controller = new EngineController(client, OPTIONS, {
				locks: undefined,
				channel: timers.hub.channel as never,
				election: { tabId, timers, onPageHide: (l) => void (hide = l) }
			});
			controller.connect();
			return { controller, calls, emit, hide: () => hide() };
		});
		const [a, b] = tabs as [(typeof tabs)[0], (typeof tabs)[0]];
		timers.advance(SETTLE_MS);
		await settle(timers);
		expect([a.controller.role, b.controller.role]).toEqual(['running here', 'running in another tab']);
		expect(b.calls).toEqual([]);

		a.emit({ clock: 42 });
		await settle(timers);
		expect(b.controller.progress?.clock).toBe(42);
		await b.controller.start();
		await settle(timers);
		expect(a.calls).toEqual(['open', 'start']);
		expect(b.calls).toEqual([]);

		// Tab a closes: b takes over at once and opens the engine itself.
		a.hide();
		timers.advance(SETTLE_MS);
		await settle(timers);
		expect(b.controller.role).toBe('running here');
		expect(b.calls).toEqual(['open']);
		timers.advance(LEADER_TIMEOUT_MS + HEARTBEAT_MS);
		await settle(timers);
		// The tab that left stopped its engine and never started another.
		expect(a.calls).toEqual(['open', 'start', 'pause', 'dispose']);
		expect(b.calls).toEqual(['open']);
	});
});

describe('the engine in two tabs with Web Locks', () => {
	it('runs where the lock is granted; the other tab follows and sends commands there', async () => {
		const timers = new FakeTimers();
		const queue: Array<() => Promise<void>> = [];
		let held = false;
		const locks = {
			request: (async (_name: string, callback: () => Promise<void>) => {
				if (held) return new Promise<void>((resolve) => queue.push(async () => resolve(await callback())));
				held = true;
				await callback();
				held = false;
				await queue.shift()?.();
			}) as unknown as LockManager['request']
		};
		const aCalls: string[] = [];
		const bCalls: string[] = [];
		const first = fakeClient(aCalls);
		const second = fakeClient(bCalls);
		const ca = new EngineController(first.client, OPTIONS, { locks, channel: timers.hub.channel as never });
		const cb = new EngineController(second.client, OPTIONS, { locks, channel: timers.hub.channel as never });
		ca.connect();
		cb.connect();
		await settle(timers);
		expect([ca.role, cb.role]).toEqual(['running here', 'running in another tab']);
		await cb.start();
		await settle(timers);
		expect(aCalls).toEqual(['open', 'start']);
		expect(bCalls).toEqual([]);
	});
});
