import type { Audience } from '$lib/domain/audience';
import type { MessageSource } from '$lib/domain/dispatch-rules';
import type { Journey } from '$lib/domain/journey';
import type { Profile } from '$lib/domain/profile';
import { AudienceMemberships, type AudienceState, type MembershipListener, type MembershipSnapshot } from './audiences';
import { Behaviour, type BehaviourSnapshot } from './behaviour';
import { JourneyRuns, type DestinationListener, type JourneySnapshot } from './journeys';
import { MAX_POPULATION, Population, type PopulationSnapshot } from './population';

/** A message the simulator emits: a profile entering or leaving an audience, or a journey step. */
export interface SimMessage {
	profileIndex: number;
	connectorId: string;
	operation: 'add' | 'remove';
	/** The connector use's settings (shared between messages: do not change). */
	settings: Record<string, string>;
	source: MessageSource;
	/** Sandbox time, epoch milliseconds. */
	at: number;
}

export interface SimulatorOptions {
	seed: number;
	/** 100,000 in the product by default; up to 1,000,000. */
	populationSize: number;
	/** The sandbox clock the simulation starts at. */
	now: number;
	/** Multiplies every behaviour rate; 1 by default. */
	trafficRate?: number;
	audiences: readonly Audience[];
	journeys: readonly Journey[];
}

export interface SimulatorStats {
	populationSize: number;
	clock: number;
	trafficRate: number;
	audiences: Array<{ id: string; name: string; members: number }>;
	journeys: Array<{ id: string; name: string; inProgress: number; running: boolean }>;
	/** Behaviour events applied since the simulator was created or restored. */
	events: number;
}

/** The whole simulation as structured-cloneable data (ArrayBuffers and plain objects). */
export interface SimulatorSnapshot {
	version: 1;
	seed: number;
	populationSize: number;
	clock: number;
	population: PopulationSnapshot;
	behaviour: BehaviourSnapshot;
	memberships: MembershipSnapshot;
	journeys: JourneySnapshot;
	/** Messages produced by a change of definitions and not yet taken by `advance`. */
	pending: SimMessage[];
}

/**
 * The simulator: a seeded population whose behaviour moves audiences and journeys on the
 * sandbox clock, emitting add and remove messages. Deterministic: the same options and the
 * same calls give the same messages, and how the clock is cut into `advance` calls does not
 * matter (behaviour, audience expiries and journey wake-ups are merged in time order).
 *
 * Initial state: memberships at `now` are computed silently. Profiles already in an audience
 * at the start are members without sending adds (the partners are assumed to have them
 * already), so a 90-day history starts from a steady state instead of a burst of adds. An
 * audience that appears or whose rules change later sends the difference (and a connector
 * attached later receives adds for the current members), as the real platform syncs them.
 * Entering an audience sends an add, and leaving a remove, to every connector attached to
 * it; whether a connector may receive is the engine's rule, not the simulator's.
 */
export class Simulator {
	#seed: number;
	#population: Population;
	#behaviour: Behaviour;
	#memberships: AudienceMemberships;
	#journeys: JourneyRuns;
	#clock: number;
	#audienceDefinitions: readonly Audience[];
	#journeyDefinitions: readonly Journey[];
	#out: SimMessage[] = [];
	/** Where `advanceInto` streams messages while it runs; otherwise they are gathered in #out. */
	#sink: ((message: SimMessage) => void) | null = null;
	readonly #streamed: SimMessage = { profileIndex: 0, connectorId: '', operation: 'add', settings: {}, source: { kind: 'audience', id: '' }, at: 0 };
	#events = 0;
	#sources = new Map<string, MessageSource>();

	constructor({ seed, populationSize, now, trafficRate = 1, audiences, journeys }: SimulatorOptions) {
		if (!Number.isInteger(populationSize) || populationSize < 1 || populationSize > MAX_POPULATION) {
			throw new RangeError(`The population has between 1 and ${MAX_POPULATION} profiles, not ${populationSize}.`);
		}
		if (!Number.isFinite(now)) throw new RangeError('The simulator needs a clock reading.');
		this.#seed = seed >>> 0;
		this.#clock = now;
		this.#audienceDefinitions = audiences;
		this.#journeyDefinitions = journeys;
		this.#population = new Population({ seed: this.#seed, size: populationSize, now });
		this.#behaviour = new Behaviour(this.#population, { seed: this.#seed, trafficRate, now });
		this.#memberships = new AudienceMemberships(this.#population, audiences, now);
		this.#journeys = new JourneyRuns(this.#population, journeys, now);
	}

