import { addCounts, DeliveryLogEntrySchema, emptyCounts, type DailyStatistics, type DeliveryLogEntry, type HourlyStatistics, type StatisticsIncrement } from '$lib/domain/statistics';
import { EngineStateSchema, HistoryProgressSchema, type EngineState, type HistoryProgress } from '$lib/domain/engine-state';
import { dayInZone } from '$lib/domain/time';
import type { SandboxDatabase } from './database';

export interface EngineCommit {
	increments: StatisticsIncrement[];
	log: DeliveryLogEntry[];
	/**
	 * The engine state to resume from; written in the same transaction as the statistics. Left
	 * out by a history's daily commits, which change only the history's progress.
	 */
	state?: EngineState;
	/** A history generation's progress to keep (an object), or to forget as done (null). */
	history?: Omit<HistoryProgress, 'id'> | null;
	timeZone: string;
}

/** Recent requests kept per connector, beyond the examples per day and category. */
export const LOG_RING_SIZE = 200;

/**
 * Statistics (hourly detail and daily roll-ups in the workspace's time zone), the delivery log
 * and the engine's checkpoint. A commit is one transaction: a crash or reload neither loses nor
 * double counts a finished batch.
 */
export class StatisticsRepository {
	// Per connector, the ring's entries oldest first; loaded on the first commit that needs it.
	readonly #rings = new Map<string, Array<{ id: string; at: number }>>();

	constructor(private readonly db: SandboxDatabase) {}

	commit(commit: EngineCommit): Promise<void> {
		const { hourlyStatistics, dailyStatistics, deliveryLog, engineState } = this.db;
		const committed = this.db.transaction('rw', [hourlyStatistics, dailyStatistics, deliveryLog, engineState], async () => {
			// Sum increments per row first, then read every row they touch in one request per table:
			// one awaited read per row made a day of history wait on hundreds of round trips.
			const hourly = new Map<string, HourlyStatistics>();
			const daily = new Map<string, DailyStatistics>();
			for (const { connectorId, hour, counts } of commit.increments) {
				const hourKey = `${connectorId}\u0000${hour}`;
				const h = hourly.get(hourKey) ?? { connectorId, hour, counts: emptyCounts() };
				hourly.set(hourKey, { ...h, counts: addCounts(h.counts, counts) });
				const day = dayInZone(hour, commit.timeZone);
				const dayKey = `${connectorId}\u0000${day}`;
				const d = daily.get(dayKey) ?? { connectorId, day, counts: emptyCounts() };
				daily.set(dayKey, { ...d, counts: addCounts(d.counts, counts) });
			}
			const hourRows = [...hourly.values()];
			const dayRows = [...daily.values()];
			const [storedHours, storedDays] = await Promise.all([
				hourlyStatistics.bulkGet(hourRows.map((row): [string, number] => [row.connectorId, row.hour])),
				dailyStatistics.bulkGet(dayRows.map((row): [string, string] => [row.connectorId, row.day]))
			]);
			await hourlyStatistics.bulkPut(hourRows.map((row, i) => (storedHours[i] ? { ...row, counts: addCounts(storedHours[i].counts, row.counts) } : row)));
			await dailyStatistics.bulkPut(dayRows.map((row, i) => (storedDays[i] ? { ...row, counts: addCounts(storedDays[i].counts, row.counts) } : row)));
			if (commit.log.length > 0) {
				const entries = commit.log.map((entry) => DeliveryLogEntrySchema.parse(entry));
				await deliveryLog.bulkPut(entries);
				await this.#trimRings(entries);
			}
			if (commit.state) await engineState.put(EngineStateSchema.parse(commit.state));
			if (commit.history) await engineState.put(HistoryProgressSchema.parse({ id: 'history', ...commit.history }));
			else if (commit.history === null) await engineState.delete('history');
		});
		// A failed commit changed nothing stored, so what the rings knew in memory is reread.
		return committed.catch((error: unknown) => {
			this.#rings.clear();
			throw error;
		});
	}

