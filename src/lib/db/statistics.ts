import { addCounts, DeliveryLogEntrySchema, emptyCounts, type DailyStatistics, type DeliveryLogEntry, type HourlyStatistics, type StatisticsIncrement } from '$lib/domain/statistics';
import { EngineStateSchema, type EngineState } from '$lib/domain/engine-state';
import { dayInZone } from '$lib/domain/time';
import type { SandboxDatabase } from './database';

export interface EngineCommit {
	increments: StatisticsIncrement[];
	log: DeliveryLogEntry[];
	/** The engine state to resume from; written in the same transaction as the statistics. */
	state: EngineState;
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
	constructor(private readonly db: SandboxDatabase) {}

	commit(commit: EngineCommit): Promise<void> {
		const { hourlyStatistics, dailyStatistics, deliveryLog, engineState } = this.db;
		return this.db.transaction('rw', [hourlyStatistics, dailyStatistics, deliveryLog, engineState], async () => {
			const hourly = new Map<string, HourlyStatistics>();
			const daily = new Map<string, DailyStatistics>();
			for (const { connectorId, hour, counts } of commit.increments) {
				const hourKey = `${connectorId}\u0000${hour}`;
				const h = hourly.get(hourKey) ?? (await hourlyStatistics.get([connectorId, hour])) ?? { connectorId, hour, counts: emptyCounts() };
				hourly.set(hourKey, { ...h, counts: addCounts(h.counts, counts) });
				const day = dayInZone(hour, commit.timeZone);
				const dayKey = `${connectorId}\u0000${day}`;
				const d = daily.get(dayKey) ?? (await dailyStatistics.get([connectorId, day])) ?? { connectorId, day, counts: emptyCounts() };
				daily.set(dayKey, { ...d, counts: addCounts(d.counts, counts) });
			}
			await hourlyStatistics.bulkPut([...hourly.values()]);
			await dailyStatistics.bulkPut([...daily.values()]);
			if (commit.log.length > 0) {
				await deliveryLog.bulkPut(commit.log.map((entry) => DeliveryLogEntrySchema.parse(entry)));
				for (const connectorId of new Set(commit.log.map((e) => e.connectorId))) await this.#trim(connectorId);
			}
			await engineState.put(EngineStateSchema.parse(commit.state));
		});
	}

	/** Removes every statistic and log entry (before history is generated anew). */
	clearAll(): Promise<void> {
		const { hourlyStatistics, dailyStatistics, deliveryLog } = this.db;
		return this.db.transaction('rw', [hourlyStatistics, dailyStatistics, deliveryLog], async () => {
			await hourlyStatistics.clear();
			await dailyStatistics.clear();
			await deliveryLog.clear();
		});
	}

	engineState(): Promise<EngineState | undefined> {
		return this.db.engineState.get('engine');
	}

	/** Daily statistics of the given connectors from `fromDay` to `toDay` inclusive ("YYYY-MM-DD"). */
	daily(connectorIds: readonly string[], fromDay: string, toDay: string): Promise<DailyStatistics[]> {
		return this.db.dailyStatistics
			.where('day')
			.between(fromDay, toDay, true, true)
			.filter((row) => connectorIds.includes(row.connectorId))
			.toArray();
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

	async #trim(connectorId: string): Promise<void> {
		const ring = await this.db.deliveryLog
			.where('[connectorId+at]')
			.between([connectorId, -Infinity], [connectorId, Infinity])
			.reverse()
			.filter((entry) => !entry.example)
			.offset(LOG_RING_SIZE)
			.primaryKeys();
		if (ring.length > 0) await this.db.deliveryLog.bulkDelete(ring);
	}
}