	get seed(): number {
		return this.#seed;
	}

	/** The sandbox time up to which the simulation has run. */
	get clock(): number {
		return this.#clock;
	}

	get population(): Population {
		return this.#population;
	}

	get memberships(): AudienceMemberships {
		return this.#memberships;
	}

	get journeyRuns(): JourneyRuns {
		return this.#journeys;
	}

	/**
	 * Runs the simulation from its clock to `to` (exclusive) and returns the messages, in time
	 * order: audience expiries first, then journey wake-ups, then behaviour, at equal times.
	 */
	advance(to: number): SimMessage[] {
		this.#run(to);
		return this.#take();
	}

	/**
	 * Does what `advance` does, handing each message to `accept` as soon as it is made instead of
	 * gathering them (a day of history is over a million message objects otherwise). The message
	 * object is reused: it is only valid during the call. The engine's runner takes this path.
	 */
	advanceInto(to: number, accept: (message: SimMessage) => void): void {
		// Messages of a change of definitions came first, as `advance` gives them.
		for (const message of this.#take()) accept(message);
		this.#sink = accept;
		try {
			this.#run(to);
		} finally {
			this.#sink = null;
		}
	}

	#run(to: number): void {
		if (Number.isNaN(to) || to === Infinity) throw new RangeError(`The simulator advances to a clock reading, not ${to}.`);
		if (!(to > this.#clock)) return;
		const behaviour = this.#behaviour;
		const memberships = this.#memberships;
		const journeys = this.#journeys;
		const onMembership = this.#onMembership;
		const onDestination = this.#onDestination;
		for (;;) {
			const audienceTime = memberships.nextWakeTime();
			const journeyTime = journeys.nextWakeTime();
			const eventTime = behaviour.nextEventTime(to);
			const t = Math.min(audienceTime, journeyTime, eventTime);
			if (!(t < to)) break;
			if (audienceTime === t) {
				memberships.processNextWake(onMembership);
			} else if (journeyTime === t) {
				journeys.processNextWake(onDestination);
			} else {
				behaviour.applyNext();
				this.#events++;
				const index = behaviour.lastProfile;
				const kind = behaviour.lastKind;
				memberships.evaluateProfile(index, t, kind, onMembership);
				journeys.onEvent(index, kind, t, onDestination);
			}
		}
		this.#clock = to;
	}

	#take(): SimMessage[] {
		const out = this.#out;
		this.#out = [];
		return out;
	}

	/**
	 * Takes edited audiences and journeys at the current clock. Changes of membership that follow
	 * (new audiences, changed rules, newly attached connectors) come out of the next `advance`.
	 */
	updateDefinitions(audiences: readonly Audience[], journeys: readonly Journey[]): void {
		this.#audienceDefinitions = audiences;
		this.#journeyDefinitions = journeys;
		this.#sources.clear();
		const now = this.#clock;
		// Journeys first, so that profiles entering a changed audience enter its journeys too.
		this.#journeys.setJourneys(journeys, now);
		const changes = this.#memberships.setAudiences(audiences, now);
		for (const [audienceId, change] of changes) {
			const state = this.#memberships.state(audienceId)!;
			if (change.addedConnectors.length > 0) {
				const source = this.#source(audienceId);
				const entered = new Set(change.entered);
				for (const index of this.#memberships.membersOf(audienceId)) {
					if (entered.has(index)) continue;
					for (const use of change.addedConnectors) {
						this.#out.push({ profileIndex: index, connectorId: use.connectorId, operation: 'add', settings: use.settings, source, at: now });
					}
				}
			}
			for (const index of change.left) this.#onMembership(state, index, false, now);
			for (const index of change.entered) this.#onMembership(state, index, true, now);
		}
	}

	/** Changes the traffic rate from the current clock on. */
	setTrafficRate(rate: number): void {
		this.#behaviour.setTrafficRate(rate, this.#clock);
	}

	/** The profile as partners read it. */
	profile(index: number): Profile {
		return this.#population.profileAt(index);
	}

	stats(): SimulatorStats {
		return {
			populationSize: this.#population.size,
			clock: this.#clock,
			trafficRate: this.#behaviour.trafficRate,
			audiences: this.#memberships.states.map((s) => ({ id: s.audience.id, name: s.audience.name, members: s.members })),
			journeys: this.#journeys.states.map((s) => ({ id: s.journey.id, name: s.journey.name, inProgress: s.runs.size, running: s.active })),
			events: this.#events
		};
	}

	/** Everything needed to continue exactly from here, as structured-cloneable data. */
	snapshot(): SimulatorSnapshot {
		return {
			version: 1,
			seed: this.#seed,
			populationSize: this.#population.size,
			clock: this.#clock,
			population: this.#population.snapshot(),
			behaviour: this.#behaviour.snapshot(),
			memberships: this.#memberships.snapshot(),
			journeys: this.#journeys.snapshot(),
			pending: this.#out.slice()
		};
	}

	/**
	 * Continues from a snapshot. The definitions this simulator holds now win: where they differ
	 * from the snapshot's, the differences come out of the next `advance`, as after
	 * `updateDefinitions`. A snapshot of another seed or size replaces the population.
	 */
	restore(data: unknown): void {
		const snapshot = asSnapshot(data);
		const trafficRate = snapshot.behaviour.trafficRate;
		if (snapshot.seed >>> 0 !== this.#seed || snapshot.populationSize !== this.#population.size) {
			this.#seed = snapshot.seed >>> 0;
			this.#population = new Population({ seed: snapshot.seed, size: snapshot.populationSize, now: snapshot.clock });
			this.#behaviour = new Behaviour(this.#population, { seed: snapshot.seed, trafficRate, now: snapshot.clock });
			this.#memberships = new AudienceMemberships(this.#population, [], snapshot.clock);
			this.#journeys = new JourneyRuns(this.#population, [], snapshot.clock);
		}
		this.#population.restore(snapshot.population);
		this.#behaviour.restore(snapshot.behaviour);
		this.#memberships.restore(snapshot.memberships);
		this.#journeys.restore(snapshot.journeys);
		this.#clock = snapshot.clock;
		this.#out = snapshot.pending.slice();
		this.updateDefinitions(this.#audienceDefinitions, this.#journeyDefinitions);
	}

	#source(audienceId: string): MessageSource {
		let source = this.#sources.get(audienceId);
		if (!source) {
			source = { kind: 'audience', id: audienceId };
			this.#sources.set(audienceId, source);
		}
		return source;
	}

	#onMembership: MembershipListener = (state: AudienceState, index: number, entered: boolean, at: number) => {
		const connectors = state.audience.connectors;
		if (connectors.length > 0) {
			const source = this.#source(state.audience.id);
			const operation = entered ? 'add' : 'remove';
			for (const use of connectors) {
				this.#emit(index, use.connectorId, operation, use.settings, source, at);
			}
		}
		if (entered) this.#journeys.onAudienceEntered(state.audience.id, index, at, this.#onDestination);
	};

