import type { MessageSource } from '$lib/domain/dispatch-rules';
import type { EventType, Journey, JourneyStep, JourneyVersion } from '$lib/domain/journey';
import { compileRuleGroup, type MatchUntil } from './compile-rules';
import { definitionKey } from './definition-key';
import type { Population } from './population';
import { SlotWakes } from './slot-wakes';
import { EVENT_TYPES, HOUR_MS } from './traits';

/**
 * Journey progress on the sandbox clock. Only live journeys run, and only their published
 * version: a draft never runs, a paused journey takes no one in and holds its runs where they
 * are until it is live again. A profile already in a journey is not entered again while in it;
 * meeting the exit conditions (checked on entry, on each behaviour event and at each wake-up)
 * ends its run.
 *
 * Steps run in order; a branch's arm, when it finishes, carries on with the steps after the
 * branch. A published version is flattened into a small program, and a run is just the
 * profile's position (a wait step) and when it wakes: a Map per journey, plus one
 * time-ordered queue of wake-ups for all journeys.
 */

/** A destination step, compiled: sending it is one message. */
export interface DestinationInstruction {
	kind: 'destination';
	id: string;
	connectorId: string;
	operation: 'add' | 'remove';
	settings: Record<string, string>;
	/** Shared by every message of this step. */
	source: MessageSource;
	next: number;
}

type Instruction =
	| { kind: 'wait'; id: string; ms: number; next: number }
	| { kind: 'branch'; id: string; test: MatchUntil; then: number; otherwise: number }
	| DestinationInstruction;

/** A published version flattened: instructions by position, -1 is the end. */
export interface JourneyProgram {
	instructions: Instruction[];
	start: number;
	positionOf: Map<string, number>;
}

/** Flattens a version's steps into instructions. */
export function compileJourney(journeyId: string, version: JourneyVersion, population: Population): JourneyProgram {
	const instructions: Instruction[] = [];
	const positionOf = new Map<string, number>();
	// Compiled back to front, so each step knows the position of the one after it.
	const compileSteps = (steps: readonly JourneyStep[], next: number): number => {
		let following = next;
		for (let k = steps.length - 1; k >= 0; k--) {
			const step = steps[k]!;
			let instruction: Instruction;
			if (step.kind === 'wait') {
				instruction = { kind: 'wait', id: step.id, ms: step.hours * HOUR_MS, next: following };
			} else if (step.kind === 'branch') {
				const then = compileSteps(step.then, following);
				const otherwise = compileSteps(step.otherwise, following);
				instruction = { kind: 'branch', id: step.id, test: compileRuleGroup(step.condition, population), then, otherwise };
			} else {
				instruction = {
					kind: 'destination',
					id: step.id,
					connectorId: step.connectorId,
					operation: step.operation,
					settings: step.settings,
					source: { kind: 'journey', id: journeyId, stepId: step.id },
					next: following
				};
			}
			instructions.push(instruction);
			following = instructions.length - 1;
			if (!positionOf.has(step.id)) positionOf.set(step.id, following);
		}
		return following;
	};
	const start = compileSteps(version.steps, -1);
	return { instructions, start, positionOf };
}

/** A profile in a journey: waiting at a wait step until `wakeAt`. */
export interface JourneyRun {
	position: number;
	wakeAt: number;
}

export interface JourneyState {
	journey: Journey;
	slot: number;
	versionKey: string;
	program: JourneyProgram;
	exit: MatchUntil | null;
	/** Live: takes profiles in and moves them on. Paused: holds its runs. */
	active: boolean;
	runs: Map<number, JourneyRun>;
}

/** Called for each destination step a profile reaches. */
export type DestinationListener = (state: JourneyState, step: DestinationInstruction, index: number, at: number) => void;

/** Journey runs as structured-cloneable data. */
export interface JourneySnapshot {
	journeys: Array<{ journey: Journey; index: ArrayBuffer; position: ArrayBuffer; wakeAt: ArrayBuffer }>;
}

export class JourneyRuns {
	readonly population: Population;
	#states: JourneyState[] = [];
	#byId = new Map<string, JourneyState>();
	#byAudience = new Map<string, JourneyState[]>();
	#byEvent: JourneyState[][] = EVENT_TYPES.map(() => []);
	#withExit: JourneyState[] = [];
	readonly #wakes: SlotWakes;

