import type { Audience, ConnectorUse } from '$lib/domain/audience';
import { compileRuleGroup, eventMaskOf, type MatchUntil } from './compile-rules';
import { definitionKey } from './definition-key';
import type { Population } from './population';
import { SlotWakes } from './slot-wakes';

/**
 * Audience membership over a population.
 *
 * Semantics (issue 5): a profile is a member while it matches the rules and does not meet the
 * exit conditions. So it enters when it first matches, stays while it matches, leaves when it
 * stops matching or meets an exit condition, and does not re-enter while the exit condition
 * holds; once the exit condition no longer holds and the rules still match, it enters again.
 *
 * Rules are re-evaluated for a profile when its behaviour changes an attribute they read, and
 * at the exact moment a "within the last N days" window runs out (a time-ordered queue of
 * wake-ups, one per member at most), so profiles leave by time alone without rescanning.
 */

/** One audience's membership state. */
export interface AudienceState {
	audience: Audience;
	/** Position in the current list: wake-up keys are slot * size + index. */
	slot: number;
	rulesKey: string;
	rules: MatchUntil;
	exit: MatchUntil | null;
	/** Behaviour kinds that can change the outcome. */
	eventMask: number;
	/** 1 for a member. */
	member: Uint8Array;
	/** When the profile's queued wake-up is (no later than it could change by time alone); NaN for none. */
	wakeAt: Float64Array;
	members: number;
}

/** Who entered and who left an audience. */
export interface MembershipChanges {
	entered: number[];
	left: number[];
}

/** What a change of definitions did to one audience. */
export interface DefinitionChanges extends MembershipChanges {
	/** Connectors attached since the last definitions: they need the current members. */
	addedConnectors: ConnectorUse[];
}

/** Called when a profile enters (true) or leaves (false) an audience. */
export type MembershipListener = (state: AudienceState, index: number, entered: boolean, at: number) => void;

/** Memberships as structured-cloneable data. */
export interface MembershipSnapshot {
	audiences: Array<{
		audience: Audience;
		member: ArrayBuffer;
		wakeIndex: ArrayBuffer;
		wakeTime: ArrayBuffer;
	}>;
}

/** Membership of every audience in the workspace, kept up to date as profiles change. */
export class AudienceMemberships {
	readonly population: Population;
	#states: AudienceState[] = [];
	#byId = new Map<string, AudienceState>();
	readonly #wakes: SlotWakes;
	#scheduling = true;

	/** Memberships at `now`, computed silently: profiles that match at the start are members without entering. */
	constructor(population: Population, audiences: readonly Audience[], now: number) {
		this.population = population;
		this.#wakes = new SlotWakes(population.size);
		this.setAudiences(audiences, now);
	}

	get states(): readonly AudienceState[] {
		return this.#states;
	}

	state(audienceId: string): AudienceState | undefined {
		return this.#byId.get(audienceId);
	}

	isMember(audienceId: string, index: number): boolean {
		return this.#byId.get(audienceId)?.member[index] === 1;
	}

	/** The number of members, or 0 for an unknown audience. */
	memberCount(audienceId: string): number {
		return this.#byId.get(audienceId)?.members ?? 0;
	}

	/** The members' indexes, ascending. */
	membersOf(audienceId: string): Int32Array {
		const state = this.#byId.get(audienceId);
		if (!state) return new Int32Array(0);
		const out = new Int32Array(state.members);
		let n = 0;
		for (let i = 0; i < state.member.length; i++) if (state.member[i]) out[n++] = i;
		return out;
	}

