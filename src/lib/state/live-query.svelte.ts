import { messageOf } from '$lib/domain/message';
import { observe, type Subscription } from '$lib/db';

export interface LiveQueryOptions<T> {
	/**
	 * Hands a new result on at most this often (the first at once), keeping only the newest in
	 * between, so a chart redraws calmly while the engine writes many times a second.
	 */
	calmMs?: number;
	/** Called with each result as it is taken, for what must happen on a change besides showing it. */
	onValue?: (value: T) => void;
}

/**
 * A read from the workspace kept current as the tables it read change, here or in another
 * tab (a Dexie live query), with whether it has loaded and why it failed. Every state class
 * that shows stored records reads through one of these. Call destroy() when done.
 */
export class LiveQuery<T> {
	#value = $state.raw<T>(undefined as T);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#subscription: Subscription | null = null;
	#pending: { value: T } | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastTaken = 0;
	readonly #options: LiveQueryOptions<T>;

	/** Starts with `initial` and follows `query` at once when given (else on `follow`). */
	constructor(initial: T, query?: () => Promise<T>, options: LiveQueryOptions<T> = {}) {
		this.#value = initial;
		this.#options = options;
		if (query) this.follow(query);
	}

	/** The latest result (the initial value until the first one arrives). */
	get value(): T {
		return this.#value;
	}

	/** Whether a result of the current query has arrived. */
	get loaded(): boolean {
		return this.#loaded;
	}

	/** Why the last read failed, until one succeeds again. */
	get error(): string | null {
		return this.#error;
	}

	/** Follows another query instead; the value stays until the new query's first result. */
	follow(query: () => Promise<T>): void {
		this.#stop();
		this.#loaded = false;
		this.#lastTaken = 0;
		this.#subscription = observe(
			query,
			(value) => this.#offer(value),
			(error) => (this.#error = messageOf(error))
		);
	}

	destroy(): void {
		this.#stop();
	}

	#offer(value: T): void {
		const wait = this.#lastTaken + (this.#options.calmMs ?? 0) - Date.now();
		if (!this.#loaded || wait <= 0) {
			this.#take(value);
			return;
		}
		// Keep only the newest result; one timer hands it on when the pause is over.
		this.#pending = { value };
		this.#timer ??= setTimeout(() => {
			this.#timer = null;
			if (this.#pending) this.#take(this.#pending.value);
		}, wait);
	}

	#take(value: T): void {
		this.#pending = null;
		this.#lastTaken = Date.now();
		this.#value = value;
		this.#loaded = true;
		this.#error = null;
		this.#options.onValue?.(value);
	}

	#stop(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = null;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending = null;
	}
}