	constructor(population: Population, journeys: readonly Journey[], now: number) {
		this.population = population;
		this.#wakes = new SlotWakes(population.size);
		this.setJourneys(journeys, now);
	}

	get states(): readonly JourneyState[] {
		return this.#states;
	}

	/** How many profiles are in a journey (0 for one that does not run). */
	inProgress(journeyId: string): number {
		return this.#byId.get(journeyId)?.runs.size ?? 0;
	}

	run(journeyId: string, index: number): JourneyRun | undefined {
		return this.#byId.get(journeyId)?.runs.get(index);
	}

	/**
	 * Takes new definitions. A journey that is not live or paused, or has no published version,
	 * drops its runs. A newly published version keeps each run at the wait step with the same
	 * id (its wake-up moved by the change in hours); a run whose step is gone ends.
	 */
	setJourneys(journeys: readonly Journey[], now: number): void {
		const states: JourneyState[] = [];
		const byId = new Map<string, JourneyState>();
		for (const journey of journeys) {
			if (byId.has(journey.id) || !journey.published) continue;
			if (journey.status !== 'live' && journey.status !== 'paused') continue;
			const versionKey = definitionKey(journey.published);
			const old = this.#byId.get(journey.id);
			let state: JourneyState;
			if (old && old.versionKey === versionKey) {
				state = old;
				state.journey = journey;
			} else {
				const program = compileJourney(journey.id, journey.published, this.population);
				state = {
					journey,
					slot: 0,
					versionKey,
					program,
					exit: journey.published.exitConditions ? compileRuleGroup(journey.published.exitConditions, this.population) : null,
					active: false,
					runs: old ? remapRuns(old, program) : new Map()
				};
			}
			state.active = journey.status === 'live';
			// A journey taken off pause moves overdue runs on now.
			if (state.active) for (const run of state.runs.values()) if (run.wakeAt < now) run.wakeAt = now;
			state.slot = states.length;
			states.push(state);
			byId.set(journey.id, state);
		}
		this.#states = states;
		this.#byId = byId;
		this.#index();
		this.#rebuildQueue();
	}

	/** A profile entered an audience at `at`: journeys that start on it take the profile in. */
	onAudienceEntered(audienceId: string, index: number, at: number, listener: DestinationListener): void {
		const states = this.#byAudience.get(audienceId);
		if (states) for (const state of states) this.#enter(state, index, at, listener);
	}

	/**
	 * A profile did something at `at` (kind: index into EVENT_TYPES; others are internal): its
	 * runs end where it now meets a journey's exit conditions, then journeys that start on
	 * this event take it in.
	 */
	onEvent(index: number, kind: number, at: number, listener: DestinationListener): void {
		for (const state of this.#withExit) {
			if (state.runs.has(index) && state.exit!(index) > at) state.runs.delete(index);
		}
		const states = this.#byEvent[kind];
		if (states) for (const state of states) this.#enter(state, index, at, listener);
	}

	/** The time of the next wake-up, or Infinity (stale entries are dropped on the way). */
	nextWakeTime(): number {
		return this.#wakes.nextTime(this.#isCurrentWake);
	}

