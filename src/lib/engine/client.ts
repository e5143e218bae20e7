import { proxy, releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';
import type { FaultSettings } from '$lib/domain/faults';
import type { AudienceEstimate, AudienceEstimateRequest, BenchmarkResult, EngineApi, EngineProgress, HistoryResult, OpenEngineOptions, TestConnectionRequest, TestConnectionResult } from './protocol';

/**
 * The page's handle on the engine: the only place that creates its Worker. Tests pass an
 * endpoint (one end of a MessageChannel with the engine API exposed on the other) instead.
 */
export class EngineClient {
	readonly #injected: Endpoint | undefined;
	#worker: Worker | undefined;
	#remote: Remote<EngineApi> | undefined;

	constructor(endpoint?: Endpoint) {
		this.#injected = endpoint;
	}

	/** Sends the partner's light request for a connector, off the main thread. */
	async testConnection(request: TestConnectionRequest): Promise<TestConnectionResult> {
		try {
			return await this.#api().testConnection(request);
		} catch (error) {
			// A worker whose module failed to load stays broken: start a fresh one next time.
			this.#restart();
			throw error;
		}
	}

	open(options: OpenEngineOptions): Promise<EngineProgress> {
		return this.#api().open(options);
	}

	start(): Promise<void> {
		return this.#api().start();
	}

	pause(): Promise<void> {
		return this.#api().pause();
	}

	step(ms: number): Promise<void> {
		return this.#api().step(ms);
	}

	setSpeed(speed: number): Promise<void> {
		return this.#api().setSpeed(speed);
	}

	setPopulation(options: { populationSize: number; trafficRate: number }): Promise<void> {
		return this.#api().setPopulation(options);
	}

	setFaults(connectorId: string, faults: FaultSettings): Promise<void> {
		return this.#api().setFaults(connectorId, faults);
	}

	reset(): Promise<void> {
		return this.#api().reset();
	}

	generateHistory(days: number): Promise<HistoryResult> {
		return this.#api().generateHistory({ days });
	}

	cancelHistory(): Promise<void> {
		return this.#api().cancelHistory();
	}

	/** Runs the fixed benchmark workload in the engine's worker. */
	benchmark(): Promise<BenchmarkResult> {
		return this.#api().benchmark();
	}

	/** An audience's size from the simulator's population, computed in the worker so the page never waits. */
	estimateAudience(request: AudienceEstimateRequest): Promise<AudienceEstimate> {
		return this.#api().estimateAudience(request);
	}

	/** Progress arrives at most ten times a second. */
	subscribe(listener: (progress: EngineProgress) => void): Promise<void> {
		return this.#api().subscribe(proxy(listener));
	}

	dispose(): void {
		this.#remote?.[releaseProxy]();
		this.#worker?.terminate();
		this.#remote = undefined;
		this.#worker = undefined;
	}

	#api(): Remote<EngineApi> {
		if (!this.#remote) {
			if (this.#injected) {
				this.#remote = wrap<EngineApi>(this.#injected);
			} else {
				this.#worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'activation-engine' });
				this.#remote = wrap<EngineApi>(this.#worker);
			}
		}
		return this.#remote;
	}

	#restart(): void {
		if (this.#injected) return;
		this.dispose();
	}
}
