import { describe, expect, it } from 'vitest';
import { AliasTable, createRandom, hash32 } from '$lib/sim/random';

describe('the seeded random source', () => {
	it('gives the same draws for the same seed and different ones for another', () => {
		const a = createRandom(42);
		const b = createRandom(42);
		const c = createRandom(43);
		const drawsA = Array.from({ length: 20 }, () => a.next());
		expect(Array.from({ length: 20 }, () => b.next())).toEqual(drawsA);
		expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(drawsA);
		expect(drawsA.every((x) => x >= 0 && x < 1)).toBe(true);
	});

	it('resumes exactly from a saved state', () => {
		const random = createRandom(7);
		for (let i = 0; i < 5; i++) random.next();
		const resumed = createRandom(random.state());
		expect(Array.from({ length: 10 }, () => resumed.uint32())).toEqual(Array.from({ length: 10 }, () => random.uint32()));
	});

	it('draws Poisson counts with the right mean for small and large means', () => {
		const random = createRandom(1);
		for (const mean of [0.5, 4, 30, 2_000]) {
			let sum = 0;
			let sumSquares = 0;
			const n = 20_000;
			for (let i = 0; i < n; i++) {
				const k = random.poisson(mean);
				if (!Number.isInteger(k) || k < 0) throw new Error(`Poisson gave ${k}`);
				sum += k;
				sumSquares += k * k;
			}
			const average = sum / n;
			const variance = sumSquares / n - average * average;
			expect(Math.abs(average - mean) / mean).toBeLessThan(0.03);
			expect(Math.abs(variance - mean) / mean).toBeLessThan(0.08);
		}
		expect(random.poisson(0)).toBe(0);
	});

	it('draws ints, picks, weights and exponentials within their ranges', () => {
		const random = createRandom(3);
		const hits = [0, 0, 0];
		let exponentialSum = 0;
		const ints = new Set<number>();
		const picks = new Set<string>();
		for (let i = 0; i < 30_000; i++) {
			ints.add(random.int(5));
			picks.add(random.pick(['a', 'b']));
			hits[random.weighted([1, 0, 3])]!++;
			exponentialSum += random.exponential(2);
		}
		expect([...ints].sort()).toEqual([0, 1, 2, 3, 4]);
		expect([...picks].sort()).toEqual(['a', 'b']);
		expect(hits[1]).toBe(0);
		expect(hits[2]! / hits[0]!).toBeCloseTo(3, 0);
		expect(exponentialSum / 30_000).toBeCloseTo(0.5, 1);
	});

	it('picks from an alias table in proportion to the weights', () => {
		const table = new AliasTable([1, 0, 2, 7]);
		expect(table.total).toBe(10);
		const random = createRandom(9);
		const hits = [0, 0, 0, 0];
		for (let i = 0; i < 100_000; i++) hits[table.sample(random)]!++;
		expect(hits[1]).toBe(0);
		expect(hits[0]! / 100_000).toBeCloseTo(0.1, 1);
		expect(hits[3]! / 100_000).toBeCloseTo(0.7, 1);
		expect(new AliasTable([0, 0]).sample(random)).toBe(-1);
	});

	it('hashes integers deterministically', () => {
		expect(hash32(1, 2, 3)).toBe(hash32(1, 2, 3));
		expect(hash32(1, 2, 3)).not.toBe(hash32(1, 2, 4));
	});
});
