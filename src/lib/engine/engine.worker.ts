/// <reference lib="webworker" />
import { expose } from 'comlink';
import { openWorkspaceStore } from '$lib/db';
import { createSha256, type Sha256 } from '$lib/partners/identifiers';
import { createSimulation } from '$lib/sim/simulation';
import { createEngineApi } from './engine-api';
import { seededRandom } from './random';
import { EngineService } from './service';
import { LiveTransport, MockTransport } from './transport';

/**
 * The engine's worker. It owns the simulator, the dispatcher, the partner mocks (MSW handlers
 * resolved in-process, no service worker) and every request to a partner, so the page never
 * does that work.
 */

type MockModule = typeof import('../../../mocks/handlers');

let mocks: Promise<{ transport: MockTransport; board: MockModule['faultBoard'] }> | undefined;

function loadMocks() {
	mocks ??= (async () => {
		installMemoryStorage();
		// msw is imported only after the shim: it builds a cookie store from localStorage on load.
		const partnerMocks = await import('../../../mocks/handlers');
		return {
			transport: new MockTransport((request) => partnerMocks.partnerResponse(request)),
			board: partnerMocks.faultBoard
		};
	})();
	return mocks;
}

/** Workers have no localStorage; msw only needs somewhere to keep cookies for the session. */
function installMemoryStorage(): void {
	if ('localStorage' in globalThis) return;
	const items = new Map<string, string>();
	const storage: Storage = {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (index) => [...items.keys()][index] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, String(value))
	};
	Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
}

/** Lets queued messages (pause, progress requests) in between steps, without timer clamping. */
function yieldToEvents(ms: number): Promise<void> {
	if (ms > 0) return new Promise((resolve) => setTimeout(resolve, ms));
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

const live = new LiveTransport();
let sha256: Promise<Sha256> | undefined;
let board: MockModule['faultBoard'] | undefined;
void loadMocks().then((m) => (board = m.board));

const deps = {
	mockTransport: async () => (await loadMocks()).transport,
	liveTransport: () => live,
	setFaults: async (connectorId: string, faults: Parameters<MockModule['faultBoard']['set']>[1]) => void (await loadMocks()).board.set(connectorId, faults),
	now: () => Date.now(),
	sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
	benchmark: async () => {
		const [{ runBenchmark }, { transport }] = await Promise.all([import('./benchmark'), loadMocks()]);
		const store = await openWorkspaceStore({ name: 'activation-sandbox-benchmark' });
		try {
			return await runBenchmark({
				transport,
				createSha256,
				now: () => performance.now(),
				store
			});
		} finally {
			store.close();
		}
	}
};

const service = new EngineService({
	openStore: (name) => openWorkspaceStore({ name }),
	mockTransport: deps.mockTransport,
	liveTransport: live,
	setFaults: (connectorId, faults) => {
		if (board) board.set(connectorId, faults);
		else void deps.setFaults(connectorId, faults);
	},
	createSimulation,
	sha256: () => (sha256 ??= createSha256()),
	random: seededRandom,
	realNow: () => performance.now(),
	wallClock: () => Date.now(),
	yieldToEvents
});

expose(createEngineApi(deps, service));
