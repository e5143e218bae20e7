import { observe, type Subscription, type WorkspaceStore } from '$lib/db';
import { audiencesAsOf, type Audience } from '$lib/domain/audience';
import type { Connector } from '$lib/domain/connector';
import type { EngineState } from '$lib/domain/engine-state';
import type { FaultSettings } from '$lib/domain/faults';
import type { Journey } from '$lib/domain/journey';
import { messageOf } from '$lib/domain/message';
import { DAY_MS, HOUR_MS } from '$lib/domain/time';
import type { Sha256 } from '$lib/partners/identifiers';
import type { Population } from '$lib/sim/population';
import type { DispatcherSnapshot } from './dispatcher';
import { historyFaults } from './history';
import type { EngineProgress, HistoryRequest, HistoryResult, OpenEngineOptions, PopulationSettings } from './protocol';
import { EngineRunner, type RunnerDeps, type SimulatorPort } from './runner';
import type { Transport } from './transport';

/** The simulator as the engine drives it (src/lib/sim). */
export interface Simulation extends SimulatorPort {
	/** The profiles, for audience size estimates (src/lib/sim's Simulator has it). */
	readonly population?: Population;
	updateDefinitions(audiences: Audience[], journeys: Journey[]): void;
	snapshot(): unknown;
	restore(snapshot: unknown): void;
}

export type SimulationFactory = (options: {
	seed: number;
	populationSize: number;
	now: number;
	trafficRate: number;
	audiences: Audience[];
	journeys: Journey[];
}) => Simulation;

export interface EngineServiceDeps {
	openStore(databaseName: string): Promise<WorkspaceStore>;
	/** The partner mocks, loaded on first use (they are a large chunk). */
	mockTransport(): Promise<Transport>;
	liveTransport: Transport;
	/** Sets the mock partners' fault knobs for a connector. */
	setFaults(connectorId: string, faults: FaultSettings): void;
	createSimulation: SimulationFactory;
	sha256(): Promise<Sha256>;
	random(seed: number): () => number;
	/** Real time, for pacing and progress rates. */
	realNow(): number;
	/** The wall clock: the sandbox clock's starting point for a new workspace, and commit times. */
	wallClock(): number;
	/** Lets the worker answer messages between steps. */
	yieldToEvents(ms: number): Promise<void>;
}

/**
 * A runner over a simulation for these connectors and journeys: how the live engine, history
 * generation and the benchmark (benchmark/engine-run.ts) all start one, so that the benchmark
 * measures the path production takes.
 */
export function createRunner(deps: RunnerDeps, start: number, definitions: { connectors: readonly Connector[]; journeys: readonly Journey[] }): EngineRunner {
	const runner = new EngineRunner(deps, start);
	runner.setConnectors(definitions.connectors);
	runner.setJourneys(definitions.journeys);
	return runner;
}

interface Checkpoint {
	simulation: unknown;
	dispatcher: DispatcherSnapshot;
	/**
	 * Set while history is being generated, and kept until history is generated again: the
	 * statistics then hold only the days done, and a reload must not show them as a history.
	 */
	unfinishedHistory?: UnfinishedHistory;
}

/** A history generation that did not end: how far it got. */
interface UnfinishedHistory {
	days: number;
	done: number;
}

const TICK_MS = 100;
const HISTORY_MAX_WAIT_MS = 4 * HOUR_MS;
const PROGRESS_EVERY_MS = 100;
const COMMIT_EVERY_MS = 1000;

/**
 * The engine as it runs in the worker: the saved sandbox clock, the simulator, the runner and
 * its commits, and progress at a bounded rate. One per workspace (the page holds a Web Lock).
 */