	readonly #isCurrentWake = (slot: number, index: number, time: number): boolean => {
		const state = this.#states[slot];
		return state?.active === true && state.runs.get(index)?.wakeAt === time;
	};

	/** Moves on the run that wakes next (call after nextWakeTime returned a finite time). */
	processNextWake(listener: DestinationListener): void {
		const time = this.nextWakeTime();
		if (time === Infinity) return;
		const state = this.#states[this.#wakes.nextSlot]!;
		const index = this.#wakes.nextIndex;
		this.#wakes.pop();
		const run = state.runs.get(index)!;
		if (state.exit && state.exit(index) > time) {
			state.runs.delete(index);
			return;
		}
		const wait = state.program.instructions[run.position]!;
		this.#proceed(state, index, wait.kind === 'wait' ? wait.next : -1, time, listener);
	}

	snapshot(): JourneySnapshot {
		return {
			journeys: this.#states.map((state) => {
				const index = new Int32Array(state.runs.size);
				const position = new Int32Array(state.runs.size);
				const wakeAt = new Float64Array(state.runs.size);
				let n = 0;
				for (const [i, run] of state.runs) {
					index[n] = i;
					position[n] = run.position;
					wakeAt[n++] = run.wakeAt;
				}
				return { journey: state.journey, index: index.buffer, position: position.buffer, wakeAt: wakeAt.buffer };
			})
		};
	}

	/** Puts back runs exactly as they were, under the definitions they were taken with. */
	restore(snapshot: JourneySnapshot): void {
		this.#byId = new Map();
		this.setJourneys(
			snapshot.journeys.map((saved) => saved.journey),
			-Infinity
		);
		for (const saved of snapshot.journeys) {
			const state = this.#byId.get(saved.journey.id);
			if (!state) continue;
			const index = new Int32Array(saved.index);
			const position = new Int32Array(saved.position);
			const wakeAt = new Float64Array(saved.wakeAt);
			for (let k = 0; k < index.length; k++) state.runs.set(index[k]!, { position: position[k]!, wakeAt: wakeAt[k]! });
		}
		this.#rebuildQueue();
	}

	#enter(state: JourneyState, index: number, at: number, listener: DestinationListener): void {
		if (!state.active || state.runs.has(index)) return;
		if (state.exit && state.exit(index) > at) return;
		this.#proceed(state, index, state.program.start, at, listener);
	}

	/** Runs a profile from `position` until a wait step (the run is kept) or the end (the run ends). */
	#proceed(state: JourneyState, index: number, position: number, at: number, listener: DestinationListener): void {
		const instructions = state.program.instructions;
		while (position >= 0) {
			const step = instructions[position]!;
			if (step.kind === 'destination') {
				if (step.connectorId) listener(state, step, index, at);
				position = step.next;
			} else if (step.kind === 'branch') {
				position = step.test(index) > at ? step.then : step.otherwise;
			} else {
				const wakeAt = at + step.ms;
				const run = state.runs.get(index);
				if (run) {
					run.position = position;
					run.wakeAt = wakeAt;
				} else {
					state.runs.set(index, { position, wakeAt });
				}
				this.#wakes.push(wakeAt, state.slot, index);
				return;
			}
		}
		state.runs.delete(index);
	}

	#index(): void {
		this.#byAudience = new Map();
		this.#byEvent = EVENT_TYPES.map(() => []);
		this.#withExit = [];
		for (const state of this.#states) {
			if (!state.active) continue;
			if (state.exit) this.#withExit.push(state);
			const trigger = state.journey.published!.trigger;
			if (trigger.kind === 'audienceEntered') {
				const list = this.#byAudience.get(trigger.audienceId) ?? [];
				list.push(state);
				this.#byAudience.set(trigger.audienceId, list);
			} else {
				this.#byEvent[EVENT_TYPES.indexOf(trigger.eventType as (typeof EVENT_TYPES)[number])]?.push(state);
			}
		}
	}

	#rebuildQueue(): void {
		this.#wakes.clear();
		for (const state of this.#states) {
			if (!state.active) continue;
			for (const [index, run] of state.runs) this.#wakes.push(run.wakeAt, state.slot, index);
		}
	}
}

/** Runs carried over to a new program: same wait step by id, wake-up moved by the change in hours. */
function remapRuns(old: JourneyState, program: JourneyProgram): Map<number, JourneyRun> {
	const runs = new Map<number, JourneyRun>();
	for (const [index, run] of old.runs) {
		const before = old.program.instructions[run.position];
		if (before?.kind !== 'wait') continue;
		const position = program.positionOf.get(before.id);
		const after = position === undefined ? undefined : program.instructions[position];
		if (after?.kind !== 'wait') continue;
		runs.set(index, { position: position!, wakeAt: run.wakeAt - before.ms + after.ms });
	}
	return runs;
}

/** The event type a behaviour kind stands for, if a journey can start on it. */
export function eventTypeOf(kind: number): EventType | undefined {
	return EVENT_TYPES[kind];
}
