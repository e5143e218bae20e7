import { describe, expect, it } from 'vitest';
import { Behaviour } from '$lib/sim/behaviour';
import { createPopulation } from '$lib/sim/population';
import { CONSENT_REVIEW, EVENT_TYPES, PURCHASE, VISIT } from '$lib/sim/traits';
import { DAY, HOUR, NOW } from './fixtures';

const START = Date.UTC(2026, 10, 28); // midnight UTC

function setup(trafficRate = 1, seed = 4) {
	const population = createPopulation({ seed, size: 20_000, now: START });
	return { population, behaviour: new Behaviour(population, { seed, trafficRate, now: START }) };
}

describe('behaviour over time', () => {
	it('returns events in time order within the interval, as compact arrays', () => {
		const { behaviour } = setup();
		const events = behaviour.advance(START + DAY);
		expect(events.count).toBeGreaterThan(1_000);
		expect(events.at).toBeInstanceOf(Float64Array);
		expect(events.profile).toBeInstanceOf(Int32Array);
		for (let k = 0; k < events.count; k++) {
			if (events.at[k]! < START || events.at[k]! >= START + DAY) throw new Error('event outside the interval');
			if (k > 0 && events.at[k]! < events.at[k - 1]!) throw new Error('events out of order');
		}
		const kinds = new Set(Array.from(events.kind.subarray(0, events.count)));
		for (let kind = 0; kind < EVENT_TYPES.length; kind++) expect(kinds.has(kind)).toBe(true);
	});

	it('gives the same events however the clock is cut, and others for another seed', () => {
		const whole = setup().behaviour.advance(START + 2 * DAY);
		const sliced = setup().behaviour;
		const parts: number[] = [];
		for (let t = START + 7 * 60_000; t <= START + 2 * DAY; t += 7 * 60_000) {
			const events = sliced.advance(Math.min(t, START + 2 * DAY));
			parts.push(...events.at.subarray(0, events.count));
		}
		const rest = sliced.advance(START + 2 * DAY);
		parts.push(...rest.at.subarray(0, rest.count));
		expect(parts).toEqual(Array.from(whole.at.subarray(0, whole.count)));
		const other = setup(1, 5).behaviour.advance(START + 2 * DAY);
		expect(Array.from(other.at.subarray(0, other.count))).not.toEqual(Array.from(whole.at.subarray(0, whole.count)));
	});

	it('follows a daily rhythm and scales with the traffic rate', () => {
		const { behaviour } = setup();
		const events = behaviour.advance(START + 7 * DAY);
		let night = 0;
		let evening = 0;
		for (let k = 0; k < events.count; k++) {
			const hour = new Date(events.at[k]!).getUTCHours();
			if (hour >= 2 && hour < 6) night++;
			if (hour >= 17 && hour < 21) evening++;
		}
		expect(evening).toBeGreaterThan(2 * night);
		const doubled = setup(2).behaviour.advance(START + 7 * DAY);
		expect(doubled.count / events.count).toBeCloseTo(2, 1);
		expect(setup(0).behaviour.advance(START + 7 * DAY).count).toBe(0);
	});

	it('updates last visits, purchases raise lifetime value, and consent is reviewed', () => {
		const { population, behaviour } = setup();
		const valueBefore = population.lifetimeValue.slice();
		const events = behaviour.advance(START + 14 * DAY);
		let purchases = 0;
		let reviews = 0;
		for (let k = 0; k < events.count; k++) {
			const i = events.profile[k]!;
			if (events.kind[k] === VISIT && population.lastVisit[i]! < events.at[k]!) throw new Error('visit not recorded');
			if (events.kind[k] === PURCHASE) {
				purchases++;
				expect(population.lastPurchase[i]).toBeGreaterThanOrEqual(events.at[k]!);
				expect(population.lifetimeValue[i]).toBeGreaterThan(valueBefore[i]!);
			}
			if (events.kind[k] === CONSENT_REVIEW) reviews++;
		}
		expect(purchases).toBeGreaterThan(100);
		expect(reviews).toBeGreaterThan(100);
	});

	it('takes a new traffic rate from the moment it is set', () => {
		const { behaviour } = setup();
		behaviour.advance(START + 30 * 60_000);
		behaviour.setTrafficRate(0, START + 30 * 60_000);
		expect(behaviour.advance(START + DAY).count).toBe(0);
		behaviour.setTrafficRate(1, START + DAY);
		expect(behaviour.advance(START + 2 * DAY).count).toBeGreaterThan(0);
	});

	it('resumes from a snapshot mid-hour with the same events', () => {
		const a = setup();
		a.behaviour.advance(START + 5 * HOUR + 123_456);
		const snapshot = structuredClone({ behaviour: a.behaviour.snapshot(), population: a.population.snapshot() });
		const expected = a.behaviour.advance(START + DAY);
		const b = setup();
		b.population.restore(snapshot.population);
		b.behaviour.restore(snapshot.behaviour);
		const resumed = b.behaviour.advance(START + DAY);
		expect(Array.from(resumed.profile.subarray(0, resumed.count))).toEqual(Array.from(expected.profile.subarray(0, expected.count)));
		expect(b.population.lifetimeValue).toEqual(a.population.lifetimeValue);
	});

	it('starts at the clock, not at the start of its hour', () => {
		const { behaviour } = setup();
		const events = new Behaviour(createPopulation({ seed: 4, size: 20_000, now: NOW }), { seed: 4, trafficRate: 1, now: NOW + 30 * 60_000 }).advance(NOW + HOUR);
		for (let k = 0; k < events.count; k++) expect(events.at[k]).toBeGreaterThanOrEqual(NOW + 30 * 60_000);
		expect(behaviour.trafficRate).toBe(1);
	});
});
