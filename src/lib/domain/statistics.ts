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
	partnerCode: z.string().nullable(),
	message: z.string()
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntrySchema>;
