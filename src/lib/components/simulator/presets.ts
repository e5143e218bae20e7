import { HEALTHY_PARTNER, isHealthy, SLOW_PARTNER, type FaultSettings } from '$lib/domain/faults';

/** One-choice fault settings for the Simulator's table; the full panel has every knob. */
export const FAULT_PRESETS: ReadonlyArray<{ id: string; label: string; faults: FaultSettings }> = [
	{ id: 'healthy', label: 'Healthy', faults: HEALTHY_PARTNER },
	{ id: 'expired', label: 'Expired credentials', faults: { ...HEALTHY_PARTNER, credentials: 'expired' } },
	{ id: 'invalid', label: 'Invalid credentials', faults: { ...HEALTHY_PARTNER, credentials: 'invalid' } },
	{ id: 'notAllowlisted', label: 'Not allowlisted', faults: { ...HEALTHY_PARTNER, notAllowlisted: true } },
	{ id: 'throttled', label: 'Throttled', faults: { ...HEALTHY_PARTNER, throttled: true } },
	{ id: 'outage', label: 'Outage (partner 5xx)', faults: { ...HEALTHY_PARTNER, outage: 'partnerError' } },
	{ id: 'empty500', label: 'Empty HTTP 500', faults: { ...HEALTHY_PARTNER, outage: 'empty500' } },
	{ id: 'slow', label: 'Slow partner', faults: { ...HEALTHY_PARTNER, slow: { ...SLOW_PARTNER } } },
	{ id: 'htmlPage', label: 'HTML error page', faults: { ...HEALTHY_PARTNER, malformed: 'htmlPage' } },
	{ id: 'truncatedJson', label: 'Truncated JSON', faults: { ...HEALTHY_PARTNER, malformed: 'truncatedJson' } },
	{ id: 'rejections', label: '10% of profiles rejected', faults: { ...HEALTHY_PARTNER, rejectionRate: 0.1 } }
];

/** What a connector's fault knobs amount to, as the table's select shows it. */
export type FaultChoice = { kind: 'preset'; id: string } | { kind: 'answer'; errorId: string } | { kind: 'custom' };

const KNOBS = Object.keys(HEALTHY_PARTNER) as Array<keyof FaultSettings>;
const key = (faults: FaultSettings) => JSON.stringify(KNOBS.map((knob) => faults[knob]));

/** The preset a connector's settings match; a chosen error alone; otherwise "custom" (several knobs on). */
export function faultChoiceOf(faults: FaultSettings): FaultChoice {
	if (isHealthy(faults)) return { kind: 'preset', id: 'healthy' };
	const preset = FAULT_PRESETS.find((p) => key(p.faults) === key(faults));
	if (preset) return { kind: 'preset', id: preset.id };
	if (faults.answerWith !== null && isHealthy({ ...faults, answerWith: null })) return { kind: 'answer', errorId: faults.answerWith };
	return { kind: 'custom' };
}