export class EngineService {
	readonly #deps: EngineServiceDeps;
	#store: WorkspaceStore | undefined;
	#options: OpenEngineOptions | undefined;
	#state: EngineState | undefined;
	#simulation: Simulation | undefined;
	#runner: EngineRunner | undefined;
	#transport: Transport | undefined;
	#connectors: Connector[] = [];
	#audiences: Audience[] = [];
	#journeys: Journey[] = [];
	#subscription: Subscription | undefined;
	#running = false;
	#loop: Promise<void> | undefined;
	#listeners: Array<(progress: EngineProgress) => void> = [];
	#lastProgress = 0;
	#lastCommit = 0;
	#problem: string | null = null;
	#history: EngineProgress['history'] = null;
	#cancelHistory = false;
	/** A history generation cut short by a crash or a closed tab, as the checkpoint recorded it. */
	#unfinishedHistory: UnfinishedHistory | undefined;

	constructor(deps: EngineServiceDeps) {
		this.#deps = deps;
	}

	async open(options: OpenEngineOptions): Promise<EngineProgress> {
		if (this.#store) return this.progress();
		this.#options = options;
		const store = await this.#deps.openStore(options.databaseName);
		this.#store = store;
		this.#transport = await this.#deps.mockTransport();
		const saved = await store.statistics.engineState();
		this.#state = saved ?? {
			id: 'engine',
			clock: this.#deps.wallClock(),
			speed: 60,
			populationSize: 100_000,
			trafficRate: 1,
			checkpoint: null,
			updatedAt: this.#deps.wallClock()
		};
		const [connectors, audiences, journeys, faults] = await Promise.all([
			store.connectors.list(),
			store.audiences.list(),
			store.journeys.list(),
			store.faults.all()
		]);
		this.#connectors = connectors;
		this.#audiences = audiences;
		this.#journeys = journeys;
		for (const [id, settings] of faults) this.#deps.setFaults(id, settings);
		// The checkpoint marks a history cut short; its own row says how far it got (older
		// checkpoints carried the count in the mark).
		const unfinished = (this.#state.checkpoint as Checkpoint | null)?.unfinishedHistory;
		const progress = unfinished && (await store.statistics.historyProgress());
		this.#unfinishedHistory = unfinished && (progress?.days === unfinished.days ? progress : unfinished);
		await this.#build(this.#state.checkpoint as Checkpoint | null);
		// Follow edits made in any tab: connectors, audiences, journeys and fault knobs.
		this.#subscription = observe(
			() => Promise.all([store.connectors.list(), store.audiences.list(), store.journeys.list(), store.faults.all()]),
			([c, a, j, f]) => {
				this.#connectors = c;
				this.#audiences = a;
				this.#journeys = j;
				for (const [id, settings] of f) this.#deps.setFaults(id, settings);
				this.#runner?.setConnectors(c);
				this.#runner?.setJourneys(j);
				this.#simulation?.updateDefinitions(a, j);
			},
			(error) => (this.#problem = `The engine could not read the workspace: ${messageOf(error)}`)
		);
		return this.progress();
	}

	async start(): Promise<void> {
		if (this.#running || !this.#runner) return;
		this.#running = true;
		this.#loop = this.#run();
		this.#emit(true);
	}

	async pause(): Promise<void> {
		this.#running = false;
		await this.#loop;
		await this.#commit();
		this.#emit(true);
	}

	async step(ms: number): Promise<void> {
		if (this.#running || !this.#runner) return;
		await this.#runner.advanceTo(this.#runner.now + ms);
		await this.#commit();
		this.#emit(true);
	}

	async setSpeed(speed: number): Promise<void> {
		if (!this.#state) return;
		this.#state = { ...this.#state, speed: Math.min(100_000, Math.max(0.1, speed)) };
		this.#emit(true);
	}

	async setPopulation({ populationSize, trafficRate }: PopulationSettings): Promise<void> {
		if (!this.#state) return;
		const wasRunning = this.#running;
		await this.pause();
		this.#state = { ...this.#state, populationSize, trafficRate };
		await this.#build(null);
		await this.#commit();
		if (wasRunning) await this.start();
	}

	async reset(): Promise<void> {
		if (!this.#state) return;
		await this.pause();
		await this.#build(null);
		await this.#commit();
		this.#emit(true);
	}

	subscribe(listener: (progress: EngineProgress) => void): void {
		this.#listeners.push(listener);
		listener(this.progress());
	}

	/**
	 * Fills the statistics with `days` of history ending at the sandbox clock's now, through
	 * the real engine and mocks on a virtual clock, with a realistic mix of faults per day.
	 * Earlier statistics are replaced; the live clock is not moved.
	 */
	async generateHistory({ days }: HistoryRequest): Promise<HistoryResult> {
		const store = this.#store;
		const options = this.#options;
		if (!store || !options || !this.#state || !this.#transport) return { completed: false, reason: 'The engine is not open.' };
		if (this.#history?.running) return { completed: false, reason: 'History is already being generated.' };
		const wasRunning = this.#running;
		await this.pause();
		// The state as the pause committed it: the history's commits carry its checkpoint, so a
		// reload resumes the live simulation where it was paused, not at an older commit.
		const state = this.#state;
		if (!state) return { completed: false, reason: 'The engine is not open.' };
		this.#cancelHistory = false;
		const started = this.#deps.realNow();
		const end = Math.floor(state.clock / HOUR_MS) * HOUR_MS;
		const begin = end - days * DAY_MS;
		const simulation = this.#deps.createSimulation({
			seed: options.seed ^ 0x5eed,
			populationSize: state.populationSize,
			now: begin,
			trafficRate: state.trafficRate,
			// The audiences as they were when the history begins: connectors detached since then
			// still sent for them until they were detached.
			audiences: audiencesAsOf(this.#audiences, begin),
			journeys: this.#journeys
		});
		const detachments = [...new Set(this.#audiences.flatMap((a) => (a.formerConnectors ?? []).map((use) => use.detachedAt)))]
			.filter((at) => at > begin && at < end)
			.sort((a, b) => a - b);
		const transport = this.#transport;
		const runner = createRunner(
			{
				simulator: simulation,
				transportFor: () => transport,
				sha256: await this.#deps.sha256(),
				random: this.#deps.random(options.seed ^ 0x415),
				timeZone: options.timeZone,
				sliceMs: 15 * 60_000,
				// History fills partners' batches over hours rather than seconds: the same profiles
				// reach the same statistics days in far fewer requests.
				policy: { maxWaitMs: HISTORY_MAX_WAIT_MS }
			},
			begin,
			{ connectors: this.#connectors, journeys: this.#journeys }
		);
		// The first commit of the history marks the checkpoint unfinished, before the statistics
		// are cleared, and only the last one takes the mark away: a tab closed or a worker killed
		// half way leaves a mark that the next open reports, instead of a partial history that
		// looks whole. Each day's commit between writes only the history's progress row: the
		// checkpoint holds megabytes of population, and writing it again with each of 90 days
		// took about a quarter of the history's time.
		const marked: EngineState = {
			...state,
			checkpoint: { ...(state.checkpoint as Checkpoint), unfinishedHistory: { days, done: 0 } } satisfies Checkpoint,
			updatedAt: this.#deps.wallClock()
		};
		this.#unfinishedHistory = { days, done: 0 };
		await store.statistics.commit({ increments: [], log: [], state: marked, history: { days, done: 0 }, timeZone: options.timeZone });
		await store.statistics.clearAll();
		// The faults set now (a scenario's, say) are in force on the history's last day.
		const present = await store.faults.all();
		this.#history = { running: true, done: 0, total: days, messages: 0 };
		this.#emit(true);
		try {
			// A day's commit runs while the next day is simulated: IndexedDB's wait overlaps the
			// work instead of adding to it. Commits stay in order (one in flight at a time).
			let committing: Promise<void> = Promise.resolve();
			const commitDay = async (done: number, finished = false) => {
				const { increments, log } = runner.drain();
				await committing;
				committing = store.statistics.commit({
					increments,
					log,
					...(finished ? { state: { ...state, updatedAt: this.#deps.wallClock() }, history: null } : { history: { days, done } }),
					timeZone: options.timeZone
				});
				if (finished) await committing;
				this.#unfinishedHistory = finished ? undefined : { days, done };
			};
			for (let day = 0; day < days; day++) {
				if (this.#cancelHistory) {
					await committing;
					// The user stopped it and is told so: the days done are kept as they are.
					await store.statistics.commit({ increments: [], log: [], state: { ...state, updatedAt: this.#deps.wallClock() }, history: null, timeZone: options.timeZone });
					this.#unfinishedHistory = undefined;
					this.#history = null;
					return { completed: false, reason: 'Cancelled.' };
				}
				for (const connector of this.#connectors) this.#deps.setFaults(connector.id, historyFaults(connector.partnerId, days - day, present.get(connector.id)));
				const dayEnd = begin + (day + 1) * DAY_MS;
				while (detachments.length > 0 && detachments[0]! <= dayEnd) {
					const at = detachments.shift()!;
					await runner.advanceTo(at);
					simulation.updateDefinitions(audiencesAsOf(this.#audiences, at), this.#journeys);
				}
				await runner.advanceTo(dayEnd);
				await commitDay(day + 1);
				this.#history = { running: true, done: day + 1, total: days, messages: runner.dispatcher.totals.accepted };
				this.#emit(day + 1 === days);
				await this.#deps.yieldToEvents(0);
			}
			await runner.flush();
			await commitDay(days, true);
			const messages = runner.dispatcher.totals.accepted;
			this.#history = null;
			return { completed: true, messages, seconds: (this.#deps.realNow() - started) / 1000 };
		} finally {
			// The knobs go back to what the user set.
			const faults = await store.faults.all();
			for (const connector of this.#connectors) this.#deps.setFaults(connector.id, faults.get(connector.id) ?? historyFaults('', 0));
			this.#history = null;
			this.#emit(true);
			if (wasRunning) await this.start();
		}
	}

	cancelHistory(): void {
		this.#cancelHistory = true;
	}

	progress(): EngineProgress {
		const runner = this.#runner;
		const state = this.#state;
		const dispatcher = runner?.dispatcher;
		const totals = dispatcher?.totals;
		return {
			clock: runner?.now ?? state?.clock ?? 0,
			running: this.#running,
			speed: state?.speed ?? 1,
			populationSize: state?.populationSize ?? 0,
			trafficRate: state?.trafficRate ?? 1,
			totals: {
				accepted: totals?.accepted ?? 0,
				inFlight: (totals?.queued ?? 0) + (totals?.sending ?? 0) + (totals?.waitingRetry ?? 0),
				queued: totals?.queued ?? 0,
				sending: totals?.sending ?? 0,
				waitingRetry: totals?.waitingRetry ?? 0,
				sent: totals?.sent ?? 0,
				removed: totals?.removed ?? 0,
				errors: totals?.errors ?? 0,
				skipped: totals?.skipped ?? 0,
				cancelled: totals?.cancelled ?? 0,
				attempts: totals?.attempts ?? 0,
				retries: totals?.retries ?? 0
			},
			connectors: (dispatcher?.connectorIds() ?? []).map((connectorId) => {
				const c = dispatcher!.countersOf(connectorId);
				return {
					connectorId,
					accepted: c.accepted,
					inFlight: c.queued + c.sending + c.waitingRetry,
					sent: c.sent,
					removed: c.removed,
					errors: c.errors,
					skipped: c.skipped,
					cancelled: c.cancelled,
					attempts: c.attempts,
					retries: c.retries
				};
			}),
			history: this.#history,
			problem: this.#problem ?? this.#unfinishedNote()
		};
	}

	/** The running simulation's population and sandbox time, when this worker runs the engine. */
	livePopulation(): { population: Population; now: number } | undefined {
		const population = this.#simulation?.population;
		return population && this.#runner ? { population, now: this.#runner.now } : undefined;
	}

	#unfinishedNote(): string | null {
		const unfinished = this.#unfinishedHistory;
		if (!unfinished || this.#history?.running) return null;
		return `Generating ${unfinished.days} days of history was interrupted after ${unfinished.done} of them (the tab was closed or the engine stopped): the statistics hold only part of that history. Generate history again to replace it.`;
	}

	close(): void {
		this.#running = false;
		this.#subscription?.unsubscribe();
	}

	async #build(checkpoint: Checkpoint | null): Promise<void> {
		const state = this.#state!;
		const options = this.#options!;
		const transport = this.#transport!;
		this.#simulation = this.#deps.createSimulation({
			seed: options.seed,
			populationSize: state.populationSize,
			now: state.clock,
			trafficRate: state.trafficRate,
			audiences: this.#audiences,
			journeys: this.#journeys
		});
		const live = this.#deps.liveTransport;
		this.#runner = createRunner(
			{
				simulator: this.#simulation,
				transportFor: (connector) => (connector.target === 'live' ? live : transport),
				sha256: await this.#deps.sha256(),
				random: this.#deps.random(options.seed ^ 0x17),
				timeZone: options.timeZone
			},
			state.clock,
			{ connectors: this.#connectors, journeys: this.#journeys }
		);
		if (checkpoint) {
			try {
				this.#simulation.restore(checkpoint.simulation);
				this.#runner.restore(checkpoint.dispatcher);
			} catch (error) {
				this.#problem = `The saved engine state could not be restored, so the simulation started afresh: ${messageOf(error)}`;
			}
		}
	}

	async #run(): Promise<void> {
		let last = this.#deps.realNow();
		while (this.#running && this.#runner && this.#state) {
			const tickStart = this.#deps.realNow();
			const elapsed = Math.min(1000, tickStart - last);
			last = tickStart;
			try {
				await this.#runner.advanceTo(this.#runner.now + Math.max(1, elapsed) * this.#state.speed);
				if (tickStart - this.#lastCommit >= COMMIT_EVERY_MS) await this.#commit();
			} catch (error) {
				this.#problem = `The engine stopped: ${messageOf(error)}`;
				this.#running = false;
				this.#emit(true);
				return;
			}
			this.#emit(false);
			const spent = this.#deps.realNow() - tickStart;
			await this.#deps.yieldToEvents(Math.max(0, TICK_MS - spent));
		}
	}

	async #commit(): Promise<void> {
		const runner = this.#runner;
		const store = this.#store;
		if (!runner || !store || !this.#state || !this.#options || !this.#simulation) return;
		const drained = runner.drain();
		const state: EngineState = {
			...this.#state,
			clock: runner.now,
			checkpoint: {
				simulation: this.#simulation.snapshot(),
				dispatcher: runner.snapshot(),
				// Running the simulator after an interrupted history does not make that history whole.
				...(this.#unfinishedHistory && { unfinishedHistory: this.#unfinishedHistory })
			} satisfies Checkpoint,
			updatedAt: this.#deps.wallClock()
		};
		try {
			await store.statistics.commit({ ...drained, state, timeZone: this.#options.timeZone });
		} catch (error) {
			// Nothing of it was stored (one transaction): the next commit carries these counts.
			runner.undrain(drained);
			throw error;
		}
		this.#state = state;
		this.#lastCommit = this.#deps.realNow();
	}

	#emit(force: boolean): void {
		const now = this.#deps.realNow();
		if (!force && now - this.#lastProgress < PROGRESS_EVERY_MS) return;
		this.#lastProgress = now;
		const progress = this.progress();
		for (const listener of this.#listeners) listener(progress);
	}
}
