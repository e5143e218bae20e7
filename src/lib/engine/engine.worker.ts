/// <reference lib="webworker" />
import { expose } from 'comlink';
import { openWorkspaceStore } from '$lib/db';
import { createSha256, type Sha256 } from '$lib/partners/identifiers';
import { createSimulation } from '$lib/sim/simulation';
import { createEngineApi, type EngineDeps } from './engine-api';
import { seededRandom } from './random';
import type { FaultSettings } from '$lib/domain/faults';
import { installMemoryStorage } from './memory-storage';
import { LiveTransport, MockTransport, type Transport } from './transport';

/**
 * The engine's worker. It owns the simulator, the dispatcher, the partner mocks (MSW handlers
 * resolved in-process, no service worker) and every request to a partner, so the page never
 * does that work.
 */

type FaultBoard = import('../../../mocks/partner-mocks').PartnerMocks['faults'];

let mocks: Promise<{ transport: MockTransport; board: FaultBoard }> | undefined;
let board: FaultBoard | undefined;
/** Fault knobs set before the mocks were loaded; the board takes them when it exists. */
const pendingFaults = new Map<string, FaultSettings>();

/**
 * The partner mocks (MSW and every partner's handlers, about 160 KB gzipped) load the first time
 * a request goes to a mocked partner, not when this worker starts: a page that only shows
 * connectors or statistics never needs them.
 */
function loadMocks() {
	mocks ??= (async () => {
		installMemoryStorage();
		// msw is imported only after the shim: it builds a cookie store from localStorage on load.
		const { createPartnerMocks } = await import('../../../mocks/partner-mocks');
		const partnerMocks = createPartnerMocks();
		// For the crash-safety end-to-end test, which reads it here through DevTools.
		Object.assign(globalThis, { sandboxReceivedTally: partnerMocks.receivedTally });
		board = partnerMocks.faults;
		for (const [connectorId, faults] of pendingFaults) board.set(connectorId, faults);
		pendingFaults.clear();
		return { transport: new MockTransport((request) => partnerMocks.respond(request)), board };
	})();
	return mocks;
}

/** Sends to the mocks, loading them on the first request. */
const mockTransport: Transport = { send: async (request, context) => (await loadMocks()).transport.send(request, context) };

function setFaults(connectorId: string, faults: FaultSettings): void {
	if (board) board.set(connectorId, faults);
	else pendingFaults.set(connectorId, faults);
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

let sha256: Promise<Sha256> | undefined;

/** The one dependency object of the engine in this worker: its service and its API read it. */
const deps: EngineDeps = {
	openStore: (name) => openWorkspaceStore({ name }),
	mockTransport: async () => mockTransport,
	liveTransport: new LiveTransport(),
	setFaults,
	createSimulation,
	sha256: () => (sha256 ??= createSha256()),
	random: seededRandom,
	realNow: () => performance.now(),
	wallClock: () => Date.now(),
	yieldToEvents,
	sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
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

expose(createEngineApi(deps));
