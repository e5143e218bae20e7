import { messageOf } from '$lib/domain/message';
import { observe, type Subscription, type WorkspaceStore } from '$lib/db';
import type { DailyStatistics } from '$lib/domain/statistics';

/** Redraws while the simulator runs happen at most this often. */
export const LIVE_UPDATE_MS = 1000;

/**
 * Daily statistics of some connectors over a span of days, kept current while the engine
 * writes (a live query), but handed on at most once a second so charts redraw calmly.
 * Call destroy() when the page that made it goes away.
 */
export class StatisticsFeed {
	#rows = $state.raw<DailyStatistics[]>([]);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#subscription: Subscription | null = null;
	#pending: DailyStatistics[] | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastApplied = 0;
	#key = '';
	readonly #store: WorkspaceStore;

	constructor(store: WorkspaceStore) {
		this.#store = store;
	}

	/** Follows these connectors from `fromDay` to `toDay` inclusive; a call with the same span is a no-op. */
	follow(connectorIds: readonly string[], fromDay: string, toDay: string): void {
		const key = `${connectorIds.join(',')}|${fromDay}|${toDay}`;
		if (key === this.#key) return;
		this.#key = key;
		this.#subscription?.unsubscribe();
		this.#clearTimer();
		this.#loaded = false;
		const ids = [...connectorIds];
		this.#lastApplied = 0;
		this.#subscription = observe(
			() => this.#store.statistics.daily(ids, fromDay, toDay),
			(rows) => this.#offer(rows),
			(error) => {
				this.#error = messageOf(error);
			}
		);
	}

	get rows(): DailyStatistics[] {
		return this.#rows;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	get error(): string | null {
		return this.#error;
	}

	destroy(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = null;
		this.#clearTimer();
	}

	#offer(rows: DailyStatistics[]): void {
		const wait = this.#lastApplied + LIVE_UPDATE_MS - Date.now();
		if (!this.#loaded || wait <= 0) {
			this.#apply(rows);
			return;
		}
		// Keep only the newest rows; one timer hands them on when the second is up.
		this.#pending = rows;
		this.#timer ??= setTimeout(() => {
			this.#timer = null;
			if (this.#pending) this.#apply(this.#pending);
		}, wait);
	}

	#apply(rows: DailyStatistics[]): void {
		this.#pending = null;
		this.#lastApplied = Date.now();
		this.#rows = rows;
		this.#loaded = true;
		this.#error = null;
	}

	#clearTimer(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending = null;
	}
}
