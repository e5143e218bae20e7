import type { BenchmarkResult } from './benchmark';
import type { ConnectorTarget } from '$lib/domain/connector';
import type { FaultSettings } from '$lib/domain/faults';
import type { RuleGroup } from '$lib/domain/rules';
import type { DeliveryError, StepPurpose } from '$lib/partners/adapter';

/**
 * The one protocol between the page and the engine's worker, declared here and nowhere else: the
 * worker implements it (engine-api.ts), the page holds it as Comlink's `Remote<EngineApi>`
 * (client.ts), and the controller forwards its commands by name. Everything crossing it is
 * structured-cloneable data; secrets are masked before anything comes back.
 */
export interface EngineApi {
	/** Sends the partner's light request for the connector and classifies the answer. */
	testConnection(request: TestConnectionRequest): Promise<TestConnectionResult>;
	/** Opens the workspace's database in the worker and resumes the saved sandbox clock. */
	open(options: OpenEngineOptions): Promise<EngineProgress>;
	/** Runs the simulator and the dispatcher on the sandbox clock at the current speed. */
	start(): Promise<void>;
	pause(): Promise<void>;
	/** Moves the sandbox clock on by this much at once (while paused). */
	step(ms: number): Promise<void>;
	/** Sandbox seconds per real second (1 = real time, 3600 = an hour a second). */
	setSpeed(speed: number): Promise<void>;
	/** A new population of this size and traffic rate, from the seed (the clock is kept). */
	setPopulation(settings: PopulationSettings): Promise<void>;
	/** Sets the mock partner's fault knobs for a connector at once (they are also stored). */
	setFaults(connectorId: string, faults: FaultSettings): Promise<void>;
	/** Back to the start: a new population from the seed; statistics are kept. */
	reset(): Promise<void>;
	/** Fills the statistics with history through the real engine and mocks on a virtual clock. */
	generateHistory(request: HistoryRequest): Promise<HistoryResult>;
	cancelHistory(): Promise<void>;
	/** Progress arrives here at most ten times a second. */
	subscribe(listener: (progress: EngineProgress) => void): Promise<void>;
	/** Runs the fixed benchmark workload in this worker (a database of its own; the workspace is untouched). */
	benchmark(): Promise<BenchmarkResult>;
	/** How many profiles of the simulator's population an audience being edited would hold now. */
	estimateAudience(request: AudienceEstimateRequest): Promise<AudienceEstimate>;
}

export interface PopulationSettings {
	populationSize: number;
	/** Behaviour events per profile relative to normal traffic (1 = normal). */
	trafficRate: number;
}

export interface HistoryRequest {
	/** How many days of history, ending at the sandbox clock's now. */
	days: number;
}

export interface AudienceEstimateRequest {
	rules: RuleGroup;
	exitConditions: RuleGroup | null;
	/** Used when this worker does not run the engine: a population like the engine's is built. */
	seed: number;
	populationSize: number;
	now: number;
}

export interface AudienceEstimate {
	members: number;
	populationSize: number;
	/** The sandbox time the estimate is for. */
	at: number;
}

export type { BenchmarkResult };

export interface OpenEngineOptions {
	databaseName: string;
	timeZone: string;
	seed: number;
}

/** Per-connector counters of the running engine. */
export interface ConnectorProgress {
	connectorId: string;
	accepted: number;
	inFlight: number;
	sent: number;
	removed: number;
	errors: number;
	skipped: number;
	cancelled: number;
	attempts: number;
	retries: number;
}

export interface EngineProgress {
	clock: number;
	running: boolean;
	speed: number;
	populationSize: number;
	trafficRate: number;
	totals: Omit<ConnectorProgress, 'connectorId'> & { queued: number; sending: number; waitingRetry: number };
	connectors: ConnectorProgress[];
	history: { running: boolean; done: number; total: number; messages: number } | null;
	/** The last error the engine met, to show instead of failing silently. */
	problem: string | null;
}

export type HistoryResult = { completed: true; messages: number; seconds: number } | { completed: false; reason: string };

export interface TestConnectionRequest {
	partnerId: string;
	/** The connector being tested; a form not saved yet uses a temporary id. */
	connectorId: string;
	config: Record<string, unknown>;
	target: ConnectorTarget;
	/** The mock partner's fault knobs for this connector (ignored for live endpoints). */
	faults: FaultSettings;
	timeoutMs: number;
}

/** One request and its answer, secrets masked, bodies sampled: what the delivery log shows. */
export interface LoggedExchange {
	purpose: StepPurpose;
	method: string;
	url: string;
	requestHeaders: Record<string, string>;
	requestBodySample: string;
	status: number | null;
	/** "response", or why there was none. */
	replyKind: 'response' | 'timeout' | 'network';
	responseHeaders: Record<string, string>;
	responseSample: string;
	latencyMs: number;
}

export type TestConnectionResult =
	| { ok: true; message: string; exchanges: LoggedExchange[] }
	| { ok: false; error: DeliveryError; exchanges: LoggedExchange[] };
