import { z } from 'zod';

/**
 * The mock partner's behaviour for one connector: the fault knobs a trainer or a sales
 * engineer turns to show what the statistics look like when a partner misbehaves. Stored per
 * connector and exported with the workspace.
 */
export const FaultSettingsSchema = z.object({
	credentials: z.enum(['valid', 'expired', 'invalid']),
	notAllowlisted: z.boolean(),
	throttled: z.boolean(),
	outage: z.enum(['none', 'partnerError', 'empty500']),
	slow: z.object({ medianMs: z.number().int().min(1).max(60_000), spread: z.number().min(0).max(2) }).nullable(),
	malformed: z.enum(['none', 'htmlPage', 'truncatedJson']),
	rejectionRate: z.number().min(0).max(1),
	answerWith: z.string().min(1).nullable()
});
export type FaultSettings = z.infer<typeof FaultSettingsSchema>;

export const HEALTHY_PARTNER: FaultSettings = {
	credentials: 'valid',
	notAllowlisted: false,
	throttled: false,
	outage: 'none',
	slow: null,
	malformed: 'none',
	rejectionRate: 0,
	answerWith: null
};

/** A slow partner: the median answer takes 2.5 s, and a long tail passes the 3 s timeout. */
export const SLOW_PARTNER = { medianMs: 2500, spread: 0.6 } as const;

/** The stored record: one per connector that has any fault set. */
export const ConnectorFaultsSchema = z.object({
	connectorId: z.string().min(1),
	faults: FaultSettingsSchema,
	updatedAt: z.number().int().nonnegative()
});
export type ConnectorFaults = z.infer<typeof ConnectorFaultsSchema>;

/** Whether the partner behaves normally for this connector. */
export function isHealthy(faults: FaultSettings): boolean {
	return (Object.keys(HEALTHY_PARTNER) as Array<keyof FaultSettings>).every((key) => faults[key] === HEALTHY_PARTNER[key]);
}