	/**
	 * Takes new definitions. Audiences whose rules or exit conditions changed, and new ones,
	 * are evaluated for every profile at `now`; the differences are returned (a new audience:
	 * everyone who matches enters). Removed audiences are forgotten without leaving.
	 */
	setAudiences(audiences: readonly Audience[], now: number): Map<string, DefinitionChanges> {
		const changes = new Map<string, DefinitionChanges>();
		const states: AudienceState[] = [];
		const byId = new Map<string, AudienceState>();
		this.#scheduling = false;
		let layoutChanged = audiences.length !== this.#states.length;
		for (const audience of audiences) {
			if (byId.has(audience.id)) continue;
			const old = this.#byId.get(audience.id);
			const rulesKey = definitionKey([audience.rules, audience.exitConditions]);
			const before = new Set(old?.audience.connectors.map((use) => use.connectorId) ?? []);
			const addedConnectors = old ? audience.connectors.filter((use) => !before.has(use.connectorId)) : [];
			let state: AudienceState;
			if (old && old.rulesKey === rulesKey) {
				state = old;
				state.audience = audience;
				if (addedConnectors.length > 0) changes.set(audience.id, { entered: [], left: [], addedConnectors });
			} else {
				state = this.#compile(audience, rulesKey, old?.member);
				const result: DefinitionChanges = { entered: [], left: [], addedConnectors };
				for (let i = 0; i < this.population.size; i++) {
					const change = this.#update(state, i, now);
					if (change > 0) result.entered.push(i);
					else if (change < 0) result.left.push(i);
				}
				changes.set(audience.id, result);
				layoutChanged = true;
			}
			if (state.slot !== states.length) layoutChanged = true;
			state.slot = states.length;
			states.push(state);
			byId.set(audience.id, state);
		}
		this.#scheduling = true;
		this.#states = states;
		this.#byId = byId;
		// Wake-up keys hold slots: only a new layout needs a new queue.
		if (layoutChanged) this.#rebuildQueue();
		return changes;
	}

	/**
	 * Looks at one profile again at `at`, after behaviour of `kind` changed it (-1: any change),
	 * and reports each audience it enters or leaves.
	 */
	evaluateProfile(index: number, at: number, kind: number, listener: MembershipListener): void {
		const bit = kind < 0 ? -1 : 1 << kind;
		const states = this.#states;
		for (let s = 0; s < states.length; s++) {
			const state = states[s]!;
			if ((state.eventMask & bit) === 0) continue;
			const change = this.#update(state, index, at);
			if (change !== 0) listener(state, index, change > 0, at);
		}
	}

	/** The time of the next wake-up, or Infinity (stale entries are dropped on the way). */
	nextWakeTime(): number {
		return this.#wakes.nextTime(this.#isCurrentWake);
	}

	/** Handles the next wake-up (call after nextWakeTime returned a finite time). */
	processNextWake(listener: MembershipListener): void {
		const time = this.nextWakeTime();
		if (time === Infinity) return;
		const state = this.#states[this.#wakes.nextSlot]!;
		const index = this.#wakes.nextIndex;
		this.#wakes.pop();
		state.wakeAt[index] = NaN;
		const change = this.#update(state, index, time);
		if (change !== 0) listener(state, index, change > 0, time);
	}

	readonly #isCurrentWake = (slot: number, index: number, time: number): boolean => this.#states[slot]?.wakeAt[index] === time;

