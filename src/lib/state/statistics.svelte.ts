import type { WorkspaceStore } from '$lib/db';
import type { DailyStatistics } from '$lib/domain/statistics';
import { LiveQuery } from './live-query.svelte';

/** Redraws while the simulator runs happen at most this often. */
export const LIVE_UPDATE_MS = 1000;

/**
 * Daily statistics of some connectors over a span of days, kept current while the engine
 * writes (a live query), but handed on at most once a second so charts redraw calmly.
 * Call destroy() when the page that made it goes away.
 */
export class StatisticsFeed {
	#query = new LiveQuery<DailyStatistics[]>([], undefined, { calmMs: LIVE_UPDATE_MS });
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
		const ids = [...connectorIds];
		this.#query.follow(() => this.#store.statistics.daily(ids, fromDay, toDay));
	}

	get rows(): DailyStatistics[] {
		return this.#query.value;
	}

	get loaded(): boolean {
		return this.#query.loaded;
	}

	get error(): string | null {
		return this.#query.error;
	}

	destroy(): void {
		this.#query.destroy();
	}
}