	#onDestination: DestinationListener = (_state, step, index, at) => {
		this.#emit(index, step.connectorId, step.operation, step.settings, step.source, at);
	};

	#emit(profileIndex: number, connectorId: string, operation: SimMessage['operation'], settings: Record<string, string>, source: MessageSource, at: number): void {
		const sink = this.#sink;
		if (!sink) {
			this.#out.push({ profileIndex, connectorId, operation, settings, source, at });
			return;
		}
		const message = this.#streamed;
		message.profileIndex = profileIndex;
		message.connectorId = connectorId;
		message.operation = operation;
		message.settings = settings;
		message.source = source;
		message.at = at;
		sink(message);
	}
}

/** A new simulator (see Simulator). */
export function createSimulator(options: SimulatorOptions): Simulator {
	return new Simulator(options);
}

function asSnapshot(data: unknown): SimulatorSnapshot {
	const snapshot = data as Partial<SimulatorSnapshot> | null;
	if (
		!snapshot ||
		snapshot.version !== 1 ||
		typeof snapshot.seed !== 'number' ||
		typeof snapshot.populationSize !== 'number' ||
		typeof snapshot.clock !== 'number' ||
		!snapshot.population ||
		!snapshot.behaviour ||
		!snapshot.memberships ||
		!snapshot.journeys ||
		!Array.isArray(snapshot.pending)
	) {
		throw new Error('This is not a snapshot of this version of the simulator.');
	}
	return snapshot as SimulatorSnapshot;
}