	/**
	 * Brings memberships to `now`: first what time alone changed since, then the profiles whose
	 * attributes changed. Returns who entered and left, per audience id.
	 */
	evaluate(changedIndexes: ArrayLike<number>, now: number): Map<string, MembershipChanges> {
		const result = new Map<string, MembershipChanges>();
		for (const state of this.#states) result.set(state.audience.id, { entered: [], left: [] });
		const listener: MembershipListener = (state, index, entered) => {
			const changes = result.get(state.audience.id)!;
			(entered ? changes.entered : changes.left).push(index);
		};
		while (this.nextWakeTime() <= now) this.processNextWake(listener);
		for (let k = 0; k < changedIndexes.length; k++) this.evaluateProfile(changedIndexes[k]!, now, -1, listener);
		return result;
	}

	snapshot(): MembershipSnapshot {
		return {
			audiences: this.#states.map((state) => {
				let n = 0;
				for (let i = 0; i < state.wakeAt.length; i++) if (state.wakeAt[i] === state.wakeAt[i]) n++;
				const wakeIndex = new Int32Array(n);
				const wakeTime = new Float64Array(n);
				n = 0;
				for (let i = 0; i < state.wakeAt.length; i++) {
					const at = state.wakeAt[i]!;
					if (at === at) {
						wakeIndex[n] = i;
						wakeTime[n++] = at;
					}
				}
				return { audience: state.audience, member: state.member.slice().buffer, wakeIndex: wakeIndex.buffer, wakeTime: wakeTime.buffer };
			})
		};
	}

	/** Puts back memberships exactly as they were, under the definitions they were taken with. */
	restore(snapshot: MembershipSnapshot): void {
		const states: AudienceState[] = [];
		const byId = new Map<string, AudienceState>();
		for (const saved of snapshot.audiences) {
			const member = new Uint8Array(saved.member);
			if (member.length !== this.population.size) throw new Error('The membership snapshot is of another population.');
			const state = this.#compile(saved.audience, definitionKey([saved.audience.rules, saved.audience.exitConditions]), member);
			let members = 0;
			for (let i = 0; i < member.length; i++) members += member[i]!;
			state.members = members;
			const wakeIndex = new Int32Array(saved.wakeIndex);
			const wakeTime = new Float64Array(saved.wakeTime);
			for (let k = 0; k < wakeIndex.length; k++) state.wakeAt[wakeIndex[k]!] = wakeTime[k]!;
			state.slot = states.length;
			states.push(state);
			byId.set(saved.audience.id, state);
		}
		this.#states = states;
		this.#byId = byId;
		this.#rebuildQueue();
	}

	#compile(audience: Audience, rulesKey: string, member: Uint8Array | undefined): AudienceState {
		const size = this.population.size;
		const current = member ? new Uint8Array(member) : new Uint8Array(size);
		let members = 0;
		for (let i = 0; i < size; i++) members += current[i]!;
		return {
			audience,
			slot: 0,
			rulesKey,
			rules: compileRuleGroup(audience.rules, this.population),
			exit: audience.exitConditions ? compileRuleGroup(audience.exitConditions, this.population) : null,
			eventMask: eventMaskOf(audience.rules, audience.exitConditions),
			member: current,
			wakeAt: new Float64Array(size).fill(NaN),
			members
		};
	}

	/** Updates one profile's membership at `now`: +1 entered, -1 left, 0 unchanged. */
	#update(state: AudienceState, index: number, now: number): number {
		const until = state.rules(index);
		const matches = until > now;
		const exitUntil = matches && state.exit ? state.exit(index) : -Infinity;
		const isMember = matches && !(exitUntil > now);
		// A member leaves when its rules run out; a profile held out by an exit condition that
		// runs out first enters then. Nothing else changes by time alone: time only ends matches.
		const wake = isMember ? (until === Infinity ? NaN : until) : matches && exitUntil < until ? exitUntil : NaN;
		// One queued wake-up per profile and audience at most, never later than needed. A frequent
		// visitor pushes its expiry back at every visit; rather than queueing each new moment, the
		// earlier wake-up stays and, when it comes, looks again and queues the real one.
		const queued = state.wakeAt[index]!;
		if (wake === wake && !(queued <= wake)) {
			state.wakeAt[index] = wake;
			if (this.#scheduling) this.#wakes.push(wake, state.slot, index);
		}
		const was = state.member[index] === 1;
		if (isMember === was) return 0;
		state.member[index] = isMember ? 1 : 0;
		state.members += isMember ? 1 : -1;
		return isMember ? 1 : -1;
	}

	#rebuildQueue(): void {
		this.#wakes.clear();
		const size = this.population.size;
		for (const state of this.#states) {
			const wakeAt = state.wakeAt;
			for (let i = 0; i < size; i++) {
				const at = wakeAt[i]!;
				if (at === at) this.#wakes.push(at, state.slot, i);
			}
		}
	}
}

const SAMPLE_LIMIT = 200_000;

/**
 * A live size estimate for an audience being edited: how many profiles would be members at
 * `now`. Exact up to 200,000 profiles; above that, an evenly spread sample scaled up.
 */
export function sizeEstimate(audience: Pick<Audience, 'rules' | 'exitConditions'>, population: Population, now: number): number {
	const rules = compileRuleGroup(audience.rules, population);
	const exit = audience.exitConditions ? compileRuleGroup(audience.exitConditions, population) : null;
	const size = population.size;
	const step = size > SAMPLE_LIMIT ? size / SAMPLE_LIMIT : 1;
	let count = 0;
	let sampled = 0;
	for (let x = 0; x < size; x += step) {
		const i = Math.floor(x);
		sampled++;
		if (rules(i) > now && !(exit && exit(i) > now)) count++;
	}
	return step === 1 ? count : Math.round((count * size) / sampled);
}
