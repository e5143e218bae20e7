/**
 * Seeded randomness for the simulator: sfc32 (small, fast, 128 bits of state that fit in a
 * snapshot) plus the draws the simulator needs, and a stateless hash for values that are
 * derived on demand from (seed, profile index) rather than drawn in sequence.
 */

/** The four 32-bit words of an sfc32 generator, enough to resume it exactly. */
export type RandomState = [number, number, number, number];

/** A seeded random source. Every draw advances the state; `state()` captures it. */
export class Random {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(seedOrState: number | RandomState) {
		if (typeof seedOrState === 'number') {
			// Spread a 32-bit seed over the state, then discard the first outputs (sfc32's warm-up).
			const seed = seedOrState >>> 0;
			this.#a = hash32(seed, 0x243f6a88);
			this.#b = hash32(seed, 0x85a308d3);
			this.#c = hash32(seed, 0x13198a2e);
			this.#d = 1;
			for (let i = 0; i < 12; i++) this.uint32();
		} else {
			[this.#a, this.#b, this.#c, this.#d] = seedOrState.map((word) => word >>> 0) as RandomState;
		}
	}

	/** A uniform 32-bit unsigned integer. */
	uint32(): number {
		const a = this.#a;
		const b = this.#b;
		const c = this.#c;
		const d = this.#d;
		const t = (((a + b) | 0) + d) | 0;
		this.#d = (d + 1) | 0;
		this.#a = b ^ (b >>> 9);
		this.#b = (c + (c << 3)) | 0;
		this.#c = ((c << 21) | (c >>> 11)) + t;
		return t >>> 0;
	}

	/** Uniform in [0, 1) with 32 bits of resolution. */
	next(): number {
		return this.uint32() / 4294967296;
	}

	/** Uniform in [0, 1) with 53 bits of resolution, for picks among a million. */
	nextDouble(): number {
		return (this.uint32() * 2097152 + (this.uint32() >>> 11)) / 9007199254740992;
	}

	/** An integer in [0, maxExclusive). */
	int(maxExclusive: number): number {
		return Math.floor(this.nextDouble() * maxExclusive);
	}

	/** Uniform in [min, max). */
	range(min: number, max: number): number {
		return min + (max - min) * this.next();
	}

	bernoulli(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('Cannot pick from an empty list.');
		return items[this.int(items.length)]!;
	}

	/** An index drawn with probability proportional to its weight (weights need not sum to 1). */
	weighted(weights: ArrayLike<number>): number {
		let total = 0;
		for (let i = 0; i < weights.length; i++) total += weights[i]!;
		let u = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			u -= weights[i]!;
			if (u < 0) return i;
		}
		// Rounding can leave u at 0: the last item with a positive weight.
		for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
		return 0;
	}

	/** Exponential with the given rate (mean 1 / rate). */
	exponential(rate: number): number {
		return -Math.log(1 - this.next()) / rate;
	}

	/** Standard normal (Box–Muller; one of the pair is dropped, which keeps the state simple). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal: exp(mu + sigma * Z). */
	logNormal(mu: number, sigma: number): number {
		return Math.exp(mu + sigma * this.normal());
	}

	/** Poisson with the given mean: multiplication for small means, PTRS (Hörmann 1993) above. */
	poisson(mean: number): number {
		if (!(mean > 0)) return 0;
		if (mean < 12) {
			const limit = Math.exp(-mean);
			let k = 0;
			let p = this.next();
			while (p > limit) {
				k++;
				p *= this.next();
			}
			return k;
		}
		const sqrtMean = Math.sqrt(mean);
		const logMean = Math.log(mean);
		const b = 0.931 + 2.53 * sqrtMean;
		const a = -0.059 + 0.02483 * b;
		const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
		const vr = 0.9277 - 3.6224 / (b - 2);
		for (;;) {
			const u = this.next() - 0.5;
			const v = this.next();
			const us = 0.5 - Math.abs(u);
			const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
			if (us >= 0.07 && v <= vr) return k;
			if (k < 0 || (us < 0.013 && v > us)) continue;
			if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) return k;
		}
	}

	/** The state to resume from, as plain numbers. */
	state(): RandomState {
		return [this.#a >>> 0, this.#b >>> 0, this.#c >>> 0, this.#d >>> 0];
	}
}

/** A new seeded random source. */
export function createRandom(seedOrState: number | RandomState): Random {
	return new Random(seedOrState);
}

const LOG_FACTORIALS = [0, 0, 0.6931471805599453, 1.791759469228055, 3.1780538303479458, 4.787491742782046, 6.579251212010101, 8.525161361065415, 10.60460290274525, 12.801827480081469];

/** ln(k!), exact from a table for small k, Stirling's series above. */
export function logFactorial(k: number): number {
	if (k < LOG_FACTORIALS.length) return LOG_FACTORIALS[k]!;
	const n = k + 1;
	return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n * n * n);
}

function fmix32(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** A well-mixed 32-bit hash of up to three integers (murmur3's finaliser chained). */
export function hash32(a: number, b: number, c = 0): number {
	let h = fmix32((a ^ 0x9e3779b9) >>> 0);
	h = fmix32((h ^ b) >>> 0);
	h = fmix32((h + Math.imul(c ^ 0x27d4eb2f, 0x165667b1)) >>> 0);
	return h;
}

/** A uniform in [0, 1) derived from integers, for attributes computed on demand. */
export function hashUnit(a: number, b: number, c = 0): number {
	return hash32(a, b, c) / 4294967296;
}

/**
 * Vose's alias table: draws an index with probability proportional to its weight in O(1),
 * so picking the profile behind each of thousands of events an hour costs a few operations.
 */
export class AliasTable {
	readonly size: number;
	/** The sum of the weights: the rate of the whole population when weights are rates. */
	readonly total: number;
	readonly #probability: Float32Array;
	readonly #alias: Int32Array;

	constructor(weights: ArrayLike<number>) {
		const n = weights.length;
		this.size = n;
		this.#probability = new Float32Array(n);
		this.#alias = new Int32Array(n);
		let total = 0;
		for (let i = 0; i < n; i++) total += weights[i]!;
		this.total = total;
		if (n === 0 || !(total > 0)) return;
		const scaled = new Float64Array(n);
		const small = new Int32Array(n);
		const large = new Int32Array(n);
		let smallCount = 0;
		let largeCount = 0;
		for (let i = 0; i < n; i++) {
			const p = (weights[i]! * n) / total;
			scaled[i] = p;
			if (p < 1) small[smallCount++] = i;
			else large[largeCount++] = i;
		}
		while (smallCount > 0 && largeCount > 0) {
			const s = small[--smallCount]!;
			const l = large[--largeCount]!;
			this.#probability[s] = scaled[s]!;
			this.#alias[s] = l;
			const rest = scaled[l]! + scaled[s]! - 1;
			scaled[l] = rest;
			if (rest < 1) small[smallCount++] = l;
			else large[largeCount++] = l;
		}
		while (largeCount > 0) {
			const l = large[--largeCount]!;
			this.#probability[l] = 1;
			this.#alias[l] = l;
		}
		// What is left in `small` is 1 up to rounding.
		while (smallCount > 0) {
			const s = small[--smallCount]!;
			this.#probability[s] = 1;
			this.#alias[s] = s;
		}
	}

	/** An index drawn by weight; -1 when every weight is zero. */
	sample(random: Random): number {
		if (!(this.total > 0)) return -1;
		// 32 bits are enough to reach every index of a million-entry table.
		const i = Math.floor(random.next() * this.size);
		return random.next() < this.#probability[i]! ? i : this.#alias[i]!;
	}
}
