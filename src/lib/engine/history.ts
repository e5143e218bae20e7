import { HEALTHY_PARTNER, isHealthy, SLOW_PARTNER, type FaultSettings } from '$lib/domain/faults';

/**
 * The faults a generated history shows, so a demo's 90 days look like real operations: an
 * expired Meta token for two days, a DV360 outage and a quota day, a slow Xandr, partners that
 * reject a few profiles. `daysBeforeEnd` counts back from the end of the history (1 = its last day).
 * Faults set on the connector now (`present`, a scenario's for instance) rule its last day, so
 * the history leads up to what the user sees when the simulator starts.
 */
export function historyFaults(partnerId: string, daysBeforeEnd: number, present?: FaultSettings): FaultSettings {
	if (daysBeforeEnd === 1 && present && !isHealthy(present)) return { ...present };
	const base = { ...HEALTHY_PARTNER };
	switch (partnerId) {
		case 'meta':
			if (daysBeforeEnd === 20 || daysBeforeEnd === 19) return { ...base, credentials: 'expired' };
			return { ...base, rejectionRate: 0.01 };
		case 'dv360':
			if (daysBeforeEnd === 45) return { ...base, outage: 'partnerError' };
			if (daysBeforeEnd === 30) return { ...base, throttled: true };
			return base;
		case 'xandr':
			if (daysBeforeEnd === 12 || daysBeforeEnd === 11) return { ...base, slow: { ...SLOW_PARTNER } };
			return { ...base, rejectionRate: 0.04 };
		case 'cm360':
			return { ...base, rejectionRate: 0.02 };
		case 'mailchimp':
			if (daysBeforeEnd === 60) return { ...base, throttled: true };
			return { ...base, rejectionRate: 0.01 };
		case 'azure':
			if (daysBeforeEnd === 70) return { ...base, outage: 'empty500' };
			return base;
		case 'clang':
			if (daysBeforeEnd === 33) return { ...base, notAllowlisted: true };
			return base;
		default:
			return base;
	}
}
