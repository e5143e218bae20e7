import { HEALTHY_PARTNER, SLOW_PARTNER, type FaultSettings } from '$lib/domain/faults';

/** One-choice fault settings for the Simulator's table; the connector page has every knob. */
export const FAULT_PRESETS: ReadonlyArray<{ id: string; label: string; faults: FaultSettings }> = [
	{ id: 'healthy', label: 'Healthy', faults: HEALTHY_PARTNER },
	{ id: 'expired', label: 'Expired credentials', faults: { ...HEALTHY_PARTNER, credentials: 'expired' } },
	{ id: 'invalid', label: 'Invalid credentials', faults: { ...HEALTHY_PARTNER, credentials: 'invalid' } },
	{ id: 'notAllowlisted', label: 'Not allowlisted', faults: { ...HEALTHY_PARTNER, notAllowlisted: true } },
	{ id: 'throttled', label: 'Throttled', faults: { ...HEALTHY_PARTNER, throttled: true } },
	{ id: 'outage', label: "Outage (partner's 5xx)", faults: { ...HEALTHY_PARTNER, outage: 'partnerError' } },
	{ id: 'empty500', label: 'Empty HTTP 500', faults: { ...HEALTHY_PARTNER, outage: 'empty500' } },
	{ id: 'slow', label: 'Slow partner', faults: { ...HEALTHY_PARTNER, slow: { ...SLOW_PARTNER } } },
	{ id: 'htmlPage', label: 'HTML error page', faults: { ...HEALTHY_PARTNER, malformed: 'htmlPage' } },
	{ id: 'truncatedJson', label: 'Truncated JSON', faults: { ...HEALTHY_PARTNER, malformed: 'truncatedJson' } },
	{ id: 'rejections', label: '10% of profiles rejected', faults: { ...HEALTHY_PARTNER, rejectionRate: 0.1 } }
];

/** The preset a connector's settings match, or "custom" when several knobs are on. */
export function presetOf(faults: FaultSettings): string {
	const key = (f: FaultSettings) => JSON.stringify((Object.keys(HEALTHY_PARTNER) as Array<keyof FaultSettings>).map((k) => f[k]));
	return FAULT_PRESETS.find((preset) => key(preset.faults) === key(faults))?.id ?? 'custom';
}
