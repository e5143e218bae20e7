import { z } from 'zod';

/** The statistics categories of the product; partner error codes are counted per code. */
export const OutcomeCountsSchema = z.object({
	sent: z.number().int().nonnegative(),
	removed: z.number().int().nonnegative(),
	otherError: z.number().int().nonnegative(),
	invalidCredentials: z.number().int().nonnegative(),
	timeout: z.number().int().nonnegative(),
	/** Profiles without the identifier the partner needs: counted, never sent, never a bar. */
	skipped: z.number().int().nonnegative(),
	/** Messages dropped because their connector was deactivated before they were sent. */
	cancelled: z.number().int().nonnegative(),
	partnerErrors: z.record(z.string(), z.number().int().nonnegative())
});
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

export function emptyCounts(): OutcomeCounts {
	return { sent: 0, removed: 0, otherError: 0, invalidCredentials: 0, timeout: 0, skipped: 0, cancelled: 0, partnerErrors: {} };
}

/** One hour of one connector's outcomes; `hour` is the epoch milliseconds the hour starts at. */
export const HourlyStatisticsSchema = z.object({
	connectorId: z.string().min(1),
	hour: z.number().int().nonnegative(),
	counts: OutcomeCountsSchema
});
export type HourlyStatistics = z.infer<typeof HourlyStatisticsSchema>;

/** Outcomes of the messages that ended since the last commit, by connector and UTC hour. */
export interface StatisticsIncrement {
	connectorId: string;
	hour: number;
	counts: OutcomeCounts;
}

/** One day (in the workspace's time zone, "YYYY-MM-DD") of one connector's outcomes. */
export const DailyStatisticsSchema = z.object({
	connectorId: z.string().min(1),
	day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	counts: OutcomeCountsSchema
});
export type DailyStatistics = z.infer<typeof DailyStatisticsSchema>;

export const OutcomeCategorySchema = z.enum([
	'sent',
	'removed',
	'otherError',
	'invalidCredentials',
	'timeout',
	'partnerError',
	'skipped',
	'cancelled'
]);
export type OutcomeCategory = z.infer<typeof OutcomeCategorySchema>;

/** One request as the delivery log keeps it: secrets masked, bodies sampled. */
export const DeliveryLogEntrySchema = z.object({
	id: z.string().min(1),
	connectorId: z.string().min(1),
	at: z.number().int().nonnegative(),
	method: z.string().min(1),
	url: z.string().min(1),
	requestHeaders: z.record(z.string(), z.string()),
	requestBodySample: z.string(),
	status: z.number().int().nullable(),
	responseSample: z.string(),
	latencyMs: z.number().nonnegative(),
	attempt: z.number().int().min(1),
	category: OutcomeCategorySchema,
	/**
	 * A request the partner took while refusing some of its profiles is logged as sent or
	 * removed; this says how the refused ones count (and `partnerCode` carries their code).
	 */
	rejectedCategory: OutcomeCategorySchema.nullable().optional(),
	partnerCode: z.string().nullable(),
	message: z.string(),
	/** The workspace day it belongs to, so a chart's bar can show the requests behind it. */
	day: z.string(),
	/** Kept as an example for its connector, day and category, beyond the ring of recent requests. */
	example: z.boolean()
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntrySchema>;

/** Adds b into a (partner error codes merged). */
export function addCounts(a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts {
	const partnerErrors = { ...a.partnerErrors };
	for (const [code, count] of Object.entries(b.partnerErrors)) partnerErrors[code] = (partnerErrors[code] ?? 0) + count;
	return {
		sent: a.sent + b.sent,
		removed: a.removed + b.removed,
		otherError: a.otherError + b.otherError,
		invalidCredentials: a.invalidCredentials + b.invalidCredentials,
		timeout: a.timeout + b.timeout,
		skipped: a.skipped + b.skipped,
		cancelled: a.cancelled + b.cancelled,
		partnerErrors
	};
}

/** Errors of every kind in a set of counts. */
export function errorTotal(counts: OutcomeCounts): number {
	return counts.otherError + counts.invalidCredentials + counts.timeout + Object.values(counts.partnerErrors).reduce((a, b) => a + b, 0);
}
