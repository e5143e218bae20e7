/// <reference lib="webworker" />
import { expose } from 'comlink';
import { createEngineApi } from './engine-api';
import { LiveTransport, MockTransport } from './transport';

/**
 * The engine's worker. It owns the partner mocks (MSW handlers resolved in-process, no service
 * worker) and every request to a partner, so the page never does that work.
 */

type MockModule = typeof import('../../../mocks/handlers');

let mocks: Promise<{ transport: MockTransport; board: MockModule['faultBoard'] }> | undefined;

function loadMocks() {
	mocks ??= (async () => {
		installMemoryStorage();
		// msw is imported only after the shim: it builds a cookie store from localStorage on load.
		const [{ getResponse }, partnerMocks] = await Promise.all([import('msw'), import('../../../mocks/handlers')]);
		return {
			transport: new MockTransport((request) => getResponse(partnerMocks.handlers, request)),
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

const live = new LiveTransport();

expose(
	createEngineApi({
		mockTransport: async () => (await loadMocks()).transport,
		liveTransport: () => live,
		setFaults: async (connectorId, faults) => void (await loadMocks()).board.set(connectorId, faults),
		now: () => Date.now(),
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
	})
);
