import { HEALTHY_PARTNER, isHealthy, type FaultSettings } from '$lib/domain/faults';
import { partnerById } from '$lib/partners/registry';

/**
 * The faults a generated history shows, so a demo's 90 days look like real operations: each
 * partner declares its own (`historyFaults` in its definition: an expired Meta token for two
 * days, a DV360 outage, a slow Xandr...). `daysBeforeEnd` counts back from the end of the
 * history (1 = its last day). Faults set on the connector now (`present`, a scenario's for
 * instance) rule its last day, so the history leads up to what the user sees when the simulator
 * starts.
 */
export function historyFaults(partnerId: string, daysBeforeEnd: number, present?: FaultSettings): FaultSettings {
	if (daysBeforeEnd === 1 && present && !isHealthy(present)) return { ...present };
	return { ...HEALTHY_PARTNER, ...partnerById(partnerId)?.historyFaults(daysBeforeEnd) };
}
