import type { Population } from './population';
import { AliasTable, hash32, Random } from './random';
import {
	APP_OPEN,
	BEHAVIOUR_KINDS,
	CONSENT_REVIEW,
	EMAIL_CLICK,
	HOUR_MS,
	MARKETING_CONSENT_SHARE,
	PURCHASE,
	PURCHASE_MU,
	PURCHASE_SIGMA,
	VISIT,
	dailyRate,
	rhythm
} from './traits';

/** Behaviour events as compact parallel arrays; `kind` indexes EVENT_TYPES (4 is a consent review). */
export interface BehaviourEvents {
	count: number;
	profile: Int32Array;
	kind: Uint8Array;
	/** Epoch milliseconds, ascending. */
	at: Float64Array;
	/** A purchase's amount, or a consent review's outcome (1 consents); 0 otherwise. */
	value: Float32Array;
}

/** Where the behaviour stands: enough, with the seed, to regenerate the current hour and resume. */
export interface BehaviourSnapshot {
	hour: number;
	/** The traffic rate the current hour was drawn with. */
	hourRate: number;
	cursor: number;
	trafficRate: number;
}

export interface BehaviourOptions {
	seed: number;
	/** Multiplies every behaviour rate (1 is the designed traffic). */
	trafficRate: number;
	/** The sandbox clock: events before it are not replayed. */
	now: number;
}

/**
 * Behaviour over time as one Poisson process over the whole population, drawn an hour at a
 * time: the number of events in a UTC hour is one Poisson draw (the population's total rate
 * times the daily rhythm and the traffic rate), each event's kind is drawn by rate and its
 * profile from an alias table weighted by the profiles' own rates. An hour's events depend
 * only on the seed, the hour and the traffic rate, never on how the clock is advanced, so
 * advancing in one step or in a thousand gives the same events.
 */
export class Behaviour {
	readonly population: Population;
	readonly #seed: number;
	#trafficRate: number;
	/** Per kind: picks the profile behind an event (consent reviews pick uniformly). */
	readonly #tables: AliasTable[] = [];
	/** Per kind: events per day across the population at traffic rate 1. */
	readonly #dailyTotals = new Float64Array(BEHAVIOUR_KINDS);

	#hour = 0;
	#hourRate = 1;
	#count = 0;
	#cursor = 0;
	#profile = new Int32Array(1024);
	#kind = new Uint8Array(1024);
	#at = new Float64Array(1024);
	#value = new Float32Array(1024);

	/** The event `applyNext` applied last. */
	lastProfile = -1;
	lastKind = -1;
	lastAt = NaN;

	constructor(population: Population, { seed, trafficRate, now }: BehaviourOptions) {
		this.population = population;
		this.#seed = hash32(seed, 0xbe4a);
		this.#trafficRate = checkRate(trafficRate);
		const weights = new Float64Array(population.size);
		for (let kind = 0; kind < BEHAVIOUR_KINDS; kind++) {
			if (kind === CONSENT_REVIEW) {
				this.#dailyTotals[kind] = dailyRate(kind, 1, 0) * population.size;
				continue;
			}
			for (let i = 0; i < population.size; i++) weights[i] = dailyRate(kind, population.activity[i]!, population.identifiers[i]!);
			const table = new AliasTable(weights);
			this.#tables[kind] = table;
			this.#dailyTotals[kind] = table.total;
		}
		this.#generate(Math.floor(now / HOUR_MS), this.#trafficRate);
		this.#cursor = this.#firstAtOrAfter(now);
	}

	get trafficRate(): number {
		return this.#trafficRate;
	}

