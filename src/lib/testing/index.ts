/**
 * The test kit for component tests in jsdom (or unit tests in node): a fresh workspace
 * database per test, filled deterministically, and the real engine over a MessageChannel with
 * a virtual sandbox clock and fault control against the partner mocks. Only tests import
 * this module; the app never does.
 *
 *     const workspace = await createTestWorkspace(7);
 *     render(ConnectorList, { props: { rows: workspace.directory().rows, ... } });
 *     const engine = await workspace.engine();
 *     await engine.setFaults('demo-meta', { ...HEALTHY_PARTNER, credentials: 'expired' });
 *     await engine.step(HOUR_MS);
 *     workspace.dispose();
 */
import { expose } from 'comlink';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openWorkspaceStore, type WorkspaceContents, type WorkspaceStore } from '$lib/db';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { createEngineClient, type EngineClient } from '$lib/engine/client';
import { createEngineApi, type EngineDeps } from '$lib/engine/engine-api';
import type { EngineApi, EngineProgress } from '$lib/engine/protocol';
import { seededRandom } from '$lib/engine/random';
import { EngineService } from '$lib/engine/service';
import { MockTransport, type Transport } from '$lib/engine/transport';
import { createSha256 } from '$lib/partners/identifiers';
import { createSimulation } from '$lib/sim/simulation';
import { ConnectorDirectory } from '$lib/state/connectors.svelte';
import { blankWorkspace } from '$lib/workspaces/manager';
import { createPartnerMocks, type PartnerMocks } from '../../../mocks/partner-mocks';

export { HEALTHY_PARTNER, type FaultSettings } from '$lib/domain/faults';
export { HOUR_MS, DAY_MS } from '$lib/domain/time';

/** The wall-clock start of every test workspace unless given: 28 Nov 2026, 12:00 UTC. */
export const TEST_NOW = Date.UTC(2026, 10, 28, 12);

export interface TestWorkspaceOptions {
	/** What the workspace holds: the demo (default), nothing, or contents of your own. */
	contents?: 'demo' | 'blank' | WorkspaceContents;
	/** The wall clock's start, epoch milliseconds; it moves only through `clock.advance`. */
	now?: number;
	timeZone?: string;
	/** Simulated profiles for the engine; small by default so a step takes milliseconds. */
	populationSize?: number;
}

/** The real engine over a MessageChannel, on a virtual sandbox clock. */
export interface TestEngine {
	/** The page's engine client, as a component receives it. */
	client: EngineClient;
	/** Moves the sandbox clock on by `ms` at once, delivering everything due in between. */
	step: EngineApi['step'];
	/** Sets the mock partner's fault knobs for a connector (stored, as the fault panel does). */
	setFaults: EngineApi['setFaults'];
	/** The engine's latest progress (clock, totals, per-connector counters). */
	progress(): EngineProgress;
	close(): void;
}

export interface TestWorkspace {
	/** The workspace's repositories, over a fake-indexeddb database of its own. */
	store: WorkspaceStore;
	/** The mock partners this workspace's engine sends to: knobs and partner state of its own. */
	mocks: PartnerMocks;
	/** The seed the workspace (and its simulator) starts from. */
	seed: number;
	/** The wall clock the repositories read (audit entries, updatedAt): still unless advanced. */
	clock: { now(): number; advance(ms: number): void };
	/** The live connector directory pages read (one per workspace, created on first call). */
	directory(): ConnectorDirectory;
	/** Starts the engine over a MessageChannel (once; later calls return the same engine). */
	engine(): Promise<TestEngine>;
	/** Closes the engine, the directory and the database. Call it in afterEach. */
	dispose(): void;
}

let databases = 0;

/**
 * A fresh workspace in an IndexedDB of its own (nothing shared between tests), filled the same
 * way for the same seed: ids are "id-1", "id-2"… and the clock stands still unless advanced.
 */
export async function createTestWorkspace(seed = 1, options: TestWorkspaceOptions = {}): Promise<TestWorkspace> {
	let now = options.now ?? TEST_NOW;
	let id = 0;
	let auditId = 0;
	const timeZone = options.timeZone ?? 'UTC';
	const indexedDB = new IDBFactory();
	const name = `test-workspace-${++databases}`;
	const store = await openWorkspaceStore({
		name,
		indexedDB,
		IDBKeyRange,
		now: () => now,
		newId: () => `id-${++id}`,
		newAuditId: () => `audit-${++auditId}`
	});
	const contents = options.contents ?? 'demo';
	await store.workspace.setUpIfNew(() => {
		const chosen =
			contents === 'demo'
				? demoWorkspace({ now, timeZone, history: 'skipped' })
				: contents === 'blank'
					? blankWorkspace({ name: 'Test workspace', now, timeZone, seed })
					: contents;
		return { ...chosen, workspace: { ...chosen.workspace, seed, history: 'skipped' } };
	});
	// A small population, saved as the engine's state, so the engine starts from it.
	await store.statistics.commit({
		increments: [],
		log: [],
		state: { id: 'engine', clock: now, speed: 60, populationSize: options.populationSize ?? 1_000, trafficRate: 1, checkpoint: null, updatedAt: now },
		timeZone
	});

	const mocks = createPartnerMocks();
	let directory: ConnectorDirectory | undefined;
	let engine: Promise<TestEngine> | undefined;
	let closeEngine: (() => void) | undefined;

	return {
		store,
		mocks,
		seed,
		clock: { now: () => now, advance: (ms) => void (now += ms) },
		directory: () => (directory ??= new ConnectorDirectory(store)),
		engine: () =>
			(engine ??= startEngine(store, mocks, { databaseName: name, timeZone, seed, wallClock: () => now }).then((started) => {
				closeEngine = started.close;
				return started;
			})),
		dispose() {
			closeEngine?.();
			directory?.destroy();
			store.close();
		}
	};
}

async function startEngine(
	store: WorkspaceStore,
	partnerMocks: PartnerMocks,
	options: { databaseName: string; timeZone: string; seed: number; wallClock: () => number }
): Promise<TestEngine> {
	const mocks: Transport = new MockTransport((request) => partnerMocks.respond(request));
	const noLive: Transport = { send: () => Promise.reject(new Error('The test kit sends nothing to live endpoints.')) };
	// The same dependency object the worker builds, with a virtual clock: nothing waits for real time.
	const deps: EngineDeps = {
		openStore: async () => store,
		mockTransport: async () => mocks,
		liveTransport: noLive,
		setFaults: (connectorId, faults) => void partnerMocks.faults.set(connectorId, faults),
		createSimulation,
		sha256: createSha256,
		random: seededRandom,
		realNow: () => performance.now(),
		wallClock: options.wallClock,
		yieldToEvents: async () => {},
		sleep: async () => {},
		benchmark: () => Promise.reject(new Error('The test kit does not run the benchmark.'))
	};
	const service = new EngineService(deps);
	const api = createEngineApi(deps, service);
	const { port1, port2 } = new MessageChannel();
	expose(api, port1);
	const client = createEngineClient(port2);
	let latest = await client.open({ databaseName: options.databaseName, timeZone: options.timeZone, seed: options.seed });
	await client.subscribe((progress) => (latest = progress));
	return {
		client,
		step: async (ms) => {
			await client.step(ms);
			latest = service.progress();
		},
		setFaults: async (connectorId, faults) => {
			await store.faults.set(connectorId, faults);
			await client.setFaults(connectorId, faults);
		},
		progress: () => latest,
		close() {
			service.close();
			client.dispose();
			port1.close();
			port2.close();
		}
	};
}