	/** Removes every statistic and log entry (before history is generated anew). */
	clearAll(): Promise<void> {
		const { hourlyStatistics, dailyStatistics, deliveryLog } = this.db;
		return this.db.transaction('rw', [hourlyStatistics, dailyStatistics, deliveryLog], async () => {
			await hourlyStatistics.clear();
			await dailyStatistics.clear();
			await deliveryLog.clear();
			this.#rings.clear();
		});
	}

	async engineState(): Promise<EngineState | undefined> {
		const stored = await this.db.engineState.get('engine');
		return stored?.id === 'engine' ? stored : undefined;
	}

	/** How far a history generation got, if one is under way or was cut short. */
	async historyProgress(): Promise<Omit<HistoryProgress, 'id'> | undefined> {
		const stored = await this.db.engineState.get('history');
		return stored?.id === 'history' ? { days: stored.days, done: stored.done } : undefined;
	}

	/** Daily statistics of the given connectors from `fromDay` to `toDay` inclusive ("YYYY-MM-DD"). */
	daily(connectorIds: readonly string[], fromDay: string, toDay: string): Promise<DailyStatistics[]> {
		// One key range per connector on the [connectorId+day] key, read in one transaction: only
		// the rows asked for are read, however many other connectors and days the store holds.
		const { dailyStatistics } = this.db;
		return this.db.transaction('r', dailyStatistics, async () => {
			const parts = await Promise.all(
				[...new Set(connectorIds)].map((id) => dailyStatistics.where('[connectorId+day]').between([id, fromDay], [id, toDay], true, true).toArray())
			);
			return parts.flat();
		});
	}

	/** Hourly statistics of every connector with hours in [from, to) (for alert rules). */
	hourlyOfAll(from: number, to: number): Promise<HourlyStatistics[]> {
		return this.db.hourlyStatistics.where('hour').between(from, to).toArray();
	}

	/** Hourly statistics of one connector in [from, to). */
	hourly(connectorId: string, from: number, to: number): Promise<HourlyStatistics[]> {
		return this.db.hourlyStatistics.where('[connectorId+hour]').between([connectorId, from], [connectorId, to]).toArray();
	}

	/** The most recent requests of a connector, newest first. */
	recentRequests(connectorId: string, limit = LOG_RING_SIZE): Promise<DeliveryLogEntry[]> {
		return this.db.deliveryLog.where('[connectorId+at]').between([connectorId, -Infinity], [connectorId, Infinity]).reverse().limit(limit).toArray();
	}

	/** Requests kept for one connector and day (the examples behind a chart's bar). */
	requestsOfDay(connectorId: string, day: string): Promise<DeliveryLogEntry[]> {
		return this.db.deliveryLog.where('[connectorId+day]').equals([connectorId, day]).toArray();
	}

	/**
	 * Keeps each connector's ring of recent requests at LOG_RING_SIZE (examples are kept apart).
	 * The ring's keys are read once per connector and then followed in memory, so a commit
	 * deletes exactly what falls out instead of walking the whole log again.
	 */
	async #trimRings(added: readonly DeliveryLogEntry[]): Promise<void> {
		const evicted: string[] = [];
		for (const connectorId of new Set(added.map((e) => e.connectorId))) {
			let ring = this.#rings.get(connectorId);
			if (!ring) {
				const stored = await this.db.deliveryLog
					.where('[connectorId+at]')
					.between([connectorId, -Infinity], [connectorId, Infinity])
					.filter((entry) => !entry.example)
					.toArray();
				ring = stored.map((e) => ({ id: e.id, at: e.at }));
				this.#rings.set(connectorId, ring);
			} else {
				for (const entry of added) if (entry.connectorId === connectorId && !entry.example) ring.push({ id: entry.id, at: entry.at });
			}
			ring.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
			if (ring.length > LOG_RING_SIZE) evicted.push(...ring.splice(0, ring.length - LOG_RING_SIZE).map((e) => e.id));
		}
		if (evicted.length > 0) await this.db.deliveryLog.bulkDelete(evicted);
	}
}