	/** Events per day across the population at traffic rate 1, by kind. */
	get dailyTotals(): readonly number[] {
		return Array.from(this.#dailyTotals);
	}

	/** Changes the traffic rate from `now` on: the rest of the current hour is drawn again. */
	setTrafficRate(rate: number, now: number): void {
		this.#trafficRate = checkRate(rate);
		const hour = Math.floor(now / HOUR_MS);
		if (hour >= this.#hour) {
			this.#generate(hour, this.#trafficRate);
			this.#cursor = this.#firstAtOrAfter(now);
		}
	}

	/** The time of the next event before `before`, or Infinity; draws the hours it passes. */
	nextEventTime(before: number): number {
		while (this.#cursor >= this.#count) {
			const next = this.#hour + 1;
			if (next * HOUR_MS >= before) return Infinity;
			this.#generate(next, this.#trafficRate);
		}
		const at = this.#at[this.#cursor]!;
		return at < before ? at : Infinity;
	}

	/** Applies the next event (call after nextEventTime returned a finite time). */
	applyNext(): void {
		const k = this.#cursor++;
		const i = this.#profile[k]!;
		const kind = this.#kind[k]!;
		const at = this.#at[k]!;
		const p = this.population;
		switch (kind) {
			case VISIT:
				p.lastVisit[i] = at;
				break;
			case PURCHASE:
				// A purchase happens during a visit.
				p.lastPurchase[i] = at;
				p.lastVisit[i] = at;
				p.lifetimeValue[i] = p.lifetimeValue[i]! + this.#value[k]!;
				break;
			case APP_OPEN:
				p.lastAppOpen[i] = at;
				break;
			case EMAIL_CLICK:
				p.lastEmailClick[i] = at;
				break;
			default:
				p.marketingConsent[i] = this.#value[k]!;
		}
		this.lastProfile = i;
		this.lastKind = kind;
		this.lastAt = at;
	}

	/** Applies every event before `to` and returns them (copies). */
	advance(to: number): BehaviourEvents {
		const events: BehaviourEvents = {
			count: 0,
			profile: new Int32Array(64),
			kind: new Uint8Array(64),
			at: new Float64Array(64),
			value: new Float32Array(64)
		};
		while (this.nextEventTime(to) < to) {
			const k = this.#cursor;
			if (events.count === events.at.length) grow(events);
			events.profile[events.count] = this.#profile[k]!;
			events.kind[events.count] = this.#kind[k]!;
			events.at[events.count] = this.#at[k]!;
			events.value[events.count] = this.#value[k]!;
			events.count++;
			this.applyNext();
		}
		return events;
	}

	snapshot(): BehaviourSnapshot {
		return { hour: this.#hour, hourRate: this.#hourRate, cursor: this.#cursor, trafficRate: this.#trafficRate };
	}

	restore(snapshot: BehaviourSnapshot): void {
		this.#trafficRate = checkRate(snapshot.trafficRate);
		this.#generate(snapshot.hour, snapshot.hourRate);
		this.#cursor = Math.min(snapshot.cursor, this.#count);
	}

	#generate(hour: number, rate: number): void {
		this.#hour = hour;
		this.#hourRate = rate;
		this.#cursor = 0;
		const random = new Random(hash32(this.#seed, hour >>> 0, Math.floor(hour / 4294967296)));
		const utcHour = ((hour % 24) + 24) % 24;
		const perHour = (rhythm(utcHour) * rate) / 24;
		const cumulative = new Float64Array(BEHAVIOUR_KINDS);
		let total = 0;
		for (let kind = 0; kind < BEHAVIOUR_KINDS; kind++) {
			total += this.#dailyTotals[kind]! * perHour;
			cumulative[kind] = total;
		}
		const n = random.poisson(total);
		this.#count = n;
		if (n === 0) return;
		if (n > this.#at.length) this.#resize(n);
		// Sorted uniform times from exponential spacings: no sort needed.
		const at = this.#at;
		let sum = 0;
		for (let j = 0; j < n; j++) {
			sum -= Math.log(1 - random.next());
			at[j] = sum;
		}
		sum -= Math.log(1 - random.next());
		const start = hour * HOUR_MS;
		for (let j = 0; j < n; j++) at[j] = start + Math.floor((at[j]! / sum) * HOUR_MS);
		const size = this.population.size;
		for (let j = 0; j < n; j++) {
			const u = random.next() * total;
			let kind = 0;
			while (kind < BEHAVIOUR_KINDS - 1 && u >= cumulative[kind]!) kind++;
			this.#kind[j] = kind;
			if (kind === CONSENT_REVIEW) {
				this.#profile[j] = random.int(size);
				this.#value[j] = random.next() < MARKETING_CONSENT_SHARE ? 1 : 0;
			} else {
				this.#profile[j] = this.#tables[kind]!.sample(random);
				this.#value[j] = kind === PURCHASE ? Math.round(random.logNormal(PURCHASE_MU, PURCHASE_SIGMA) * 100) / 100 : 0;
			}
		}
	}

	#firstAtOrAfter(now: number): number {
		let lo = 0;
		let hi = this.#count;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.#at[mid]! < now) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	#resize(n: number): void {
		const capacity = Math.max(n, this.#at.length * 2);
		this.#profile = new Int32Array(capacity);
		this.#kind = new Uint8Array(capacity);
		this.#at = new Float64Array(capacity);
		this.#value = new Float32Array(capacity);
	}
}

/** Advances a population's behaviour to `to`, applying the events and returning them. */
export function advanceBehaviour(behaviour: Behaviour, to: number): BehaviourEvents {
	return behaviour.advance(to);
}

function checkRate(rate: number): number {
	if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`A traffic rate is a number of at least 0, not ${rate}.`);
	return rate;
}

function grow(events: BehaviourEvents): void {
	const capacity = events.at.length * 2;
	const profile = new Int32Array(capacity);
	const kind = new Uint8Array(capacity);
	const at = new Float64Array(capacity);
	const value = new Float32Array(capacity);
	profile.set(events.profile);
	kind.set(events.kind);
	at.set(events.at);
	value.set(events.value);
	Object.assign(events, { profile, kind, at, value });
}
