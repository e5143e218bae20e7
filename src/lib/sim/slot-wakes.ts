import { TimeQueue } from './time-queue';

/**
 * The wake-ups of profiles in numbered slots (one slot per audience or journey) on one
 * TimeQueue, each keyed by slot and profile index. Entries are never removed early: the owner
 * says which are still current, and the stale ones are dropped as they come up.
 */
export class SlotWakes {
	readonly #queue = new TimeQueue();
	readonly #size: number;

	/** `populationSize` profiles per slot. */
	constructor(populationSize: number) {
		this.#size = populationSize;
	}

	push(time: number, slot: number, index: number): void {
		this.#queue.push(time, slot * this.#size + index);
	}

	clear(): void {
		this.#queue.clear();
	}

	/** The time of the next current wake-up, or Infinity; stale entries are dropped on the way. */
	nextTime(isCurrent: (slot: number, index: number, time: number) => boolean): number {
		const queue = this.#queue;
		while (queue.size > 0) {
			const time = queue.peekTime();
			if (isCurrent(this.nextSlot, this.nextIndex, time)) return time;
			queue.pop();
		}
		return Infinity;
	}

	/** The slot of the earliest entry (only valid when one is queued). */
	get nextSlot(): number {
		return Math.floor(this.#queue.peekKey() / this.#size);
	}

	/** The profile index of the earliest entry (only valid when one is queued). */
	get nextIndex(): number {
		return this.#queue.peekKey() % this.#size;
	}

	/** Removes the earliest entry, once its owner has read it. */
	pop(): void {
		this.#queue.pop();
	}
}
