import { z } from 'zod';
import { addCounts, emptyCounts, errorTotal, type HourlyStatistics } from './statistics';
import { HOUR_MS, hourStart } from './time';

/** A connector's alert rule: raise when its error rate over the last sandbox hour reaches a threshold. */
export const AlertSettingsSchema = z.object({
	connectorId: z.string().min(1),
	enabled: z.boolean(),
	/** Error rate in percent (1-100) at or above which an alert is raised. */
	thresholdPercent: z.number({ error: 'The threshold must be a number.' }).min(1, 'The threshold must be at least 1 %.').max(100, 'The threshold cannot exceed 100 %.'),
	/** Messages the hour must have before its rate counts, so three failures of four do not alarm anyone. */
	minimumMessages: z
		.number({ error: 'The minimum must be a number.' })
		.int('The minimum must be a whole number of messages.')
		.min(1, 'The minimum must be at least 1 message.')
		.max(1_000_000, 'The minimum cannot exceed 1,000,000 messages.')
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

export function defaultAlertSettings(connectorId: string): AlertSettings {
	return { connectorId, enabled: true, thresholdPercent: 20, minimumMessages: 50 };
}

/** A raised alert; it stays until someone acknowledges it. */
export const AlertSchema = z.object({
	id: z.string().min(1),
	connectorId: z.string().min(1),
	/** Sandbox time it was raised at. */
	raisedAt: z.number().int().nonnegative(),
	errorRate: z.number().min(0).max(1),
	messages: z.number().int().nonnegative(),
	errors: z.number().int().nonnegative(),
	thresholdPercent: z.number(),
	acknowledgedAt: z.number().int().nonnegative().nullable()
});
export type Alert = z.infer<typeof AlertSchema>;

export interface HourWindow {
	messages: number;
	errors: number;
	errorRate: number;
}

/**
 * Messages and errors of one connector in the hour before `now` (sandbox time). Statistics
 * are kept per UTC hour, so the previous hour counts for the part of it still in the window.
 */
export function lastHour(hourly: readonly HourlyStatistics[], now: number): HourWindow {
	const current = hourStart(now);
	const previous = current - HOUR_MS;
	const share = 1 - (now - current) / HOUR_MS;
	let counts = emptyCounts();
	let weightedErrors = 0;
	let weightedMessages = 0;
	for (const row of hourly) {
		const weight = row.hour === current ? 1 : row.hour === previous ? share : 0;
		if (weight === 0) continue;
		counts = addCounts(counts, row.counts);
		const errors = errorTotal(row.counts);
		weightedErrors += errors * weight;
		weightedMessages += (row.counts.sent + row.counts.removed + errors) * weight;
	}
	const messages = Math.round(weightedMessages);
	const errors = Math.round(weightedErrors);
	return { messages, errors, errorRate: weightedMessages === 0 ? 0 : weightedErrors / weightedMessages };
}

/** Whether the last hour breaks a connector's rule. */
export function breaches(window: HourWindow, settings: AlertSettings): boolean {
	return settings.enabled && window.messages >= settings.minimumMessages && window.errorRate * 100 >= settings.thresholdPercent;
}
