/**
 * A min-heap of (time, key) pairs in typed arrays: the simulator's wake-ups (a membership that
 * expires, a journey wait that ends). Ties on time are broken by key, so the order in which
 * entries come out depends only on the set of entries, never on how the heap was built: a
 * queue rebuilt from a snapshot replays exactly like the original.
 *
 * Entries are never removed early; their owner marks them stale (its own record of the wake
 * time no longer matches) and skips them when they come out.
 */
export class TimeQueue {
	#times: Float64Array;
	#keys: Float64Array;
	#size = 0;

	constructor(capacity = 1024) {
		this.#times = new Float64Array(Math.max(16, capacity));
		this.#keys = new Float64Array(Math.max(16, capacity));
	}

	get size(): number {
		return this.#size;
	}

	/** The earliest time queued, or Infinity. */
	peekTime(): number {
		return this.#size > 0 ? this.#times[0]! : Infinity;
	}

	/** The key of the earliest entry (only valid when size > 0). */
	peekKey(): number {
		return this.#keys[0]!;
	}

	push(time: number, key: number): void {
		if (this.#size === this.#times.length) this.#grow();
		const times = this.#times;
		const keys = this.#keys;
		let i = this.#size++;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const pt = times[parent]!;
			if (pt < time || (pt === time && keys[parent]! <= key)) break;
			times[i] = pt;
			keys[i] = keys[parent]!;
			i = parent;
		}
		times[i] = time;
		keys[i] = key;
	}

	/** Removes the earliest entry. */
	pop(): void {
		const n = --this.#size;
		if (n <= 0) {
			this.#size = 0;
			return;
		}
		const times = this.#times;
		const keys = this.#keys;
		const time = times[n]!;
		const key = keys[n]!;
		let i = 0;
		for (;;) {
			const left = 2 * i + 1;
			if (left >= n) break;
			const right = left + 1;
			let child = left;
			if (right < n) {
				const lt = times[left]!;
				const rt = times[right]!;
				if (rt < lt || (rt === lt && keys[right]! < keys[left]!)) child = right;
			}
			const ct = times[child]!;
			if (time < ct || (time === ct && key <= keys[child]!)) break;
			times[i] = ct;
			keys[i] = keys[child]!;
			i = child;
		}
		times[i] = time;
		keys[i] = key;
	}

	clear(): void {
		this.#size = 0;
	}

	#grow(): void {
		const times = new Float64Array(this.#times.length * 2);
		const keys = new Float64Array(this.#keys.length * 2);
		times.set(this.#times);
		keys.set(this.#keys);
		this.#times = times;
		this.#keys = keys;
	}
}
